import { caseFlowProjection, departmentOnTime, visitStats } from '@banshi/approval';
import { catalogView, centerNodes, cleanupReport, intermediaryRegister, publicityStats, surveyStats, tradingNotices, tradingStats } from '@banshi/catalog';
import type { Projection } from '@banshi/core';
import { annualReportProjection } from '@banshi/disclosure';
import { combineProjections, type CombinedState } from './combineProjections.js';
import { eventYears } from './eventYears.js';
import { yearSlices } from './yearSlices.js';

/**
 * The read models of the center's year, each owned by its domain package. Those that keep no
 * years of their own (cleanup, catalog, intermediaries, surveys, trading, notices, publicity) are
 * kept as of each year's end ({@link yearSlices}), so every figure of the report counts its year
 * only (and a level, such as the departments whose items are all standardized, is read at the
 * year's end). Of the cases it keeps the flow (months and channels, `caseFlowProjection`), which
 * is all the report prints of them: the visits per department of `caseSummaryProjection` would
 * keep a tally of every case still awaiting an evaluation (issue #18).
 *
 * @example
 * Object.keys(centerParts); // ['cases', 'onTime', 'visits', 'disclosure', …]
 */
export const centerParts = {
  cases: caseFlowProjection,
  onTime: departmentOnTime,
  visits: visitStats,
  disclosure: annualReportProjection(),
  cleanup: yearSlices(cleanupReport),
  catalog: yearSlices(catalogView),
  agencies: yearSlices(intermediaryRegister),
  surveys: yearSlices(surveyStats),
  trading: yearSlices(tradingStats),
  notices: yearSlices(tradingNotices),
  publicity: yearSlices(publicityStats),
  nodes: centerNodes,
  years: eventYears,
} as const;

/**
 * The folded state of {@link centerProjection}.
 *
 * @example
 * const s: CenterState = await foldProjection(store.readAll(), centerProjection);
 */
export type CenterState = CombinedState<typeof centerParts>;

/**
 * Every read model of {@link centerParts} in one pass over the log.
 *
 * @example
 * const state = await foldProjection(store.readAll(), centerProjection);
 * const report = centerReport(state, { year: 2013 });
 */
export const centerProjection: Projection<CenterState> = combineProjections('center.report', centerParts);
