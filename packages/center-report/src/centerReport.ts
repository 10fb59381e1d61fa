import { caseFlowOfYear, departmentRates, intakeOfYear, visitFigures } from '@banshi/approval';
import {
  activeSubCenters,
  decidedItems,
  departmentStandardization,
  formatAmount,
  formatPercent,
  fourReductions,
  knownTradingCategory,
  noticeFigures,
  publicityFigures,
  reducedItems,
  satisfiedForms,
  savingsRatio,
  tradingCategoryNames,
  type CampaignFigures,
  type CategoryFigures,
} from '@banshi/catalog';
import { finishAnnualReport } from '@banshi/disclosure';
import type { CenterConfig } from './centerConfig.js';
import { centerProjection, type CenterState } from './centerProjection.js';
import { minus, yearEnds } from './yearSlices.js';

/**
 * Options of {@link centerReport}.
 *
 * @example
 * const o: CenterReportOptions = { year: 2013, center: parseCenterConfig(JSON.parse(text)) };
 */
export interface CenterReportOptions {
  readonly year: number;
  /**
   * The center's organisation ({@link parseCenterConfig}). Omitted: what the log says — the first
   * center its node registry establishes, that center's sub-centers, the departments its cases
   * name and the trading categories its deals carry.
   */
  readonly center?: CenterConfig;
  /** The disclosing agency whose requests and proactive items count; overrides `center.agency`; omit for all. */
  readonly agency?: string;
  /** Without `center`: the center whose sub-centers are listed; omit for the first center established in the log. */
  readonly centerId?: string;
}

const pct = (n: number, d: number) => (d === 0 ? '—' : formatPercent(n, d));
const amount = (fen: number) => (fen === 0 ? '—' : formatAmount(fen, 'yi'));
const nonZero = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== 0));

/**
 * The center's year as plain JSON: every figure computed from the folded read models by the
 * domain packages' own functions, every one counting the report year only, every one printed at
 * the precision of its unit (percentages to one decimal, 亿元 to two). Raw integers (fen, m²)
 * sit beside the printed text. The center's name, departments, sub-centers and trading
 * categories come from `options.center`, else from the log.
 *
 * @example
 * const report = centerReport(await foldProjection(store.readAll(), centerProjection), { year: 2013, center });
 * report.cleanup?.reductionRate; // '36.7%'
 */
export function centerReport(state: CenterState, options: CenterReportOptions) {
  const eventsInYear = state.years[String(options.year)] ?? 0;
  // A year the log has no events in is an empty report that says so, never another year's figures.
  const figures = yearFigures(eventsInYear === 0 ? centerProjection.init() : state, options, state);
  return { ...figures, events: state.events, eventsInYear, empty: eventsInYear === 0 };
}

function yearFigures(state: CenterState, options: CenterReportOptions, whole: CenterState) {
  const { year, center: config } = options;
  const cases = caseFlowOfYear(state.cases, year);
  const months = Object.entries(cases.months).map(([month, f]) => ({ month, ...f }));
  const sum = (k: 'received' | 'decided' | 'onTimeStatutory' | 'onTimePromised') => months.reduce((s, m) => s + m[k], 0);
  const [received, decided, onTimeStatutory, onTimePromised] = [sum('received'), sum('decided'), sum('onTimeStatutory'), sum('onTimePromised')];
  const visits = visitFigures(state.visits, year);
  const intake = intakeOfYear(state.visits, year);
  const agency = options.agency ?? config?.agency;
  const disclosure = finishAnnualReport(state.disclosure, { year, ...(agency ? { agency } : {}) });
  // The center's name and id come from the configuration, else from the whole log's node registry.
  const centerId = config?.centerId ?? options.centerId ?? [...whole.nodes.centers.keys()][0];
  const registered = centerId === undefined ? undefined : whole.nodes.centers.get(centerId);

  const surveys = yearEnds(state.surveys, year);
  const sc = minus(surveys.end.total, surveys.before.total);
  const agencies = yearEnds(state.agencies, year);
  const notices = yearEnds(state.notices, year);
  const nf = minus(noticeFigures(notices.end), noticeFigures(notices.before));
  const publicity = yearEnds(state.publicity, year);
  const pf = minus(publicityFigures(publicity.end), publicityFigures(publicity.before));

  return {
    year,
    center: { id: centerId ?? null, name: config?.name ?? registered?.name ?? null, agency: agency ?? null },
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
      departments: departments(state, options).map((d) => ({ ...d, onTimeRate: pct(d.onTimeStatutory, d.decided), promisedRate: pct(d.onTimePromised, d.decided) })),
    },
    cleanup: cleanupOfYear(state, year),
    disclosure: {
      report: disclosure,
      governmentWebsite: disclosure.proactiveActivity.byChannel.governmentWebsite,
      centerPortal: disclosure.proactiveActivity.byChannel.centerPortal,
      latePublications: disclosure.proactiveActivity.late,
      requestsReceived: disclosure.summary.newReceived,
    },
    intermediaries: minus({ ...agencies.end.counts }, agencies.before.counts),
    surveys: { issued: sc.issued, returned: sc.returned, satisfied: satisfiedForms(sc), satisfaction: pct(satisfiedForms(sc), sc.returned) },
    trading: tradingOfYear(state, options),
    notices: { ...nf, byOutlet: nonZero(nf.byOutlet), rate: pct(nf.published, nf.required) },
    publicity: { ...pf, adopted: nonZero(pf.adopted) },
    nodes: { subCenters: subCentersOfYear(state, options, centerId) },
  };
}

