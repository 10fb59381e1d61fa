import type { CenterReport } from '@banshi/center-report';
import { reportSections } from '@banshi/disclosure';
import { barChart, esc, htmlPage, htmlTable } from './html.js';
import { renderTable } from './terminalTable.js';

/**
 * What a fixture adds to a center report it generated: the comparison with its source document,
 * the legend of the row kinds, and the sections whose figures it invented.
 */
export interface ReportAnnotations {
  readonly seedCheck?: {
    readonly title: string;
    readonly rows: readonly { readonly figure: string; readonly seed: string; readonly expected: string; readonly replayed: string; readonly ok: boolean; readonly kind: string; readonly note: string }[];
    readonly kinds: Readonly<Record<string, { readonly mark: string; readonly legend: string }>>;
  };
  readonly synthetic?: readonly { readonly section: string; readonly what: string; readonly why: string }[];
}

const SYNTHETIC = 'SYNTHETIC';
const syntheticIn = (a: ReportAnnotations, section: string) => a.synthetic?.find((s) => s.section === section);
const tag = (a: ReportAnnotations, section: string, title: string) => (syntheticIn(a, section) ? `${title} — ${SYNTHETIC}` : title);

/** How many rows of each kind matched, as one line. */
function tally(check: NonNullable<ReportAnnotations['seedCheck']>): string {
  const ok = check.rows.filter((c) => c.ok).length;
  const kinds = Object.keys(check.kinds)
    .map((k) => {
      const rows = check.rows.filter((c) => c.kind === k);
      return `${rows.filter((c) => c.ok).length} of ${rows.length} ${k}`;
    })
    .join(', ');
  return `${ok} of ${check.rows.length} seed figures reproduced from the log (${kinds}).`;
}

/**
 * A log's name fit to print in a shared report: directories dropped (no machine's absolute paths)
 * and passwords in URLs masked.
 *
 * @example
 * displaySource('sqlite:/home/me/.banshi/taizhou-2013.db'); // 'sqlite:taizhou-2013.db'
 */
export function displaySource(source: string): string {
  return source.replace(/\/\/([^:@/\s]+):[^@/\s]*@/g, '//$1:***@').replace(/(^|[\s:(])(?:\/[^/\s,)]+)+\/([^/\s,)]+)/g, '$1$2');
}

/**
 * The report for a terminal: one table a section, then the seed check when there is one.
 *
 * @example
 * io.stdout(renderCenterTerminal(report, 'sqlite:.banshi/taizhou-2013.db', { seedCheck, synthetic }));
 */
