import { toShanghaiDate } from '@banshi/calendar';
import type { Projection, StoredEvent } from '@banshi/core';

/**
 * The business year of an event: its payload's `on` date, else its first `…On` date (`concludedOn`,
 * `publishedOn`, …), else the year of
 * `meta.occurredAt` in Asia/Shanghai; `null` when neither can be read.
 *
 * @example
 * businessYear({ data: { on: '2013-09-16' }, meta: { occurredAt: '2013-09-16T02:00:00Z' } }); // '2013'
 */
export function businessYear(event: Pick<StoredEvent, 'data' | 'meta'>): string | null {
  const data = event.data !== null && typeof event.data === 'object' ? (event.data as Record<string, unknown>) : {};
  // The business date is `on`, or else the event's own dated field (`registeredOn`, `concludedOn`,
  // `publishedOn`, …): a deal concluded in 2013 and recorded today counts for 2013.
  const dated = [data.on, ...Object.keys(data).filter((k) => k.endsWith('On')).sort().map((k) => data[k])];
  for (const on of dated) if (typeof on === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(on)) return on.slice(0, 4);
  const at = Date.parse(String(event.meta?.occurredAt ?? ''));
  return Number.isNaN(at) ? null : toShanghaiDate(at).slice(0, 4);
}

/**
 * How many events of the log fall in each business year: a report for a year without any says
 * so instead of printing another year's figures.
 *
 * @example
 * const s = await foldProjection(store.readAll(), eventYears);
 * s['2013']; // 10576
 */
export const eventYears: Projection<Record<string, number>> = {
  name: 'center.eventYears',
  init: () => ({}),
  apply(state, event) {
    const year = businessYear(event);
    if (year !== null) state[year] = (state[year] ?? 0) + 1;
    return state;
  },
  snapshot: (state) => ({ ...state }),
  restore: (snapshot) => ({ ...(snapshot as Record<string, number>) }),
};
