/**
 * Pieces every store adapter shares, so the rules of design §2 are written once:
 * stream-id and envelope checks, expected-version checks, event preparation (ids, meta,
 * versions, hash chain) and the checks on imported (already recorded) events.
 */
import { canonicalJson, channels, encodeEvent, GENESIS_HASH, type Channel, type EventMeta, type Hasher, type NewEvent, type RecordedEvent } from '../envelope/index.js';
import { ConcurrencyError, DuplicateEventIdError, IntegrityError, UnknownEventTypeError, ValidationError, type ExpectedVersion, type ValidationIssue } from '../errors/index.js';
import type { EventRegistry, UnknownEventPolicy } from '../registry/index.js';
import { sortableId } from './sortableId.js';
import type { AppendOptions } from './types.js';

// eslint-disable-next-line no-control-regex -- stream ids must not contain control characters
const STREAM_RE = /^[^\s\u0000-\u001f]{1,200}$/u;
const ID_RE = /^[A-Za-z0-9_:.-]{1,64}$/;
const channelSet: ReadonlySet<string> = new Set(channels);

/**
 * A stream id by {@link STREAM_RE}; printable ASCII of at most 200 characters (what ids almost
 * always are) passes without running the Unicode regex, which costs ~0.1 µs per event on imports.
 */
function isStreamId(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  if (s.length > 0 && s.length <= 200) {
    let ascii = true;
    for (let i = 0; i < s.length && ascii; i++) {
      const c = s.charCodeAt(i);
      ascii = c > 0x20 && c < 0x7f;
    }
    if (ascii) return true;
  }
  return STREAM_RE.test(s);
}

/**
 * Throws `ValidationError` unless `stream` is 1–200 characters without spaces or control characters.
 *
 * @example
 * assertStreamId('case-TZ-2013-000123');
 */
export function assertStreamId(stream: unknown): asserts stream is string {
  if (!isStreamId(stream)) {
    throw new ValidationError(`stream id ${JSON.stringify(stream)} is invalid: use "<aggregate>-<id>", 1–200 characters, no spaces`);
  }
}

/** An append condition as a store checks it: the types as given (for a query parameter) and as a set. */
export interface CheckedCondition {
  readonly after: number;
  readonly types: readonly string[];
  readonly typeSet: ReadonlySet<string>;
}

/**
 * Reads `options.condition` for a store that checks append conditions (design §2): `undefined`
 * without one; a `ValidationError` naming the problem for a malformed one (1–100 type names, a
 * whole `after` ≥ 0).
 *
 * @example
 * checkCondition({ condition: { types: ['ItemRevised'], after: 4 } })?.typeSet.has('ItemRevised'); // true
 */
export function checkCondition(options: AppendOptions | undefined): CheckedCondition | undefined {
  const c = options?.condition as unknown;
  if (c === undefined) return undefined;
  const { types, after } = (c ?? {}) as { types?: unknown; after?: unknown };
  if (!Array.isArray(types) || types.length === 0 || types.length > 100 || !types.every((t) => typeof t === 'string' && t.length > 0 && t.length <= 200)) {
    throw new ValidationError('condition.types must list 1–100 event type names, e.g. { types: ["ItemRevised"], after: 41 }');
  }
  if (typeof after !== 'number' || !Number.isSafeInteger(after) || after < 0) {
    throw new ValidationError(`condition.after ${JSON.stringify(after)} is invalid: give the global position ≥ 0 the caller read up to`);
  }
  return { after, types: types as string[], typeSet: new Set(types as string[]) };
}

/**
 * For a store that cannot check append conditions atomically: refuses an append that carries
 * one (`ValidationError`), before anything is written, so a condition is never silently ignored.
 *
 * @example
 * refuseCondition('nats', { expectedVersion: 3 }); // passes
 */
