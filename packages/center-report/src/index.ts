/**
 * @banshi/center-report — a service center's year in one pass over its log: the read models of
 * approval, catalog and disclosure folded side by side, then one plain JSON report. The CLI, the
 * HTTP service and any page print this same report, so they cannot disagree. The center's
 * organisation (name, departments, sub-centers, trading categories) is data: a `CenterConfig`.
 */
export { centerParts, centerProjection } from './centerProjection.js';
export type { CenterState } from './centerProjection.js';
export { centerReport } from './centerReport.js';
export { CenterConfigError, centerConfigSchema, centerReportErrorCodes, parseCenterConfig } from './centerConfig.js';
export type { CenterConfig, CenterConfigInput } from './centerConfig.js';
export { businessYear, eventYears } from './eventYears.js';
export type { CenterReport, CenterReportOptions } from './centerReport.js';
export { combineProjections } from './combineProjections.js';
export type { CombinedState } from './combineProjections.js';
export { allYears, minus, yearEnds, yearSlices } from './yearSlices.js';
export type { YearSlicesState } from './yearSlices.js';
