import type { EventStore, StreamState, StreamStates } from '@banshi/core';

/**
 * The stream states `handle()` may start a command from (see core's `HandleOptions.states`),
 * one bounded LRU per store and decider: the most recently commanded streams, their histories
 * and the states this decider folded from them. Per decider, because a fold depends on its
 * configuration (two apps on one store with different calendar data fold different due dates).
 * A stale entry (another app or process appended) costs a re-read, never a wrong answer: the
 * append is conditional on the entry's version, and any refusal is decided again on a read.
 *
 * @example
 * const states = streamStatesOf(store, decider);
 * await handle(store, 'case-1', command, decider, { states });
 */
export function streamStatesOf(store: EventStore, decider: object, max = 2000): StreamStates<unknown> {
  let byDecider = perStore.get(store);
  if (!byDecider) perStore.set(store, (byDecider = new WeakMap()));
  let states = byDecider.get(decider);
  if (!states) byDecider.set(decider, (states = lruStates(max)));
  return states;
}

const perStore = new WeakMap<EventStore, WeakMap<object, StreamStates<unknown>>>();

/**
 * A least-recently-used map of at most `max` stream states.
 *
 * @example
 * const s = lruStates(2); s.set('a', { history: [], state: 0 }); s.get('a');
 */
export function lruStates(max: number): StreamStates<unknown> {
  const m = new Map<string, StreamState<unknown>>();
  return {
    get(stream) {
      const v = m.get(stream);
      if (v !== undefined) {
        m.delete(stream);
        m.set(stream, v);
      }
      return v;
    },
    set(stream, value) {
      m.delete(stream);
      m.set(stream, value);
      if (m.size > max) m.delete(m.keys().next().value as string);
    },
    delete(stream) {
      m.delete(stream);
    },
  };
}
