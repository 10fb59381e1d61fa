import type { Projection, StoredEvent } from '@banshi/core';
import { yearBounds } from '../_lib/dates.js';
import { InvalidReportOptionsError } from '../errors/index.js';
import { remedyKinds, type RemedyKind } from '../events/index.js';
import {
  applicantTypeKeys,
  outcomeKeys,
  proactiveCategories,
  publicationChannels,
  reportLabels,
  type ApplicantType,
  type ProactiveCategory,
  type PublicationChannel,
  type ReviewColumn,
} from '../labels/index.js';
import { disclosureRules, outcomeRules, type RuleSetId } from '../rules/index.js';
import { annualReportFormatFor, annualReportFormats, type AnnualReportFormatId } from './annualReportFormats.js';
import { emptyReportState, foldReportEvent, reportEventTypes, type ReportInputEvent } from './foldReportEvent.js';
import type { AnnualReportState, ReportItem, ReportRequest } from './reportState.js';

/**
 * Options of {@link annualReport}.
 *
 * @example
 * const o: AnnualReportOptions = { year: 2013, agency: '台州市行政服务中心' };
 */
export interface AnnualReportOptions {
  /** The report year (four digits). */
  readonly year: number;
  /** Count only this agency's requests and items, and name it in the title; omit for every agency in the log. */
  readonly agency?: string;
}

/**
 * Row keys of table 三, in the format's order.
 *
 * @example
 * table3RowKeys.length; // 25 (新收, 结转, 21 outcomes, 总计, 结转下年度)
 */
export const table3RowKeys = ['newReceived', 'carriedOver', ...outcomeKeys, 'total', 'carryForward'] as const;
/**
 * One of {@link table3RowKeys}.
 *
 * @example
 * const row: Table3Row = 'carryForward';
 */
export type Table3Row = (typeof table3RowKeys)[number];
/**
 * Seven cells: the six applicant columns, then 总计.
 *
 * @example
 * report.requests.newReceived; // [2, 1, 1, 1, 1, 1, 7]
 */
export type Table3Cells = readonly number[];

/**
 * One consistency check of the report, passed or failed with its reason.
 *
 * @example
 * report.checks.filter((c) => !c.ok).map((c) => c.detail);
 */
export interface ReportCheck {
  readonly id: 'balance' | 'outcomeSum' | 'columnTotals' | 'singleOutcome' | 'knownRequests' | 'chronology' | 'remedyTotals' | 'knownCases' | 'channelSum' | 'eraOutcomes' | 'feeTotals';
  readonly label: string;
  readonly ok: boolean;
  /** Why it failed (columns and numbers, request streams); empty when it passed. */
  readonly detail: string;
}

/**
 * Table 二 of the format.
 *
 * @example
 * report.proactive.normativeDocument; // { made: 1, repealed: 1, inForce: 2 }
 */
export interface ProactiveTable {
  readonly rule: { readonly made: number; readonly repealed: number; readonly inForce: number };
  readonly normativeDocument: { readonly made: number; readonly repealed: number; readonly inForce: number };
  readonly licensing: { readonly decisions: number };
  readonly penalty: { readonly decisions: number };
  readonly coercion: { readonly decisions: number };
  readonly fee: { readonly amountWan: number };
}

/**
 * Proactive-disclosure work of the year beyond table 二: per channel and per category.
 *
 * @example
 * report.proactiveActivity.byChannel.centerPortal; // 998
 */
export interface ProactiveActivity {
  /** Publications per channel in the year (an item published on two channels counts on each). */
  readonly byChannel: Readonly<Record<PublicationChannel, number>>;
  readonly byCategory: Readonly<Record<ProactiveCategory, { readonly formed: number; readonly published: number; readonly late: number; readonly withheld: number; readonly revoked: number }>>;
  /** Items first published in the year after their statutory limit. */
  readonly late: number;
  readonly published: number;
}

/**
 * The fees of the year, in fen: 2019-era 信息处理费 notices (国办函〔2020〕109号) and 2008-era cost
 * fees charged or waived (2008 第二十七条, 第二十八条).
 *
 * @example
 * report.fees.charged; // { count: 1, amountFen: 1940 }
 */
