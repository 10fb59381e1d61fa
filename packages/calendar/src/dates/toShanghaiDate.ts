import { formatDayNumber } from '../_lib/dayNumber.js';
import { InvalidDateError } from '../errors/index.js';
import type { BusinessDate } from './parseBusinessDate.js';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
// An instant written as text must carry its own offset, or the host TZ would decide the day.
const ZONED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The Asia/Shanghai business date of an instant, whatever the host's time zone. China has used
 * UTC+8 without daylight saving since 1991, so this is exact for every instant from 1991 on
 * (earlier summers, 1986–1991, are treated as UTC+8 too).
 *
 * Accepts a `Date`, epoch milliseconds, or an ISO-8601 string with `Z` or an explicit offset;
 * anything else throws {@link InvalidDateError}.
 *
 * @example
 * toShanghaiDate('2013-09-15T16:30:00Z'); // '2013-09-16' (00:30 in Shanghai)
 */
export function toShanghaiDate(instant: Date | string | number): BusinessDate {
  let ms: number;
  if (instant instanceof Date) ms = instant.getTime();
  else if (typeof instant === 'number') ms = instant;
  else if (typeof instant === 'string') {
    if (!ZONED_INSTANT.test(instant)) {
      throw new InvalidDateError(instant, 'an instant needs a time and a zone, e.g. 2013-09-16T08:00:00+08:00 or …Z');
    }
    ms = Date.parse(instant);
  } else {
    throw new InvalidDateError(instant, 'expected a Date, epoch milliseconds or an ISO-8601 string with an offset');
  }
  if (!Number.isFinite(ms)) throw new InvalidDateError(instant, 'not a valid instant');
  return formatDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}
