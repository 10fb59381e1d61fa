import { formatDayNumber, tryDayNumber } from '../_lib/dayNumber.js';
import { InvalidArgumentError, InvalidDateError } from '../errors/index.js';
import type { BusinessDate } from './parseBusinessDate.js';

/**
 * Calendar-day arithmetic on a business date (every day counts, weekends and holidays too): for the law's
 * "日" that are not working days, e.g. 行政许可法 第五十条's "有效期届满三十日前". Pure day numbers, so the host's
 * `TZ` never matters. Throws `InvalidDateError` for a malformed date, `InvalidArgumentError` for a non-integer n.
 *
 * @example
 * addDays('2013-10-16', -30); // '2013-09-16'
 * addDays('2012-02-28', 1);   // '2012-02-29'
 */
export function addDays(date: BusinessDate, days: number): BusinessDate {
  const n = tryDayNumber(date);
  if (n === undefined) throw new InvalidDateError(date);
  if (!Number.isSafeInteger(days)) throw new InvalidArgumentError(`days must be an integer, got ${String(days)}`);
  return formatDayNumber(n + days);
}