export interface FeeSummary {
  readonly notices: { readonly count: number; readonly amountFen: number; readonly paid: number; readonly paidFen: number };
  readonly charged: { readonly count: number; readonly amountFen: number };
  readonly waived: { readonly count: number; readonly amountFen: number };
}

/**
 * Request figures every format has: 新收, 上年结转, 办结, 结转下年度 (all applicants).
 *
 * @example
 * report.summary.newReceived; // 0 for the seed year 2013
 */
export interface RequestSummary {
  readonly newReceived: number;
  readonly carriedOver: number;
  readonly concluded: number;
  readonly carryForward: number;
}

interface AnnualReportBase {
  readonly year: number;
  readonly agency: string | null;
  readonly title: string;
  /** The document that set this year's format (see `annualReportFormats`). */
  readonly formatBasis: string;
  /** The texts of the 条例 that governed the requests handled this year, with their counts. */
  readonly ruleSets: readonly { readonly id: RuleSetId; readonly title: string; readonly requests: number }[];
  readonly ruleSetNote: string;
  readonly overview: string;
  readonly proactiveActivity: ProactiveActivity;
  readonly summary: RequestSummary;
  readonly fees: FeeSummary;
  /** Table 四 (2019, 2021) or the review and litigation section (2008): five cells each. */
  readonly remedies: Readonly<Record<RemedyKind, Readonly<Record<ReviewColumn, number>>>>;
  readonly checks: readonly ReportCheck[];
  /** True when every check passed. */
  readonly ok: boolean;
  /** Events the report read. */
  readonly events: number;
}

/**
 * A report for 2021 or later: tables 二, 三 and 四 of 国办公开办函〔2021〕30号.
 *
 * @example
 * const r = annualReport(events, { year: 2021 }); if (r.format === '2021') r.requests.otherFeeUnpaid;
 */
export interface AnnualReport2021 extends AnnualReportBase {
  readonly format: '2021';
  readonly proactive: ProactiveTable;
  /** Table 三: each row has seven cells (six applicant columns, then 总计). */
  readonly requests: Readonly<Record<Table3Row, Table3Cells>>;
}

/**
 * Table 二 of the 2019 trial format (国办公开办函〔2019〕60号), as far as the log records it.
 *
 * @example
 * report.proactive.normativeDocument; // { made: 1, published: 1, total: 2 }
 */
export interface ProactiveTable2019 {
  readonly rule: { readonly made: number; readonly published: number; readonly total: number };
  readonly normativeDocument: { readonly made: number; readonly published: number; readonly total: number };
  readonly licensing: { readonly decisions: number };
  readonly penalty: { readonly decisions: number };
  readonly coercion: { readonly decisions: number };
  readonly fee: { readonly amountWan: number };
}

/**
 * A report for 2019 or 2020: the trial format of 国办公开办函〔2019〕60号 (其他处理 is one row).
 *
 * @example
 * const r = annualReport(events, { year: 2020 }); if (r.format === '2019') r.requests.other;
 */
export interface AnnualReport2019 extends AnnualReportBase {
  readonly format: '2019';
  readonly proactive: ProactiveTable2019;
  readonly requests: Readonly<Record<Table3Row2019, Table3Cells>>;
}

/**
 * Row keys of table 三 in the 2019 trial format.
 *
 * @example
 * table3RowKeys2019.includes('other'); // true
 */
export const table3RowKeys2019 = ['newReceived', 'carriedOver', ...annualReportFormats['2019'].table3Outcomes, 'other', 'total', 'carryForward'] as const;
/**
 * One of {@link table3RowKeys2019}.
 *
 * @example
 * const row: Table3Row2019 = 'other';
 */
export type Table3Row2019 = (typeof table3RowKeys2019)[number];

/**
 * The requests section of a 2008–2018 report (2008 第三十二条（二）): one count per row.
 *
 * @example
 * report.requests.received; // 0 for the seed year 2013
 */
