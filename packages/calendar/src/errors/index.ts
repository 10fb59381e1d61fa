export {
  CalendarError,
  YearNotCoveredError,
  InvalidDateError,
  OutOfRangeError,
  InvalidArgumentError,
  CalendarDataError,
  calendarErrorCodes,
  type CalendarErrorCode,
} from './calendarError.js';
