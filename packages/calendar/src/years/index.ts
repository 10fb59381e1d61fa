export type { HolidayYear, HolidayNotice, HolidayArrangement, YearInfo, DayEntry } from './holidayYear.js';
