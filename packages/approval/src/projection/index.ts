export { caseFlowOfYear, caseFlowProjection, caseSummaryOfYear, caseSummaryProjection } from './caseSummaryProjection.js';
export type { CaseFlow, CaseSummary, DepartmentVisits, MonthFigures, YearFigures } from './caseSummaryProjection.js';
export { countVisit, decidedWithin } from './caseVisits.js';
export type { VisitTally } from './caseVisits.js';
export { departmentOnTime, departmentRates } from './departmentOnTime.js';
export type { DepartmentFigures, DepartmentOnTimeState } from './departmentOnTime.js';
export { intakeOfYear, visitFigures, visitStats } from './visitStats.js';
export type { VisitStatsState } from './visitStats.js';
export { decisionEventOnTime, decisionEventTypes, decisionOnTime } from './decisionOnTime.js';
