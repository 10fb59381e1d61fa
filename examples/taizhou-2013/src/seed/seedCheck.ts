import { formatAmount, formatPercent, percentDigits, type ReportUnit } from '@banshi/catalog';
import type { CenterReport } from '@banshi/center-report';
import { seedFigures } from './seedFigures.js';

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
 * The row kinds in print order, with the one-line legend the printout and `report.html` show.
 *
 * @example
 * figureKinds.vacuous.mark; // '○'
 */
export const figureKinds = {
  folded: { mark: '●', legend: 'folded from many events by a domain read model' },
  reconstructed: { mark: '◐', legend: 'rests on an input the seed does not give (reconstructed by the generator; see the note)' },
  vacuous: { mark: '○', legend: 'true by construction: proves nothing about the fold' },
} as const satisfies Record<FigureKind, { mark: string; legend: string }>;

/**
 * One line of the seed check: what the report printed, what the replay must show (the seed's
 * figure, or its own arithmetic where the seed disagrees with itself), what it showed, at the
 * seed's printed precision, and what kind of figure it is.
 *
 * @example
 * const row: SeedCheckRow = { figure: '取消 cancelled', seed: '159', expected: '159', replayed: '159', ok: true, kind: 'folded', note: '…' };
 */
export interface SeedCheckRow {
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

interface RowSpec {
  readonly figure: string;
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
 * seedCheck(report).filter((r) => !r.ok); // []
 */
export function seedCheck(r: CenterReport): SeedCheckRow[] {
  const s = seedFigures;
  const trade = (k: string) => r.trading.find((t) => t.category === k);
  const zc = trade('governmentProcurement');
  const gc = trade('constructionTender');
  const td = trade('landTransfer');
  const gp = trade('stateProperty');
  const ot = trade('other');
  const c = r.cleanup;
  const rows: RowSpec[] = [
    { figure: '审批事项 items decided in the cleanup', seed: s.items, kind: 'folded', note: 'items with a cleanup decision, one per item stream', replayed: c?.items },
    { figure: '取消 cancelled', seed: s.cancelled, kind: 'folded', note: 'ItemCleanupDecided events by decision', replayed: c?.cancelled },
    { figure: '下放 delegated', seed: s.delegated, kind: 'folded', note: 'ItemCleanupDecided events by decision', replayed: c?.delegated },
    { figure: '调整 adjusted', seed: s.adjusted, kind: 'folded', note: 'ItemCleanupDecided events by decision', replayed: c?.adjusted },
    { figure: '保留 retained', seed: s.retained, kind: 'folded', note: 'ItemCleanupDecided events by decision', replayed: c?.retained },
    { figure: '削减率 reduction rate', seed: s.reductionRate, kind: 'folded', note: '(取消 + 下放 + 调整) / items, from the decisions', replayed: c ? percentAsPrinted(c.reduced, c.items, s.reductionRate) : undefined },
    { figure: '标准化 departments done', seed: s.standardizedDepartments, kind: 'folded', note: 'departments whose every item has all four standards published', replayed: c?.standardizedDepartments },
    { figure: '政府网站 proactive items', seed: s.governmentWebsite, kind: 'folded', note: 'PublicInfoPublished events on the government website', replayed: r.disclosure.governmentWebsite },
    { figure: '中心门户网站 proactive items', seed: s.centerPortal, kind: 'folded', note: 'PublicInfoPublished events on the center portal', replayed: r.disclosure.centerPortal },
    {
      figure: '依申请 requests received',
      seed: s.requestsReceived,
      kind: 'vacuous',
      note: 'the seed states 本报告年度无收到依申请公开; the generator writes no request, so any log without requests passes',
      replayed: r.disclosure.requestsReceived,
    },
    { figure: '中介机构 submitted', seed: s.intermediariesSubmitted, kind: 'folded', note: 'AgencySubmitted events', replayed: r.intermediaries.submitted },
    { figure: '中介机构 published', seed: s.intermediariesPublished, kind: 'folded', note: 'AgencyPublished events after review', replayed: r.intermediaries.published },
    { figure: '征求意见表 issued', seed: s.surveyIssued, kind: 'vacuous', note: 'echoed from one field (forms) of one SurveyIssued event', replayed: r.surveys.issued },
    { figure: '征求意见表 returned', seed: s.surveyReturned, kind: 'folded', note: 'forms in eleven monthly SurveyFormsReturned events', replayed: r.surveys.returned },
    {
      figure: '满意度 satisfaction',
      seed: s.satisfaction,
      kind: 'folded',
      note: 'satisfied / returned forms; how they split between 非常满意 and 满意 is invented',
      replayed: percentAsPrinted(r.surveys.satisfied, r.surveys.returned, s.satisfaction),
    },
    { figure: '政府采购 deals', seed: s.procurementDeals, kind: 'folded', note: 'DealConcluded events, procurement', replayed: zc?.deals },
    { figure: '政府采购 总市场价', seed: s.procurementMarket, kind: 'folded', note: 'market prices of the concluded deals, summed', replayed: asPrinted(zc?.marketPriceFen, 'yi', s.procurementMarket) },
    { figure: '政府采购 总中标价', seed: s.procurementPrice, kind: 'folded', note: 'winning prices, summed', replayed: asPrinted(zc?.priceFen, 'yi', s.procurementPrice) },
    {
      figure: '政府采购 节约率',
      seed: s.procurementSavingsRate,
      kind: 'reconstructed',
      note: `the seed's own figures cannot give 16%: (2.93 − 2.42) / 2.93 = ${percentAsPrinted(29_300_000_000 - 24_200_000_000, 29_300_000_000, '0.0')} on the market price, 0.51 / 2.42 = ${percentAsPrinted(5_100_000_000, 24_200_000_000, '0.0')} on the winning price; no budget is given, none is invented; checked against the market-price rate`,
      expected: percentAsPrinted(29_300_000_000 - 24_200_000_000, 29_300_000_000, '0.0'),
      replayed: zc?.savingsRate,
    },
    { figure: '工程建设 deals', seed: s.constructionDeals, kind: 'folded', note: 'DealConcluded events, construction', replayed: gc?.deals },
    { figure: '工程建设 总中标价', seed: s.constructionPrice, kind: 'folded', note: 'winning prices, summed', replayed: asPrinted(gc?.priceFen, 'yi', s.constructionPrice) },
    {
      figure: '工程建设 节省资金',
      seed: s.constructionSavings,
      kind: 'reconstructed',
      note: 'Σ (control price − winning price); the seed gives no control prices (招标控制价): the generator sets them to price + 8.73亿 in total, so this checks the sums, not a fact',
      replayed: asPrinted(gc?.savingsFen, 'yi', s.constructionSavings),
    },
    {
      figure: '工程建设 节约率',
      seed: s.constructionSavingsRate,
      kind: 'reconstructed',
      note: 'savings / winning price = 8.73 / 83.2, which agrees with the seed; the savings rest on the reconstructed control prices',
      replayed: gc?.savingsRate,
    },
    { figure: '土地交易 deals', seed: s.landDeals, kind: 'folded', note: 'DealConcluded events, land', replayed: td?.deals },
    { figure: '土地交易 出让面积', seed: s.landArea, kind: 'folded', note: 'areas of the concluded land deals, summed', replayed: asPrinted(td?.areaSqm, 'hectare', s.landArea) },
    { figure: '土地交易 出让金', seed: s.landPrice, kind: 'folded', note: 'transfer fees, summed', replayed: asPrinted(td?.priceFen, 'yi', s.landPrice) },
    { figure: '国有产权 deals', seed: s.propertyDeals, kind: 'folded', note: 'DealConcluded events, state property', replayed: gp?.deals },
    { figure: '国有产权 交易金额', seed: s.propertyPrice, kind: 'folded', note: 'prices, summed', replayed: asPrinted(gp?.priceFen, 'yi', s.propertyPrice) },
    { figure: '其它公共资源 deals', seed: s.otherDeals, kind: 'folded', note: 'DealConcluded events, other', replayed: ot?.deals },
    { figure: '其它公共资源 交易金额', seed: s.otherPrice, kind: 'folded', note: 'prices, summed', replayed: asPrinted(ot?.priceFen, 'yi', s.otherPrice) },
    { figure: '公共资源交易信息 条次', seed: s.noticePublications, kind: 'folded', note: 'outlets of every TradingNoticePublished event, summed; which notices had a second outlet is invented', replayed: r.notices.outletPublications },
    { figure: '交易信息公开率', seed: s.noticeRate, kind: 'folded', note: 'announcement + result of every concluded deal, published and not withdrawn / required', replayed: percentAsPrinted(r.notices.published, r.notices.required, s.noticeRate) },
    { figure: '审改信息 portal articles', seed: s.reformArticles, kind: 'folded', note: 'ReformPiecePublished events, portal articles', replayed: r.publicity.portalArticles },
    { figure: '审改工作简报 briefing issues', seed: s.briefings, kind: 'folded', note: 'ReformPiecePublished events, briefings', replayed: r.publicity.briefings },
    { figure: '《台州政务信息》录用 adopted', seed: s.adoptedPieces, kind: 'folded', note: 'ReformPieceAdopted events naming the bulletin; which pieces is invented', replayed: r.publicity.adopted['台州政务信息'] ?? 0 },
    {
      figure: '服务手册 handbooks printed',
      seed: s.handbookCopies,
      kind: 'reconstructed',
      note: 'copies of every print run, summed; the seed says only "5000多" (more than 5,000), so the runs are invented and the row checks 5,000 < copies < 6,000',
      replayed: r.publicity.handbookCopies,
      within: [5001, 5999],
    },
    {
      figure: '服务指南 service guides provided',
      seed: s.serviceGuideCopies,
      kind: 'reconstructed',
      note: 'copies put out at the windows, summed; the seed says only "近万" (nearly 10,000), so the runs are invented and the row checks 9,000 ≤ copies < 10,000',
      replayed: r.publicity.serviceGuideCopies,
      within: [9000, 9999],
    },
    { figure: '分中心 sub-centers', seed: s.subCenters, kind: 'folded', note: 'SubCenterOpened events of the center, open at year end', replayed: r.nodes.subCenters.length },
  ];
  return rows.map((row) => {
    const replayed = row.replayed === undefined ? '—' : String(row.replayed);
    if (row.within) {
      const [min, max] = row.within;
      const n = typeof row.replayed === 'number' ? row.replayed : Number.NaN;
      return { figure: row.figure, seed: row.seed, expected: `${min}–${max}`, replayed, ok: n >= min && n <= max, kind: row.kind, note: row.note };
    }
    const expected = row.expected ?? row.seed;
    return { figure: row.figure, seed: row.seed, expected, replayed, ok: replayed === expected, kind: row.kind, note: row.note };
  });
}

/**
 * Figures the report prints under the agency's name that the seed never states: the generator
 * invented them, and the printout and `report.html` label them synthetic.
 *
 * @example
 * syntheticFigures.map((f) => f.section); // ['approval', 'disclosure', 'intermediaries', 'ratings', 'budget']
 */
export const syntheticFigures = [
  { section: 'approval', what: 'approval cases, their on-time rates, channels and visits', why: 'the seed states no case figures: the cases are generated' },
  { section: 'disclosure', what: 'proactive items published late', why: 'the seed reports none; six are generated late to exercise the report' },
  { section: 'intermediaries', what: 'intermediaries returned', why: 'the seed says only that 59 of 108 were reviewed and published' },
  { section: 'ratings', what: 'applicant ratings (好差评) in the log', why: 'the 好差评 system did not exist in 2013' },
  { section: 'budget', what: 'the construction budgets (招标控制价) in the trading table', why: 'the seed gives only the savings (8.73亿); budgets = price + savings are reconstructed' },
] as const satisfies readonly { section: string; what: string; why: string }[];

/**
 * A section of the report {@link syntheticFigures} labels.
 *
 * @example
 * const s: SyntheticSection = 'approval';
 */
export type SyntheticSection = (typeof syntheticFigures)[number]['section'];
