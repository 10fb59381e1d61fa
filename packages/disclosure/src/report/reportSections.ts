import { yuan } from '../rules/index.js';
import { remedyKinds } from '../events/index.js';
import {
  applicantTypeKeys,
  applicantTypes,
  outcomeGroups,
  outcomes,
  proactiveCategories,
  publicationChannels,
  reportLabels,
  reviewResults,
  type ProactiveCategory,
  type PublicationChannel,
  type ReviewColumn,
} from '../labels/index.js';
import type { AnnualReport, AnnualReport2008, AnnualReport2019, AnnualReport2021, Table3Row, Table3Row2019 } from './annualReport.js';
import { annualReportFormats } from './annualReportFormats.js';

/**
 * One table of a report section: a header row and body rows, cells as printed.
 *
 * @example
 * const t: ReportTable = { header: ['项目', '数量'], rows: [['本年收到', 0]] };
 */
export interface ReportTable {
  readonly caption?: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/**
 * One numbered section of a report in the format of its year.
 *
 * @example
 * reportSections(report)[0].heading; // '一、概述' (2008–2018) or '一、总体情况' (2019 on)
 */
export interface ReportSection {
  readonly heading: string;
  readonly paragraphs: readonly string[];
  readonly tables: readonly ReportTable[];
}

const L = reportLabels;
const reviewCols = Object.keys(reviewResults) as ReviewColumn[];
/** The ideographic space that indents a sub-row, as the formats print it. */
const INDENT = '\u3000';
const PROBLEMS = '本报告的表格由事件日志生成；存在的主要问题及改进情况由本机关另行填写。';
const channelKeys = Object.keys(publicationChannels) as PublicationChannel[];
const categoryKeys = Object.keys(proactiveCategories) as ProactiveCategory[];
const applicantHeader = [...applicantTypeKeys.map((k) => applicantTypes[k].label), L.table3.total];

/** Table 三 rows (2019 and 2021 formats) as three label levels: the format's merged cells, flattened. */
export function table3Label(row: Table3Row | Table3Row2019): readonly [string, string, string] {
  switch (row) {
    case 'newReceived':
      return [L.table3.newReceived, '', ''];
    case 'carriedOver':
      return [L.table3.carriedOver, '', ''];
    case 'total':
      return [L.table3.results, L.table3.resultsTotal, ''];
    case 'carryForward':
      return [L.table3.carryForward, '', ''];
    case 'other':
      return [L.table3.results, annualReportFormats['2019'].otherRow, ''];
    default: {
      const o = outcomes[row];
      return o.group === 'granted' || o.group === 'partiallyGranted' ? [L.table3.results, o.label, ''] : [L.table3.results, outcomeGroups[o.group], o.label];
    }
  }
}

function remedyTable(r: AnnualReport): ReportTable {
  const head = (k: (typeof remedyKinds)[number]) => (k === 'review' ? L.table4.review : `${L.table4.litigation}·${k === 'litigationDirect' ? L.table4.direct : L.table4.afterReview}`);
  return { header: remedyKinds.flatMap((k) => reviewCols.map((c) => `${head(k)}·${reviewResults[c]}`)), rows: [remedyKinds.flatMap((k) => reviewCols.map((c) => r.remedies[k][c]))] };
}

function activityTables(r: AnnualReport): readonly ReportTable[] {
  return [
    { caption: '主动公开渠道', header: ['渠道', '本年发布条数'], rows: channelKeys.map((k) => [publicationChannels[k], r.proactiveActivity.byChannel[k]]) },
    {
      caption: '主动公开类别',
      header: ['类别', '本年形成', '本年公开', '其中逾期公开', '保密审查不予公开', '撤回'],
      rows: categoryKeys.map((k) => {
        const c = r.proactiveActivity.byCategory[k];
        return [proactiveCategories[k].label, c.formed, c.published, c.late, c.withheld, c.revoked];
      }),
    },
  ];
}

function sections2021(r: AnnualReport2021): ReportSection[] {
  const p = r.proactive;
  const t = L.table2;
  const s = L.sections;
  const n = r.fees.notices;
  return [
    { heading: s.overview, paragraphs: [r.overview], tables: [] },
    {
      heading: s.proactive,
      paragraphs: [],
      tables: [
        { caption: t.article20_1, header: [t.itemHeader, t.made, t.repealed, t.inForce], rows: [[proactiveCategories.rule.label, p.rule.made, p.rule.repealed, p.rule.inForce], [proactiveCategories.normativeDocument.label, p.normativeDocument.made, p.normativeDocument.repealed, p.normativeDocument.inForce]] },
        { caption: t.article20_5, header: [t.itemHeader, t.decisions], rows: [[proactiveCategories.licensing.label, p.licensing.decisions]] },
        { caption: t.article20_6, header: [t.itemHeader, t.decisions], rows: [[proactiveCategories.penalty.label, p.penalty.decisions], [proactiveCategories.coercion.label, p.coercion.decisions]] },
        { caption: t.article20_8, header: [t.itemHeader, t.feeAmount], rows: [[proactiveCategories.fee.label, p.fee.amountWan]] },
      ],
    },
    { heading: s.requests, paragraphs: [L.table3.corner], tables: [{ header: ['项目', '', '', ...applicantHeader], rows: (Object.keys(r.requests) as Table3Row[]).map((k) => [...table3Label(k), ...r.requests[k]]) }] },
    { heading: s.reviewLitigation, paragraphs: [], tables: [remedyTable(r)] },
    { heading: s.problems, paragraphs: [PROBLEMS], tables: [] },
    {
      heading: s.other,
      paragraphs: [`${annualReportFormats['2021'].feeNote}：发出收费通知 ${n.count} 件，金额 ${yuan(n.amountFen)} 元；已缴纳 ${n.paid} 件，${yuan(n.paidFen)} 元。`, r.ruleSetNote],
      tables: [],
    },
  ];
}

function sections2019(r: AnnualReport2019): ReportSection[] {
  const p = r.proactive;
  const t = L.table2;
  const f = annualReportFormats['2019'].table2;
  const s = L.sections;
  return [
    { heading: s.overview, paragraphs: [r.overview], tables: [] },
    {
      heading: s.proactive,
      paragraphs: [f.itemsNotInLog],
      tables: [
        { caption: t.article20_1, header: [t.itemHeader, f.made, f.published, f.total], rows: [[proactiveCategories.rule.label, p.rule.made, p.rule.published, p.rule.total], [f.normativeDocument, p.normativeDocument.made, p.normativeDocument.published, p.normativeDocument.total]] },
        { caption: t.article20_5, header: [t.itemHeader, '处理决定数量'], rows: [[proactiveCategories.licensing.label, p.licensing.decisions]] },
        { caption: t.article20_6, header: [t.itemHeader, '处理决定数量'], rows: [[proactiveCategories.penalty.label, p.penalty.decisions], [proactiveCategories.coercion.label, p.coercion.decisions]] },
        { caption: t.article20_8, header: [t.itemHeader, t.feeAmount], rows: [[proactiveCategories.fee.label, p.fee.amountWan]] },
      ],
    },
    { heading: s.requests, paragraphs: [L.table3.corner], tables: [{ header: ['项目', '', '', ...applicantHeader], rows: (Object.keys(r.requests) as Table3Row2019[]).map((k) => [...table3Label(k), ...r.requests[k]]) }] },
    { heading: s.reviewLitigation, paragraphs: [], tables: [remedyTable(r)] },
    { heading: s.problems, paragraphs: [PROBLEMS], tables: [] },
    { heading: s.other, paragraphs: [r.ruleSetNote], tables: [] },
  ];
}

function sections2008(r: AnnualReport2008): ReportSection[] {
  const f = annualReportFormats['2008'];
  const s = f.sections;
  const q = r.requests;
  const rows = f.requestRows;
  const remedy = (kinds: readonly (typeof remedyKinds)[number][]) => reviewCols.map((c) => kinds.reduce((sum, k) => sum + r.remedies[k][c], 0));
  return [
    { heading: s.overview, paragraphs: [r.overview], tables: [] },
    { heading: s.proactive, paragraphs: [`本年主动公开政府信息 ${r.proactiveActivity.published} 条，其中逾期公开 ${r.proactiveActivity.late} 条。`], tables: activityTables(r) },
    {
      heading: s.requests,
      paragraphs: [],
      tables: [
        {
          header: ['项目', '数量'],
          rows: [
            [rows.received, q.received],
            ...(Object.keys(f.channels) as (keyof typeof f.channels)[]).map((k) => [`${INDENT}其中：${f.channels[k]}`, q.byChannel[k]] as const),
            [rows.carriedOver, q.carriedOver],
            [rows.concluded, q.concluded],
            [`${INDENT}${rows.granted}`, q.granted],
            [`${INDENT}${rows.partiallyGranted}`, q.partiallyGranted],
            [`${INDENT}${rows.withheld}`, q.withheld],
            [`${INDENT}${rows.notHeld}`, q.notHeld],
            [`${INDENT}${rows.other}`, q.other],
            [rows.carryForward, q.carryForward],
            [rows.supplementNotices, q.supplementNotices],
            [rows.proactiveWithheld, q.proactiveWithheld],
          ],
        },
      ],
    },
    {
      heading: s.fees,
      paragraphs: [],
      tables: [{ header: f.feeHeader, rows: [[f.feeRows.charged, r.fees.charged.count, yuan(r.fees.charged.amountFen)], [f.feeRows.waived, r.fees.waived.count, yuan(r.fees.waived.amountFen)]] }],
    },
    {
      heading: s.reviewLitigation,
      paragraphs: [],
      tables: [{ header: ['', ...reviewCols.map((c) => reviewResults[c])], rows: [[f.remedyRows.review, ...remedy(['review'])], [f.remedyRows.litigation, ...remedy(['litigationDirect', 'litigationAfterReview'])]] }],
    },
    { heading: s.problems, paragraphs: [PROBLEMS], tables: [] },
    { heading: s.other, paragraphs: [r.ruleSetNote], tables: [] },
  ];
}

/**
 * The report as numbered sections and plain tables, in the format of its year: the 2008–2018
 * contents of 2008 第三十二条, the 2019 trial format, or the 2021 format. Renderers and other
 * read-outs (the CLI's center report) print these, so no one re-states a format.
 *
 * @example
 * reportSections(annualReport([], { year: 2013 })).map((s) => s.heading)[3]; // '四、政府信息公开的收费及减免情况'
 */
export function reportSections(r: AnnualReport): readonly ReportSection[] {
  switch (r.format) {
    case '2021':
      return sections2021(r);
    case '2019':
      return sections2019(r);
    case '2008':
      return sections2008(r);
  }
}
