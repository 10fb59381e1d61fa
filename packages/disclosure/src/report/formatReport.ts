import { csvRow, escapeHtml } from '@banshi/core';
import { InvalidReportOptionsError } from '../errors/index.js';
import { remedyKinds } from '../events/index.js';
import {
  applicantTypeKeys,
  applicantTypes,
  outcomeGroups,
  outcomeKeys,
  outcomes,
  proactiveCategories,
  publicationChannels,
  reportLabels,
  reviewResults,
  type OutcomeGroup,
  type ProactiveCategory,
  type PublicationChannel,
  type ReviewColumn,
} from '../labels/index.js';
import type { AnnualReport, AnnualReport2021, Table3Row } from './annualReport.js';
import { reportSections, table3Label, type ReportTable } from './reportSections.js';

/**
 * Output formats of {@link formatReport}.
 *
 * @example
 * reportFormats.includes('html'); // true
 */
export const reportFormats = ['md', 'csv', 'json', 'html'] as const;
/**
 * One of {@link reportFormats}.
 *
 * @example
 * const f: ReportFormat = 'html';
 */
export type ReportFormat = (typeof reportFormats)[number];

const L = reportLabels;
const reviewCols = Object.keys(reviewResults) as ReviewColumn[];
const groupOf = (row: Table3Row): OutcomeGroup | null => (row in outcomes ? outcomes[row as keyof typeof outcomes].group : null);

const table3Labels = table3Label;

const table3Rows: readonly Table3Row[] = ['newReceived', 'carriedOver', ...outcomeKeys, 'total', 'carryForward'];
const applicantHeader = [...applicantTypeKeys.map((k) => applicantTypes[k].label), L.table3.total];

interface Table2Block {
  readonly article: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly [string, ...number[]])[];
}

function table2Blocks(r: AnnualReport2021): readonly Table2Block[] {
  const p = r.proactive;
  const t = L.table2;
  return [
    {
      article: t.article20_1,
      header: [t.itemHeader, t.made, t.repealed, t.inForce],
      rows: [
        [proactiveCategories.rule.label, p.rule.made, p.rule.repealed, p.rule.inForce],
        [proactiveCategories.normativeDocument.label, p.normativeDocument.made, p.normativeDocument.repealed, p.normativeDocument.inForce],
      ],
    },
    { article: t.article20_5, header: [t.itemHeader, t.decisions], rows: [[proactiveCategories.licensing.label, p.licensing.decisions]] },
    {
      article: t.article20_6,
      header: [t.itemHeader, t.decisions],
      rows: [
        [proactiveCategories.penalty.label, p.penalty.decisions],
        [proactiveCategories.coercion.label, p.coercion.decisions],
      ],
    },
    { article: t.article20_8, header: [t.itemHeader, t.feeAmount], rows: [[proactiveCategories.fee.label, p.fee.amountWan]] },
  ];
}

const table4Header = (): string[] => remedyKinds.flatMap((k) => reviewCols.map((c) => `${k === 'review' ? L.table4.review : `${L.table4.litigation}·${k === 'litigationDirect' ? L.table4.direct : L.table4.afterReview}`}·${reviewResults[c]}`));
const table4Cells = (r: AnnualReport2021): number[] => remedyKinds.flatMap((k) => reviewCols.map((c) => r.remedies[k][c]));

const channelKeys = Object.keys(publicationChannels) as PublicationChannel[];
const categoryKeys = Object.keys(proactiveCategories) as ProactiveCategory[];
const SUPPLEMENT = '附：主动公开渠道与类别统计（补充，不属于年报格式表格）';
const CHECKS = '数据校验';
const failed = (r: AnnualReport) => r.checks.filter((c) => !c.ok);

