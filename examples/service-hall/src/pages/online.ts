/**
 * 网上办事大厅 (the applicant's online hall): apply online for an item, an agent (代办) filing on
 * someone's behalf, follow a case by its number and 查询码, and see the decision and rate it on
 * the case page ("网上受理、网上审核、网下办理、网上反馈").
 */
import type { Hono } from 'hono';
import { field, fields, formOf, light, newId, page, pageRequest, problemPage, type HallDeps, type Problem } from '../context.js';
import { html } from '../html.js';
import { caseStatusLabels, label } from '../labels.js';
import { agentFields, agentOf, catalogItems, guideSection, itemInForce, materialsChecklist, noSuchItem, receiveCommand, searchSection } from './catalog.js';
import { caseHref, type CaseJson } from './cases.js';

/** Registers `/online…`. */
export function onlinePages(app: Hono, deps: HallDeps): void {
  app.get('/online', async (c) => {
    const req = await pageRequest(deps, c);
    const q = c.req.query('q') ?? '';
    const items = await catalogItems(req);
    let mine = html`<p class="muted">请先 <a href="/login?next=/online">登录</a> 申请人账号，即可网上申办、查看我的办件。</p>`;
    if (req.actor?.role === 'applicant') {
      // Cases it filed (for itself or as an agent), and cases an agent filed for it (行政许可法 第二十九条第二款).
      const [filed, forMe] = await Promise.all([
        req.api<{ items: CaseJson[] }>('GET', '/cases?limit=50&orderBy=received_on&descending=true'),
        req.api<{ items: CaseJson[] }>('GET', '/cases?party=principal&limit=50&orderBy=received_on&descending=true'),
      ]);
      const me = req.actor.id;
      const all = new Map<string, CaseJson>();
      for (const x of [...(filed.ok ? filed.body.items : []), ...(forMe.ok ? forMe.body.items : [])]) all.set(x.caseId, x);
      const items = [...all.values()].sort((a, b) => ((a.receivedOn ?? '') < (b.receivedOn ?? '') ? 1 : -1));
      const role = (x: CaseJson) => (x.agentParty?.id === me ? html` <span class="tag">我代办：${x.applicant}</span>` : x.agentParty && x.applicantId === me ? html` <span class="tag">代办员 ${x.agentParty.name} 代为申办</span>` : '');
      mine = items.length
        ? html`<ul aria-label="我的办件">${items.map((x) => html`<li data-case="${x.caseId}">${light(x.warningLevel)} <a href="${caseHref(x.caseId)}">${x.caseId}</a> ${x.itemCode} · ${label(caseStatusLabels, x.status)}${x.outcome ? ` · ${x.outcome === 'grant' ? '准予' : '不予'}` : ''}${role(x)}</li>`)}</ul>`
        : html`<p class="muted">还没有办件。</p>`;
    }
    return page(
      req,
      '网上办事大厅',
      html`<div class="grid"><section class="card" aria-labelledby="track-h"><h2 id="track-h">办件查询</h2>
<form method="get" action="/cases/open"><label for="track-id">案件号</label><input id="track-id" name="id" required autocomplete="off">
<label for="track-code">查询码（窗口收件回执上）</label><input id="track-code" name="code" autocomplete="off"><button type="submit">查询</button></form></section>
<section class="card" aria-labelledby="mine-h"><h2 id="mine-h">我的办件</h2>${mine}</section></div>
<h2>网上申办</h2>${searchSection(items, q, '/online', (i) => html`<a class="button" href="/online/apply/${encodeURIComponent(i.code)}">申办</a>`)}`,
    );
  });

  app.get('/online/apply/:code', async (c) => {
    const req = await pageRequest(deps, c);
    const found = await itemInForce(req, c.req.param('code'));
    if (!found) return problemPage(req, noSuchItem);
    const { item, elements: e } = found;
    if (req.actor?.role !== 'applicant') return page(req, `网上申办：${e.name}`, html`<p>网上申办需要申请人账号：<a href="/login?next=${encodeURIComponent(`/online/apply/${item.code}`)}">登录</a>。</p>${guideSection(item)}`);
    return page(
      req,
      `网上申办：${e.name}`,
      html`<form method="post" action="/online/apply/${encodeURIComponent(item.code)}" class="card">
<input type="hidden" name="_csrf" value="${req.csrf ?? ''}">
<fieldset><legend>重点项目网上代办</legend><span class="check"><input type="checkbox" id="as-agent" name="asAgent" value="1"> <label for="as-agent">我是代办员，凭申请人的授权委托书为其代为申办（行政许可法 第二十九条第二款）</label></span>
<label for="applicant-account">申请人的网上办事大厅账号（代办时填写，申请人凭此账号查看办件）</label><input id="applicant-account" name="applicantAccount" autocomplete="off">
${agentFields(e.name, deps.clock.today())}</fieldset>
<label for="applicant">申请人名称</label><input id="applicant" name="applicant" required value="${req.actor.name ?? ''}" autocomplete="name">
<label for="kind">申请人类型</label><select id="kind" name="kind"><option value="person">自然人</option><option value="organization">法人或其他组织</option></select>
${materialsChecklist(e, '上传的电子材料')}
<button type="submit">提交申请</button></form>${guideSection(item)}`,
    );
  });

  app.post('/online/apply/:code', async (c) => {
    const req = await pageRequest(deps, c);
    const form = await formOf(c);
    const found = await itemInForce(req, c.req.param('code'));
    if (!found) return problemPage(req, noSuchItem);
    const today = deps.clock.today();
    const caseId = newId('WS', today);
    const asAgent = field(form, 'asAgent') === '1';
    let applicantId: string | undefined;
    if (asAgent) {
      const account = field(form, 'applicantAccount');
      applicantId = account ? deps.accountOf(account) : undefined;
      if (account && applicantId === undefined) return problemPage(req, { status: 422, code: 'NO_SUCH_ACCOUNT', detail: `没有用户名为“${account}”的申请人账号：请核对申请人的网上办事大厅账号，或留空（申请人凭查询码查看）。` });
    }
    // The agent's own name and id are the session's (the service writes them); the form gives the 授权委托书.
    const agent = asAgent ? agentOf(req.actor?.name ?? req.actor?.id ?? '代办员', form, field) : null;
    const body = receiveCommand(found, { caseId, today, channel: 'online', applicant: field(form, 'applicant'), ...(applicantId ? { applicantId } : {}), kind: field(form, 'kind'), agent, materials: fields(form, 'materials') });
    const r = await req.api<Problem>('POST', `/cases/${caseId}/commands`, { body, csrf: field(form, '_csrf') });
    if (!r.ok) return problemPage(req, r.body);
    return c.redirect(`${caseHref(caseId)}?notice=received`, 303);
  });
}
