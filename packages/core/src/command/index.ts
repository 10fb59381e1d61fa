import { sha256Hex, type Actor, type EventMeta, type StoredEvent } from '../envelope/index.js';
import { ConcurrencyError, DomainError, ValidationError, type ExpectedVersion } from '../errors/index.js';
import { defaultNewId } from '../store/adapterKit.js';
import type { EventStore } from '../store/types.js';

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
export interface HandleOptions {
  /** Idempotency key: a repeated command returns the first result and appends nothing. Defaults to a fresh id. */
  readonly commandId?: string;
  /** How often to reload and decide again after a `ConcurrencyError` (default 3). */
  readonly retries?: number;
  /** Metadata for the new events (actor, channel, node, occurredAt …); `commandId` is added. */
  readonly meta?: Partial<Omit<EventMeta, 'commandId'>>;
}

/** What {@link handle} did. */
export interface HandleResult<S> {
  readonly stream: string;
  readonly commandId: string;
  /** The events this command produced (on a repeat: the ones it produced the first time). */
  readonly events: readonly StoredEvent[];
  /** The stream's state after the command. */
  readonly state: S;
  readonly version: number;
  /** True when the command had been handled before: nothing was appended this time. */
  readonly duplicate: boolean;
}

/**
 * Event ids derived from (stream, commandId, index): a command re-sent after a lost
 * acknowledgement produces the same ids, which the store treats as a no-op.
 */
function commandEventId(stream: string, commandId: string, index: number): string {
  return 'c' + sha256Hex(`${stream}\n${commandId}\n${index}`).slice(0, 32);
}

/**
 * Loads a stream, decides, folds the decided events into the state, and only then appends
 * with `expectedVersion` (a fold that throws writes nothing); retries on conflict, and is
 * idempotent by `commandId`. Throws the decider's `DomainError`, `ValidationError`, or
 * `ConcurrencyError` once retries are spent.
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
  options: HandleOptions = {},
): Promise<HandleResult<S>> {
  const commandId = options.commandId ?? defaultNewId();
  if (typeof commandId !== 'string' || commandId.length === 0 || commandId.length > 200) {
    throw new ValidationError('commandId must be a non-empty string of at most 200 characters');
  }
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    const history = await store.readStream(stream);
    let state = decider.initialState;
    const prior: StoredEvent[] = [];
    for (const e of history) {
      state = decider.evolve(state, e as unknown as E);
      if (e.meta.commandId === commandId) prior.push(e);
    }
    const version = history.length;
    if (prior.length) return { stream, commandId, events: prior, state, version, duplicate: true };
    const decided = decider.decide(command, state, options.meta?.actor ? { actor: options.meta.actor } : {});
    if (decided instanceof DomainError) throw decided;
    if (decided.length === 0) return { stream, commandId, events: [], state, version, duplicate: false };
    const expectedVersion: ExpectedVersion = version === 0 ? 'no-stream' : version;
    const meta = { ...options.meta, commandId };
    const toAppend = decided.map((e, i) => ({ id: commandEventId(stream, commandId, i), type: e.type, data: e.data, meta }));
    // Design §7: nothing is appended that cannot be folded. The fold runs first, on the events
    // as they will be stored; whatever throws here (an impossible date, a broken invariant)
    // leaves the store untouched.
    let next = state;
    for (let i = 0; i < toAppend.length; i++) next = decider.evolve(next, { ...(toAppend[i] as (typeof toAppend)[number]), stream, version: version + i + 1 } as unknown as E);
    try {
      const result = await store.append(stream, toAppend, { expectedVersion });
      if (result.duplicate) return handle(store, stream, command, decider, { ...options, commandId, retries: 0 });
      return { stream, commandId, events: result.events, state: next, version: result.nextExpectedVersion, duplicate: false };
    } catch (err) {
      if (err instanceof ConcurrencyError && attempt < retries) continue;
      throw err;
    }
  }
}