export type Requests2008 = Readonly<Record<keyof (typeof annualReportFormats)['2008']['requestRows'], number>> & {
  readonly byChannel: Readonly<Record<keyof (typeof annualReportFormats)['2008']['channels'], number>>;
};

/**
 * A report for 2008–2018: the contents of 政府信息公开条例（2008） 第三十二条 — no 2021 tables.
 *
 * @example
 * const r = annualReport(events, { year: 2013 }); r.format; // '2008'
 */
export interface AnnualReport2008 extends AnnualReportBase {
  readonly format: '2008';
  readonly requests: Requests2008;
}

/**
 * The typed annual report, in the format of its year (see `annualReportFormats`), with its checks.
 *
 * @example
 * const r: AnnualReport = annualReport(events, { year: 2013 }); r.ok; // true
 */
export type AnnualReport = AnnualReport2008 | AnnualReport2019 | AnnualReport2021;

const COLS = applicantTypeKeys.length;
const colIndex = Object.fromEntries(applicantTypeKeys.map((k, i) => [k, i])) as Record<ApplicantType, number>;
const colLabel = (i: number): string => (i < COLS ? (applicantTypeKeys[i] as ApplicantType) : 'total');
const inYear = (d: string, first: string, last: string): boolean => d >= first && d <= last;
const listSome = (xs: readonly string[]): string => xs.slice(0, 5).join(', ') + (xs.length > 5 ? ` … (${xs.length} in all)` : '');

function checkOptions(options: AnnualReportOptions): void {
  if (typeof options !== 'object' || options === null) throw new InvalidReportOptionsError('options must be an object');
  if (!Number.isInteger(options.year) || options.year < 1000 || options.year > 9999) throw new InvalidReportOptionsError(`year must be a four-digit integer, got ${JSON.stringify(options.year)}`);
  if (options.agency !== undefined && (typeof options.agency !== 'string' || options.agency.trim() === '')) throw new InvalidReportOptionsError('agency must be a non-empty string when given');
}

function tableCheck(id: ReportCheck['id'], label: string, failures: readonly string[]): ReportCheck {
  return { id, label, ok: failures.length === 0, detail: failures.join('; ') };
}

/**
 * Checks table 三 cell by cell: 新收 + 上年结转 = 总计 + 结转下年度 and 总计 = the 21 outcome rows
 * in every column, and every row's 总计 = its six applicant columns. Works on any table, also one
 * typed in by hand.
 *
 * @example
 * checkRequestTable(report.requests).every((c) => c.ok); // true for a consistent log
 */
export function checkRequestTable<R extends string = Table3Row>(
  t: Readonly<Record<R | 'newReceived' | 'carriedOver' | 'total' | 'carryForward', Table3Cells>>,
  outcomeRows: readonly R[] = outcomeKeys as readonly string[] as readonly R[],
): readonly ReportCheck[] {
  type Row = R | 'newReceived' | 'carriedOver' | 'total' | 'carryForward';
  const cell = (row: Row, c: number): number => t[row][c] ?? 0;
  const n = outcomeRows.length;
  const balance: string[] = [];
  const sum: string[] = [];
  for (let c = 0; c <= COLS; c++) {
    const left = cell('newReceived', c) + cell('carriedOver', c);
    const right = cell('total', c) + cell('carryForward', c);
    if (left !== right) balance.push(`column ${colLabel(c)}: 新收 ${cell('newReceived', c)} + 上年结转 ${cell('carriedOver', c)} = ${left}, but 总计 ${cell('total', c)} + 结转下年度 ${cell('carryForward', c)} = ${right}`);
    let rows = 0;
    for (const o of outcomeRows) rows += cell(o, c);
    if (rows !== cell('total', c)) sum.push(`column ${colLabel(c)}: 总计 is ${cell('total', c)} requests, but the ${n} outcome rows add up to ${rows}`);
  }
  const totals: string[] = [];
  for (const row of Object.keys(t) as Row[]) {
    let s = 0;
    for (let c = 0; c < COLS; c++) s += cell(row, c);
    if (s !== cell(row, COLS)) totals.push(`row ${row}: the applicant columns add up to ${s}, 总计 says ${cell(row, COLS)}`);
  }
  return [
    tableCheck('balance', '新收 + 上年结转 = 总计 + 结转下年度', balance),
    tableCheck('outcomeSum', `总计 = ${n} 项办理结果之和`, sum),
    tableCheck('columnTotals', '总计列 = 各申请人列之和', totals),
  ];
}