export function refuseCondition(kind: string, options: AppendOptions | undefined): void {
  if (options?.condition !== undefined) {
    throw new ValidationError(`the ${kind} store does not check append conditions (its appendConditions is not true): nothing was written. Read the head position before deciding instead, or use a store that checks them (memory, SQLite, PostgreSQL, or JetStream opened with appendConditions: true)`);
  }
}

/**
 * Throws `ConcurrencyError` when `actual` (the stream's version, 0 = no stream) does not satisfy `expected`.
 *
 * @example
 * checkExpectedVersion('case-1', 'no-stream', 0); // passes
 */
export function checkExpectedVersion(stream: string, expected: ExpectedVersion | undefined, actual: number): void {
  if (expected === undefined || expected === 'any') return;
  if (expected === 'no-stream') {
    if (actual !== 0) throw new ConcurrencyError(stream, expected, actual);
    return;
  }
  if (expected === 'stream-exists') {
    if (actual === 0) throw new ConcurrencyError(stream, expected, actual);
    return;
  }
  if (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 0) {
    throw new ValidationError(`expectedVersion ${JSON.stringify(expected)} is invalid: use a version number ≥ 0, 'no-stream', 'stream-exists' or 'any'`);
  }
  if (expected !== actual) throw new ConcurrencyError(stream, expected, actual);
}

function isIsoInstant(s: unknown): s is string {
  return typeof s === 'string' && (isUtcMillisInstant(s) || (s.length >= 20 && !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s)));
}

/** Two ASCII digits at `i` as a number, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The shape `toISOString()` writes (`2013-09-16T01:30:00.000Z`) with every field in range, which
 * `Date.parse` always accepts: checked without parsing (the import path meets it on every event).
 * False means "not this shape", and the caller asks `Date.parse`.
 */
