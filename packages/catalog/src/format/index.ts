export { formatPercent, formatAmount, percentDigits, reportUnits, type ReportUnit } from './formatFigures.js';
