export type { HolidayYear, HolidayNotice, HolidayArrangement, YearInfo, DayEntry } from './holidayYear.js';
export { holidayYearFormat, holidayYearFileSchema, holidayYearProblems, parseHolidayYear, toHolidayYearFile, type HolidayYearFile } from './holidayYearFile.js';
export { planYearAddition, type ChangedDay, type YearAdditionPlan } from './planYearAddition.js';
export { CalendarYearAdded, calendarEvents, calendarStreamId, calendarYearAddedEvent, calendarYearAddedSchema, calendarYearsFromEvents, loadCalendar, type CalendarYearSource } from './calendarYearEvents.js';