function markdown(r: AnnualReport2021): string {
  const out: string[] = [];
  const row = (cells: readonly (string | number)[]) => `| ${cells.map((c) => String(c).replaceAll('|', '\\|')).join(' | ')} |`;
  const table = (header: readonly string[], rows: readonly (readonly (string | number)[])[]) => {
    out.push(row(header), row(header.map(() => '---')), ...rows.map(row), '');
  };
  out.push(`# ${r.title}`, '');
  if (!r.ok) {
    out.push(`> **校验未通过 — the log breaks ${failed(r).length} check(s); the tables below are not a valid report:**`);
    for (const c of failed(r)) out.push(`> - ${c.label} (${c.id}): ${c.detail}`);
    out.push('');
  }
  out.push(`> ${r.ruleSetNote}`, '', `## ${L.sections.overview}`, '', r.overview, '', `## ${L.sections.proactive}`, '');
  for (const b of table2Blocks(r)) {
    out.push(`**${b.article}**`, '');
    table(b.header, b.rows);
  }
  out.push(`### ${SUPPLEMENT}`, '');
  table(['渠道', '本年发布条数'], channelKeys.map((k) => [publicationChannels[k], r.proactiveActivity.byChannel[k]]));
  table(
    ['类别', '本年形成', '本年公开', '其中逾期公开', '保密审查不予公开', '撤回'],
    categoryKeys.map((k) => {
      const c = r.proactiveActivity.byCategory[k];
      return [proactiveCategories[k].label, c.formed, c.published, c.late, c.withheld, c.revoked];
    }),
  );
  out.push(`## ${L.sections.requests}`, '', `${L.table3.corner}`, '');
  table(['项目', '', '', ...applicantHeader], table3Rows.map((k) => [...table3Labels(k), ...r.requests[k]]));
  out.push(`## ${L.sections.reviewLitigation}`, '');
  table(table4Header(), [table4Cells(r)]);
  out.push(`## ${L.sections.problems}`, '', '本报告的表格由事件日志生成；存在的主要问题及改进情况由本机关另行填写。', '');
  out.push(`## ${L.sections.other}`, '', ...(reportSections(r).at(-1)?.paragraphs ?? []).flatMap((x) => [x, '']), `### ${CHECKS}`, '');
  for (const c of r.checks) out.push(`- ${c.ok ? '✓' : '✗'} ${c.label} (${c.id})${c.ok ? '' : `: ${c.detail}`}`);
  out.push('');
  return out.join('\n');
}

