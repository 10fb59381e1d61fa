export { parseBusinessDate, isBusinessDate, type BusinessDate } from './parseBusinessDate.js';
export { toShanghaiDate } from './toShanghaiDate.js';
export { addDays } from './addDays.js';
export { dayNumberOf, dateOfDayNumber } from './dayNumber.js';
