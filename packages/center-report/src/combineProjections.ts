import type { Projection, StoredEvent } from '@banshi/core';

/**
 * The state of {@link combineProjections}: each part's state under its key, plus the number of
 * events seen.
 *
 * @example
 * const s: CombinedState<{ cases: typeof caseSummaryProjection }> = combined.init();
 */
export type CombinedState<P extends Record<string, Projection<unknown>>> = { [K in keyof P]: P[K] extends Projection<infer S> ? S : never } & { events: number };

/**
 * Folds several read models side by side in one pass: each event goes only to the parts that
 * take its type (a part without `types` takes every event). Each part stays a plain reducer.
 *
 * @example
 * const both = combineProjections('two', { cases: caseSummaryProjection, trading: tradingStats });
 * const s = await foldProjection(store.readAll(), both);
 * s.trading.categories.other.concluded;
 */
export function combineProjections<P extends Record<string, Projection<unknown>>>(name: string, parts: P): Projection<CombinedState<P>> {
  const keys = Object.keys(parts) as (keyof P & string)[];
  const always = keys.filter((k) => parts[k]?.types === undefined);
  const byType = new Map<string, (keyof P & string)[]>();
  const route = (type: string) => {
    let r = byType.get(type);
    if (!r) byType.set(type, (r = [...always, ...keys.filter((k) => parts[k]?.types?.includes(type))]));
    return r;
  };
  return {
    name,
    init: () => ({ ...(Object.fromEntries(keys.map((k) => [k, (parts[k] as Projection<unknown>).init()])) as Omit<CombinedState<P>, 'events'>), events: 0 }) as CombinedState<P>,
    apply(state, e: StoredEvent) {
      state.events++;
      const s = state as Record<string, unknown>;
      for (const k of route(e.type)) s[k] = (parts[k] as Projection<unknown>).apply(s[k], e);
      return state;
    },
  };
}
