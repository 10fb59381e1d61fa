export { parseBusinessDate, isBusinessDate, toShanghaiDate, addDays, dayNumberOf, dateOfDayNumber, type BusinessDate } from './dates/index.js';
export { createCalendar, mainlandChinaCalendar, mainlandChinaYears, type WorkingCalendar, type CalendarOptions, type CalendarOverride } from './calendar/index.js';
export type { HolidayYear, HolidayNotice, HolidayArrangement, YearInfo, DayEntry, HolidayYearFile, ChangedDay, YearAdditionPlan, CalendarYearSource } from './years/index.js';
export {
  holidayYearFormat,
  holidayYearFileSchema,
  holidayYearProblems,
  parseHolidayYear,
  toHolidayYearFile,
  planYearAddition,
  CalendarYearAdded,
  calendarEvents,
  calendarStreamId,
  calendarYearAddedEvent,
  calendarYearAddedSchema,
  calendarYearsFromEvents,
  loadCalendar,
} from './years/index.js';
export {
  statutoryClock,
  type StatutoryClock,
  type StatutoryClockOptions,
  type ClockStatus,
  type ClockReading,
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