function isUtcMillisInstant(s: string): boolean {
  if (s.length !== 24 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || s.charCodeAt(23) !== 90) return false;
  if (twoDigits(s, 0) < 0 || twoDigits(s, 2) < 0 || twoDigits(s, 20) < 0 || twoDigits(s, 21) < 0) return false;
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

function metaIssues(meta: Partial<EventMeta> | undefined, base: (string | number)[]): ValidationIssue[] {
  if (meta === undefined) return [];
  if (typeof meta !== 'object' || meta === null) return [{ path: base, message: 'meta must be an object' }];
  const out: ValidationIssue[] = [];
  if (meta.occurredAt !== undefined && !isIsoInstant(meta.occurredAt)) out.push({ path: [...base, 'occurredAt'], message: 'must be an ISO-8601 instant such as 2013-09-16T09:30:00+08:00' });
  if (meta.recordedAt !== undefined && !isIsoInstant(meta.recordedAt)) out.push({ path: [...base, 'recordedAt'], message: 'must be an ISO-8601 instant' });
  if (meta.channel !== undefined && !channelSet.has(meta.channel)) out.push({ path: [...base, 'channel'], message: `must be one of ${channels.join(', ')}` });
  if (meta.actor !== undefined && (typeof meta.actor !== 'object' || meta.actor === null || typeof meta.actor.id !== 'string' || typeof meta.actor.role !== 'string')) {
    out.push({ path: [...base, 'actor'], message: 'must be { id: string, role: string }' });
  }
  for (const k of ['node', 'commandId', 'correlationId', 'causationId', 'calendarVersion'] as const) {
    if (meta[k] !== undefined && typeof meta[k] !== 'string') out.push({ path: [...base, k], message: 'must be a string' });
  }
  return out;
}

/** Everything `prepareAppend` needs to know about the target stream and the store. */
export interface PrepareContext {
  readonly stream: string;
  readonly currentVersion: number;
  readonly lastHash: string;
  readonly registry: EventRegistry | undefined;
  readonly hasher: Hasher;
  readonly now: () => Date;
  readonly node: string;
  readonly newId: () => string;
  /**
   * When given, receives each recorded event's canonical JSON (hash included), made from the
   * text its hash covers instead of canonicalizing the event a second time — for a store that
   * writes exactly those bytes (the JetStream store's message body).
   */
  readonly canonical?: string[];
}

/**
 * A recorded event with the canonical texts of its `data` and `meta`: what a store writes,
 * produced by the same canonicalization that made the hash.
 */
export interface EncodedEvent {
  readonly event: RecordedEvent;
  readonly data: string;
  readonly meta: string;
}

/**
 * Validates new events and turns them into recorded events (versions, ids, meta, hash chain).
 * Pure: writes nothing. Throws `ValidationError` listing every problem.
 *
 * @example
 * const recorded = prepareAppend(events, { stream, currentVersion: 0, lastHash: GENESIS_HASH, … });
 */
export function prepareAppend(events: readonly NewEvent[], ctx: PrepareContext): RecordedEvent[] {
  return prepareEncoded(events, ctx).map((r) => r.event);
}

/**
 * {@link prepareAppend}, also returning each event's canonical `data` and `meta` texts, so a
 * store that keeps JSON text stores what was hashed without serializing it again.
 *
 * @example
 * for (const { event, data, meta } of prepareEncoded(events, ctx)) insert.run(event.id, data, meta, event.hash);
 */
export function prepareEncoded(events: readonly NewEvent[], ctx: PrepareContext): EncodedEvent[] {
  if (!Array.isArray(events)) throw new ValidationError('append takes an array of events');
  const recordedAt = ctx.now().toISOString();
  const out: EncodedEvent[] = [];
  let prev = ctx.lastHash;
  const seen = new Set<string>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as NewEvent;
    if (typeof e !== 'object' || e === null) throw new ValidationError(`event ${i} is not an object`);
    const issues = newEventIssues(e, i);
    if (issues) throw new ValidationError(`event ${i} of ${ctx.stream} is invalid`, issues);
    let schema = e.schema ?? 1;
    if (ctx.registry) {
      schema = e.schema ?? ctx.registry.currentSchema(e.type);
      try {
        ctx.registry.validate(e.type, e.data, schema);
      } catch (err) {
        if (err instanceof ValidationError) {
          throw new ValidationError(`event ${i} (${e.type}) of ${ctx.stream} is invalid`, err.issues.map((x) => ({ ...x, path: [i, ...x.path] })));
        }
        throw err;
      }
    }
    let id = e.id;
    if (id === undefined) id = ctx.newId();
    else {
      // A generated id is unique by construction; given ones may repeat.
      if (seen.has(id)) throw new ValidationError(`event id ${id} appears twice in one batch`);
      seen.add(id);
    }
    const meta = buildMeta(e.meta ?? {}, recordedAt, ctx.node);
    const event: RecordedEvent = { id, stream: ctx.stream, version: ctx.currentVersion + i + 1, type: e.type, schema, data: e.data, meta, hash: '' };
    let encoded: ReturnType<typeof encodeEvent>;
    try {
      encoded = encodeEvent(event);
    } catch (err) {
      throw new ValidationError(`event ${i} (${e.type}) of ${ctx.stream} is not JSON-serializable: ${(err as Error).message}`);
    }
    const hash = ctx.hasher(prev + encoded.hashInput);
    (event as { hash: string }).hash = hash;
    ctx.canonical?.push(withHash(encoded.hashInput, hash) ?? canonicalJson(event));
    out.push({ event, data: encoded.data, meta: encoded.meta });
    prev = hash;
  }
  return out;
}

/** The envelope problems of a new event (undefined when there are none). */
function newEventIssues(e: NewEvent, i: number): ValidationIssue[] | undefined {
  let issues: ValidationIssue[] | undefined;
  const add = (path: ValidationIssue['path'], message: string) => (issues ??= []).push({ path, message });
  if (typeof e.type !== 'string' || e.type.length === 0 || e.type.length > 100) add([i, 'type'], 'must be a non-empty string');
  if (e.id !== undefined && (typeof e.id !== 'string' || !ID_RE.test(e.id))) add([i, 'id'], 'must be 1–64 characters of A–Z a–z 0–9 _ : . -');
  if (e.schema !== undefined && (!Number.isInteger(e.schema) || e.schema < 1)) add([i, 'schema'], 'must be an integer ≥ 1');
  if (!('data' in e) || e.data === undefined) add([i, 'data'], 'is required (use {} for no payload)');
  if (e.meta !== undefined) for (const x of metaIssues(e.meta, [i, 'meta'])) add(x.path, x.message);
  return issues;
}

