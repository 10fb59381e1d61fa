import type { BusinessDate } from '../dates/index.js';
import type { HolidayYear, YearInfo } from '../years/holidayYear.js';

/**
 * A working-day calendar. Every method is O(1) after the table build and throws a
 * {@link CalendarError} (never returns a wrong day) for malformed or uncovered dates.
 *
 * Conventions: "the n-th working day after D" never counts D itself.
 *
 * @example
 * const cal: WorkingCalendar = mainlandChinaCalendar();
 * cal.addWorkingDays('2013-09-16', 20); // '2013-10-18'
 */
export interface WorkingCalendar {
  /** Human id, e.g. `cn`, or the `id` passed to `createCalendar`. */
  readonly id: string;
  /** Content hash of the effective days (data + overrides + mode); record it with every deadline. */
  readonly version: string;
  /** The year data in effect (built in and added), in year order. */
  readonly holidayYears: readonly HolidayYear[];
  /**
   * A new calendar with these years added — next year's State Council notice, or a mid-year change (2015, 2019,
   * 2020) to a year already loaded. Each year is checked first ({@link planYearAddition}): no gap between covered
   * years, no day that contradicts another year's data, and a change to a loaded year only through a new notice
   * (or `replace` for a year that was added, not built in). A year identical to the loaded one is a no-op. The
   * version changes with the days. Throws `CalendarDataError` listing the problems.
   */
  withYears(years: readonly HolidayYear[], options?: { readonly replace?: boolean }): WorkingCalendar;
  /** The dates arithmetic answers for (inclusive). */
  readonly coverage: { readonly from: BusinessDate; readonly to: BusinessDate };
  /** The years backed by State Council data (or data passed in). */
  readonly coveredYears: { readonly from: number; readonly to: number };
  isWorkingDay(date: BusinessDate): boolean;
  /**
   * n > 0: the n-th working day after `date` (`date` not counted).
   * n = 0: `date` itself if it is a working day, else the next working day.
   * n < 0: the |n|-th working day before `date` (`date` not counted).
   */
  addWorkingDays(date: BusinessDate, n: number): BusinessDate;
  /**
   * Working days in (a, b] when a ≤ b; minus the working days in (b, a] when b < a.
   * So `addWorkingDays(a, workingDaysBetween(a, b)) === b` whenever b is a working day after a.
   */
  workingDaysBetween(a: BusinessDate, b: BusinessDate): number;
  /** The first working day after `date` (= `addWorkingDays(date, 1)`). */
  nextWorkingDay(date: BusinessDate): BusinessDate;
  /** The last working day before `date` (= `addWorkingDays(date, -1)`). */
  previousWorkingDay(date: BusinessDate): BusinessDate;
  /** Days off, make-up days, working-day count and notices of one year. */
  yearInfo(year: number): YearInfo;
}
