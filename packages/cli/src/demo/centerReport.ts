/**
 * The center's year in one pass over the log: every read model of every package folded side
 * by side (plain reducers, design §3), then turned into one plain JSON report. Nothing here
 * knows the seed's numbers: they come out of the events.
 */
import { caseSummaryProjection, type CaseSummary } from '@banshi/approval';
import {
  activeSubCenters,
  catalogView,
  centerNodes,
  cleanupReport,
  decidedItems,
  departmentStandardization,
  formatAmount,
  formatPercent,
  fourReductions,
  intermediaryRegister,
  reducedItems,
  satisfiedForms,
  savingsRate,
  surveyStats,
  tradingCategories,
  tradingCategoryNames,
  tradingStats,
} from '@banshi/catalog';
import type { Projection, StoredEvent } from '@banshi/core';
import { annualReportProjection, finishAnnualReport, type AnnualReport } from '@banshi/disclosure';

/** On-time decisions per department, from `CaseReceived` and the due dates `CaseDecided` carries. */
export interface DepartmentOnTime {
  readonly caseDepartment: Map<string, string>;
  readonly departments: Map<string, { decided: number; onTimeStatutory: number; onTimePromised: number }>;
}

export const departmentOnTime: Projection<DepartmentOnTime> = {
  name: 'center.departmentOnTime',
  types: ['CaseReceived', 'CaseDecided', 'CaseDecidedOnSpot'],
  init: () => ({ caseDepartment: new Map(), departments: new Map() }),
  apply(state, e) {
    const d = e.data as { department?: string; on?: string; statutoryDueDate?: string; promisedDueDate?: string };
    if (e.type === 'CaseReceived') {
      state.caseDepartment.set(e.stream, d.department ?? 'unknown');
      return state;
    }
    const dept = state.caseDepartment.get(e.stream) ?? 'unknown';
    let f = state.departments.get(dept);
    if (!f) state.departments.set(dept, (f = { decided: 0, onTimeStatutory: 0, onTimePromised: 0 }));
    f.decided++;
    const onSpot = e.type === 'CaseDecidedOnSpot';
    if (onSpot || (d.on ?? '') <= (d.statutoryDueDate ?? '')) f.onTimeStatutory++;
    if (onSpot || (d.on ?? '') <= (d.promisedDueDate ?? '')) f.onTimePromised++;
    return state;
  },
};

/** Visits per case (到现场次数) and intake channels, for the "at most one visit" measure. */
export interface VisitStats {
  readonly perCase: Map<string, number>;
  /** 到现场次数 the item required, per case (from the catalog version in force on the receipt date). */
  readonly required: Map<string, number>;
  readonly intakeChannels: Record<string, number>;
  /** Cases whose steps went online–online–offline–online (网上受理、网上审核、网下办理、网上反馈). */
  onlinePattern: number;
  readonly steps: Map<string, string[]>;
}

export const visitStats: Projection<VisitStats> = {
  name: 'center.visits',
  init: () => ({ perCase: new Map(), required: new Map(), intakeChannels: {}, onlinePattern: 0, steps: new Map() }),
  apply(state, e) {
    if (!e.stream.startsWith('case-')) return state;
    const d = e.data as { channel?: string; inPerson?: boolean };
    if (e.type === 'CaseReceived') {
      state.perCase.set(e.stream, 0);
      const required = (e.data as { requiredVisits?: number | null }).requiredVisits;
      if (typeof required === 'number') state.required.set(e.stream, required);
      state.intakeChannels[d.channel ?? e.meta.channel] = (state.intakeChannels[d.channel ?? e.meta.channel] ?? 0) + 1;
    }
    if (d.inPerson === true) state.perCase.set(e.stream, (state.perCase.get(e.stream) ?? 0) + 1);
    const kind = e.type === 'CaseReceived' ? 'intake' : e.type === 'ReviewAssigned' || e.type === 'ReviewOpinionRecorded' || e.type === 'CaseAccepted' ? 'review' : e.type === 'CaseDecided' ? 'handle' : e.type === 'CertificateDelivered' || e.type === 'EvaluationSubmitted' ? 'feedback' : undefined;
    if (kind) {
      let s = state.steps.get(e.stream);
      if (!s) state.steps.set(e.stream, (s = []));
      s.push(`${kind}:${d.channel ?? e.meta.channel}`);
      if (e.type === 'CertificateDelivered' && s[0] === 'intake:online' && s.includes('review:online') && s.includes('handle:system') && s.at(-1) === 'feedback:online') state.onlinePattern++;
    }
    return state;
  },
};

const parts = {
  cases: caseSummaryProjection,
  onTime: departmentOnTime,
  visits: visitStats,
  disclosure: annualReportProjection(),
  cleanup: cleanupReport,
  catalog: catalogView,
  agencies: intermediaryRegister,
  surveys: surveyStats,
  trading: tradingStats,
  nodes: centerNodes,
} as const;
type Parts = typeof parts;
export type CenterState = { [K in keyof Parts]: Parts[K] extends Projection<infer S> ? S : never } & { events: number; months: Map<string, number> };