function csv(r: AnnualReport2021): string {
  const lines: string[] = [];
  const line = (cells: readonly (string | number)[]) => lines.push(csvRow(cells));
  line([r.title]);
  line(['状态', r.ok ? '校验通过' : '校验未通过']);
  for (const c of failed(r)) line(['校验未通过', c.id, c.label, c.detail]);
  line(['适用条例', r.ruleSetNote]);
  line([]);
  line([L.sections.proactive]);
  for (const b of table2Blocks(r)) {
    line([b.article]);
    line(b.header);
    for (const x of b.rows) line(x);
  }
  line([]);
  line([L.sections.requests]);
  line(['项目', '', '', ...applicantHeader]);
  for (const k of table3Rows) line([...table3Labels(k), ...r.requests[k]]);
  line([]);
  line([L.sections.reviewLitigation]);
  line([L.table4.review, '', '', '', '', L.table4.litigation]);
  line(['', '', '', '', '', L.table4.direct, '', '', '', '', L.table4.afterReview]);
  line([...reviewCols, ...reviewCols, ...reviewCols].map((c) => reviewResults[c]));
  line(table4Cells(r));
  line([]);
  line([SUPPLEMENT]);
  for (const k of channelKeys) line([publicationChannels[k], r.proactiveActivity.byChannel[k]]);
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

const HEAD_STYLE =
  '<style>body{font-family:"SimSun","Songti SC",serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#111}h1{text-align:center;font-size:1.5rem}' +
  'h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}td,th{border:1px solid #333;padding:.25rem .4rem;vertical-align:middle}' +
  'td.n{text-align:center}thead td,th{text-align:center;font-weight:bold;background:#f3f3f3}.fail{border:2px solid #b00;background:#fff3f3;padding:.5rem 1rem}.note{color:#444}' +
  '.ok{color:#070}.bad{color:#b00}@media print{.fail{border-color:#000}}</style>';

const esc = escapeHtml;

function html(r: AnnualReport2021): string {
  const td = (v: string | number, attrs = '') => `<td${attrs}>${esc(v)}</td>`;
  const num = (v: number) => `<td class="n">${esc(v)}</td>`;
  const parts: string[] = [];
  const p = (s: string) => parts.push(s);
  p(`<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(r.title)}</title>`);
  p(`${HEAD_STYLE}</head><body>`);

  p(`<h1>${esc(r.title)}</h1>`);
  if (!r.ok) p(`<div class="fail"><strong>校验未通过：日志违反 ${failed(r).length} 项校验，以下表格不是有效的年度报告。</strong><ul>${failed(r).map((c) => `<li>${esc(c.label)}（${esc(c.id)}）：${esc(c.detail)}</li>`).join('')}</ul></div>`);
  p(`<p class="note">${esc(r.ruleSetNote)}</p>`);
  p(`<h2>${esc(L.sections.overview)}</h2><p>${esc(r.overview)}</p>`);
  p(`<h2>${esc(L.sections.proactive)}</h2><table>`);
  for (const b of table2Blocks(r)) {
    p(`<tr><td colspan="4" class="n"><strong>${esc(b.article)}</strong></td></tr>`);
    const span = b.header.length === 2 ? ' colspan="3"' : '';
    p(`<tr>${b.header.map((h, i) => `<th${i > 0 ? span : ''}>${esc(h)}</th>`).join('')}</tr>`);
    for (const x of b.rows) p(`<tr>${td(x[0])}${x.slice(1).map((v) => `<td class="n"${span}>${esc(v)}</td>`).join('')}</tr>`);
  }
  p('</table>');
  p(`<h3>${esc(SUPPLEMENT)}</h3><table><tr><th>渠道</th>${channelKeys.map((k) => `<th>${esc(publicationChannels[k])}</th>`).join('')}</tr><tr>${td('本年发布条数')}${channelKeys.map((k) => num(r.proactiveActivity.byChannel[k])).join('')}</tr></table>`);
  p(`<h2>${esc(L.sections.requests)}</h2><table><thead>`);
  p(`<tr><td colspan="3" rowspan="3">${esc(L.table3.corner)}</td><td colspan="7">${esc(L.table3.applicants)}</td></tr>`);
  p(`<tr><td rowspan="2">${esc(applicantTypes.naturalPerson.label)}</td><td colspan="5">${esc(L.table3.legalPersons)}</td><td rowspan="2">${esc(L.table3.total)}</td></tr>`);
  p(`<tr>${applicantTypeKeys.slice(1).map((k) => td(applicantTypes[k].label)).join('')}</tr></thead><tbody>`);
  const cells = (k: Table3Row) => r.requests[k].map(num).join('');
  const resultRows = outcomeKeys.length + 1;
  let group: OutcomeGroup | null = null;
  for (const k of table3Rows) {
    if (k === 'newReceived' || k === 'carriedOver' || k === 'carryForward') {
      p(`<tr><td colspan="3">${esc(table3Labels(k)[0])}</td>${cells(k)}</tr>`);
      continue;
    }
    const lead = k === 'granted' ? `<td rowspan="${resultRows}">${esc(L.table3.results)}</td>` : '';
    const g = groupOf(k);
    if (k === 'total' || g === 'granted' || g === 'partiallyGranted') {
      p(`<tr>${lead}<td colspan="2">${esc(table3Labels(k)[1])}</td>${cells(k)}</tr>`);
      continue;
    }
    const groupCell = g !== null && g !== group ? `<td rowspan="${outcomeKeys.filter((o) => outcomes[o].group === g).length}">${esc(outcomeGroups[g])}</td>` : '';
    group = g;
    p(`<tr>${lead}${groupCell}${td(table3Labels(k)[2])}${cells(k)}</tr>`);
  }
  p('</tbody></table>');
  p(`<h2>${esc(L.sections.reviewLitigation)}</h2><table><thead>`);
  p(`<tr><td colspan="5">${esc(L.table4.review)}</td><td colspan="10">${esc(L.table4.litigation)}</td></tr>`);
  p(`<tr>${reviewCols.map((c) => `<td rowspan="2">${esc(reviewResults[c])}</td>`).join('')}<td colspan="5">${esc(L.table4.direct)}</td><td colspan="5">${esc(L.table4.afterReview)}</td></tr>`);
  p(`<tr>${[...reviewCols, ...reviewCols].map((c) => td(reviewResults[c])).join('')}</tr></thead>`);
  p(`<tbody><tr>${table4Cells(r).map(num).join('')}</tr></tbody></table>`);
  p(`<h2>${esc(L.sections.problems)}</h2><p>本报告的表格由事件日志生成；存在的主要问题及改进情况由本机关另行填写。</p>`);
  p(`<h2>${esc(L.sections.other)}</h2>${(reportSections(r).at(-1)?.paragraphs ?? []).map((x) => `<p>${esc(x)}</p>`).join('')}<h3>${CHECKS}</h3><ul>`);
  for (const c of r.checks) p(`<li class="${c.ok ? 'ok' : 'bad'}">${c.ok ? '✓' : '✗'} ${esc(c.label)}（${esc(c.id)}）${c.ok ? '' : `：${esc(c.detail)}`}</li>`);
  p('</ul></body></html>\n');
  return parts.join('\n');
}



/** Markdown, CSV or HTML of a report from its sections (the 2008–2018 and 2019–2020 formats). */
function generic(r: AnnualReport, format: 'md' | 'csv' | 'html'): string {
  const sections = reportSections(r);
  const bad = failed(r);
  if (format === 'csv') {
    const lines: string[] = [];
    const line = (cells: readonly (string | number)[]) => lines.push(csvRow(cells));
    line([r.title]);
    line(['状态', r.ok ? '校验通过' : '校验未通过']);
    for (const c of bad) line(['校验未通过', c.id, c.label, c.detail]);
    line(['格式依据', r.formatBasis]);
    for (const s of sections) {
      line([]);
      line([s.heading]);
      for (const x of s.paragraphs) line([x]);
      for (const t of s.tables) {
        if (t.caption) line([t.caption]);
        line(t.header);
        for (const row of t.rows) line(row);
      }
    }
    return '\uFEFF' + lines.join('\r\n') + '\r\n';
  }
  if (format === 'md') {
    const out: string[] = [`# ${r.title}`, ''];
    if (!r.ok) {
      out.push(`> **校验未通过 — the log breaks ${bad.length} check(s); the tables below are not a valid report:**`);
      for (const c of bad) out.push(`> - ${c.label} (${c.id}): ${c.detail}`);
      out.push('');
    }
    out.push(`> ${r.ruleSetNote}`, '');
    const cell = (c: string | number) => String(c).replaceAll('|', '\\|');
    const table = (t: ReportTable) => {
      if (t.caption) out.push(`**${t.caption}**`, '');
      out.push(`| ${t.header.map(cell).join(' | ')} |`, `| ${t.header.map(() => '---').join(' | ')} |`, ...t.rows.map((row) => `| ${row.map(cell).join(' | ')} |`), '');
    };
    for (const s of sections) {
      out.push(`## ${s.heading}`, '');
      for (const x of s.paragraphs) out.push(x, '');
      for (const t of s.tables) table(t);
    }
    out.push(`### ${CHECKS}`, '');
    for (const c of r.checks) out.push(`- ${c.ok ? '✓' : '✗'} ${c.label} (${c.id})${c.ok ? '' : `: ${c.detail}`}`);
    out.push('');
    return out.join('\n');
  }
  const parts: string[] = [`<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(r.title)}</title>${HEAD_STYLE}</head><body>`, `<h1>${esc(r.title)}</h1>`];
  if (!r.ok) parts.push(`<div class="fail"><strong>校验未通过：日志违反 ${bad.length} 项校验，以下表格不是有效的年度报告。</strong><ul>${bad.map((c) => `<li>${esc(c.label)}（${esc(c.id)}）：${esc(c.detail)}</li>`).join('')}</ul></div>`);
  parts.push(`<p class="note">${esc(r.ruleSetNote)}</p>`);
  for (const s of sections) {
    parts.push(`<h2>${esc(s.heading)}</h2>`, ...s.paragraphs.map((x) => `<p>${esc(x)}</p>`));
    for (const t of s.tables) {
      parts.push(`<table>${t.caption ? `<caption>${esc(t.caption)}</caption>` : ''}<thead><tr>${t.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>`);
      for (const row of t.rows) parts.push(`<tr>${row.map((c) => (typeof c === 'number' ? `<td class="n">${esc(c)}</td>` : `<td>${esc(c)}</td>`)).join('')}</tr>`);
      parts.push('</tbody></table>');
    }
  }
  parts.push(`<h3>${CHECKS}</h3><ul>`, ...r.checks.map((c) => `<li class="${c.ok ? 'ok' : 'bad'}">${c.ok ? '✓' : '✗'} ${esc(c.label)}（${esc(c.id)}）${c.ok ? '' : `：${esc(c.detail)}`}</li>`), '</ul></body></html>\n');
  return parts.join('\n');
}

/**
 * Renders a report, in the format of its year, as Markdown, CSV (UTF-8 with BOM, CRLF, for spreadsheet programs), JSON, or a
 * standalone HTML page (inline CSS, no external assets). A report whose checks failed says so
 * at the top in every format.
 *
 * @example
 * formatReport(annualReport(events, { year: 2013 }), 'md').startsWith('# 2013年政府信息公开工作年度报告'); // true
 */
export function formatReport(report: AnnualReport, format: ReportFormat): string {
  switch (format) {
    case 'md':
      return report.format === '2021' ? markdown(report) : generic(report, 'md');
    case 'csv':
      return report.format === '2021' ? csv(report) : generic(report, 'csv');
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'html':
      return report.format === '2021' ? html(report) : generic(report, 'html');
    default:
      throw new InvalidReportOptionsError(`format must be one of ${reportFormats.join(', ')}, got ${JSON.stringify(format)}`);
  }
}
