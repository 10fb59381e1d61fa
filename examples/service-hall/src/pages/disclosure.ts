/**
 * 政府信息公开 (the public's disclosure portal): the proactive-disclosure catalog by category and
 * year, the online request form with its receipt (the 条例 in force and the statutory reply date),
 * request status by number and 查询码, the official's reply, and the annual report of any year
 * as tables and a chart.
 */
import {
  applicantTypes,
  disclosureRules,
  formatReport,
  outcomeGroups,
  outcomes,
  proactiveCategories,
  publicationChannels,
  receiptChannels,
  replyOutcomeKeys,
  reportSections,
  requestMachine,
  type AnnualReport,
  type ApplicantType,
  type Outcome,
  type RuleSetId,
} from '@banshi/disclosure';
import { commandScope } from '@banshi/http';
import { diagramSection } from './diagram.js';
import type { Hono } from 'hono';
import { field, formOf, newId, page, pageRequest, problemPage, type HallDeps, type PageRequest, type Problem } from '../context.js';
import { html, type Markup } from '../html.js';
import { label, requestEventLabels, requestStatusLabels } from '../labels.js';

interface RequestJson {
  readonly requestId: string;
  readonly status: string;
  readonly agency: string;
  readonly receivedOn: string | null;
  readonly ruleSet: RuleSetId;
  readonly outcome: Outcome | null;
  readonly concludedOn: string | null;
  readonly applicant: { readonly type: string | null; readonly name: string } | null;
  readonly description: string | null;
  readonly reply: { readonly dueDate: string | null; readonly left: number | null; readonly level: string } | null;
  readonly extension: { readonly on: string; readonly days: number } | null;
  readonly accessCode?: string;
  readonly dueDate?: string | null;
  readonly stream?: string;
  readonly eventTypes?: readonly string[];
}

const typeLabel = (t: string | null) => (t && t in applicantTypes ? applicantTypes[t as ApplicantType].label : '—');
const outcomeLabel = (o: string | null) => (o && o in outcomes ? outcomes[o as Outcome].label : '—');
const receiptHref = (id: string, code?: string) => `/gk/requests/${encodeURIComponent(id)}${code ? `?code=${encodeURIComponent(code)}` : ''}`;

/** The receipt and status of one request: the text of the 条例 that governs it, and its reply date. */
function receipt(req: PageRequest, r: RequestJson, code: string | undefined): Markup {
  const rules = disclosureRules[r.ruleSet];
  const staff = req.actor !== null && commandScope('disclosure-requests', 'Conclude', req.actor.role) !== undefined;
  const extend = req.actor !== null && commandScope('disclosure-requests', 'ExtendReply', req.actor.role) !== undefined;
  const open = r.status !== 'concluded' && r.status !== 'none';
  return html`<article class="card" data-testid="receipt" data-request="${r.requestId}"><h2>政府信息公开申请回执</h2><dl>
<dt>申请编号</dt><dd data-testid="request-id">${r.requestId}</dd><dt>受理机关</dt><dd>${r.agency}</dd>
<dt>申请人</dt><dd>${r.applicant?.name ?? '—'}（${typeLabel(r.applicant?.type ?? null)}）</dd>
<dt>收到申请日期</dt><dd data-testid="received-on">${r.receivedOn ?? '—'}</dd>
<dt>适用法规</dt><dd data-testid="rule-set">${rules.title}</dd>
<dt>答复期限</dt><dd><strong data-testid="reply-due">${r.reply?.dueDate ?? r.dueDate ?? '—'}</strong>（${rules.reply.limit} 个工作日，${rules.reply.basis}${r.extension ? `；已延长 ${r.extension.days} 个工作日` : ''}）</dd>
<dt>办理状态</dt><dd data-testid="request-status">${label(requestStatusLabels, r.status)}</dd>
${r.outcome ? html`<dt>答复结果</dt><dd data-testid="request-outcome">${outcomeLabel(r.outcome)}（${r.concludedOn}）</dd>` : ''}
${r.accessCode ?? code ? html`<dt>查询码</dt><dd><code data-testid="request-code">${r.accessCode ?? code}</code></dd>` : ''}</dl>
${r.description ? html`<h3>申请内容</h3><p>${r.description}</p>` : ''}</article>
${staff && open ? html`<form method="post" action="/gk/requests/${encodeURIComponent(r.requestId)}/reply" class="card" aria-label="答复申请"><input type="hidden" name="_csrf" value="${req.csrf ?? ''}">
<h3>答复</h3><label for="outcome">办理结果（年度报告表三）</label><select id="outcome" name="outcome">${replyOutcomeKeys.map((k) => html`<option value="${k}">${outcomes[k].label}</option>`)}</select><button type="submit">答复</button></form>` : ''}
${extend && open && !r.extension ? html`<form method="post" action="/gk/requests/${encodeURIComponent(r.requestId)}/extend" class="card" aria-label="延长答复期限"><input type="hidden" name="_csrf" value="${req.csrf ?? ''}">
<h3>延长答复期限（${rules.replyExtension.basis}）</h3><label for="why">理由</label><input id="why" name="reason" required><button type="submit">同意延长</button></form>` : ''}`;
}