export function renderCenterTerminal(r: CenterReport, source: string, a: ReportAnnotations = {}): string {
  const out: string[] = [`${r.center.name ?? r.disclosure.report.agency ?? 'service center'} ${r.year} — replayed from ${r.events.toLocaleString('en-US')} events (${source})`, ''];
  if (r.empty) out.push(`No events dated ${r.year} in this log (its ${r.events.toLocaleString('en-US')} events fall in other years): every table below is empty.`, '');
  const ap = r.approval;
  out.push(
    renderTable(tag(a, 'approval', '行政审批 approval cases'), ['received', 'decided', 'on time (法定)', 'on time (承诺)', 'at most one visit', 'within the item’s visits', '网上受理…网上反馈'], [[ap.received, ap.decided, ap.onTimeStatutoryRate, ap.onTimePromisedRate, ap.visits.atMostOneRate, ap.visits.withinRequiredRate, ap.onlinePattern]]),
    renderTable(tag(a, 'approval', 'cases per month'), ['month', 'received', 'decided', 'on time (法定)', 'on time (承诺)'], ap.months.map((m) => [m.month, m.received, m.decided, m.onTimeStatutory, m.onTimePromised])),
    renderTable(tag(a, 'approval', 'intake channels and visits'), ['channel', 'cases'], [...Object.entries(ap.intakeChannels).map(([k, v]) => [k, v ?? 0] as [string, number]), ['0 visits', ap.visits.zero], ['1 visit', ap.visits.one], ['2+ visits', ap.visits.more]]),
    renderTable(tag(a, 'approval', 'on-time rate by department (top 12 by cases decided)'), ['department', 'decided', '法定时限内', '承诺时限内'], ap.departments.slice(0, 12).map((d) => [d.department, d.decided, d.onTimeRate, d.promisedRate])),
  );
  if (r.cleanup) {
    const c = r.cleanup;
    out.push(renderTable(`审批事项清理 ${c.name ?? ''}`, ['items', '取消', '下放', '调整', '保留', '削减率', '标准化 departments'], [[c.items, c.cancelled, c.delegated, c.adjusted, c.retained, c.reductionRate, c.standardizedDepartments]]));
    out.push(renderTable('四个减少 (before → after)', ['measure', 'before', 'after', 'reduced'], Object.entries(c.fourReductions).map(([k, v]) => [k, v.before, v.after, v.before - v.after])));
  }
  const d = r.disclosure;
  const late = syntheticIn(a, 'disclosure') ? `late (> 20 working days) — ${SYNTHETIC}` : 'late (> 20 working days)';
  out.push(
    renderTable('政府信息公开 disclosure', ['政府网站', '中心门户网站', late, '依申请 received', 'report checks'], [[d.governmentWebsite, d.centerPortal, d.latePublications, d.requestsReceived, d.report.ok ? 'pass' : 'FAIL']]),
    renderTable('中介机构 intermediaries', ['submitted', 'approved', syntheticIn(a, 'intermediaries') ? `returned — ${SYNTHETIC}` : 'returned', 'published', 'delisted'], [[r.intermediaries.submitted, r.intermediaries.approved, r.intermediaries.returned, r.intermediaries.published, r.intermediaries.delisted]]),
    renderTable('招投标征求意见表 surveys', ['issued', 'returned', 'satisfied', '满意度'], [[r.surveys.issued, r.surveys.returned, r.surveys.satisfied, r.surveys.satisfaction]]),
    renderTable('公共资源交易 public-resource trading (1–11月)', ['category', 'deals', syntheticIn(a, 'budget') ? `budget — ${SYNTHETIC}` : 'budget', 'market', 'price', 'savings', 'rate', 'area'], r.trading.map((t) => [t.label, t.deals, t.budget, t.market, t.price, t.savings, t.savingsRate, t.area])),
    renderTable('交易信息公开 trading notices', ['outlet', '条次'], [...Object.entries(r.notices.byOutlet).map(([k, v]) => [k, v] as [string, number]), ['total', r.notices.outletPublications], ['公开率 (published / required)', `${r.notices.rate} (${r.notices.published} / ${r.notices.required})`]]),
    renderTable('审改宣传与印发资料 publicity and printed publications', ['审改信息', '简报 issues', 'adopted', '服务手册 copies', '服务指南 copies'], [[r.publicity.portalArticles, r.publicity.briefings, Object.entries(r.publicity.adopted).map(([k, v]) => `${k} ${v}`).join(', ') || '0', r.publicity.handbookCopies, r.publicity.serviceGuideCopies]]),
    renderTable('分中心 sub-centers', ['sub-center'], r.nodes.subCenters.map((s) => [s])),
  );
  if (a.synthetic?.length) out.push(`${SYNTHETIC} — figures printed under the agency's name that the seed never states (the generator invented them):\n${a.synthetic.map((s) => `  · ${s.what}: ${s.why}`).join('\n')}\n`);
  const check = a.seedCheck;
  if (check) {
    out.push(
      renderTable(
        check.title,
        ['', 'kind', 'figure', 'seed', 'replayed', '', 'what the row proves'],
        check.rows.map((c) => [check.kinds[c.kind]?.mark ?? '', c.kind, c.figure, c.seed, c.expected === c.seed ? c.replayed : `${c.replayed} (seed's own figures: ${c.expected})`, c.ok ? '✓' : '✗', c.note]),
      ),
    );
    out.push(Object.entries(check.kinds).map(([k, v]) => `${v.mark} ${k}: ${v.legend}`).join('\n') + '\n');
    out.push(`${tally(check)}\n`);
  }
  return out.join('\n');
}

/**
 * The standalone `report.html`: charts and tables, no scripts, no external assets.
 *
 * @example
 * writeFileSync('report.html', renderCenterHtml(report, source, 'verified', { seedCheck, synthetic }));
 */