function requestTable(state: AnnualReportState, year: number, agency: string | undefined, checks: ReportCheck[], ruleSetCounts: Map<RuleSetId, number>): Record<Table3Row, number[]> {
  const { first, last } = yearBounds(year);
  const t = Object.fromEntries(table3RowKeys.map((k) => [k, new Array<number>(COLS + 1).fill(0)])) as Record<Table3Row, number[]>;
  const add = (row: Table3Row, c: number): void => {
    const r = t[row];
    r[c] = (r[c] ?? 0) + 1;
    r[COLS] = (r[COLS] ?? 0) + 1;
  };
  const twice: string[] = [];
  const orphans: string[] = [];
  const early: string[] = [];
  for (const [stream, r] of state.requests) {
    if (agency !== undefined && r.agency !== agency) continue;
    if (r.receivedOn === null || r.applicant === null) {
      if (r.conclusions.length > 0 || r.remedies) orphans.push(stream);
      continue;
    }
    if (r.conclusions.length > 1) twice.push(`${stream} (${r.conclusions.map((c) => `${c.outcome}@${c.on}`).join(', ')})`);
    const c = colIndex[r.applicant];
    let firstConcluded: string | null = null;
    for (const k of r.conclusions) {
      if (k.on < r.receivedOn) early.push(`${stream} concluded ${k.on}, received ${r.receivedOn}`);
      if (firstConcluded === null || k.on < firstConcluded) firstConcluded = k.on;
      if (inYear(k.on, first, last)) add(k.outcome, c);
    }
    const received = inYear(r.receivedOn, first, last);
    const carried = r.receivedOn < first && (firstConcluded === null || firstConcluded >= first);
    if (received) add('newReceived', c);
    if (carried) add('carriedOver', c);
    if (firstConcluded !== null && inYear(firstConcluded, first, last)) add('total', c);
    if (r.receivedOn <= last && (firstConcluded === null || firstConcluded > last)) add('carryForward', c);
    if ((received || carried) && r.ruleSet) ruleSetCounts.set(r.ruleSet, (ruleSetCounts.get(r.ruleSet) ?? 0) + 1);
  }
  checks.push(...checkRequestTable(t));
  checks.push(tableCheck('singleOutcome', '每件申请只计入一项办理结果', twice.length ? [`${twice.length} request(s) concluded more than once: ${listSome(twice)}`] : []));
  checks.push(tableCheck('knownRequests', '每个办理结果都对应已收到的申请', orphans.length ? [`${orphans.length} stream(s) have outcomes or remedies but no DisclosureRequestReceived: ${listSome(orphans)}`] : []));
  checks.push(tableCheck('chronology', '办理结果不早于收到申请之日', early.length ? [`${early.length} conclusion(s) dated before receipt: ${listSome(early)}`] : []));
  return t;
}