/**
 * All read models in one projection: each event goes only to the parts that take its type.
 *
 * @example
 * const state = await foldProjection(store.readAll(), centerProjection);
 * const report = centerReport(state, { year: 2013 });
 */
export const centerProjection: Projection<CenterState> = (() => {
  const keys = Object.keys(parts) as (keyof Parts)[];
  const byType = new Map<string, (keyof Parts)[]>();
  const always = keys.filter((k) => parts[k].types === undefined);
  const route = (type: string) => {
    let r = byType.get(type);
    if (!r) byType.set(type, (r = [...always, ...keys.filter((k) => parts[k].types?.includes(type))]));
    return r;
  };
  return {
    name: 'center.report',
    init: () => ({ ...(Object.fromEntries(keys.map((k) => [k, parts[k].init()])) as Omit<CenterState, 'events' | 'months'>), events: 0, months: new Map() }),
    apply(state, e: StoredEvent) {
      state.events++;
      for (const k of route(e.type)) (state as Record<string, unknown>)[k] = (parts[k] as Projection<unknown>).apply((state as Record<string, unknown>)[k], e);
      return state;
    },
  };
})();

const pct = (n: number, d: number) => (d === 0 ? '—' : formatPercent(n, d));

/** The report as plain JSON: every figure computed from the folded state. */
export function centerReport(state: CenterState, options: { readonly year: number; readonly agency?: string }) {
  const cases: CaseSummary = state.cases;
  const months = Object.entries(cases.months)
    .filter(([m]) => m.startsWith(String(options.year)))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, f]) => ({ month, ...f }));
  const received = months.reduce((s, m) => s + m.received, 0);
  const decided = months.reduce((s, m) => s + m.decided, 0);
  const onTimeStatutory = months.reduce((s, m) => s + m.onTimeStatutory, 0);
  const onTimePromised = months.reduce((s, m) => s + m.onTimePromised, 0);
  const visits = [...state.visits.perCase.values()];
  const withinRequired = [...state.visits.required].filter(([stream, req]) => (state.visits.perCase.get(stream) ?? 0) <= req).length;
  const departments = [...state.onTime.departments].map(([department, f]) => ({ department, ...f, onTimeRate: pct(f.onTimeStatutory, f.decided), promisedRate: pct(f.onTimePromised, f.decided) })).sort((a, b) => b.decided - a.decided);
  const campaign = [...state.cleanup.campaigns.values()][0];
  const four = campaign ? fourReductions(campaign) : undefined;
  const disclosure: AnnualReport = finishAnnualReport(state.disclosure, { year: options.year, ...(options.agency ? { agency: options.agency } : {}) });
  const t = state.trading.categories;
  const sc = state.surveys.total;
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
      intakeChannels: state.visits.intakeChannels,
      onlinePattern: state.visits.onlinePattern,
      visits: {
        cases: visits.length,
        zero: visits.filter((v) => v === 0).length,
        one: visits.filter((v) => v === 1).length,
        more: visits.filter((v) => v > 1).length,
        atMostOneRate: pct(visits.filter((v) => v <= 1).length, visits.length),
        withRequired: state.visits.required.size,
        withinRequired,
        withinRequiredRate: pct(withinRequired, state.visits.required.size),
      },
      departments,
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
          reductionRate: formatPercent(reducedItems(campaign), decidedItems(campaign)),
          fourReductions: four,
          standardizedDepartments: departmentStandardization(state.catalog).filter((d) => d.complete).length,
        }
      : null,
    disclosure: {
      report: disclosure,
      governmentWebsite: disclosure.proactiveActivity.byChannel.governmentWebsite,
      centerPortal: disclosure.proactiveActivity.byChannel.centerPortal,
      latePublications: disclosure.proactiveActivity.late,
      requestsReceived: disclosure.requests.newReceived[disclosure.requests.newReceived.length - 1] ?? 0,
    },
    intermediaries: { ...state.agencies.counts },
    surveys: { issued: sc.issued, returned: sc.returned, satisfied: satisfiedForms(sc), satisfaction: pct(satisfiedForms(sc), sc.returned).replace('.0%', '%') },
    trading: tradingCategoryNames.map((k) => {
      const f = t[k];
      const rate = savingsRate(f, k);
      return {
        category: k,
        label: tradingCategories[k].label,
        deals: f.concluded,
        budget: f.budgetFen ? formatAmount(f.budgetFen, 'yi') : '—',
        market: f.marketPriceFen ? formatAmount(f.marketPriceFen, 'yi') : '—',
        price: formatAmount(f.priceFen, 'yi', k === 'constructionTender' || k === 'landTransfer' ? 1 : 2),
        savings: f.savingsFen ? formatAmount(f.savingsFen, 'yi') : '—',
        savingsRate: rate === null ? '—' : `${(rate * 100).toFixed(k === 'governmentProcurement' ? 0 : 1)}%`,
        area: f.areaSqm ? formatAmount(f.areaSqm, 'hectare', 0) : '—',
      };
    }),
    nodes: { subCenters: activeSubCenters(state.nodes, 'tz', `${options.year}-12-31`).map((s) => s.name) },
  };
}
export type CenterReport = ReturnType<typeof centerReport>;