export function renderCenterHtml(r: CenterReport, source: string, verified: string, a: ReportAnnotations = {}): string {
  source = displaySource(source);
  verified = displaySource(verified);
  const ap = r.approval;
  const badge = (section: string) => {
    const s = syntheticIn(a, section);
    return s ? `<p class="synthetic"><strong>Synthetic</strong> — ${esc(s.what)}: ${esc(s.why)}.</p>` : '';
  };
  const sections: { heading: string; body: string }[] = [];
  sections.push({
    heading: tag(a, 'approval', '行政审批 Approval cases'),
    body:
      badge('approval') +
      badge('ratings') +
      htmlTable('Year', ['received', 'decided', 'on time (法定时限)', 'on time (承诺时限)', 'at most one visit', 'within the item’s required visits', '网上受理、网上审核、网下办理、网上反馈'], [[ap.received, ap.decided, ap.onTimeStatutoryRate, ap.onTimePromisedRate, ap.visits.atMostOneRate, ap.visits.withinRequiredRate, ap.onlinePattern]]) +
      '<div class="grid">' +
      barChart('Cases received per month', ap.months.map((m) => ({ label: m.month, value: m.received }))) +
      barChart('Cases decided per month, on time (red) and late (amber) against the promised limit', ap.months.map((m) => ({ label: m.month, value: m.onTimePromised, value2: m.decided - m.onTimePromised })), { legend: ['on time (承诺时限)', 'late'], format: (b) => `${b.value + (b.value2 ?? 0)}` }) +
      barChart('On-time rate per department (法定时限, %)', ap.departments.slice(0, 20).map((d) => ({ label: d.department, value: d.decided ? (100 * d.onTimeStatutory) / d.decided : 0 })), { max: 100, unit: 'percent of decisions', format: (b) => `${b.value.toFixed(1)}%` }) +
      barChart('Intake channels', Object.entries(ap.intakeChannels).map(([label, value]) => ({ label, value: value ?? 0 }))) +
      barChart('In-person visits per case (到现场次数: business days with an in-person step)', [
        { label: '0', value: ap.visits.zero },
        { label: '1', value: ap.visits.one },
        { label: '2+', value: ap.visits.more },
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
        htmlTable('四个减少', ['measure', 'before', 'after'], Object.entries(c.fourReductions).map(([k, v]) => [k, v.before, v.after])),
    });
  }
  const d = r.disclosure;
  // The request section in the format of the report's year (2013: 2008 第三十二条, not the 2021 tables).
  const requests = reportSections(d.report).slice(2).filter((s) => s.tables.length > 0);
  sections.push({
    heading: '政府信息公开 Disclosure',
    body:
      badge('disclosure') +
      htmlTable('主动公开 by channel', ['政府网站', '中心门户网站', syntheticIn(a, 'disclosure') ? 'late (synthetic)' : 'late'], [[d.governmentWebsite, d.centerPortal, d.latePublications]]) +
      requests.flatMap((s) => s.tables.map((t) => htmlTable(t.caption ? `${s.heading} · ${t.caption}` : s.heading, t.header, t.rows))).join('') +
      `<p>${d.report.checks.map((c) => `<span class="${c.ok ? 'ok' : 'bad'}">${c.ok ? '✓' : '✗'}</span> ${esc(c.label)}`).join('<br>')}</p><p>${esc(d.report.ruleSetNote)}</p>`,
  });
  sections.push({
    heading: '中介机构、征求意见、公共资源交易',
    body:
      badge('intermediaries') +
      htmlTable('中介机构', ['submitted', 'approved', syntheticIn(a, 'intermediaries') ? 'returned (synthetic)' : 'returned', 'published', 'delisted'], [[r.intermediaries.submitted, r.intermediaries.approved, r.intermediaries.returned, r.intermediaries.published, r.intermediaries.delisted]]) +
      htmlTable('招投标征求意见表', ['issued', 'returned', 'satisfied', '满意度'], [[r.surveys.issued, r.surveys.returned, r.surveys.satisfied, r.surveys.satisfaction]]) +
      badge('budget') +
      htmlTable('公共资源交易 (1–11月)', ['category', 'deals', syntheticIn(a, 'budget') ? 'budget (synthetic)' : 'budget', 'market', 'price', 'savings', 'rate', 'area'], r.trading.map((t) => [t.label, t.deals, t.budget, t.market, t.price, t.savings, t.savingsRate, t.area])) +
      htmlTable('交易信息公开', ['outlet', '条次'], [...Object.entries(r.notices.byOutlet).map(([k, v]) => [k, v] as [string, number]), ['total', r.notices.outletPublications], ['公开率 (published / required)', `${r.notices.rate} (${r.notices.published} / ${r.notices.required})`]]) +
      htmlTable('审改宣传与印发资料', ['审改信息', '简报 issues', 'adopted', '服务手册 copies', '服务指南 copies'], [[r.publicity.portalArticles, r.publicity.briefings, Object.entries(r.publicity.adopted).map(([k, v]) => `${k} ${v}`).join(', ') || '0', r.publicity.handbookCopies, r.publicity.serviceGuideCopies]]) +
      htmlTable('分中心', ['sub-center'], r.nodes.subCenters.map((s) => [s])),
  });
  const check = a.seedCheck;
  if (check) {
    const rows = check.rows
      .map(
        (c) =>
          `<tr class="${esc(c.kind)}"><td title="${esc(c.kind)}">${esc(check.kinds[c.kind]?.mark ?? '')} ${esc(c.kind)}</td><td>${esc(c.figure)}</td><td class="n">${esc(c.seed)}</td><td class="n">${esc(c.replayed)}${c.expected === c.seed ? '' : `<br><small>seed's own figures: ${esc(c.expected)}</small>`}</td><td class="${c.ok ? 'ok' : 'bad'}">${c.ok ? '✓' : '✗'}</td><td class="note">${esc(c.note)}</td></tr>`,
      )
      .join('');
    sections.push({
      heading: 'Seed report vs replay',
      body:
        `<table class="check"><caption>${esc(tally(check))}</caption><thead><tr><th>kind</th><th>figure</th><th>seed</th><th>replayed</th><th></th><th>what the row proves</th></tr></thead><tbody>${rows}</tbody></table>` +
        `<ul class="legend-kinds">${Object.entries(check.kinds).map(([k, v]) => `<li>${esc(v.mark)} <strong>${esc(k)}</strong>: ${esc(v.legend)}</li>`).join('')}</ul>` +
        `<p>Hash chain: ${esc(verified)}</p>`,
    });
  } else sections.push({ heading: 'Hash chain', body: `<p>${esc(verified)}</p>` });
  const agency = r.center.name ?? r.disclosure.report.agency ?? 'Service center';
  return htmlPage(`${agency} ${r.year} 年度报告（由事件日志重放生成）`, `Replayed from ${r.events.toLocaleString('en-US')} events (${source}).`, sections);
}
