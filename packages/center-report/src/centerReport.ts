import { caseSummaryOfYear, departmentRates, intakeOfYear, visitFigures } from '@banshi/approval';
import {
  activeSubCenters,
  decidedItems,
  departmentStandardization,
  formatAmount,
  formatPercent,
  fourReductions,
  noticeFigures,
  publicityFigures,
  reducedItems,
  satisfiedForms,
  savingsRatio,
  tradingCategories,
  tradingCategoryNames,
} from '@banshi/catalog';
import { finishAnnualReport } from '@banshi/disclosure';
import { centerProjection, type CenterState } from './centerProjection.js';

/**
 * Options of {@link centerReport}.
 *
 * @example
 * const o: CenterReportOptions = { year: 2013, agency: '台州市行政服务中心', centerId: 'tz' };
 */
export interface CenterReportOptions {
  readonly year: number;
  /** The disclosing agency whose requests and proactive items count; omit for all. */
  readonly agency?: string;
  /** The center whose sub-centers are listed; omit for the first center established in the log. */
  readonly centerId?: string;
}

const pct = (n: number, d: number) => (d === 0 ? '—' : formatPercent(n, d));
const amount = (fen: number) => (fen === 0 ? '—' : formatAmount(fen, 'yi'));

/**
 * The center's year as plain JSON: every figure computed from the folded read models by the
 * domain packages' own functions, every one printed at the precision of its unit (percentages to
 * one decimal, 亿元 to two). Raw integers (fen, m²) sit beside the printed text.
 *
 * @example
 * const report = centerReport(await foldProjection(store.readAll(), centerProjection), { year: 2013 });
 * report.cleanup?.reductionRate; // '36.7%'
 */
export function centerReport(state: CenterState, options: CenterReportOptions) {
  const eventsInYear = state.years[String(options.year)] ?? 0;
  // A year the log has no events in is an empty report that says so, never another year's figures.
  const figures = yearFigures(eventsInYear === 0 ? centerProjection.init() : state, options);
  const otherYears = Object.keys(state.years).some((y) => y !== String(options.year));
  return { ...figures, events: state.events, eventsInYear, empty: eventsInYear === 0, wholeLog: eventsInYear === 0 || !otherYears ? [] : [...wholeLogSections] };
}

/**
 * Sections whose read models do not yet keep figures per year: in a log that spans several years
 * they count the whole log, and the report names them so.
 */
export const wholeLogSections = ['cleanup', 'intermediaries', 'surveys', 'trading', 'notices', 'publicity'] as const;

function yearFigures(state: CenterState, options: CenterReportOptions) {
  const year = String(options.year);
  const cases = caseSummaryOfYear(state.cases, options.year);
  const months = Object.entries(cases.months).map(([month, f]) => ({ month, ...f }));
  const sum = (k: 'received' | 'decided' | 'onTimeStatutory' | 'onTimePromised') => months.reduce((s, m) => s + m[k], 0);
  const [received, decided, onTimeStatutory, onTimePromised] = [sum('received'), sum('decided'), sum('onTimeStatutory'), sum('onTimePromised')];
  const visits = visitFigures(state.visits, options.year);
  const intake = intakeOfYear(state.visits, options.year);
  const campaign = [...state.cleanup.campaigns.values()][0];
  const disclosure = finishAnnualReport(state.disclosure, { year: options.year, ...(options.agency ? { agency: options.agency } : {}) });
  const sc = state.surveys.total;
  const centerId = options.centerId ?? [...state.nodes.centers.keys()][0];
  return {
    year: options.year,
    events: state.events,
    approval: {
      received,
      decided,
      onTimeStatutory,
      onTimeStatutoryRate: pct(onTimeStatutory, decided),
      onTimePromised,
      onTimePromisedRate: pct(onTimePromised, decided),
      months,
      channels: cases.channels,
      intakeChannels: intake.channels,
      onlinePattern: intake.onlinePattern,
      visits: { ...visits, atMostOneRate: pct(visits.atMostOne, visits.cases), withinRequiredRate: pct(visits.withinRequired, visits.withRequired) },
      departments: departmentRates(state.onTime, options.year).map((d) => ({ ...d, onTimeRate: pct(d.onTimeStatutory, d.decided), promisedRate: pct(d.onTimePromised, d.decided) })),
    },
    cleanup: campaign
      ? {
          name: campaign.name,
          items: decidedItems(campaign),
          cancelled: campaign.decisions.cancelled,
          delegated: campaign.decisions.delegated,
          adjusted: campaign.decisions.adjusted,
          retained: campaign.decisions.retained,
          reduced: reducedItems(campaign),
          reductionRate: pct(reducedItems(campaign), decidedItems(campaign)),
          fourReductions: fourReductions(campaign),
          standardizedDepartments: departmentStandardization(state.catalog).filter((d) => d.complete).length,
        }
      : null,
    disclosure: {
      report: disclosure,
      governmentWebsite: disclosure.proactiveActivity.byChannel.governmentWebsite,
      centerPortal: disclosure.proactiveActivity.byChannel.centerPortal,
      latePublications: disclosure.proactiveActivity.late,
      requestsReceived: disclosure.summary.newReceived,
    },
    intermediaries: { ...state.agencies.counts },
    surveys: { issued: sc.issued, returned: sc.returned, satisfied: satisfiedForms(sc), satisfaction: pct(satisfiedForms(sc), sc.returned) },
    trading: tradingCategoryNames.map((category) => {
      const f = state.trading.categories[category];
      const ratio = savingsRatio(f, category);
      return {
        category,
        label: tradingCategories[category].label,
        deals: f.concluded,
        budgetFen: f.budgetFen,
        marketPriceFen: f.marketPriceFen,
        priceFen: f.priceFen,
        savingsFen: f.savingsFen,
        areaSqm: f.areaSqm,
        budget: amount(f.budgetFen),
        market: amount(f.marketPriceFen),
        price: formatAmount(f.priceFen, 'yi'),
        savings: ratio === null ? '—' : formatAmount(f.savingsFen, 'yi'),
        savingsRate: ratio === null ? '—' : pct(ratio.savingsFen, ratio.baseFen),
        area: tradingCategories[category].area ? formatAmount(f.areaSqm, 'hectare') : '—',
      };
    }),
    notices: (() => {
      const f = noticeFigures(state.notices);
      return { ...f, rate: pct(f.published, f.required) };
    })(),
    publicity: publicityFigures(state.publicity),
    nodes: { subCenters: centerId === undefined ? [] : activeSubCenters(state.nodes, centerId, `${year}-12-31`).map((s) => s.name) },
  };
}

/**
 * What {@link centerReport} returns.
 *
 * @example
 * const r: CenterReport = centerReport(state, { year: 2013 });
 */
export type CenterReport = ReturnType<typeof centerReport>;