/** The stored meta of a new event, its keys written in canonical (sorted) order so canonicalization finds nothing to reorder. */
function buildMeta(m: Partial<EventMeta>, recordedAt: string, node: string): EventMeta {
  const out: Partial<Record<keyof EventMeta, unknown>> = { actor: m.actor ?? { id: 'system', role: 'system' } };
  if (m.calendarVersion !== undefined) out.calendarVersion = m.calendarVersion;
  if (m.causationId !== undefined) out.causationId = m.causationId;
  out.channel = (m.channel ?? 'system') as Channel;
  if (m.commandId !== undefined) out.commandId = m.commandId;
  if (m.correlationId !== undefined) out.correlationId = m.correlationId;
  out.node = m.node ?? node;
  out.occurredAt = m.occurredAt ?? recordedAt;
  out.recordedAt = m.recordedAt ?? recordedAt;
  return out as EventMeta;
}

/**
 * The canonical JSON of a recorded event from the canonical JSON of its unhashed envelope (the
 * text its hash covers): keys are sorted, so `"hash"` goes right after the `data` value, which
 * is found by scanning the text (strings and nesting skipped). Undefined when the text is not
 * shaped as expected (the caller then canonicalizes the event itself).
 */
export function withHash(input: string, hash: string): string | undefined {
  const h = `"hash":${JSON.stringify(hash)},`;
  if (input.startsWith('{"id":')) return `{${h}${input.slice(1)}`;
  if (!input.startsWith('{"data":')) return undefined;
  const end = endOfValue(input, 8);
  if (end === undefined || !input.startsWith(',"id":', end)) return undefined;
  return `${input.slice(0, end + 1)}${h}${input.slice(end + 1)}`;
}

/** Index just past the JSON value starting at `i` in well-formed JSON text, or undefined. */
function endOfValue(text: string, i: number): number | undefined {
  const first = text.charCodeAt(i);
  if (first !== 0x7b && first !== 0x5b) {
    if (first === 0x22) return endOfString(text, i);
    let j = i;
    while (j < text.length && text[j] !== ',' && text[j] !== '}' && text[j] !== ']') j++;
    return j;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) {
      const k = endOfString(text, j);
      if (k === undefined) return undefined;
      j = k - 1;
    } else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return undefined;
}

function endOfString(text: string, i: number): number | undefined {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  return undefined;
}

/**
 * Decides what an append whose ids may already be stored must do: `'new'` (none stored),
 * `'duplicate'` (all stored, in this stream: a no-op) — or throws `DuplicateEventIdError`
 * (some stored, or stored in another stream).
 *
 * @example
 * classifyIds('case-1', ids, (id) => index.get(id)?.stream);
 */
export function classifyIds(stream: string, ids: readonly string[], storedStreamOf: (id: string) => string | undefined): 'new' | 'duplicate' {
  let stored = 0;
  for (const id of ids) {
    const s = storedStreamOf(id);
    if (s === undefined) continue;
    if (s !== stream) throw new DuplicateEventIdError(id, `already stored in stream ${s}`);
    stored++;
  }
  if (stored === 0) return 'new';
  if (stored === ids.length) return 'duplicate';
  throw new DuplicateEventIdError(ids.find((id) => storedStreamOf(id) !== undefined) as string, `some ids of the batch are stored and some are not (${stored} of ${ids.length})`);
}

