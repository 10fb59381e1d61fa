import { canonicalJson, sha256Hex, type Actor, type EventMeta, type Hasher, type StoredEvent } from '../envelope/index.js';
import { AppendConditionError, ConcurrencyError, DomainError, IdempotencyConflictError, ValidationError, type ExpectedVersion } from '../errors/index.js';
import { defaultNewId } from '../store/adapterKit.js';
import type { AppendCondition, AppendOptions, EventStore } from '../store/types.js';

/**
 * A domain event as a decider sees it: a type and a payload.
 *
 * @example
 * const e: DomainEvent = { type: 'CaseAccepted', data: { on: '2013-09-16' } };
 */
export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

/**
 * What `decide` may know besides the command and the state: who is asking, as the caller
 * authenticated them (design §7: authority comes from the authenticated actor, never from a
 * command's body). `handle()` passes `meta.actor` here — the same actor it records on the events.
 *
 * @example
 * const ctx: DecideContext = { actor: { id: 'u-head', role: 'head' } };
 */
export interface DecideContext {
  readonly actor?: Actor;
}

/**
 * A decider (design §3): pure functions over one stream. `decide` returns the events a
 * command produces, or a `DomainError` naming the rule (and article) that forbids it; it stays
 * pure — the authenticated actor arrives as data in `context`, never read from a command's body.
 * `evolve` folds one event into the state; stored events also carry `meta` and `version`.
 *
 * @example
 * const counter: Decider<number, { add: number }, { type: 'Added'; data: { n: number } }> = {
 *   initialState: 0,
 *   decide: (c) => [{ type: 'Added', data: { n: c.add } }],
 *   evolve: (s, e) => s + e.data.n,
 * };
 */
export interface Decider<S, C, E extends DomainEvent> {
  readonly initialState: S;
  decide(command: C, state: S, context?: DecideContext): readonly E[] | DomainError;
  evolve(state: S, event: E): S;
}

/**
 * Folds events into a decider's state.
 *
 * @example
 * const state = foldDecider(caseDecider, await store.readStream('case-1'));
 */
export function foldDecider<S, C, E extends DomainEvent>(decider: Decider<S, C, E>, events: Iterable<DomainEvent>): S {
  let state = decider.initialState;
  for (const e of events) state = decider.evolve(state, e as E);
  return state;
}

/** Options of {@link handle}. */
export interface HandleOptions<S = unknown> {
  /** Idempotency key: a repeated command returns the first result and appends nothing. Defaults to a fresh id. */
  readonly commandId?: string;
  /** How often to reload and decide again after a `ConcurrencyError` (default 3; never with `expectedVersion`). */
  readonly retries?: number;
  /** Metadata for the new events (actor, channel, node, occurredAt …); `commandId` is added. */
  readonly meta?: Partial<Omit<EventMeta, 'commandId'>>;
  /**
   * The stream version the caller decided on (HTTP `If-Match`): at any other version the
   * command is a `ConcurrencyError` and is not retried, because the caller saw another state.
   */
  readonly expectedVersion?: number;
  /**
   * What the command id stands for, as text (default: the command's canonical JSON). A repeated
   * `commandId` with another fingerprint is an `IdempotencyConflictError`, not a replay. HTTP
   * passes the request body, so a retry on another business day still matches.
   */
  readonly fingerprint?: string;
  /**
   * Checks the caller may act on this stream in this state (throw to refuse); runs on every
   * attempt after the repeat check and before `decide`, so a refusal writes nothing.
   */
  readonly authorize?: (state: S, history: readonly StoredEvent[]) => void | Promise<void>;
  /**
   * SHA-256 (lowercase hex) for the fingerprint and the event ids; default core's pure-JS
   * `sha256Hex`. A native one (`sha256HexNode` of `@banshi/core/node`) gives the same ids faster.
   */
  readonly hasher?: Hasher;
  /**
   * Where the stream's state may come from without reading it: `states` holds what earlier
   * commands left (handle() keeps it up to date), `assumeNew` takes an unknown stream as empty
   * (for a creating command). Nothing is trusted blindly: the append is conditional on that
   * version, and any refusal under an assumed state (a conflict, a `DomainError`, `authorize`,
   * no events) reads the stream and decides again, so the answer is the one a read gives.
   */
  readonly states?: StreamStates<S>;
  readonly assumeNew?: boolean;
  /**
   * Passed to the append (see `AppendCondition`): the command was decided on a fold of other
   * streams (a catalog) read up to `after`, and is written only if no event of `types` came
   * after it. `AppendConditionError` is thrown, not retried: the caller must read those events
   * and decide again. Only for a store whose `appendConditions` is true.
   */
  readonly condition?: AppendCondition;
}

