import type { BusinessDate } from '../dates/index.js';
import type { YearInfo } from '../years/index.js';

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
