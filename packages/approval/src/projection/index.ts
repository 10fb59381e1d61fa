export { caseSummaryProjection } from './caseSummaryProjection.js';
export type { CaseSummary, MonthFigures } from './caseSummaryProjection.js';