function remedyTable(state: AnnualReportState, year: number, agency: string | undefined, checks: ReportCheck[]): Record<RemedyKind, Record<ReviewColumn, number>> {
  const { first, last } = yearBounds(year);
  const out = Object.fromEntries(remedyKinds.map((k) => [k, { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 }])) as Record<RemedyKind, Record<ReviewColumn, number>>;
  const unknown: string[] = [];
  for (const [stream, r] of state.requests) {
    if (!r.remedies || (agency !== undefined && r.agency !== agency)) continue;
    for (const [caseId, c] of Object.entries(r.remedies)) {
      if (c.kind === null || c.filedOn === null) {
        unknown.push(`${stream}/${caseId}`);
        continue;
      }
      // Counted in a year when it was pending at some point of it: decided that year → its result; still open at year end → 尚未审结.
      if (c.filedOn > last || (c.decidedOn !== null && c.decidedOn < first)) continue;
      const row = out[c.kind];
      const col: ReviewColumn = c.decidedOn !== null && c.result !== null && c.decidedOn <= last ? c.result : 'pending';
      row[col]++;
      row.total++;
    }
  }
  const bad = remedyKinds.filter((k) => out[k].upheld + out[k].corrected + out[k].other + out[k].pending !== out[k].total);
  checks.push(tableCheck('remedyTotals', '复议、诉讼总计 = 各结果之和', bad.map((k) => `${k}: total does not equal the four result columns`)));
  checks.push(tableCheck('knownCases', '每个复议、诉讼结果都对应已登记的案件', unknown.length ? [`${unknown.length} decision(s) without a filed case: ${listSome(unknown)}`] : []));
  return out;
}

function proactiveTables(items: Iterable<ReportItem>, year: number, agency: string | undefined): { table: ProactiveTable; activity: ProactiveActivity; table2019: ProactiveTable2019 } {
  const { first, last } = yearBounds(year);
  const doc = () => ({ made: 0, repealed: 0, inForce: 0 });
  const doc2019 = () => ({ made: 0, published: 0, total: 0 });
  const rule2019 = doc2019();
  const normativeDocument2019 = doc2019();
  const rule = doc();
  const normativeDocument = doc();
  const dec = { licensing: 0, penalty: 0, coercion: 0 };
  let feeWan = 0;
  const byChannel = Object.fromEntries(Object.keys(publicationChannels).map((k) => [k, 0])) as Record<PublicationChannel, number>;
  const byCategory = Object.fromEntries(Object.keys(proactiveCategories).map((k) => [k, { formed: 0, published: 0, late: 0, withheld: 0, revoked: 0 }])) as Record<
    ProactiveCategory,
    { formed: number; published: number; late: number; withheld: number; revoked: number }
  >;
  let late = 0;
  let published = 0;
  for (const i of items) {
    if (i.category === null || i.formedOn === null || (agency !== undefined && i.agency !== agency)) continue;
    const cat = byCategory[i.category];
    const formedNow = inYear(i.formedOn, first, last);
    if (formedNow) cat.formed++;
    if (i.category === 'rule' || i.category === 'normativeDocument') {
      const d = i.category === 'rule' ? rule : normativeDocument;
      if (formedNow) d.made++;
      if (i.repealedOn !== null && inYear(i.repealedOn, first, last)) d.repealed++;
      if (i.formedOn <= last && (i.repealedOn === null || i.repealedOn > last)) d.inForce++;
      // 2019 trial format (our reading): 新制作 = formed this year; 新公开 = first published this year; 对外公开总数量 = published by year end and not repealed.
      const d19 = i.category === 'rule' ? rule2019 : normativeDocument2019;
      const firstPublished = i.publications[0]?.on;
      if (formedNow) d19.made++;
      if (firstPublished !== undefined && inYear(firstPublished, first, last)) d19.published++;
      if (firstPublished !== undefined && firstPublished <= last && (i.repealedOn === null || i.repealedOn > last)) d19.total++;
    } else if (formedNow && (i.category === 'licensing' || i.category === 'penalty' || i.category === 'coercion')) dec[i.category] += i.decisions;
    else if (formedNow && i.category === 'fee') feeWan += i.feeAmountWan;
    for (let k = 0; k < i.publications.length; k++) {
      const p = i.publications[k] as ReportItem['publications'][number];
      if (!inYear(p.on, first, last)) continue;
      for (const ch of p.channels) byChannel[ch]++;
      if (k === 0) {
        cat.published++;
        published++;
        if (p.late) {
          cat.late++;
          late++;
        }
      }
    }
    for (const d of i.withheldOn) if (inYear(d, first, last)) cat.withheld++;
    for (const d of i.revokedOn) if (inYear(d, first, last)) cat.revoked++;
  }
  return {
    table: { rule, normativeDocument, licensing: { decisions: dec.licensing }, penalty: { decisions: dec.penalty }, coercion: { decisions: dec.coercion }, fee: { amountWan: Math.round(feeWan * 10000) / 10000 } },
    activity: { byChannel, byCategory, late, published },
    table2019: { rule: rule2019, normativeDocument: normativeDocument2019, licensing: { decisions: dec.licensing }, penalty: { decisions: dec.penalty }, coercion: { decisions: dec.coercion }, fee: { amountWan: Math.round(feeWan * 10000) / 10000 } },
  };
}

