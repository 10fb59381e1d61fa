import type { EventStore, Projection, StoredEvent } from '@banshi/core';
import { inSpan, tracingOn } from './execute.js';

/**
 * An in-memory read model that catches up with the log on each read: the first read folds the
 * log once, later reads fold only the events appended since. For reports and registers whose
 * state is one value (the catalog, the annual report) rather than rows to page through.
 *
 * @example
 * const catalog = liveFold(store, catalogView);
 * (await catalog.read()).items.size;
 */
export interface LiveFold<S> {
  read(): Promise<S>;
  readonly position: () => number;
  /**
   * Events this process has just appended (an append's result). When they follow the fold's
   * position with no gap and none is of its types, the fold moves past them without reading;
   * otherwise this does nothing and the next read finds them (and any other writer's).
   */
  observe(events: readonly StoredEvent[]): void;
  /**
   * The state with the position it is folded to, taken together. Once the fold has caught up,
   * without asking the store anything (unless `fresh`): for a command whose append carries the
   * condition `{ types, after: position }`, which a store with `appendConditions` checks
   * atomically with the write, instead of a read of its head before deciding.
   */
  snapshot(fresh?: boolean): Promise<{ readonly state: S; readonly position: number }>;
  /**
   * The store checked, atomically with an append, that no event of this fold's types lies in
   * (`after`, `upTo`]: the fold moves to `upTo` without reading (when nothing else is reading).
   */
  checked(after: number, upTo: number): void;
  /** The event types the fold reads (`undefined`: every type). */
  readonly types: readonly string[] | undefined;
}

/**
 * Builds a {@link LiveFold}; concurrent reads share one catch-up.
 *
 * @example
 * const report = liveFold(store, annualReportProjection());
 * report.observe((await store.append('case-1', events)).events); // a command's own events: no read for them
 */
export function liveFold<S>(store: EventStore, projection: Projection<S>): LiveFold<S> {
  let state = projection.init();
  let position = 0;
  let pending: Promise<S> | undefined;
  /** Whether a read has brought the fold up to the store's head at least once. */
  let caughtUp = false;
  const types = projection.types ? new Set<string>(projection.types) : undefined;
  const catchUp = async (): Promise<S> =>
    inSpan('banshi.projection', { 'banshi.projection': projection.name, 'banshi.from': position }, async (span) => {
      let n = 0;
      // The head before the read: every event at or below it is committed (stores give a settled
      // head), so the read below sees all of them, and a fold of some event types can move past
      // the others. Without this, a fold of rare types (the catalog's) rescanned every later
      // event on each read: each Receive over HTTP read the log from the last catalog event.
      const head = projection.types ? await store.headPosition() : 0;
      // Nothing appended since (this process's own commands were observed): no read of the log.
      if (projection.types && head <= position) {
        span.setAttribute('banshi.events', 0);
        caughtUp = true;
        return state;
      }
      for await (const batch of store.readAllBatches({ fromPosition: position + 1, batchSize: 1000, ...(projection.types ? { types: projection.types } : {}) })) {
        for (const e of batch) state = projection.apply(state, e);
        position = (batch.at(-1) as { position: number }).position;
        n += batch.length;
      }
      if (head > position) position = head;
      span.setAttribute('banshi.events', n);
      caughtUp = true;
      return state;
    });
  const shared = (): Promise<S> =>
    (pending ??= catchUp().finally(() => {
      pending = undefined;
    }));
  /** The usual read of a typed fold with tracing off: the head alone, without the catch-up's span and promises, when nothing new is there. */
  const quick = async (): Promise<S> => {
    if ((await store.headPosition()) > position) return shared();
    caughtUp = true;
    return state;
  };
  const read = (): Promise<S> => (pending === undefined && types !== undefined && !tracingOn() ? quick() : shared());
  return {
    read,
    types: projection.types,
    async snapshot(fresh = false) {
      if (fresh || !caughtUp || pending !== undefined) await read();
      // Read together, after the await: a catch-up moves both at once, observe() and checked()
      // move the position only past events that leave the state as it is.
      return { state, position };
    },
    checked(after, upTo) {
      if (pending === undefined && types !== undefined && after <= position && upTo > position) position = upTo;
    },
    position: () => position,
    observe(events) {
      // During a catch-up its own read decides the position; a gap may hide another writer's event.
      if (pending !== undefined || !types || events.length === 0) return;
      let next = position;
      for (const e of events) {
        if (e.position !== next + 1 || types.has(e.type)) return;
        next = e.position;
      }
      position = next;
    },
  };
}

/**
 * JSON of a read model's state: Maps become objects, Sets arrays (read models keep both).
 *
 * @example
 * JSON.stringify(new Map([['a', 1]]), jsonReplacer); // '{"a":1}'
 */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  if (typeof value === 'bigint') return value.toString();
  return value;
}
