import { tryDayNumber } from '../_lib/dayNumber.js';
import { InvalidDateError } from '../errors/index.js';

/**
 * A business date: a local date in Asia/Shanghai written `yyyy-MM-dd`. It names a day, not an
 * instant; never pass it to `new Date()` and read local fields.
 *
 * @example
 * const d: BusinessDate = '2013-09-16';
 */
export type BusinessDate = string;

/**
 * Whether `value` is a real calendar date written exactly `yyyy-MM-dd` (zero-padded).
 *
 * @example
 * isBusinessDate('2013-09-01'); // true
 * isBusinessDate('2013-9-1');   // false
 * isBusinessDate('2013-02-30'); // false
 */
export function isBusinessDate(value: unknown): value is BusinessDate {
  return typeof value === 'string' && tryDayNumber(value) !== undefined;
}

/**
 * Validates a business date and returns it unchanged; throws {@link InvalidDateError} otherwise.
 *
 * @example
 * parseBusinessDate('2013-09-16'); // '2013-09-16'
 * parseBusinessDate('2013-02-30'); // throws InvalidDateError (code 'CALENDAR_INVALID_DATE')
 */
export function parseBusinessDate(value: unknown): BusinessDate {
  if (!isBusinessDate(value)) throw new InvalidDateError(value);
  return value;
}