function ruleSetNote(year: number, counts: Map<RuleSetId, number>, formatBasis: string): { note: string; sets: AnnualReport['ruleSets'] } {
  const cutover = disclosureRules['2019'].inForceFrom;
  const ids: RuleSetId[] = year < Number(cutover.slice(0, 4)) ? ['2008'] : year > Number(cutover.slice(0, 4)) ? ['2019'] : ['2008', '2019'];
  for (const id of counts.keys()) if (!ids.includes(id)) ids.push(id);
  const sets = ids.map((id) => ({ id, title: disclosureRules[id].title, requests: counts.get(id) ?? 0 }));
  const base =
    ids.length === 1
      ? `本年度依申请公开工作适用${disclosureRules[ids[0] as RuleSetId].title}（答复期限 ${disclosureRules[ids[0] as RuleSetId].reply.limit} 个工作日，${disclosureRules[ids[0] as RuleSetId].reply.basis}）。`
      : `本年度${cutover}前收到的申请适用${disclosureRules['2008'].title}，此后收到的申请适用${disclosureRules['2019'].title}（${sets.map((s) => `${s.id}年文本 ${s.requests} 件`).join('，')}）。`;
  return { note: `${base}本报告按${formatBasis}的要求编制。`, sets };
}

/**
 * Turns a folded report state into the annual report of `year`. One state answers every year.
 *
 * @example
 * const { state } = await replayJsonl(createReadStream('2013.jsonl'), annualReportProjection());
 * const report = finishAnnualReport(state, { year: 2013, agency: '台州市行政服务中心' });
 */
export function finishAnnualReport(state: AnnualReportState, options: AnnualReportOptions): AnnualReport {
  checkOptions(options);
  const { year, agency } = options;
  const format = annualReportFormatFor(year);
  if (format === null) throw new InvalidReportOptionsError(`there is no annual report for ${year}: the 条例 came into force on ${disclosureRules['2008'].inForceFrom}`);
  const checks: ReportCheck[] = [];
  const counts = new Map<RuleSetId, number>();
  const tableChecks: ReportCheck[] = [];
  const canonical = requestTable(state, year, agency, tableChecks, counts);
  const total = (row: Table3Row): number => canonical[row][COLS] ?? 0;
  const summary: RequestSummary = { newReceived: total('newReceived'), carriedOver: total('carriedOver'), concluded: total('total'), carryForward: total('carryForward') };
  const extras = requestExtras(state, year, agency);
  const remedies = remedyTable(state, year, agency, checks);
  const { table, activity, table2019 } = proactiveTables(state.items.values(), year, agency);
  const formatBasis = annualReportFormats[format].document;
  const { note, sets } = ruleSetNote(year, counts, formatBasis);
  const overview =
    `${year}年，${agency ?? '本机关'}主动公开政府信息 ${activity.published} 条（逾期公开 ${activity.late} 条）；` +
    `新收政府信息公开申请 ${summary.newReceived} 件，上年结转 ${summary.carriedOver} 件，办结 ${summary.concluded} 件，结转下年度 ${summary.carryForward} 件；` +
    `政府信息公开行政复议 ${remedies.review.total} 件，行政诉讼 ${remedies.litigationDirect.total + remedies.litigationAfterReview.total} 件。`;
  const base = {
    year,
    agency: agency ?? null,
    title: `${agency ?? ''}${year}年${reportLabels.title}`,
    formatBasis,
    ruleSets: sets,
    ruleSetNote: note,
    overview,
    proactiveActivity: activity,
    summary,
    fees: extras.fees,
    remedies,
    events: state.events,
  };
  const shared = [...extras.checks, ...tableChecks.filter((c) => c.id !== 'balance' && c.id !== 'outcomeSum' && c.id !== 'columnTotals')];
  const done = <R extends AnnualReport>(r: Omit<R, 'checks' | 'ok'>, own: readonly ReportCheck[]): R => {
    const all = [...own, ...shared, ...checks];
    return { ...r, checks: all, ok: all.every((c) => c.ok) } as unknown as R;
  };
  switch (format as AnnualReportFormatId) {
    case '2021':
      return done<AnnualReport2021>({ ...base, format: '2021', proactive: table, requests: canonical }, checkRequestTable(canonical));
    case '2019': {
      const requests = table2019Requests(canonical);
      return done<AnnualReport2019>({ ...base, format: '2019', proactive: table2019, requests }, checkRequestTable(requests, [...annualReportFormats['2019'].table3Outcomes, 'other']));
    }
    case '2008': {
      const requests = requests2008(canonical, extras, activity);
      return done<AnnualReport2008>({ ...base, format: '2008', requests }, check2008(requests));
    }
  }
}

