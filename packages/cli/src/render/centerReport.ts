import type { CenterReport } from '@banshi/center-report';
import type { Lang } from '@banshi/core';
import { reportSections } from '@banshi/disclosure';
import { barChart, dataCell, esc, htmlPage, htmlTable, type Cell } from './html.js';
import { amountText, codeLabel, count, reportMessages, type ReportMessages } from './messages.js';
import { renderTable } from './terminalTable.js';

/**
 * What a fixture adds to a center report it generated, already in the report's language: the
 * comparison with its source document, the row kinds with their labels and legends, and the
 * sections whose figures it invented.
 */
export interface ReportAnnotations {
  readonly seedCheck?: {
    readonly rows: readonly { readonly figure: string; readonly seed: string; readonly expected: string; readonly replayed: string; readonly ok: boolean; readonly kind: string; readonly note: string }[];
    readonly kinds: Readonly<Record<string, { readonly mark: string; readonly label: string; readonly legend: string }>>;
  };
  readonly synthetic?: readonly { readonly section: string; readonly what: string; readonly why: string }[];
}

/** Options of the center report's renderers. */
export interface RenderOptions {
  /** The report's language (default zh): every label from one half of {@link reportMessages}. */
  readonly lang?: Lang;
}

const syntheticIn = (a: ReportAnnotations, section: string) => a.synthetic?.find((s) => s.section === section);

