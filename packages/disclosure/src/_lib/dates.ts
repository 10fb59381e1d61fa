import type { BusinessDate } from '@banshi/calendar';

const DAY_MS = 86_400_000;

/** The calendar day after `date` (not the next working day). */
export function nextDay(date: BusinessDate): BusinessDate {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

/** First and last day of a calendar year as business dates. */
export function yearBounds(year: number): { readonly first: BusinessDate; readonly last: BusinessDate } {
  const y = String(year).padStart(4, '0');
  return { first: `${y}-01-01`, last: `${y}-12-31` };
}