/** Only the ids of events whose `id` was given (generated ids can never be stored yet). */
export function givenIds(events: readonly NewEvent[]): string[] {
  const ids: string[] = [];
  for (const e of events) if (e && typeof e.id === 'string') ids.push(e.id);
  return ids;
}

/**
 * Checks one recorded event on its way into a store by `importEvents`: envelope shape,
 * payload schema, version sequence and hash link. Returns the new stream head, with the
 * canonical `data` and `meta` texts the hash was computed over (store those: no second pass).
 *
 * @example
 * head = checkImported(event, head, { registry, hasher });
 */
export function checkImported(
  e: RecordedEvent,
  head: { readonly version: number; readonly hash: string } | undefined,
  opts: { readonly registry: EventRegistry | undefined; readonly hasher: Hasher; readonly unknownEvents?: UnknownEventPolicy | undefined },
): { version: number; hash: string; data: string; meta: string } {
  checkImportedPayload(e, opts);
  const expectedVersion = (head?.version ?? 0) + 1;
  if (e.version !== expectedVersion) {
    throw new IntegrityError({ stream: e.stream, version: e.version, eventId: e.id, reason: 'stream version out of sequence', expected: String(expectedVersion), found: String(e.version) });
  }
  let encoded: ReturnType<typeof encodeEvent>;
  try {
    encoded = encodeEvent(e);
  } catch (err) {
    throw new ValidationError(`recorded event ${describe(e)} cannot be hashed: ${(err as Error).message}`);
  }
  const expected = opts.hasher((head?.hash ?? GENESIS_HASH) + encoded.hashInput);
  if (expected !== e.hash) throw new IntegrityError({ stream: e.stream, version: e.version, eventId: e.id, reason: 'hash mismatch', expected, found: e.hash });
  // The canonical texts come back with the head, so the store writes what it just hashed.
  return { version: e.version, hash: e.hash, data: encoded.data, meta: encoded.meta };
}

/**
 * The checks {@link checkImported} makes before the version and the hash: the envelope (unless
 * sealed) and the payload against the registry. A store that checks versions and hashes elsewhere
 * (a worker thread) runs this on the event itself, in the same order.
 *
 * @example
 * checkImportedPayload(event, { registry, unknownEvents: 'error' });
 */
export function checkImportedPayload(e: RecordedEvent, opts: { readonly registry: EventRegistry | undefined; readonly unknownEvents?: UnknownEventPolicy | undefined }): void {
  // A sealed event's envelope was checked by sealRecorded, and it is frozen: it cannot have changed since.
  if (!Seal.isSealed(e)) {
    const shape = recordedEventIssues(e);
    if (shape.length) throw new ValidationError(`recorded event ${describe(e)} is invalid`, shape);
  }
  if (opts.registry && opts.registry.has(e.type)) {
    const up = opts.registry.upcast(e);
    opts.registry.validate(up.type, up.data);
  } else if (opts.registry && opts.unknownEvents !== 'passthrough') {
    throw new UnknownEventTypeError(e.type, e.stream, e.version);
  }
}

/** Returns the object it is given, so {@link Seal} can stamp a private field on any object. */
class Stamped {
  constructor(target: object) {
    return target;
  }
}

/**
 * The mark of an event sealed by {@link sealRecorded}, a private field of the event itself: only
 * this class can write or read it (no property, symbol or WeakMap entry a caller could copy onto
 * a look-alike, and no ephemeron table for the garbage collector). It holds a flag, not the
 * canonical text: a text kept from the seal to the import outlives a young-generation collection
 * or two and is copied by each (it doubled the seal's CPU), where made at the import it dies young.
 */