function table2019Requests(t: Record<Table3Row, number[]>): Record<Table3Row2019, number[]> {
  const other = new Array<number>(COLS + 1).fill(0);
  for (const k of outcomeKeys) if (k.startsWith('other')) t[k].forEach((v, i) => (other[i] = (other[i] ?? 0) + v));
  return Object.fromEntries(table3RowKeys2019.map((k) => [k, k === 'other' ? other : [...t[k]]])) as Record<Table3Row2019, number[]>;
}

function requests2008(t: Record<Table3Row, number[]>, extras: ReturnType<typeof requestExtras>, activity: ProactiveActivity): Requests2008 {
  const f = annualReportFormats['2008'];
  const rows = { granted: 0, partiallyGranted: 0, withheld: 0, notHeld: 0, other: 0 };
  for (const k of outcomeKeys) rows[f.outcomeRow(k)] += t[k][COLS] ?? 0;
  let proactiveWithheld = 0;
  for (const c of Object.values(activity.byCategory)) proactiveWithheld += c.withheld;
  return {
    received: t.newReceived[COLS] ?? 0,
    carriedOver: t.carriedOver[COLS] ?? 0,
    concluded: t.total[COLS] ?? 0,
    ...rows,
    carryForward: t.carryForward[COLS] ?? 0,
    supplementNotices: extras.supplementNotices,
    proactiveWithheld,
    byChannel: extras.byChannel,
  };
}

function check2008(r: Requests2008): readonly ReportCheck[] {
  const left = r.received + r.carriedOver;
  const right = r.concluded + r.carryForward;
  const rows = r.granted + r.partiallyGranted + r.withheld + r.notHeld + r.other;
  const channels = r.byChannel.inPerson + r.byChannel.post + r.byChannel.internet + r.byChannel.fax;
  return [
    tableCheck('balance', '本年收到 + 上年结转 = 本年办结 + 结转下年度', left === right ? [] : [`收到 ${r.received} + 结转 ${r.carriedOver} = ${left}, but 办结 ${r.concluded} + 结转下年度 ${r.carryForward} = ${right}`]),
    tableCheck('outcomeSum', '本年办结 = 各项办理结果之和', rows === r.concluded ? [] : [`办结 ${r.concluded}, but the five outcome rows add up to ${rows}`]),
    tableCheck('channelSum', '本年收到 = 各申请方式之和', channels === r.received ? [] : [`收到 ${r.received}, but the channels add up to ${channels}`]),
  ];
}