/**
 * A stream's history and the state folded from it, as {@link handle} left them.
 *
 * @example
 * const s: StreamState<{ n: number }> = { history: [], state: { n: 0 } };
 */
export interface StreamState<S> {
  readonly history: readonly StoredEvent[];
  readonly state: S;
}

/**
 * A cache of stream states for {@link handle} (e.g. a bounded LRU map per store). It may be
 * stale (another process appended): handle() then reads the stream, never answers from it alone.
 *
 * @example
 * const m = new Map<string, StreamState<unknown>>();
 * const states: StreamStates<unknown> = { get: (s) => m.get(s), set: (s, v) => void m.set(s, v), delete: (s) => void m.delete(s) };
 */
export interface StreamStates<S> {
  get(stream: string): StreamState<S> | undefined;
  set(stream: string, value: StreamState<S>): void;
  delete(stream: string): void;
}

/** What {@link handle} did. */
export interface HandleResult<S> {
  readonly stream: string;
  readonly commandId: string;
  /** The events this command produced (on a repeat: the ones it produced the first time). */
  readonly events: readonly StoredEvent[];
  /** The stream's state after the command. */
  readonly state: S;
  /** The stream's events after the command (the history `state` is folded from). */
  readonly history: readonly StoredEvent[];
  readonly version: number;
  /** True when the command had been handled before: nothing was appended this time. */
  readonly duplicate: boolean;
}

/**
 * Event ids: the time in base 36 (`meta.recordedAt`, else `meta.occurredAt`, when the caller gives one, else the clock; so new ids land at the end of the store's id index, as the
 * store's own ids do), then a hash of (stream, commandId, fingerprint, index). The hash tells a
 * repeat from a reuse without a field of its own in the envelope: the same command id with
 * another command has another hash.
 */
function commandEventId(at: string, stream: string, commandId: string, fingerprint: string, index: number, hasher: Hasher): string {
  return 'k' + at + commandHash(stream, commandId, fingerprint, index, hasher);
}
function commandHash(stream: string, commandId: string, fingerprint: string, index: number, hasher: Hasher): string {
  return hasher(`${stream}\n${commandId}\n${fingerprint}\n${index}`).slice(0, 24);
}
const COMMAND_ID_RE = /^k[0-9a-z]{9}([0-9a-f]{24})$/;

/** Whether the first event of an earlier use of `commandId` came from this command and actor; throws if not. */
function checkRepeat(first: StoredEvent, stream: string, commandId: string, fingerprint: string, actor: Actor | undefined, hasher: Hasher): void {
  // Ids of another shape (made by the store, or by an older handle()) carry no fingerprint: replay them.
  const m = COMMAND_ID_RE.exec(first.id);
  if (m && m[1] !== commandHash(stream, commandId, fingerprint, 0, hasher)) throw new IdempotencyConflictError(stream, commandId, 'command');
  if (actor && (first.meta.actor.id !== actor.id || first.meta.actor.role !== actor.role)) throw new IdempotencyConflictError(stream, commandId, 'actor');
}

/**
 * Loads a stream, checks a repeated `commandId` (same command: the first result; another
 * command or actor: `IdempotencyConflictError`), runs `authorize`, checks `expectedVersion`,
 * decides, folds the decided events into the state, and only then appends with the exact
 * version it decided on (a fold that throws writes nothing). Retries on conflict unless the
 * caller gave `expectedVersion`. Throws the decider's `DomainError`, `ValidationError`,
 * `IdempotencyConflictError`, whatever `authorize` throws, or `ConcurrencyError`.
 *
 * @example
 * const r = await handle(store, 'case-1', { type: 'Accept', on: '2013-09-16' }, caseDecider, { commandId: 'cmd-42' });
 * r.events; // [CaseAccepted]
 */
