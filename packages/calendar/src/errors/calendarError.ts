/**
 * The stable error codes of `@banshi/calendar`.
 *
 * @example
 * calendarErrorCodes.includes('CALENDAR_INVALID_DATE'); // true
 */
export const calendarErrorCodes = [
  'CALENDAR_YEAR_NOT_COVERED',
  'CALENDAR_INVALID_DATE',
  'CALENDAR_OUT_OF_RANGE',
  'CALENDAR_INVALID_ARGUMENT',
  'CALENDAR_INVALID_DATA',
] as const;

/**
 * One of {@link calendarErrorCodes}.
 *
 * @example
 * const code: CalendarErrorCode = 'CALENDAR_YEAR_NOT_COVERED';
 */
export type CalendarErrorCode = (typeof calendarErrorCodes)[number];

/**
 * Base class of every error this package throws; switch on `code`, which is stable.
 *
 * @example
 * try { mainlandChinaCalendar().addWorkingDays('2031-01-02', 5); }
 * catch (e) { if (e instanceof CalendarError) console.log(e.code); } // 'CALENDAR_YEAR_NOT_COVERED'
 */
export abstract class CalendarError extends Error {
  abstract readonly code: CalendarErrorCode;
}

/**
 * A date falls in a year the calendar has no State Council data for; fails closed.
 *
 * @example
 * new YearNotCoveredError(2031, { from: 2007, to: 2026 }, 'mainland-China').code; // 'CALENDAR_YEAR_NOT_COVERED'
 */
export class YearNotCoveredError extends CalendarError {
  readonly code = 'CALENDAR_YEAR_NOT_COVERED' as const;
  constructor(
    readonly year: number,
    readonly covered: { readonly from: number; readonly to: number },
    calendarName = 'mainland-China',
  ) {
    super(
      `${year} is not covered by the ${calendarName} calendar (data ${covered.from}–${covered.to}). ` +
        `Load the State Council notice for ${year} (国务院办公厅关于${year}年部分节假日安排的通知) as a holiday-year file: ` +
        `banshi calendar add-year ${year}.json --to <store>, or calendar.withYears([parseHolidayYear(json)]) in code; ` +
        `or opt into { uncoveredYears: 'weekends-only' }.`,
    );
    this.name = 'YearNotCoveredError';
  }
}

/**
 * A business date that is not a real `yyyy-MM-dd` date, or an instant that cannot be read.
 *
 * @example
 * new InvalidDateError('2013-02-30').code; // 'CALENDAR_INVALID_DATE'
 */
export class InvalidDateError extends CalendarError {
  readonly code = 'CALENDAR_INVALID_DATE' as const;
  constructor(
    readonly input: unknown,
    reason = 'expected a real calendar date written yyyy-MM-dd with zero padding, e.g. 2013-09-01',
  ) {
    super(`Invalid date ${JSON.stringify(String(input))}: ${reason}.`);
    this.name = 'InvalidDateError';
  }
}

/**
 * A date or result outside the calendar's precomputed table (only when weekends-only is on,
 * or for absurd offsets).
 *
 * @example
 * new OutOfRangeError('1900-01-01', { from: '1970-01-01', to: '2099-12-31' }).code; // 'CALENDAR_OUT_OF_RANGE'
 */
export class OutOfRangeError extends CalendarError {
  readonly code = 'CALENDAR_OUT_OF_RANGE' as const;
  constructor(
    readonly input: string,
    readonly range: { readonly from: string; readonly to: string },
  ) {
    super(
      `${input} is outside this calendar's table (${range.from} – ${range.to}). ` +
        `Widen it with createCalendar({ uncoveredYears: 'weekends-only', tableYears: { from, to } }) or check the date.`,
    );
    this.name = 'OutOfRangeError';
  }
}

/**
 * A bad argument: a non-integer day count, an inverted pause, a negative limit.
 *
 * @example
 * new InvalidArgumentError('n must be an integer, got 1.5').code; // 'CALENDAR_INVALID_ARGUMENT'
 */
export class InvalidArgumentError extends CalendarError {
  readonly code = 'CALENDAR_INVALID_ARGUMENT' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

/**
 * Holiday data or overrides that contradict themselves (a make-up day that is not a weekend,
 * a year listed twice, a gap between covered years).
 *
 * @example
 * new CalendarDataError('2013: make-up day 2013-01-07 is not a Saturday or Sunday').code; // 'CALENDAR_INVALID_DATA'
 */
export class CalendarDataError extends CalendarError {
  readonly code = 'CALENDAR_INVALID_DATA' as const;
  constructor(message: string) {
    super(`Invalid calendar data: ${message}. Fix the year file or the override.`);
    this.name = 'CalendarDataError';
  }
}
