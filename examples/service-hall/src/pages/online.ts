/**
 * 网上办事大厅 (the applicant's online hall): apply online for an item, an agent (代办) filing on
 * someone's behalf, follow a case by its number and 查询码, and see the decision and rate it on
 * the case page ("网上受理、网上审核、网下办理、网上反馈").
 */
import type { Hono } from 'hono';
import { field, fields, formOf, light, newId, page, pageRequest, problemPage, type HallDeps, type Problem } from '../context.js';
import { html } from '../html.js';
import { caseStatusLabels, label } from '../labels.js';
import { catalogItems, guideSection, itemInForce, materialsChecklist, noSuchItem, receiveCommand, searchSection } from './catalog.js';
import { caseHref, type CaseJson } from './cases.js';

/** Registers `/online…`. */
export function onlinePages(app: Hono, deps: HallDeps): void {
  app.get('/online', async (c) => {
    const req = await pageRequest(deps, c);
    const q = c.req.query('q') ?? '';
    const items = await catalogItems(req);
    let mine = html`<p class="muted">请先 <a href="/login?next=/online">登录</a> 申请人账号，即可网上申办、查看我的办件。</p>`;
    if (req.actor?.role === 'applicant') {
      const list = await req.api<{ items: CaseJson[] }>('GET', '/cases?limit=50&orderBy=received_on&descending=true');
      mine = list.ok && list.body.items.length
        ? html`<ul aria-label="我的办件">${list.body.items.map((x) => html`<li data-case="${x.caseId}">${light(x.warningLevel)} <a href="${caseHref(x.caseId)}">${x.caseId}</a> ${x.itemCode} · ${label(caseStatusLabels, x.status)}${x.outcome ? ` · ${x.outcome === 'grant' ? '准予' : '不予'}` : ''}</li>`)}</ul>`
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
<fieldset><legend>代办</legend><span class="check"><input type="checkbox" id="as-agent" name="asAgent" value="1"> <label for="as-agent">我是代办员，为下列申请人代为申办</label></span></fieldset>
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
    const body = receiveCommand(found, { caseId, today, channel: 'online', applicant: field(form, 'applicant'), kind: field(form, 'kind'), agent: asAgent ? (req.actor?.name ?? '') : '', materials: fields(form, 'materials') });
    const r = await req.api<Problem>('POST', `/cases/${caseId}/commands`, { body, csrf: field(form, '_csrf') });
    if (!r.ok) return problemPage(req, r.body);
    return c.redirect(`${caseHref(caseId)}?notice=received`, 303);
  });
}
