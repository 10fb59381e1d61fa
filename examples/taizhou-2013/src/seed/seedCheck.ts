import type { Lang } from '@banshi/core';
import { formatAmount, formatPercent, percentDigits, type ReportUnit } from '@banshi/catalog';
import type { CenterReport } from '@banshi/center-report';
import { seedFigures } from './seedFigures.js';
import { seedMessages } from './seedMessages.js';

/**
 * What a row of the seed check proves:
 * `folded` — counted or summed back out of many events by a domain read model;
 * `reconstructed` — rests on an input the seed does not give, which the generator had to make up
 * (the row says which, and shows the arithmetic where the seed's own numbers disagree);
 * `vacuous` — true by construction (echoed from one field, or true of a log without such events).
 *
 * @example
 * const k: FigureKind = 'folded';
 */
export type FigureKind = 'folded' | 'reconstructed' | 'vacuous';

/**
 * The row kinds in print order, with the mark the printout and `report.html` show; their labels and
 * legends in each language come from {@link figureKindsIn}.
 *
 * @example
 * figureKinds.vacuous.mark; // '○'
 */
export const figureKinds = {
  folded: { mark: '●' },
  reconstructed: { mark: '◐' },
  vacuous: { mark: '○' },
} as const satisfies Record<FigureKind, { mark: string }>;

/**
 * The row kinds with their mark, label and one-line legend in one language.
 *
 * @example
 * figureKindsIn('en').vacuous.label; // 'vacuous'
 */
export function figureKindsIn(lang: Lang): Record<FigureKind, { readonly mark: string; readonly label: string; readonly legend: string }> {
  const m = seedMessages[lang];
  const kind = (k: FigureKind) => ({ mark: figureKinds[k].mark, label: m[`k_${k}`], legend: m[`l_${k}`] });
  return { folded: kind('folded'), reconstructed: kind('reconstructed'), vacuous: kind('vacuous') };
}

/**
 * One line of the seed check: what the report printed, what the replay must show (the seed's
 * figure, or its own arithmetic where the seed disagrees with itself), what it showed, at the
 * seed's printed precision, and what kind of figure it is. `id` names the row in every language;
 * `figure` and `note` are in the language asked for.
 *
 * @example
 * const row: SeedCheckRow = { id: '取消 cancelled', figure: '取消', seed: '159', expected: '159', replayed: '159', ok: true, kind: 'folded', note: '…' };
 */
export interface SeedCheckRow {
  readonly id: string;
  readonly figure: string;
  readonly seed: string;
  readonly expected: string;
  readonly replayed: string;
  readonly ok: boolean;
  readonly kind: FigureKind;
  readonly note: string;
}

/** Decimals a printed figure shows ('83.2亿元' → 1, '16%' → 0). */
const decimalsOf = (printed: string): number => /\.(\d+)/.exec(printed)?.[1]?.length ?? 0;
const asPrinted = (value: number | undefined, unit: ReportUnit, printed: string) => (value === undefined ? '—' : formatAmount(value, unit, decimalsOf(printed)));
/** A rate at the seed's precision; a printed 100% claims every one, so it is compared exactly, not after rounding. */
const percentAsPrinted = (n: number | undefined, d: number | undefined, printed: string) =>
  n === undefined || d === undefined || d === 0 ? '—' : printed === '100%' && n !== d ? formatPercent(n, d, percentDigits) : formatPercent(n, d, decimalsOf(printed));

type RowKey = Extract<keyof typeof seedMessages.zh, `f_${string}`> extends `f_${infer K}` ? K : never;

interface RowSpec {
  readonly id: string;
  readonly key: RowKey;
  readonly seed: string;
  readonly kind: FigureKind;
  readonly note: string;
  readonly replayed: string | number | undefined;
  /** What the replay must show when it is not the seed's figure (the seed disagrees with itself). */
  readonly expected?: string;
  /** For a figure the seed gives only in words ("5000多"): the range, both ends included, the replayed count must fall in. */
  readonly within?: readonly [number, number];
}

/**
 * Compares the replayed figures with the ones the 2013 report printed, each at the precision the
 * seed printed it (the report itself prints every figure at its unit's precision). The seed's
 * numbers are only ever on the left-hand side: the replayed ones come from the events.
 *
 * @example
 * seedCheck(report, 'en').filter((r) => !r.ok); // []
 */
