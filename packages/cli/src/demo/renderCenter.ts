import { applicantTypeKeys, applicantTypes, outcomeGroups, outcomeKeys, outcomes, reportLabels, type Outcome } from '@banshi/disclosure';
import { barChart, htmlPage, htmlTable } from '../render/html.js';
import { renderTable } from '../render/terminalTable.js';
import type { CenterReport } from './centerReport.js';
import { seedFigures } from './taizhouOrg.js';

/** One line of the seed check: what the report printed, what the replay computed. */
export interface SeedCheckRow {
  readonly figure: string;
  readonly seed: string | number;
  readonly replayed: string | number;
  readonly ok: boolean;
}

/**
 * Compares the replayed figures with the ones the 2013 report printed. The seed numbers are
 * only ever on the left-hand side here: the report's figures come from the events.
 */
export function seedCheck(r: CenterReport): SeedCheckRow[] {
  const trade = (k: string) => r.trading.find((t) => t.category === k);
  const rows: [string, string | number, string | number | undefined][] = [
    ['审批事项 (items decided in the cleanup)', seedFigures.items, r.cleanup?.items],
    ['取消 cancelled', seedFigures.cancelled, r.cleanup?.cancelled],
    ['下放 delegated', seedFigures.delegated, r.cleanup?.delegated],
    ['调整 adjusted', seedFigures.adjusted, r.cleanup?.adjusted],
    ['保留 retained', seedFigures.retained, r.cleanup?.retained],
    ['削减率 reduction rate', seedFigures.reductionRate, r.cleanup?.reductionRate],
    ['标准化 departments done', seedFigures.standardizedDepartments, r.cleanup?.standardizedDepartments],
    ['政府网站 proactive items', seedFigures.governmentWebsite, r.disclosure.governmentWebsite],
    ['中心门户网站 proactive items', seedFigures.centerPortal, r.disclosure.centerPortal],
    ['依申请 requests received', seedFigures.requestsReceived, r.disclosure.requestsReceived],
    ['中介机构 submitted', seedFigures.intermediariesSubmitted, r.intermediaries.submitted],
    ['中介机构 published', seedFigures.intermediariesPublished, r.intermediaries.published],
    ['征求意见表 issued', seedFigures.surveyIssued, r.surveys.issued],
    ['征求意见表 returned', seedFigures.surveyReturned, r.surveys.returned],
    ['满意度 satisfaction', seedFigures.satisfaction, r.surveys.satisfaction],
    ['政府采购 deals', seedFigures.procurementDeals, trade('governmentProcurement')?.deals],
    ['政府采购 总市场价', seedFigures.procurementMarket, trade('governmentProcurement')?.market],
    ['政府采购 总中标价', seedFigures.procurementPrice, trade('governmentProcurement')?.price],
    ['政府采购 节约率', seedFigures.procurementSavingsRate, trade('governmentProcurement')?.savingsRate],
    ['工程建设 deals', seedFigures.constructionDeals, trade('constructionTender')?.deals],
    ['工程建设 总中标价', seedFigures.constructionPrice, trade('constructionTender')?.price],
    ['工程建设 节省资金', seedFigures.constructionSavings, trade('constructionTender')?.savings],
    ['工程建设 节约率', seedFigures.constructionSavingsRate, trade('constructionTender')?.savingsRate],
    ['土地交易 deals', seedFigures.landDeals, trade('landTransfer')?.deals],
    ['土地交易 出让面积', seedFigures.landArea, trade('landTransfer')?.area],
    ['土地交易 出让金', seedFigures.landPrice, trade('landTransfer')?.price],
    ['国有产权 deals', seedFigures.propertyDeals, trade('stateProperty')?.deals],
    ['国有产权 交易金额', seedFigures.propertyPrice, trade('stateProperty')?.price],
    ['其它公共资源 deals', seedFigures.otherDeals, trade('other')?.deals],
    ['其它公共资源 交易金额', seedFigures.otherPrice, trade('other')?.price],
    ['分中心 sub-centers', seedFigures.subCenters, r.nodes.subCenters.length],
  ];
  return rows.map(([figure, seed, replayed]) => ({ figure, seed, replayed: replayed ?? '—', ok: String(seed) === String(replayed) }));
}