/** How many rows of each kind matched, as one line. */
function tally(check: NonNullable<ReportAnnotations['seedCheck']>, m: ReportMessages): string {
  const kinds = Object.entries(check.kinds)
    .map(([k, v]) => {
      const rows = check.rows.filter((c) => c.kind === k);
      return m.tallyKind(rows.filter((c) => c.ok).length, rows.length, v.label);
    })
    .join(m === reportMessages.zh ? '，' : ', ');
  return m.tally(check.rows.filter((c) => c.ok).length, check.rows.length, kinds);
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

/** One table of the report in its language; cells that are names from the log are {@link dataCell}s. */
interface Table {
  readonly caption: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** The section of the fixture's synthetic figures this table prints, if any. */
  readonly synthetic?: string;
}

/** The tables every rendering of a center report prints, in one language. */
function centerTables(r: CenterReport, lang: Lang, a: ReportAnnotations) {
  const m = reportMessages[lang];
  const flag = (section: string, label: string) => (syntheticIn(a, section) ? `${label} — ${m.synthetic}` : label);
  const ap = r.approval;
  // zh prints the report's own text; en the same amount at the same precision in million yuan.
  const money = (fen: number, zh: string) => (lang === 'zh' || zh === '—' ? zh : amountText(fen, 'money', 'en'));
  const approval: Table[] = [
    { caption: m.approval, synthetic: 'approval', headers: [m.received, m.decided, m.onTimeStatutory, m.onTimePromised, m.atMostOneVisit, m.withinRequired, m.onlinePattern], rows: [[ap.received, ap.decided, ap.onTimeStatutoryRate, ap.onTimePromisedRate, ap.visits.atMostOneRate, ap.visits.withinRequiredRate, ap.onlinePattern]] },
    { caption: m.perMonth, synthetic: 'approval', headers: [m.month, m.received, m.decided, m.onTimeStatutoryCount, m.onTimePromisedCount], rows: ap.months.map((x) => [x.month, x.received, x.decided, x.onTimeStatutory, x.onTimePromised]) },
    {
      caption: m.intake,
      synthetic: 'approval',
      headers: [m.channelHeader, m.casesHeader],
      rows: [...Object.entries(ap.intakeChannels).map(([k, v]) => [codeLabel(m, 'ch_', k) ?? dataCell(k), v ?? 0]), [m.visits0, ap.visits.zero], [m.visits1, ap.visits.one], [m.visits2, ap.visits.more]],
    },
    { caption: m.departments, synthetic: 'approval', headers: [m.department, m.decided, m.onTimeStatutory, m.onTimePromised], rows: ap.departments.slice(0, 12).map((d) => [dataCell(d.department), d.decided, d.onTimeRate, d.promisedRate]) },
  ];
  const c = r.cleanup;
  const cleanup: Table[] = c
    ? [
        { caption: m.cleanup, headers: [m.items, m.cancelled, m.delegated, m.adjusted, m.retained, m.reductionRate, m.standardized], rows: [[c.items, c.cancelled, c.delegated, c.adjusted, c.retained, c.reductionRate, c.standardizedDepartments]] },
        { caption: m.fourReductions, headers: [m.measure, m.before, m.after, m.reduced], rows: Object.entries(c.fourReductions).map(([k, v]) => [codeLabel(m, 'm_', k) ?? dataCell(k), v.before, v.after, v.before - v.after]) },
      ]
    : [];
  const d = r.disclosure;
  const disclosure: Table = {
    caption: m.byChannel,
    headers: [m.governmentWebsite, m.centerPortal, flag('disclosure', m.late), m.requestsReceived, m.reportChecks],
    rows: [[d.governmentWebsite, d.centerPortal, d.latePublications, d.requestsReceived, d.report.ok ? m.pass : m.fail]],
  };
  const others: Table[] = [
    { caption: m.intermediaries, headers: [m.submitted, m.approved, flag('intermediaries', m.returned), m.published, m.delisted], rows: [[r.intermediaries.submitted, r.intermediaries.approved, r.intermediaries.returned, r.intermediaries.published, r.intermediaries.delisted]] },
    { caption: m.surveys, headers: [m.issued, m.surveyReturned, m.satisfied, m.satisfaction], rows: [[r.surveys.issued, r.surveys.returned, r.surveys.satisfied, r.surveys.satisfaction]] },
    {
      caption: m.trading,
      synthetic: 'budget',
      headers: [m.category, m.deals, flag('budget', m.budget), m.market, m.price, m.savings, m.rate, m.area],
      rows: r.trading.map((t) => [
        (lang === 'en' ? codeLabel(m, 'tc_', t.category) : undefined) ?? dataCell(t.label),
        t.deals,
        money(t.budgetFen, t.budget),
        money(t.marketPriceFen, t.market),
        money(t.priceFen, t.price),
        money(t.savingsFen, t.savings),
        t.savingsRate,
        t.area === '—' ? '—' : lang === 'zh' ? t.area : amountText(t.areaSqm, 'area', 'en'),
      ]),
    },
    {
      caption: m.notices,
      headers: [m.outlet, m.outletCount],
      rows: [...Object.entries(r.notices.byOutlet).map(([k, v]) => [dataCell(k), v]), [m.total, r.notices.outletPublications], [m.noticeRate, `${r.notices.rate} (${r.notices.published} / ${r.notices.required})`]],
    },
    {
      caption: m.publicity,
      headers: [m.articles, m.briefings, m.adopted, m.handbooks, m.guides],
      rows: [[r.publicity.portalArticles, r.publicity.briefings, Object.keys(r.publicity.adopted).length ? dataCell(Object.entries(r.publicity.adopted).map(([k, v]) => `${k} ${v}`).join(', ')) : 0, r.publicity.handbookCopies, r.publicity.serviceGuideCopies]],
    },
    { caption: m.subCenters, headers: [m.subCenter], rows: r.nodes.subCenters.map((s) => [dataCell(s)]) },
  ];
  return { m, approval, cleanup, disclosure, others };
}

/** The report's opening lines: the empty year and the sections that count the whole log. */
function preamble(r: CenterReport, m: ReportMessages): string[] {
  const out: string[] = [];
  if (r.empty) out.push(m.emptyYear(r.year, count(r.events)));
  return out;
}

const cellText = (c: Cell): string | number => (typeof c === 'object' ? c.data : c);

/**
 * The report for a terminal: one table a section, then the seed check when there is one, every
 * label in one language.
 *
 * @example
 * io.stdout(renderCenterTerminal(report, 'sqlite:.banshi/taizhou-2013.db', { seedCheck, synthetic }, { lang: 'en' }));
 */
export function renderCenterTerminal(r: CenterReport, source: string, a: ReportAnnotations = {}, options: RenderOptions = {}): string {
  const { m, approval, cleanup, disclosure, others } = centerTables(r, options.lang ?? 'zh', a);
  const table = (t: Table) => renderTable(t.synthetic && syntheticIn(a, t.synthetic) && t.synthetic !== 'budget' ? `${t.caption} — ${m.synthetic}` : t.caption, t.headers, t.rows.map((row) => row.map(cellText)));
  const agency = r.center.name ?? r.disclosure.report.agency ?? m.agency;
  const out: string[] = [m.title(agency, r.year), m.replayedFrom(count(r.events), source), ''];
  for (const line of preamble(r, m)) out.push(line, '');
  out.push(...approval.map(table));
  out.push(...cleanup.map((t, i) => table(i === 0 && r.cleanup?.name ? { ...t, caption: `${t.caption} ${r.cleanup.name}` } : t)), table({ ...disclosure, caption: `${m.disclosure} · ${disclosure.caption}` }), ...others.map(table));
  if (a.synthetic?.length) out.push(`${m.syntheticTitle}\n${a.synthetic.map((s) => `  · ${m.explained(s.what, s.why)}`).join('\n')}\n`);
  const check = a.seedCheck;
  if (check) {
    out.push(
      renderTable(
        m.seedCheck,
        ['', m.kind, m.figure, m.seed, m.replayed, '', m.proves],
        check.rows.map((c) => [check.kinds[c.kind]?.mark ?? '', check.kinds[c.kind]?.label ?? c.kind, c.figure, c.seed, c.expected === c.seed ? c.replayed : `${c.replayed} (${m.seedOwn(c.expected)})`, c.ok ? '✓' : '✗', c.note]),
      ),
    );
    out.push(Object.values(check.kinds).map((v) => `${v.mark} ${m.explained(v.label, v.legend)}`).join('\n') + '\n');
    out.push(`${tally(check, m)}\n`);
  }
  return out.join('\n');
}

/**
 * The standalone `report.html`: charts and tables, no scripts, no external assets, every label in
 * one language (`<html lang>` says which). Names from the log sit in `<span class="data">`, codes
 * and the log's name in `<code>`.
 *
 * @example
 * writeFileSync('report.html', renderCenterHtml(report, source, 'verified', { seedCheck, synthetic }, { lang: 'en' }));
 */
export function renderCenterHtml(r: CenterReport, source: string, verified: string, a: ReportAnnotations = {}, options: RenderOptions = {}): string {
  const lang = options.lang ?? 'zh';
  source = displaySource(source);
  verified = displaySource(verified);
  const { m, approval, cleanup, disclosure, others } = centerTables(r, lang, a);
  const ap = r.approval;
  const badge = (section: string) => {
    const s = syntheticIn(a, section);
    return s ? `<p class="synthetic"><strong>${esc(m.synthetic)}</strong> — ${esc(m.explained(s.what, s.why))}</p>` : '';
  };
  const table = (t: Table) => htmlTable(t.caption, t.headers, t.rows, m.noneThisYear);
  const chartOptions = { none: m.noneThisYear, unit: m.unitCases };
  const sections: { heading: string; body: string }[] = [];
  const [year, ...approvalTables] = approval as [Table, ...Table[]];
  sections.push({
    heading: syntheticIn(a, 'approval') ? `${m.approval} — ${m.synthetic}` : m.approval,
    body:
      badge('approval') +
      badge('ratings') +
      table({ ...year, caption: m.approvalYear }) +
      '<div class="grid">' +
      barChart(m.chartReceived, ap.months.map((x) => ({ label: x.month, value: x.received })), chartOptions) +
      barChart(m.chartDecided, ap.months.map((x) => ({ label: x.month, value: x.onTimePromised, value2: x.decided - x.onTimePromised })), { ...chartOptions, legend: [m.legendOnTime, m.legendLate], format: (b) => `${b.value + (b.value2 ?? 0)}` }) +
      barChart(m.chartDepartments, ap.departments.slice(0, 20).map((d) => ({ label: dataCell(d.department), value: d.decided ? (100 * d.onTimeStatutory) / d.decided : 0 })), { ...chartOptions, max: 100, unit: m.unitPercent, format: (b) => `${b.value.toFixed(1)}%` }) +
      barChart(m.chartChannels, Object.entries(ap.intakeChannels).map(([k, value]) => ({ label: codeLabel(m, 'ch_', k) ?? dataCell(k), value: value ?? 0 })), chartOptions) +
      barChart(m.chartVisits, [
        { label: '0', value: ap.visits.zero },
        { label: '1', value: ap.visits.one },
        { label: '2+', value: ap.visits.more },
      ], chartOptions) +
      '</div>' +
      approvalTables.slice(2).map(table).join(''),
  });
  if (r.cleanup) {
    const c = r.cleanup;
    sections.push({
      heading: m.cleanup,
      body:
        (c.name ? `<p><span class="data">${esc(c.name)}</span></p>` : '') +
        cleanup.map(table).join('') +
        barChart(m.chartCleanup, [
          { label: m.cancelled, value: c.cancelled },
          { label: m.delegated, value: c.delegated },
          { label: m.adjusted, value: c.adjusted },
          { label: m.retained, value: c.retained },
        ], { ...chartOptions, unit: m.unitItems }),
    });
  }
  const d = r.disclosure;
  // zh: the request tables in the format of the report's year (2013: 2008 第三十二条), which is Chinese by law.
  const requests = lang === 'zh' ? reportSections(d.report).slice(2).filter((s) => s.tables.length > 0) : [];
  sections.push({
    heading: m.disclosure,
    body:
      badge('disclosure') +
      table(disclosure) +
      requests.flatMap((s) => s.tables.map((t) => htmlTable(t.caption ? `${s.heading} · ${t.caption}` : s.heading, t.header, t.rows, m.noneThisYear))).join('') +
      (lang === 'zh'
        ? `<p>${d.report.checks.map((c) => `<span class="${c.ok ? 'ok' : 'bad'}">${c.ok ? '✓' : '✗'}</span> ${esc(c.label)}`).join('<br>')}</p><p>${esc(d.report.ruleSetNote)}</p>`
        : `<p>${d.report.checks.map((c) => `<span class="${c.ok ? 'ok' : 'bad'}">${c.ok ? '✓' : '✗'}</span> <code>${esc(c.id)}</code>`).join('<br>')}</p><p>${esc(m.checkNote)}</p>`),
  });
  sections.push({ heading: `${m.intermediaries} · ${m.surveys} · ${m.trading}`, body: badge('intermediaries') + badge('budget') + others.map(table).join('') });
  const check = a.seedCheck;
  if (check) {
    const rows = check.rows
      .map((c) => {
        const kind = check.kinds[c.kind];
        return `<tr class="${esc(c.kind)}"><td class="kind" data-kind="${esc(c.kind)}">${esc(kind?.mark ?? '')} ${esc(kind?.label ?? c.kind)}</td><td>${esc(c.figure)}</td><td class="n"><span class="data">${esc(c.seed)}</span></td><td class="n"><span class="data">${esc(c.replayed)}</span>${
          c.expected === c.seed ? '' : `<br><small class="seed-own">${esc(m.seedOwn('\u0000')).replace('\u0000', `<span class="data">${esc(c.expected)}</span>`)}</small>`
        }</td><td class="${c.ok ? 'ok' : 'bad'}">${c.ok ? '✓' : '✗'}</td><td class="note">${esc(c.note)}</td></tr>`;
      })
      .join('');
    sections.push({
      heading: m.seedCheck,
      body:
        `<table class="check"><caption>${esc(tally(check, m))}</caption><thead><tr><th>${esc(m.kind)}</th><th>${esc(m.figure)}</th><th>${esc(m.seed)}</th><th>${esc(m.replayed)}</th><th></th><th>${esc(m.proves)}</th></tr></thead><tbody>${rows}</tbody></table>` +
        `<ul class="legend-kinds">${Object.values(check.kinds).map((v) => `<li>${esc(v.mark)} ${esc(m.explained('\u0000', v.legend)).replace('\u0000', `<strong>${esc(v.label)}</strong>`)}</li>`).join('')}</ul>` +
        `<p>${esc(m.explained(m.hashChainTitle, verified))}</p>`,
    });
  } else sections.push({ heading: m.hashChainTitle, body: `<p>${esc(verified)}</p>` });
  const agency = r.center.name ?? r.disclosure.report.agency;
  const intro = preamble(r, m).map((l) => `<br>${esc(l)}`).join('');
  return htmlPage({
    lang,
    title: m.title(agency ?? m.agency, r.year),
    titleHtml: agency ? esc(m.title('\u0000', r.year)).replace('\u0000', `<span class="data">${esc(agency)}</span>`) : esc(m.title(m.agency, r.year)),
    subtitleHtml: esc(m.replayedFrom(count(r.events), '\u0000')).replace('\u0000', `<code>${esc(source)}</code>`) + intro,
    sections,
    fontNote: m.fontNote,
  });
}