/** Every section of the report in the format of its year (`reportSections`: 2008, 2019 or 2021 tables), as HTML tables. */
function sections(report: AnnualReport): Markup {
  const cell = (v: string | number) => (typeof v === 'number' ? html`<td class="n">${v}</td>` : html`<td>${v}</td>`);
  return html`${reportSections(report).map(
    (s) => html`<section aria-label="${s.heading}"><h2>${s.heading}</h2>${s.paragraphs.map((p) => html`<p>${p}</p>`)}
${s.tables.map(
  (t) => html`<div class="scroll"><table>${t.caption ? html`<caption>${t.caption}</caption>` : ''}<thead><tr>${t.header.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>
${t.rows.map((r) => html`<tr data-label="${String(r[0] ?? '').replace(/^\u3000+/, '')}"><th scope="row">${r[0]}</th>${r.slice(1).map(cell)}</tr>`)}</tbody></table></div>`,
)}</section>`,
  )}`;
}

/** The outcomes of the year's replies, by the groups of the report's own format. */
function outcomeBars(report: AnnualReport): [string, number][] {
  if (report.format === '2008') {
    // Short names of the five 办结 rows of section 三 (annualReportFormats['2008'].requestRows) for the chart's axis.
    const names = { granted: '同意公开', partiallyGranted: '部分公开', withheld: '不予公开', notHeld: '信息不存在等', other: '其他' } as const;
    return (Object.keys(names) as (keyof typeof names)[]).map((k) => [names[k], report.requests[k]]);
  }
  const rows = report.requests as unknown as Record<string, readonly number[]>;
  const groups = new Map<string, number>();
  for (const k of Object.keys(outcomes) as Outcome[]) {
    const label = outcomeGroups[outcomes[k].group].replace(/^（.）|（.*$/g, '');
    groups.set(label, (groups.get(label) ?? 0) + (rows[k]?.[6] ?? 0));
  }
  if (rows.other) groups.set('其他处理', (groups.get('其他处理') ?? 0) + (rows.other[6] ?? 0));
  return [...groups.entries()];
}

/** A horizontal bar chart (SVG) of the outcomes, with the numbers in its accessible name. */
function outcomeChart(report: AnnualReport): Markup {
  const entries = outcomeBars(report);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return html`<figure class="card"><svg viewBox="0 0 460 ${entries.length * 28 + 10}" role="img" aria-label="办理结果：${entries.map(([g, n]) => `${g} ${n} 件`).join('，')}">
${entries.map(([g, n], i) => html`<text x="0" y="${i * 28 + 22}" font-size="13">${g}</text><rect class="bar" x="120" y="${i * 28 + 8}" height="18" width="${Math.round((n / max) * 280)}"></rect><text x="${126 + Math.round((n / max) * 280)}" y="${i * 28 + 22}" font-size="13">${n}</text>`)}
</svg><figcaption>本年度办理结果（件）</figcaption></figure>`;
}

