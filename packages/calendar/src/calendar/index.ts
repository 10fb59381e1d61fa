export type { WorkingCalendar } from './workingCalendar.js';
export { createCalendar, type CalendarOptions, type CalendarOverride } from './createCalendar.js';
export { mainlandChinaCalendar } from './mainlandChinaCalendar.js';
export { mainlandChinaYears } from '../data/mainlandChinaYears.js';
