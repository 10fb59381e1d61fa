import type { Projection, StoredEvent } from '@banshi/core';
import { businessYear } from './eventYears.js';

/**
 * State of {@link yearSlices}: for each business year seen, the inner read model folded over
 * every event dated that year or earlier (its state as of the year's end); `base` holds the
 * events without a readable date, which every year includes.
 *
 * @example
 * const s: YearSlicesState<TradingStatsState> = yearSlices(tradingStats).init();
 */
export interface YearSlicesState<S> {
  base: S;
  readonly years: Map<string, S>;
}

/**
 * A read model kept as of the end of each business year ({@link businessYear}), so a report reads
 * one year as the difference of two year ends ({@link yearEnds}). Links between events survive
 * the cut: a deal registered in 2013 and concluded in 2014 counts in 2014, where it concluded.
 * An event goes to its own year and every later one; a new year starts from a copy of the
 * latest earlier one, so the log need not be in date order.
 *
 * @example
 * const trading = yearSlices(tradingStats);
 * const s = await foldProjection(store.readAll(), trading);
 * const { end, before } = yearEnds(s, trading, 2014);
 */
export function yearSlices<S>(inner: Projection<S>): Projection<YearSlicesState<S>> {
  const copy = (s: S): S => (inner.snapshot && inner.restore ? inner.restore(inner.snapshot(s)) : structuredClone(s));
  return {
    name: `${inner.name}.byYear`,
    ...(inner.types ? { types: inner.types } : {}),
    init: () => ({ base: inner.init(), years: new Map() }),
    apply(state, event: StoredEvent) {
      const year = businessYear(event);
      if (year === null) {
        state.base = inner.apply(state.base, event);
        for (const [y, s] of state.years) state.years.set(y, inner.apply(s, event));
        return state;
      }
      if (!state.years.has(year)) state.years.set(year, copy(latestUpTo(state, year, true)));
      for (const [y, s] of state.years) if (y >= year) state.years.set(y, inner.apply(s, event));
      return state;
    },
  };
}

/** The state as of the end of the latest year seen that is ≤ `year` (or < it), else the base. */
function latestUpTo<S>(state: YearSlicesState<S>, year: string, strict: boolean): S {
  let best: string | null = null;
  for (const y of state.years.keys()) if ((strict ? y < year : y <= year) && (best === null || y > best)) best = y;
  return best === null ? state.base : (state.years.get(best) as S);
}

/**
 * A year's two ends: the read model as of the end of `year` and as of the end of the year
 * before. Counts of the year are `end − before`.
 *
 * @example
 * const { end, before } = yearEnds(s, 2014);
 * end.counts.submitted - before.counts.submitted; // agencies submitted in 2014
 */
export function yearEnds<S>(state: YearSlicesState<S>, year: number): { readonly end: S; readonly before: S } {
  const y = String(year).padStart(4, '0');
  return { end: latestUpTo(state, y, false), before: latestUpTo(state, y, true) };
}

/**
 * `a − b` for every number in two figures of the same shape (records of counts, nested):
 * numbers subtract (a key missing on one side counts 0), anything else is taken from `a`.
 *
 * @example
 * minus({ issued: 10, ratings: { 满意: 4 }, name: 'x' }, { issued: 6, ratings: {} }); // { issued: 4, ratings: { 满意: 4 }, name: 'x' }
 */
export function minus<T>(a: T, b: unknown): T {
  if (typeof a === 'number') return (a - (typeof b === 'number' ? b : 0)) as T;
  if (a === null || typeof a !== 'object' || Array.isArray(a)) return a;
  const other = b !== null && typeof b === 'object' ? (b as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) out[k] = minus(v, other[k]);
  return out as T;
}

/**
 * The read model over the whole log: its state as of the end of the latest year seen (every
 * event is in it).
 *
 * @example
 * allYears(state.agencies).counts.submitted; // every agency ever submitted
 */
export function allYears<S>(state: YearSlicesState<S>): S {
  return latestUpTo(state, '\uffff', false);
}
