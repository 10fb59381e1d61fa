export { parseBusinessDate, isBusinessDate, toShanghaiDate, type BusinessDate } from './dates/index.js';
export { createCalendar, mainlandChinaCalendar, type WorkingCalendar, type CalendarOptions, type CalendarOverride } from './calendar/index.js';
export type { HolidayYear, HolidayNotice, HolidayArrangement, YearInfo, DayEntry } from './years/index.js';
export {
  statutoryClock,
  type StatutoryClock,
  type StatutoryClockOptions,
  type ClockStatus,
  type ClockLevel,
  type Pause,
  type Extension,
} from './clock/index.js';
export {
  CalendarError,
  YearNotCoveredError,
  InvalidDateError,
  OutOfRangeError,
  InvalidArgumentError,
  CalendarDataError,
  calendarErrorCodes,
  type CalendarErrorCode,
} from './errors/index.js';