const table3Rows = ['newReceived', 'carriedOver', ...outcomeKeys, 'total', 'carryForward'] as const;
const table3Label = (k: (typeof table3Rows)[number]): string =>
  k === 'newReceived' || k === 'carriedOver' || k === 'total' || k === 'carryForward'
    ? { newReceived: reportLabels.table3.newReceived, carriedOver: reportLabels.table3.carriedOver, total: reportLabels.table3.resultsTotal, carryForward: reportLabels.table3.carryForward }[k]
    : `${outcomes[k as Outcome].group === 'granted' || outcomes[k as Outcome].group === 'partiallyGranted' ? '' : outcomeGroups[outcomes[k as Outcome].group] + ' '}${outcomes[k as Outcome].label}`;

/** The report for a terminal: one table a section, then the seed check. */
export function renderCenterTerminal(r: CenterReport, source: string): string {
  const out: string[] = [`台州市行政服务中心 ${r.year} — replayed from ${r.events.toLocaleString('en-US')} events (${source})`, ''];
  const a = r.approval;
  out.push(
    renderTable('行政审批 approval cases', ['received', 'decided', 'on time (法定)', 'on time (承诺)', 'at most one visit', 'within the item’s visits', '网上受理…网上反馈'], [[a.received, a.decided, a.onTimeStatutoryRate, a.onTimePromisedRate, a.visits.atMostOneRate, a.visits.withinRequiredRate, a.onlinePattern]]),
    renderTable('cases per month', ['month', 'received', 'decided', 'on time (法定)', 'on time (承诺)'], a.months.map((m) => [m.month, m.received, m.decided, m.onTimeStatutory, m.onTimePromised])),
    renderTable('intake channels and visits', ['channel', 'cases'], [...Object.entries(a.intakeChannels).map(([k, v]) => [k, v] as [string, number]), ['0 visits', a.visits.zero], ['1 visit', a.visits.one], ['2+ visits', a.visits.more]]),
    renderTable('on-time rate by department (top 12 by cases decided)', ['department', 'decided', '法定时限内', '承诺时限内'], a.departments.slice(0, 12).map((d) => [d.department, d.decided, d.onTimeRate, d.promisedRate])),
  );
  if (r.cleanup) {
    const c = r.cleanup;
    out.push(renderTable(`审批事项清理 ${c.name ?? ''}`, ['items', '取消', '下放', '调整', '保留', '削减率', '标准化 departments'], [[c.items, c.cancelled, c.delegated, c.adjusted, c.retained, c.reductionRate, c.standardizedDepartments]]));
    if (c.fourReductions) out.push(renderTable('四个减少 (before → after)', ['measure', 'before', 'after', 'reduced'], Object.entries(c.fourReductions).map(([k, v]) => [k, v.before, v.after, v.before - v.after])));
  }
  const d = r.disclosure;
  out.push(
    renderTable('政府信息公开 disclosure', ['政府网站', '中心门户网站', 'late (> 20 working days)', '依申请 received', 'table 三 checks'], [[d.governmentWebsite, d.centerPortal, d.latePublications, d.requestsReceived, d.report.ok ? 'pass' : 'FAIL']]),
    renderTable('中介机构 intermediaries', ['submitted', 'approved', 'returned', 'published', 'delisted'], [[r.intermediaries.submitted, r.intermediaries.approved, r.intermediaries.returned, r.intermediaries.published, r.intermediaries.delisted]]),
    renderTable('招投标征求意见表 surveys', ['issued', 'returned', 'satisfied', '满意度'], [[r.surveys.issued, r.surveys.returned, r.surveys.satisfied, r.surveys.satisfaction]]),
    renderTable('公共资源交易 public-resource trading (1–11月)', ['category', 'deals', 'budget', 'market', 'price', 'savings', 'rate', 'area'], r.trading.map((t) => [t.label, t.deals, t.budget, t.market, t.price, t.savings, t.savingsRate, t.area])),
    renderTable('分中心 sub-centers', ['sub-center'], r.nodes.subCenters.map((s) => [s])),
  );
  const checks = seedCheck(r);
  out.push(renderTable('seed report vs replay', ['figure', 'seed (2013 report)', 'replayed', ''], checks.map((c) => [c.figure, String(c.seed), String(c.replayed), c.ok ? '✓' : '✗'])));
  out.push(`${checks.filter((c) => c.ok).length} of ${checks.length} seed figures reproduced from the log.\n`);
  return out.join('\n');
}

