import { addDays, type BusinessDate } from '@banshi/calendar';

/** The calendar day after `date` (not the next working day): `@banshi/calendar`'s one `addDays`. */
export function nextDay(date: BusinessDate): BusinessDate {
  return addDays(date, 1);
}

/** First and last day of a calendar year as business dates. */
export function yearBounds(year: number): { readonly first: BusinessDate; readonly last: BusinessDate } {
  const y = String(year).padStart(4, '0');
  return { first: `${y}-01-01`, last: `${y}-12-31` };
}