/** Registers `/gk…`. */
export function disclosurePages(app: Hono, deps: HallDeps): void {
  app.get('/gk', async (c) => {
    const req = await pageRequest(deps, c);
    const category = c.req.query('category') ?? '';
    const year = c.req.query('year') ?? deps.clock.today().slice(0, 4);
    const qs = new URLSearchParams({ ...(category ? { category } : {}), ...(year ? { year } : {}) });
    const r = await req.api<{ items: { itemId: string; title: string; category: string | null; publishedOn: string | null; agency: string; channels: string[] }[] } & Problem>('GET', `/public-info?${qs}`);
    if (!r.ok) return problemPage(req, r.body);
    const items = [...r.body.items].sort((a, b) => ((a.publishedOn ?? '') < (b.publishedOn ?? '') ? 1 : -1));
    const shown = items.slice(0, 100);
    const staff = req.actor !== null && commandScope('disclosure-requests', 'Conclude', req.actor.role) !== undefined;
    return page(
      req,
      '政府信息公开',
      html`<p><a class="button" href="/gk/apply">在线申请公开</a><a class="button secondary" href="/gk/status">申请查询</a><a class="button secondary" href="/gk/report/${year}">${year} 年度报告</a>${staff ? html`<a class="button secondary" href="/gk/requests">申请办理（工作人员）</a>` : ''}</p>
<h2>主动公开目录</h2><form method="get" action="/gk" class="card" role="search"><label for="cat">类别</label><select id="cat" name="category"><option value="">全部</option>${Object.entries(proactiveCategories).map(([k, v]) => html`<option value="${k}"${k === category ? html` selected` : ''}>${v.label}</option>`)}</select>
<label for="year">年份</label><input id="year" name="year" value="${year}" inputmode="numeric"><button type="submit">检索</button></form>
<p class="muted">共 ${items.length} 条，显示最近 ${shown.length} 条。</p>
<div class="scroll"><table aria-label="主动公开信息"><thead><tr><th>标题</th><th>类别</th><th>发布机关</th><th>公开日期</th><th>发布渠道</th></tr></thead><tbody>
${shown.map((i) => html`<tr><td>${i.title}</td><td>${i.category && i.category in proactiveCategories ? proactiveCategories[i.category as keyof typeof proactiveCategories].label : '—'}</td><td>${i.agency}</td><td>${i.publishedOn ?? '—'}</td><td>${i.channels.map((ch) => (publicationChannels as Record<string, string>)[ch] ?? ch).join('、')}</td></tr>`)}
</tbody></table></div>`,
    );
  });

  app.get('/gk/apply', async (c) => {
    const req = await pageRequest(deps, c);
    return page(
      req,
      '在线申请政府信息公开',
      html`<form method="post" action="/gk/apply" class="card"><input type="hidden" name="_csrf" value="${req.csrf ?? ''}">
<label for="type">申请人类型</label><select id="type" name="applicantType">${Object.entries(applicantTypes).map(([k, v]) => html`<option value="${k}">${v.label}</option>`)}</select>
<label for="name">申请人姓名或名称</label><input id="name" name="name" required maxlength="200" autocomplete="name">
${req.actor && req.actor.role !== 'applicant' ? html`<label for="channel">收到方式（工作人员登记书面申请）</label><select id="channel" name="channel">${Object.entries(receiptChannels).map(([k, v]) => html`<option value="${k}">${v.label}</option>`)}</select>` : ''}
<label for="agency">向哪个机关申请</label><input id="agency" name="agency" required value="${deps.centerName}">
<label for="desc">所需信息的名称、文号或便于查询的其他特征描述</label><textarea id="desc" name="description" rows="4" required maxlength="4000"></textarea>
<button type="submit">提交申请</button></form><p class="muted">提交后显示回执：收到日期、适用的《政府信息公开条例》文本和法定答复期限。</p>`,
    );
  });

  app.post('/gk/apply', async (c) => {
    const req = await pageRequest(deps, c);
    const form = await formOf(c);
    const today = deps.clock.today();
    const requestId = newId('GK', today);
    const type = field(form, 'applicantType');
    const channel = req.actor && req.actor.role !== 'applicant' && field(form, 'channel') in receiptChannels ? field(form, 'channel') : 'internet';
    const body = {
      type: 'ReceiveRequest',
      requestId,
      agency: field(form, 'agency') || deps.centerName,
      applicant: { type: type in applicantTypes ? type : 'naturalPerson', name: field(form, 'name') },
      channel,
      submittedOn: today,
      ...(channel === 'registeredPost' ? { signedOn: today } : {}),
      confirmedOn: today,
      description: field(form, 'description'),
    };
    const r = await req.api<{ accessCode?: string } & Problem>('POST', `/disclosure-requests/${requestId}/commands`, { body, csrf: field(form, '_csrf') });
    if (!r.ok) return problemPage(req, r.body);
    return c.redirect(receiptHref(requestId, r.body.accessCode), 303);
  });

  app.get('/gk/status', async (c) => {
    const req = await pageRequest(deps, c);
    const id = c.req.query('id');
    if (id) return c.redirect(receiptHref(id.trim(), c.req.query('code')?.trim() || undefined), 303);
    return page(req, '申请查询', html`<form method="get" action="/gk/status" class="card"><label for="rid">申请编号</label><input id="rid" name="id" required><label for="rcode">查询码</label><input id="rcode" name="code" required><button type="submit">查询</button></form>`);
  });

  app.get('/gk/requests', async (c) => {
    const req = await pageRequest(deps, c);
    const r = await req.api<{ items: RequestJson[] } & Problem>('GET', '/disclosure-requests?open=1&orderBy=due_date&limit=100');
    if (!r.ok) return problemPage(req, r.body);
    return page(
      req,
      '政府信息公开申请办理',
      html`<div class="scroll"><table aria-label="在办申请"><thead><tr><th>申请编号</th><th>申请人</th><th>收到日期</th><th>答复期限</th><th>状态</th></tr></thead><tbody>
${r.body.items.map((x) => html`<tr data-request="${x.requestId}"><td><a href="${receiptHref(x.requestId)}">${x.requestId}</a></td><td>${x.applicant?.name ?? '—'}</td><td>${x.receivedOn ?? '—'}</td><td>${x.dueDate ?? '—'}</td><td>${label(requestStatusLabels, x.status)}</td></tr>`)}
</tbody></table></div>`,
    );
  });

  app.get('/gk/requests/:id', async (c) => {
    const req = await pageRequest(deps, c);
    const code = c.req.query('code') || undefined;
    const r = await req.api<RequestJson & Problem>('GET', `/disclosure-requests/${encodeURIComponent(c.req.param('id'))}`, code ? { accessCode: code } : {});
    if (!r.ok) return problemPage(req, r.body);
    const done = c.req.query('notice') === 'done' ? html`<div class="ok" role="status">已办理。</div>` : '';
    const flow = diagramSection(requestMachine, r.body.eventTypes ?? [], r.body.status, { ...requestStatusLabels, none: '未收到' }, requestEventLabels, '依申请公开办理流程图');
    return page(req, '政府信息公开申请', html`${done}${receipt(req, r.body, code)}<p class="noprint"><button type="button" onclick="print()">打印回执</button></p>${flow}`);
  });

  const step = (path: string, build: (form: Record<string, string | string[]>, today: string) => Record<string, unknown>) =>
    app.post(`/gk/requests/:id/${path}`, async (c) => {
      const req = await pageRequest(deps, c);
      const form = await formOf(c);
      const id = c.req.param('id');
      const r = await req.api<Problem>('POST', `/disclosure-requests/${encodeURIComponent(id)}/commands`, { body: build(form, deps.clock.today()), csrf: field(form, '_csrf') });
      if (!r.ok) return problemPage(req, r.body);
      return c.redirect(`${receiptHref(id)}?notice=done`, 303);
    });
  step('reply', (form, today) => ({ type: 'Conclude', on: today, outcome: field(form, 'outcome') }));
  step('extend', (form, today) => ({ type: 'ExtendReply', on: today, reason: field(form, 'reason') }));

  const report = async (req: PageRequest, year: string) => req.api<AnnualReport & Problem>('GET', `/reports/disclosure/${encodeURIComponent(year)}`);
  app.get('/gk/report/:year', async (c) => {
    const req = await pageRequest(deps, c);
    const year = c.req.param('year');
    const r = await report(req, year);
    if (!r.ok) return problemPage(req, r.body);
    const rep = r.body;
    return page(
      req,
      rep.title,
      html`<form method="get" action="/gk/report" class="card noprint"><label for="ry">年份</label><input id="ry" name="year" value="${year}" inputmode="numeric"><button type="submit">查看</button> <a href="/gk/report/${year}/full">完整报告（可打印）</a></form>
<p class="muted">${rep.ruleSetNote}（格式依据：${rep.formatBasis}）</p>${outcomeChart(rep)}${sections(rep)}`,
    );
  });
  app.get('/gk/report', (c) => c.redirect(`/gk/report/${encodeURIComponent((c.req.query('year') ?? '').trim() || deps.clock.today().slice(0, 4))}`, 303));
  app.get('/gk/report/:year/full', async (c) => {
    const req = await pageRequest(deps, c);
    const r = await report(req, c.req.param('year'));
    if (!r.ok) return problemPage(req, r.body);
    return c.html(formatReport(r.body, 'html'));
  });
}
