import type { EventStore, StreamState, StreamStates } from '@banshi/core';

/**
 * The stream states `handle()` may start a command from (see core's `HandleOptions.states`),
 * one bounded LRU per store: the most recently commanded streams, their histories and folded
 * states. A stale entry (another process appended) costs a re-read, never a wrong answer:
 * the append is conditional on the entry's version.
 *
 * @example
 * const states = streamStatesOf(store);
 * await handle(store, 'case-1', command, decider, { states });
 */
export function streamStatesOf(store: EventStore, max = 2000): StreamStates<unknown> {
  let states = perStore.get(store);
  if (!states) perStore.set(store, (states = lruStates(max)));
  return states;
}

const perStore = new WeakMap<EventStore, StreamStates<unknown>>();

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