function requestExtras(state: AnnualReportState, year: number, agency: string | undefined) {
  const { first, last } = yearBounds(year);
  const byChannel = { inPerson: 0, post: 0, internet: 0, fax: 0 };
  let supplementNotices = 0;
  const fees = { notices: { count: 0, amountFen: 0, paid: 0, paidFen: 0 }, charged: { count: 0, amountFen: 0 }, waived: { count: 0, amountFen: 0 } };
  const wrongEra: string[] = [];
  const badFees: string[] = [];
  for (const [stream, r] of state.requests) {
    if ((agency !== undefined && r.agency !== agency) || r.receivedOn === null) continue;
    if (inYear(r.receivedOn, first, last) && r.channel !== null) byChannel[r.channel === 'registeredPost' || r.channel === 'ordinaryPost' ? 'post' : r.channel]++;
    for (const d of r.supplementNotices) if (inYear(d, first, last)) supplementNotices++;
    for (const k of r.conclusions) if (r.ruleSet !== null && outcomeRules[r.ruleSet][k.outcome] === undefined) wrongEra.push(`${stream}: ${k.outcome} under the ${r.ruleSet} text`);
    for (const f of r.fees) {
      const era = r.ruleSet === null ? null : disclosureRules[r.ruleSet].fees.kind;
      if ((f.kind === 'notice') !== (era === 'informationProcessing')) badFees.push(`${stream}: a ${f.kind} fee under the ${String(r.ruleSet)} text`);
      if (!inYear(f.on, first, last)) continue;
      if (f.kind === 'notice') {
        fees.notices.count++;
        fees.notices.amountFen += f.amountFen;
        if (f.paidOn !== null) {
          fees.notices.paid++;
          fees.notices.paidFen += f.amountFen;
        }
      } else {
        fees[f.kind].count++;
        fees[f.kind].amountFen += f.amountFen;
      }
    }
  }
  return {
    byChannel,
    supplementNotices,
    fees,
    checks: [
      tableCheck('eraOutcomes', '每项办理结果都属于收到申请之日施行的条例文本', wrongEra.length ? [`${wrongEra.length} outcome(s) from another text: ${listSome(wrongEra)}`] : []),
      tableCheck('feeTotals', '收费只依收到申请之日施行的文本（2008：成本费用；2019：信息处理费）', badFees.length ? [`${badFees.length} fee(s) without a basis: ${listSome(badFees)}`] : []),
    ],
  };
}

/**
 * Folds any log of disclosure events into the annual report of `options.year`: tables 二, 三
 * and 四 of 国办公开办函〔2021〕30号 with their checks. A log that breaks a check yields a report
 * whose `checks` say which one failed and why (`ok: false`), never a silently wrong table.
 *
 * @example
 * const report = annualReport(await store.readAll(), { year: 2013, agency: '台州市行政服务中心' }); // (collect the async iterable first)
 * report.requests.newReceived; // [0, 0, 0, 0, 0, 0, 0]
 */
export function annualReport(events: Iterable<ReportInputEvent>, options: AnnualReportOptions): AnnualReport {
  checkOptions(options);
  const state = emptyReportState();
  for (const e of events) foldReportEvent(state, e);
  return finishAnnualReport(state, options);
}

type Snapshot = { requests: [string, ReportRequest][]; items: [string, ReportItem][]; events: number };

/**
 * The annual report as a core `Projection`, so `replayJsonl`, `runProjection` and
 * `foldProjection` can drive it; turn its state into a report with {@link finishAnnualReport}.
 *
 * @example
 * const { state } = await replayJsonl(createReadStream('log.jsonl', { highWaterMark: 1 << 20 }), annualReportProjection());
 * formatReport(finishAnnualReport(state, { year: 2013 }), 'md');
 */
export function annualReportProjection(options: { readonly name?: string } = {}): Projection<AnnualReportState> {
  return {
    name: options.name ?? 'disclosure-annual-report',
    types: reportEventTypes,
    init: emptyReportState,
    apply: (state: AnnualReportState, event: StoredEvent) => foldReportEvent(state, event),
    snapshot: (state): Snapshot => ({ requests: [...state.requests], items: [...state.items], events: state.events }),
    restore: (snapshot) => {
      const s = snapshot as Snapshot;
      return { requests: new Map(s.requests), items: new Map(s.items), events: s.events };
    },
  };
}

