import { formatDayNumber, tryDayNumber } from '../_lib/dayNumber.js';
import type { BusinessDate } from './parseBusinessDate.js';

/**
 * The day number of a business date: days since 1970-01-01 (pure arithmetic, any `TZ`), or
 * `undefined` when `date` is not a real date written exactly `yyyy-MM-dd`. For code that stores
 * a date as a small integer (e.g. approval's packed per-case tallies).
 *
 * @example
 * dayNumberOf('1970-01-02'); // 1
 * dayNumberOf('2013-02-30'); // undefined
 */
export function dayNumberOf(date: string): number | undefined {
  return tryDayNumber(date);
}

/**
 * The business date of a day number: the inverse of {@link dayNumberOf}.
 *
 * @example
 * dateOfDayNumber(15_964); // '2013-09-16'
 */
export function dateOfDayNumber(dayNumber: number): BusinessDate {
  return formatDayNumber(dayNumber);
}
