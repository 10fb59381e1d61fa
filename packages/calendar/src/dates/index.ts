export { parseBusinessDate, isBusinessDate, type BusinessDate } from './parseBusinessDate.js';
export { toShanghaiDate } from './toShanghaiDate.js';
