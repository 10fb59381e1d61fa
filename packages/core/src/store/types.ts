import type { ExpectedVersion } from '../errors/index.js';
import type { EventMeta, Hasher, NewEvent, RecordedEvent, StoredEvent } from '../envelope/index.js';
import type { EventRegistry, UnknownEventPolicy } from '../registry/index.js';
import type { VerifyReport } from '../verify/index.js';

export type { ExpectedVersion };

/**
 * What must still hold when an append commits, checked by the store inside the append's own
 * transaction, atomically with the write: no event of one of `types` is stored at a position
 * after `after`. A reader that folded those types up to `after` (a catalog, a register) and
 * decided on that fold writes only if it was still the latest when the write commits; otherwise
 * `AppendConditionError`, nothing written. Only a store whose `appendConditions` is true takes one;
 * the others refuse it (`ValidationError`), so a condition is never silently ignored.
 *
 * @example
 * await store.append('case-1', events, { expectedVersion: 'no-stream', condition: { types: ['ItemRevised'], after: 41 } });
 */
export interface AppendCondition {
  /** 1–100 event types. */
  readonly types: readonly string[];
  /** A global position ≥ 0: events at or before it do not count. */
  readonly after: number;
}

/** Options of `append`. `expectedVersion` defaults to `'any'`. */
export interface AppendOptions {
  readonly expectedVersion?: ExpectedVersion;
  /** Checked atomically with the write by a store whose `appendConditions` is true (see {@link AppendCondition}). */
  readonly condition?: AppendCondition;
}

/** What an append wrote (or, for a repeated batch, what was already stored). */
export interface AppendResult {
  readonly stream: string;
  readonly events: readonly StoredEvent[];
  /** The stream's version after the append: pass it as the next `expectedVersion`. */
  readonly nextExpectedVersion: number;
  readonly lastPosition: number;
  /** True when every event id was already stored: nothing was appended. */
  readonly duplicate: boolean;
}

export interface ReadStreamOptions {
  /** First version to return (1-based, inclusive). */
  readonly fromVersion?: number;
  /** Last version to return (inclusive). */
  readonly toVersion?: number;
  /** `false` returns events exactly as stored (see {@link ReadAllOptions.upcast}). Default `true`. */
  readonly upcast?: boolean;
}

export interface ReadAllOptions {
  /** First global position to return (inclusive); a checkpoint `p` resumes with `p + 1`. */
  readonly fromPosition?: number;
  /** How many events a store fetches per round trip. */
  readonly batchSize?: number;
  /** Only these event types (a read model's filter). */
  readonly types?: readonly string[];
  /**
   * `false` returns events exactly as stored (old schema versions are not upcast): for
   * exports and replication, where the bytes must match their hashes. Default `true`.
   */
  readonly upcast?: boolean;
}

export interface SubscribeOptions extends ReadAllOptions {
  /** Stops the subscription; the iterator then returns. */
  readonly signal?: AbortSignal;
  /** How often a polling store looks for new events (ms). */
  readonly pollIntervalMs?: number;
}

/** A projection's saved place in the log, with its state when the projection keeps one. */
export interface Checkpoint {
  readonly position: number;
  readonly state?: unknown;
}

/** Where projections keep checkpoints; every store has one. */
export interface CheckpointStore {
  load(name: string): Promise<Checkpoint | undefined>;
  save(name: string, checkpoint: Checkpoint): Promise<void>;
}

/** Result of bulk-importing recorded events (a JSONL log, a replicated batch). */
export interface ImportResult {
  /** Events written. */
  readonly imported: number;
  /** Events skipped because the identical event (same id and hash) was already stored. */
  readonly skipped: number;
  readonly lastPosition: number;
}

/**
 * The event-store contract every adapter implements and `@banshi/testing`'s
 * `describeEventStoreContract` checks (design §2).
 */
export interface EventStore {
  /** e.g. `memory`, `sqlite`, `postgres`. */
  readonly kind: string;
  readonly registry: EventRegistry | undefined;
  /**
   * True when `append` checks `options.condition` inside its own transaction (`AppendConditionError`
   * when it fails, nothing written). A store without it refuses an append that carries a
   * condition with `ValidationError`.
   */
  readonly appendConditions?: boolean;
  /**
   * Appends atomically: all events or none. Checks `expectedVersion`
   * (`ConcurrencyError`), validates payloads against the registry (`ValidationError`),
   * and treats a batch whose ids are all stored as a no-op returning the stored events.
   */
  append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** A stream's events in version order (upcast to current schemas). Empty when it does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<readonly StoredEvent[]>;
  /** The stream's current version; 0 when it does not exist. */
  streamVersion(stream: string): Promise<number>;
  /** Every event in global order, fetched in batches. */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  /** Same as `readAll`, one array per batch: the fast path for projections. */
  readAllBatches(options?: ReadAllOptions): AsyncIterable<readonly StoredEvent[]>;
  /** Position of the last committed event; 0 for an empty store. */
  headPosition(): Promise<number>;
  /** Follows the log from `fromPosition`: yields stored events, then new ones as they commit. */
  subscribe(options?: SubscribeOptions): AsyncIterable<StoredEvent>;
  /** Walks the hash chains (of one stream, or of the whole log) and reports the first break. */
  verify(options?: { readonly stream?: string }): Promise<VerifyReport>;
  /**
   * Writes already-recorded events (from a log or another node) atomically, keeping their ids,
   * versions, meta and hashes; the chain is checked on the way in. Identical events already
   * stored are skipped. If `events` throws, nothing is written.
   */
  importEvents(events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>): Promise<ImportResult>;
  readonly checkpoints: CheckpointStore;
  close(): Promise<void>;
}

/** Options every adapter accepts. */
export interface StoreOptions {
  /** Validates payloads on append and upcasts on read. Without it the store takes any type. */
  readonly registry?: EventRegistry;
  readonly unknownEvents?: UnknownEventPolicy;
  readonly hasher?: Hasher;
  /** Clock for `recordedAt` (and `occurredAt` when the caller gives none). */
  readonly now?: () => Date;
  /** Node id written to `meta.node` when the caller gives none. */
  readonly node?: string;
  /** Makes event ids; defaults to the time-ordered `sortableId`. */
  readonly newId?: () => string;
}

export type { EventMeta };