/** The year's cleanup: the first campaign with a decision (or its opening) in the year. */
function cleanupOfYear(state: CenterState, year: number) {
  const { end, before } = yearEnds(state.cleanup, year);
  const y = String(year);
  const campaign = [...end.campaigns.values()]
    .map((c): CampaignFigures => minus(c, before.campaigns.get(c.campaignId)))
    .find((c) => decidedItems(c) > 0 || c.openedOn?.slice(0, 4) === y);
  if (!campaign) return null;
  return {
    name: campaign.name,
    items: decidedItems(campaign),
    cancelled: campaign.decisions.cancelled,
    delegated: campaign.decisions.delegated,
    adjusted: campaign.decisions.adjusted,
    retained: campaign.decisions.retained,
    reduced: reducedItems(campaign),
    reductionRate: pct(reducedItems(campaign), decidedItems(campaign)),
    fourReductions: fourReductions(campaign),
    // A level, not a count: the departments complete as the year ends.
    standardizedDepartments: departmentStandardization(yearEnds(state.catalog, year).end).filter((d) => d.complete).length,
  };
}

/** The year's departments: the configured ones (by their printed name, none left out), then any other the log names. */
function departments(state: CenterState, options: CenterReportOptions) {
  const rows = departmentRates(state.onTime, options.year);
  const configured = (options.center?.departments ?? []).map((d) => (typeof d === 'string' ? { id: d, name: d } : d));
  if (configured.length === 0) return rows;
  const byId = new Map(rows.map((r) => [r.department, r]));
  const zero = { received: 0, decided: 0, onTimeStatutory: 0, onTimePromised: 0 };
  const named = configured.map((d) => ({ ...zero, ...byId.get(d.id), department: d.name }));
  const ids = new Set(configured.map((d) => d.id));
  return [...named, ...rows.filter((r) => !ids.has(r.department))].sort((a, b) => b.decided - a.decided);
}

/** The year's trading rows: the configured categories in their order, else the ones the year's deals carry. */
function tradingOfYear(state: CenterState, options: CenterReportOptions) {
  const { end, before } = yearEnds(state.trading, options.year);
  const year = minus({ ...end.categories } as Record<string, CategoryFigures | undefined>, before.categories);
  const categories =
    options.center?.tradingCategories ??
    Object.keys(year)
      .filter((code) => (year[code]?.concluded ?? 0) + (year[code]?.failed ?? 0) > 0)
      .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))
      .map((code) => {
        const known = knownTradingCategory(code);
        return { code, label: known?.label ?? code, area: known?.area ?? false, savings: known?.savings ?? null, rateBasis: known?.rateBasis ?? null };
      });
  return categories.map((def) => {
    const f = year[def.code] ?? { concluded: 0, failed: 0, budgetFen: 0, marketPriceFen: 0, priceFen: 0, savingsFen: 0, areaSqm: 0 };
    // Savings = reference − price over the concluded deals, on the category's own definition.
    const savingsFen = def.savings === null ? 0 : (def.savings === 'budget' ? f.budgetFen : f.marketPriceFen) - f.priceFen;
    const ratio = savingsRatio({ ...f, savingsFen }, def);
    return {
      category: def.code,
      label: def.label,
      deals: f.concluded,
      budgetFen: f.budgetFen,
      marketPriceFen: f.marketPriceFen,
      priceFen: f.priceFen,
      savingsFen,
      areaSqm: f.areaSqm,
      budget: amount(f.budgetFen),
      market: amount(f.marketPriceFen),
      price: formatAmount(f.priceFen, 'yi'),
      savings: ratio === null ? '—' : formatAmount(savingsFen, 'yi'),
      savingsRate: ratio === null ? '—' : pct(ratio.savingsFen, ratio.baseFen),
      area: def.area ? formatAmount(f.areaSqm, 'hectare') : '—',
    };
  });
}

const rank = (code: string) => {
  const i = (tradingCategoryNames as readonly string[]).indexOf(code);
  return i < 0 ? tradingCategoryNames.length : i;
};

/**
 * The sub-centers open at the year's end by the node registry, printed under their configured
 * names; configured sub-centers the registry does not know are listed as configured.
 */
function subCentersOfYear(state: CenterState, options: CenterReportOptions, centerId: string | undefined): string[] {
  const open = centerId === undefined ? [] : activeSubCenters(state.nodes, centerId, `${options.year}-12-31`);
  const configured = options.center?.subCenters;
  if (!configured?.length) return open.map((s) => s.name);
  if (!state.nodes.centers.has(centerId ?? '')) return state.events === 0 ? [] : configured.map((s) => s.name);
  const names = new Map(configured.map((s) => [s.nodeId, s.name]));
  return open.map((s) => names.get(s.nodeId) ?? s.name);
}

/**
 * What {@link centerReport} returns.
 *
 * @example
 * const r: CenterReport = centerReport(state, { year: 2013 });
 */
export type CenterReport = ReturnType<typeof centerReport>;