export async function handle<S, C, E extends DomainEvent>(
  store: EventStore,
  stream: string,
  command: C,
  decider: Decider<S, C, E>,
  options: HandleOptions<S> = {},
): Promise<HandleResult<S>> {
  const commandId = options.commandId ?? defaultNewId();
  if (typeof commandId !== 'string' || commandId.length === 0 || commandId.length > 200) {
    throw new ValidationError('commandId must be a non-empty string of at most 200 characters');
  }
  const hasher = options.hasher ?? sha256Hex;
  const fingerprint = fingerprintHash(hasher, options.fingerprint ?? commandText(command));
  const retries = options.expectedVersion === undefined ? (options.retries ?? 3) : 0;
  const actor = options.meta?.actor;

  type Outcome = { readonly done: HandleResult<S> } | { readonly again: true } | { readonly conflict: ConcurrencyError };
  /** One decision on a given history and state: a result, a copy of this command won a race (again), or a conflict. */
  const pass = async (history: readonly StoredEvent[], state: S, lost: ConcurrencyError | undefined, assumed: boolean): Promise<Outcome> => {
    let first: StoredEvent | undefined;
    for (const e of history) {
      if (e.meta.commandId === commandId) {
        first = e;
        break;
      }
    }
    const version = history.length;
    if (first) {
      checkRepeat(first, stream, commandId, fingerprint, actor, hasher);
      const events = history.filter((e) => e.meta.commandId === commandId);
      return { done: { stream, commandId, events, state, history, version, duplicate: true } };
    }
    // Retries spent: the last pass only looks whether a copy of this command won the race.
    if (lost) throw lost;
    // Awaited only when it is asynchronous: a synchronous check costs no turn of the microtask queue.
    const authorized = options.authorize?.(state, history);
    if (authorized) await authorized;
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) throw new ConcurrencyError(stream, options.expectedVersion, version);
    const decided = decider.decide(command, state, actor ? { actor } : {});
    if (decided instanceof DomainError) throw decided;
    if (decided.length === 0) return assumed ? { again: true } : { done: { stream, commandId, events: [], state, history, version, duplicate: false } };
    const expectedVersion: ExpectedVersion = version === 0 ? 'no-stream' : version;
    const meta = { ...options.meta, commandId };
    // A caller that states when the command happened (a replay, a generator, an import) gets
    // ids that depend on nothing else, so the same commands give the same log byte for byte.
    const stated = options.meta?.recordedAt ?? options.meta?.occurredAt;
    const statedMs = stated === undefined ? Number.NaN : Date.parse(stated);
    const at = (Number.isFinite(statedMs) && statedMs >= 0 ? statedMs : Date.now()).toString(36).padStart(9, '0');
    const toAppend = decided.map((e, i) => ({ id: commandEventId(at, stream, commandId, fingerprint, i, hasher), type: e.type, data: e.data, meta }));
    // Design §7: nothing is appended that cannot be folded. The fold runs first, on the events
    // as they will be stored; whatever throws here (an impossible date, a broken invariant)
    // leaves the store untouched.
    let next = state;
    for (let i = 0; i < toAppend.length; i++) next = decider.evolve(next, { ...(toAppend[i] as (typeof toAppend)[number]), stream, version: version + i + 1 } as unknown as E);
    try {
      const result = await store.append(stream, toAppend, options.condition ? ({ expectedVersion, condition: options.condition } satisfies AppendOptions) : { expectedVersion });
      // The same command won a race a moment ago (same ids): answer with its result.
      if (result.duplicate) return { again: true };
      return { done: { stream, commandId, events: result.events, state: next, history: [...history, ...result.events], version: result.nextExpectedVersion, duplicate: false } };
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
      return { conflict: err };
    }
  };
  const remember = (r: HandleResult<S>): HandleResult<S> => {
    options.states?.set(stream, { history: r.history, state: r.state });
    return r;
  };

  const assumed = options.states?.get(stream) ?? (options.assumeNew ? { history: [], state: decider.initialState } : undefined);
  if (assumed) {
    try {
      const o = await pass(assumed.history, assumed.state, undefined, true);
      if ('done' in o) return remember(o.done);
    } catch (err) {
      // The fold the command was decided on is out of date: reading this stream does not help.
      if (err instanceof AppendConditionError) throw err;
      // Refused on an assumed state: the stream is read below and the answer is the read one's.
    }
    options.states?.delete(stream);
  }
  // Bounded: each pass either returns, throws, or follows a lost race (at most `retries`) or a
  // concurrent copy of this very command (its ids are stored now: the next read finds them).
  let lost: ConcurrencyError | undefined;
  for (let attempt = 0; attempt <= retries + 1; attempt++) {
    const history = await store.readStream(stream);
    let state = decider.initialState;
    for (const e of history) state = decider.evolve(state, e as unknown as E);
    const o = await pass(history, state, lost, false);
    if ('done' in o) return remember(o.done);
    if ('conflict' in o && attempt >= retries) lost = o.conflict;
  }
  throw new ConcurrencyError(stream, 'any', await store.streamVersion(stream));
}

/** The last fingerprint hashed: callers without an idempotency key pass the same text on every command. */
let lastFingerprint: { readonly hasher: Hasher; readonly text: string; readonly hash: string } | undefined;
function fingerprintHash(hasher: Hasher, text: string): string {
  const last = lastFingerprint;
  if (last !== undefined && last.hasher === hasher && last.text === text) return last.hash;
  const hash = hasher(text);
  lastFingerprint = { hasher, text, hash };
  return hash;
}

/** The default fingerprint: the command's canonical JSON. */
function commandText(command: unknown): string {
  try {
    return canonicalJson(command);
  } catch (err) {
    throw new ValidationError(`the command is not plain JSON data (${(err as Error).message}): send strings, finite numbers, booleans, arrays and objects`);
  }
}
