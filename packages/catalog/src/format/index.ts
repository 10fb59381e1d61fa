export { formatPercent, formatAmount, reportUnits, type ReportUnit } from './formatFigures.js';
