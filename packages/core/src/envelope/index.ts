import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from '../_lib/canonicalJson.js';

export { canonicalJson };

/** How a step reached the center (design §2). */
export const channels = ['window', 'online', 'mail', 'agent', 'system'] as const;
/** One of {@link channels}. */
export type Channel = (typeof channels)[number];

/** Who did it: a person or a process, with the role the rules check (e.g. `head`). */
export interface Actor {
  readonly id: string;
  readonly role: string;
}

/**
 * Metadata of a stored event (design §2). `occurredAt` is the business instant (earlier
 * than `recordedAt` when a terminal was offline); deadlines use `occurredAt`.
 */
export interface EventMeta {
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly channel: Channel;
  /** The center or sub-center that wrote the event. */
  readonly node: string;
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Version of the working-day calendar used for any deadline in the payload. */
  readonly calendarVersion?: string;
}

/**
 * An event as the store holds it. `position` is store-local (a JSONL log's position is its
 * line number); everything else is covered by `hash`.
 */
export interface StoredEvent<TType extends string = string, TData = unknown> {
  readonly id: string;
  readonly stream: string;
  readonly version: number;
  readonly position: number;
  readonly type: TType;
  readonly schema: number;
  readonly data: TData;
  readonly meta: EventMeta;
  readonly hash: string;
}

/** An event as it travels between stores and logs: a stored event without its local position. */
export type RecordedEvent<TType extends string = string, TData = unknown> = Omit<StoredEvent<TType, TData>, 'position'>;

/** What a caller gives `append`: the store assigns version, position, hash and missing meta. */
export interface NewEvent<TType extends string = string, TData = unknown> {
  /** Global id; omit it and the store makes one. Appending an id that exists is a no-op. */
  readonly id?: string;
  readonly type: TType;
  /** Schema version of the payload; defaults to the registry's current version (or 1). */
  readonly schema?: number;
  readonly data: TData;
  readonly meta?: Partial<EventMeta>;
}

/** Turns text into a lowercase hex SHA-256. Stores may pass a faster native one. */
export type Hasher = (text: string) => string;

const encoder = new TextEncoder();

/**
 * SHA-256 of a UTF-8 string as lowercase hex, in pure JavaScript (runs in browsers).
 *
 * @example
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export const sha256Hex: Hasher = (text) => bytesToHex(sha256(encoder.encode(text)));

/** The hash of a stream's first event is chained to this. */
export const GENESIS_HASH = '';

/**
 * The text an event's hash covers: canonical JSON of everything but `position` and `hash`.
 *
 * @example
 * hashInput(event); // '{"data":…,"id":"…","meta":…,"schema":1,"stream":"case-1","type":"CaseReceived","version":1}'
 */
export function hashInput(event: Omit<RecordedEvent, 'hash'>): string {
  return canonicalJson({
    id: event.id,
    stream: event.stream,
    version: event.version,
    type: event.type,
    schema: event.schema,
    data: event.data,
    meta: event.meta,
  });
}

/**
 * The canonical texts of an event's `data` and `meta`, and the {@link hashInput} built from
 * them: one canonicalization serves both the hash and the stored row, so a store never
 * serializes an event twice. `hashInput` is exactly `hashInput(event)`.
 *
 * @example
 * const { data, meta, hashInput } = encodeEvent(event);
 * const hash = sha256Hex(prevHash + hashInput);
 */
export function encodeEvent(event: Omit<RecordedEvent, 'hash'>): { readonly data: string; readonly meta: string; readonly hashInput: string } {
  const { id, stream, type, schema, version } = event;
  const data = canonicalJson(event.data);
  const meta = canonicalJson(event.meta);
  // The pieces equal the whole only for plain fields; anything else takes the general path.
  const plain =
    typeof id === 'string' && typeof stream === 'string' && typeof type === 'string' && Number.isFinite(schema) && Number.isFinite(version) && isJsonValue(event.data) && isJsonValue(event.meta);
  // A finite number's JSON is its String(); a string without characters to escape is itself in quotes.
  const input = plain
    ? `{"data":${data},"id":${jsonString(id)},"meta":${meta},"schema":${schema},"stream":${jsonString(stream)},"type":${jsonString(type)},"version":${version}}`
    : hashInput(event);
  return { data, meta, hashInput: input };
}

/**
 * `JSON.stringify(s)` for a string: `s` in quotes when no character needs an escape (no `"`,
 * `\`, control character or surrogate), which ids, stream names and types almost always are —
 * a call to the serializer for each of them cost more than the rest of the envelope.
 */
function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c < 0xe000)) return JSON.stringify(s);
  }
  return `"${s}"`;
}

/** A value canonicalJson writes in place (an object key holding it is not dropped). */
function isJsonValue(v: unknown): boolean {
  return v !== undefined && typeof v !== 'function' && typeof v !== 'symbol' && !(typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function');
}

/**
 * The chain hash of an event: `sha256(prevHash + canonicalJson(event without position and hash))`.
 *
 * @example
 * const h1 = eventHash(GENESIS_HASH, first);
 * const h2 = eventHash(h1, second);
 */
export function eventHash(prevHash: string, event: Omit<RecordedEvent, 'hash'>, hasher: Hasher = sha256Hex): string {
  return hasher(prevHash + hashInput(event));
}

/**
 * Strips the store-local position: the form an event takes in a JSONL log or on the wire.
 *
 * @example
 * toRecorded(stored); // { id, stream, version, type, schema, data, meta, hash }
 */
export function toRecorded<T extends string, D>(e: StoredEvent<T, D> | RecordedEvent<T, D>): RecordedEvent<T, D> {
  return { id: e.id, stream: e.stream, version: e.version, type: e.type, schema: e.schema, data: e.data, meta: e.meta, hash: e.hash };
}