/** The standalone `report.html`: charts and tables, no scripts, no external assets. */
export function renderCenterHtml(r: CenterReport, source: string, verified: string): string {
  const a = r.approval;
  const sections: { heading: string; body: string }[] = [];
  sections.push({
    heading: '行政审批 Approval cases',
    body:
      htmlTable('Year', ['received', 'decided', 'on time (法定时限)', 'on time (承诺时限)', 'at most one visit', 'within the item’s required visits', '网上受理、网上审核、网下办理、网上反馈'], [[a.received, a.decided, a.onTimeStatutoryRate, a.onTimePromisedRate, a.visits.atMostOneRate, a.visits.withinRequiredRate, a.onlinePattern]]) +
      '<div class="grid">' +
      barChart('Cases received per month', a.months.map((m) => ({ label: m.month, value: m.received }))) +
      barChart('Cases decided per month, on time (red) and late (amber) against the promised limit', a.months.map((m) => ({ label: m.month, value: m.onTimePromised, value2: m.decided - m.onTimePromised })), { legend: ['on time (承诺时限)', 'late'], format: (b) => `${b.value + (b.value2 ?? 0)}` }) +
      barChart('On-time rate per department (法定时限, %)', a.departments.slice(0, 20).map((d) => ({ label: d.department, value: d.decided ? (100 * d.onTimeStatutory) / d.decided : 0 })), { max: 100, format: (b) => `${b.value.toFixed(1)}%` }) +
      barChart('Intake channels', Object.entries(a.intakeChannels).map(([label, value]) => ({ label, value }))) +
      barChart('In-person visits per case (到现场次数)', [
        { label: '0', value: a.visits.zero },
        { label: '1', value: a.visits.one },
        { label: '2+', value: a.visits.more },
      ]) +
      '</div>',
  });
  if (r.cleanup) {
    const c = r.cleanup;
    sections.push({
      heading: '审批事项清理 Cleanup campaign',
      body:
        htmlTable(c.name ?? '', ['items', '取消', '下放', '调整', '保留', '削减率', '标准化 departments'], [[c.items, c.cancelled, c.delegated, c.adjusted, c.retained, c.reductionRate, c.standardizedDepartments]]) +
        barChart('Decisions', [
          { label: '取消 cancelled', value: c.cancelled },
          { label: '下放 delegated', value: c.delegated },
          { label: '调整 adjusted', value: c.adjusted },
          { label: '保留 retained', value: c.retained },
        ]) +
        (c.fourReductions ? htmlTable('四个减少', ['measure', 'before', 'after'], Object.entries(c.fourReductions).map(([k, v]) => [k, v.before, v.after])) : ''),
    });
  }
  const d = r.disclosure;
  const cols = [...applicantTypeKeys.map((k) => applicantTypes[k].label), reportLabels.table3.total];
  sections.push({
    heading: '政府信息公开 Disclosure',
    body:
      htmlTable('主动公开 by channel', ['政府网站', '中心门户网站', 'late'], [[d.governmentWebsite, d.centerPortal, d.latePublications]]) +
      htmlTable(reportLabels.sections.requests, ['', ...cols], table3Rows.map((k) => [table3Label(k), ...d.report.requests[k]])) +
      `<p>${d.report.checks.map((c) => `<span class="${c.ok ? 'ok' : 'bad'}">${c.ok ? '✓' : '✗'}</span> ${c.label}`).join('<br>')}</p><p>${d.report.ruleSetNote}</p>`,
  });
  sections.push({
    heading: '中介机构、征求意见、公共资源交易',
    body:
      htmlTable('中介机构', ['submitted', 'approved', 'returned', 'published', 'delisted'], [[r.intermediaries.submitted, r.intermediaries.approved, r.intermediaries.returned, r.intermediaries.published, r.intermediaries.delisted]]) +
      htmlTable('招投标征求意见表', ['issued', 'returned', 'satisfied', '满意度'], [[r.surveys.issued, r.surveys.returned, r.surveys.satisfied, r.surveys.satisfaction]]) +
      htmlTable('公共资源交易 (1–11月)', ['category', 'deals', 'budget', 'market', 'price', 'savings', 'rate', 'area'], r.trading.map((t) => [t.label, t.deals, t.budget, t.market, t.price, t.savings, t.savingsRate, t.area])) +
      htmlTable('分中心', ['sub-center'], r.nodes.subCenters.map((s) => [s])),
  });
  const checks = seedCheck(r);
  sections.push({
    heading: 'Seed report vs replay',
    body: htmlTable(`${checks.filter((c) => c.ok).length} of ${checks.length} figures reproduced`, ['figure', 'seed (2013 report)', 'replayed', ''], checks.map((c) => [c.figure, String(c.seed), String(c.replayed), c.ok ? '✓' : '✗'])) + `<p>Hash chain: ${verified}</p>`,
  });
  return htmlPage(`台州市行政服务中心 ${r.year} 年度报告（由事件日志重放生成）`, `Replayed from ${r.events.toLocaleString('en-US')} events (${source}).`, sections);
}