class Seal extends Stamped {
  #sealed = false;
  private constructor(target: object) {
    super(target);
  }
  /** Gives `target` the (unset) field: done before the freeze, since a frozen object takes no new field. */
  static stamp(target: object): void {
    if (!(#sealed in target)) new Seal(target);
  }
  /** Sets the field of a stamped object (private fields stay writable by their class after a freeze). */
  static seal(target: object): void {
    (target as Seal).#sealed = true;
  }
  static isSealed(e: unknown): boolean {
    return typeof e === 'object' && e !== null && #sealed in e && (e as Seal).#sealed;
  }
}

/**
 * Freezes a recorded event (meta and data included) and checks its envelope, ahead of its
 * import: `checkImported`, so every store's `importEvents`, does not check the envelope again
 * (it canonicalizes and hashes the event once, as any other), and the memory store keeps it
 * without copying it. The payload schema, the version sequence and the hash chain are still
 * checked on import, so a forged or altered event is refused as before. Meant for a receiver
 * holding events it parsed itself (sync's decoders): the event is frozen whatever the outcome.
 * Returns the envelope's issues; an event with issues, or that is not plain JSON data (a `Date`,
 * a `toJSON`, an `undefined` member, a `"__proto__"` key), is left unsealed and a store checks it
 * in full. A look-alike object is never taken for a sealed one (the seal is a private field only
 * core can write).
 *
 * @example
 * const event = JSON.parse(line);
 * if (sealRecorded(event).length === 0) await store.importEvents([event]); // checked once
 */
export function sealRecorded(e: unknown): ValidationIssue[] {
  if (typeof e !== 'object' || e === null) return recordedEventIssues(e);
  if (Seal.isSealed(e)) return [];
  // Frozen first, so what is checked below is what the store will hold.
  if (!Object.isExtensible(e)) return recordedEventIssues(e); // frozen by someone else: no field can go on
  Seal.stamp(e);
  const plain = freezePlain(e, 0);
  const issues = recordedEventIssues(e);
  if (issues.length || !plain) return issues;
  Seal.seal(e);
  return [];
}

/**
 * True when `e` was sealed by {@link sealRecorded}: its envelope is well formed and it cannot change.
 *
 * @example
 * if (!isSealed(e)) issues = recordedEventIssues(e);
 */
export function isSealed(e: unknown): boolean {
  return Seal.isSealed(e);
}

const MAX_PLAIN_DEPTH = 64;

/**
 * Freezes `v` and everything in it; true when it is data that `JSON.parse(JSON.stringify(v))`
 * gives back unchanged (plain objects and arrays, finite numbers, strings, booleans, null; no
 * `toJSON`, no `undefined`, no holes). Accessors are not looked for (a descriptor per key would
 * cost more than the rest of the seal): what is sealed is what the caller parsed from JSON.
 */
function freezePlain(v: object, depth: number): boolean {
  Object.freeze(v);
  if (depth > MAX_PLAIN_DEPTH) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  let plain = Array.isArray(v) ? proto === Array.prototype : proto === Object.prototype || proto === null;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') plain = false;
  let n = 0;
  for (const k in v) {
    n++;
    // Canonical JSON refuses the key (it would set a prototype): the store's own check names it.
    if (k === '__proto__') plain = false;
    const x = (v as Record<string, unknown>)[k];
    switch (typeof x) {
      case 'string':
      case 'boolean':
        break;
      case 'number':
        if (!Number.isFinite(x)) plain = false;
        break;
      case 'object':
        if (x !== null && !freezePlain(x, depth + 1)) plain = false;
        break;
      default:
        plain = false;
    }
  }
  return plain && (!Array.isArray(v) || n === v.length);
}

/**
 * Marks an error thrown while importing the `index`-th event (0-based) of a source, so a
 * caller that buffered nothing can still name the bad line (`importJsonl` does).
 *
 * @example
 * try { checkImported(e, head, opts); } catch (err) { throw atSourceIndex(err, i); }
 */
export function atSourceIndex(err: unknown, index: number): unknown {
  if (err instanceof Error && !('sourceIndex' in err)) Object.defineProperty(err, 'sourceIndex', { value: index, enumerable: false });
  return err;
}

/** The source index {@link atSourceIndex} put on an error, if any. */
export function sourceIndexOf(err: unknown): number | undefined {
  const i = (err as { sourceIndex?: unknown } | null)?.sourceIndex;
  return typeof i === 'number' ? i : undefined;
}

function describe(e: unknown): string {
  const o = e as { stream?: unknown; version?: unknown };
  return o && typeof o === 'object' ? `${String(o.stream)}@${String(o.version)}` : String(e);
}

/**
 * The envelope problems of a recorded event (empty when it is well formed). Cheap: no payload schema.
 *
 * @example
 * recordedEventIssues(JSON.parse(line)); // []
 */
export function recordedEventIssues(e: unknown): ValidationIssue[] {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return [{ path: [], message: 'an event must be a JSON object' }];
  const o = e as Record<string, unknown>;
  // Imports check every event: a well-formed one is recognized without building any list.
  if (wellFormedRecorded(o)) return [];
  const out: ValidationIssue[] = [];
  if (typeof o.id !== 'string' || !ID_RE.test(o.id)) out.push({ path: ['id'], message: 'must be an id string' });
  if (!isStreamId(o.stream)) out.push({ path: ['stream'], message: 'must be a stream id' });
  if (!Number.isInteger(o.version) || (o.version as number) < 1) out.push({ path: ['version'], message: 'must be an integer ≥ 1' });
  if (typeof o.type !== 'string' || o.type.length === 0) out.push({ path: ['type'], message: 'must be a non-empty string' });
  if (!Number.isInteger(o.schema) || (o.schema as number) < 1) out.push({ path: ['schema'], message: 'must be an integer ≥ 1' });
  if (o.data === undefined) out.push({ path: ['data'], message: 'is required' });
  if (!isHexHash(o.hash)) out.push({ path: ['hash'], message: 'must be a 64-digit hex SHA-256' });
  const m = o.meta as Partial<EventMeta> | undefined;
  if (typeof m !== 'object' || m === null) out.push({ path: ['meta'], message: 'is required' });
  else {
    out.push(...metaIssues(m, ['meta']));
    for (const k of ['occurredAt', 'recordedAt', 'actor', 'channel', 'node'] as const) if (m[k] === undefined) out.push({ path: ['meta', k], message: 'is required' });
  }
  return out;
}

/** 64 lowercase hex digits (a character loop: the import path checks one per event, and a regex took ~0.4 µs). */
function isHexHash(h: unknown): h is string {
  if (typeof h !== 'string' || h.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = h.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** True only when {@link recordedEventIssues} finds nothing (the same rules, no allocation). */
function wellFormedRecorded(o: Record<string, unknown>): boolean {
  const m = o.meta as Partial<EventMeta> | null | undefined;
  if (typeof o.id !== 'string' || !ID_RE.test(o.id) || !isStreamId(o.stream)) return false;
  if (!Number.isInteger(o.version) || (o.version as number) < 1 || typeof o.type !== 'string' || o.type.length === 0) return false;
  if (!Number.isInteger(o.schema) || (o.schema as number) < 1 || o.data === undefined || !isHexHash(o.hash)) return false;
  if (typeof m !== 'object' || m === null || !isIsoInstant(m.occurredAt) || !isIsoInstant(m.recordedAt) || m.channel === undefined || !channelSet.has(m.channel)) return false;
  const actor = m.actor;
  if (typeof actor !== 'object' || actor === null || typeof actor.id !== 'string' || typeof actor.role !== 'string' || typeof m.node !== 'string') return false;
  return (
    (m.commandId === undefined || typeof m.commandId === 'string') &&
    (m.correlationId === undefined || typeof m.correlationId === 'string') &&
    (m.causationId === undefined || typeof m.causationId === 'string') &&
    (m.calendarVersion === undefined || typeof m.calendarVersion === 'string')
  );
}

/** Default id factory of every store and of `handle()`'s command ids: a time-ordered {@link sortableId}. */
export const defaultNewId = (): string => sortableId();