export function seedCheck(r: CenterReport, lang: Lang = 'zh'): SeedCheckRow[] {
  const s = seedFigures;
  const m = seedMessages[lang];
  const trade = (k: string) => r.trading.find((t) => t.category === k);
  const zc = trade('governmentProcurement');
  const gc = trade('constructionTender');
  const td = trade('landTransfer');
  const gp = trade('stateProperty');
  const ot = trade('other');
  const c = r.cleanup;
  const rows: RowSpec[] = [
    { id: '审批事项 items decided in the cleanup', key: 'items', seed: s.items, kind: 'folded', note: m.n_items, replayed: c?.items },
    { id: '取消 cancelled', key: 'cancelled', seed: s.cancelled, kind: 'folded', note: m.n_decision, replayed: c?.cancelled },
    { id: '下放 delegated', key: 'delegated', seed: s.delegated, kind: 'folded', note: m.n_decision, replayed: c?.delegated },
    { id: '调整 adjusted', key: 'adjusted', seed: s.adjusted, kind: 'folded', note: m.n_decision, replayed: c?.adjusted },
    { id: '保留 retained', key: 'retained', seed: s.retained, kind: 'folded', note: m.n_decision, replayed: c?.retained },
    { id: '削减率 reduction rate', key: 'reductionRate', seed: s.reductionRate, kind: 'folded', note: m.n_reductionRate, replayed: c ? percentAsPrinted(c.reduced, c.items, s.reductionRate) : undefined },
    { id: '标准化 departments done', key: 'standardized', seed: s.standardizedDepartments, kind: 'folded', note: m.n_standardized, replayed: c?.standardizedDepartments },
    { id: '政府网站 proactive items', key: 'governmentWebsite', seed: s.governmentWebsite, kind: 'folded', note: m.n_governmentWebsite, replayed: r.disclosure.governmentWebsite },
    { id: '中心门户网站 proactive items', key: 'centerPortal', seed: s.centerPortal, kind: 'folded', note: m.n_centerPortal, replayed: r.disclosure.centerPortal },
    {
      id: '依申请 requests received', key: 'requests',
      seed: s.requestsReceived,
      kind: 'vacuous',
      note: m.n_requests,
      replayed: r.disclosure.requestsReceived,
    },
    { id: '中介机构 submitted', key: 'intermediariesSubmitted', seed: s.intermediariesSubmitted, kind: 'folded', note: m.n_intermediariesSubmitted, replayed: r.intermediaries.submitted },
    { id: '中介机构 published', key: 'intermediariesPublished', seed: s.intermediariesPublished, kind: 'folded', note: m.n_intermediariesPublished, replayed: r.intermediaries.published },
    { id: '征求意见表 issued', key: 'surveyIssued', seed: s.surveyIssued, kind: 'vacuous', note: m.n_surveyIssued, replayed: r.surveys.issued },
    { id: '征求意见表 returned', key: 'surveyReturned', seed: s.surveyReturned, kind: 'folded', note: m.n_surveyReturned, replayed: r.surveys.returned },
    {
      id: '满意度 satisfaction', key: 'satisfaction',
      seed: s.satisfaction,
      kind: 'folded',
      note: m.n_satisfaction,
      replayed: percentAsPrinted(r.surveys.satisfied, r.surveys.returned, s.satisfaction),
    },
    { id: '政府采购 deals', key: 'procurementDeals', seed: s.procurementDeals, kind: 'folded', note: m.n_procurementDeals, replayed: zc?.deals },
    { id: '政府采购 总市场价', key: 'procurementMarket', seed: s.procurementMarket, kind: 'folded', note: m.n_market, replayed: asPrinted(zc?.marketPriceFen, 'yi', s.procurementMarket) },
    { id: '政府采购 总中标价', key: 'procurementPrice', seed: s.procurementPrice, kind: 'folded', note: m.n_price, replayed: asPrinted(zc?.priceFen, 'yi', s.procurementPrice) },
    {
      id: '政府采购 节约率', key: 'procurementRate',
      seed: s.procurementSavingsRate,
      kind: 'reconstructed',
      note: m.n_procurementRate(percentAsPrinted(29_300_000_000 - 24_200_000_000, 29_300_000_000, '0.0'), percentAsPrinted(5_100_000_000, 24_200_000_000, '0.0')),
      expected: percentAsPrinted(29_300_000_000 - 24_200_000_000, 29_300_000_000, '0.0'),
      replayed: zc?.savingsRate,
    },
    { id: '工程建设 deals', key: 'constructionDeals', seed: s.constructionDeals, kind: 'folded', note: m.n_constructionDeals, replayed: gc?.deals },
    { id: '工程建设 总中标价', key: 'constructionPrice', seed: s.constructionPrice, kind: 'folded', note: m.n_price, replayed: asPrinted(gc?.priceFen, 'yi', s.constructionPrice) },
    {
      id: '工程建设 节省资金', key: 'constructionSavings',
      seed: s.constructionSavings,
      kind: 'reconstructed',
      note: m.n_constructionSavings,
      replayed: asPrinted(gc?.savingsFen, 'yi', s.constructionSavings),
    },
    {
      id: '工程建设 节约率', key: 'constructionRate',
      seed: s.constructionSavingsRate,
      kind: 'reconstructed',
      note: m.n_constructionRate,
      replayed: gc?.savingsRate,
    },
    { id: '土地交易 deals', key: 'landDeals', seed: s.landDeals, kind: 'folded', note: m.n_landDeals, replayed: td?.deals },
    { id: '土地交易 出让面积', key: 'landArea', seed: s.landArea, kind: 'folded', note: m.n_landArea, replayed: asPrinted(td?.areaSqm, 'hectare', s.landArea) },
    { id: '土地交易 出让金', key: 'landPrice', seed: s.landPrice, kind: 'folded', note: m.n_landPrice, replayed: asPrinted(td?.priceFen, 'yi', s.landPrice) },
    { id: '国有产权 deals', key: 'propertyDeals', seed: s.propertyDeals, kind: 'folded', note: m.n_propertyDeals, replayed: gp?.deals },
    { id: '国有产权 交易金额', key: 'propertyPrice', seed: s.propertyPrice, kind: 'folded', note: m.n_sum, replayed: asPrinted(gp?.priceFen, 'yi', s.propertyPrice) },
    { id: '其它公共资源 deals', key: 'otherDeals', seed: s.otherDeals, kind: 'folded', note: m.n_otherDeals, replayed: ot?.deals },
    { id: '其它公共资源 交易金额', key: 'otherPrice', seed: s.otherPrice, kind: 'folded', note: m.n_sum, replayed: asPrinted(ot?.priceFen, 'yi', s.otherPrice) },
    { id: '公共资源交易信息 条次', key: 'noticePublications', seed: s.noticePublications, kind: 'folded', note: m.n_noticePublications, replayed: r.notices.outletPublications },
    { id: '交易信息公开率', key: 'noticeRate', seed: s.noticeRate, kind: 'folded', note: m.n_noticeRate, replayed: percentAsPrinted(r.notices.published, r.notices.required, s.noticeRate) },
    { id: '审改信息 portal articles', key: 'reformArticles', seed: s.reformArticles, kind: 'folded', note: m.n_reformArticles, replayed: r.publicity.portalArticles },
    { id: '审改工作简报 briefing issues', key: 'briefings', seed: s.briefings, kind: 'folded', note: m.n_briefings, replayed: r.publicity.briefings },
    { id: '《台州政务信息》录用 adopted', key: 'adopted', seed: s.adoptedPieces, kind: 'folded', note: m.n_adopted, replayed: r.publicity.adopted['台州政务信息'] ?? 0 },
    {
      id: '服务手册 handbooks printed', key: 'handbooks',
      seed: s.handbookCopies,
      kind: 'reconstructed',
      note: m.n_handbooks,
      replayed: r.publicity.handbookCopies,
      within: [5001, 5999],
    },
    {
      id: '服务指南 service guides provided', key: 'guides',
      seed: s.serviceGuideCopies,
      kind: 'reconstructed',
      note: m.n_guides,
      replayed: r.publicity.serviceGuideCopies,
      within: [9000, 9999],
    },
    { id: '分中心 sub-centers', key: 'subCenters', seed: s.subCenters, kind: 'folded', note: m.n_subCenters, replayed: r.nodes.subCenters.length },
  ];
  return rows.map((row) => {
    const replayed = row.replayed === undefined ? '—' : String(row.replayed);
    if (row.within) {
      const [min, max] = row.within;
      const n = typeof row.replayed === 'number' ? row.replayed : Number.NaN;
      return { id: row.id, figure: m[`f_${row.key}`], seed: row.seed, expected: `${min}–${max}`, replayed, ok: n >= min && n <= max, kind: row.kind, note: row.note };
    }
    const expected = row.expected ?? row.seed;
    return { id: row.id, figure: m[`f_${row.key}`], seed: row.seed, expected, replayed, ok: replayed === expected, kind: row.kind, note: row.note };
  });
}

/**
 * Figures the report prints under the agency's name that the seed never states: the generator
 * invented them, and the printout and `report.html` label them synthetic.
 *
 * @example
 * syntheticSections.map((section) => section); // ['approval', 'disclosure', 'intermediaries', 'ratings', 'budget']
 */
export const syntheticSections = ['approval', 'disclosure', 'intermediaries', 'ratings', 'budget'] as const;

/**
 * A section of the report {@link syntheticSections} names.
 *
 * @example
 * const s: SyntheticSection = 'approval';
 */
export type SyntheticSection = (typeof syntheticSections)[number];

/**
 * The synthetic figures with what they are and why, in one language.
 *
 * @example
 * syntheticFigures('en')[3]; // { section: 'ratings', what: 'applicant ratings in the log', why: '…' }
 */
export function syntheticFigures(lang: Lang = 'zh'): { readonly section: SyntheticSection; readonly what: string; readonly why: string }[] {
  const m = seedMessages[lang];
  return syntheticSections.map((section) => ({ section, what: m[`s_${section}`], why: m[`w_${section}`] }));
}
