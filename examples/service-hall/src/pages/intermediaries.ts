/**
 * 中介服务网: the public directory of published intermediaries (basic facts, business scope,
 * promised time limits, fees, contact), an agency's own submission form, and the center's review
 * queue (approve, return, publish).
 */
import type { AgencyInfo } from '@banshi/catalog';
import { agencyMachine } from '@banshi/catalog';
import { commandScope } from '@banshi/http';
import { diagramSection } from './diagram.js';
import type { Hono } from 'hono';
import { field, formOf, page, pageRequest, problemPage, type HallDeps, type PageRequest, type Problem } from '../context.js';
import { html, type Markup } from '../html.js';
import { agencyEventLabels, agencyStatusLabels, label } from '../labels.js';

interface AgencyJson {
  readonly agencyId: string;
  readonly status: string;
  readonly info: AgencyInfo;
  readonly publishedOn: string | null;
}

function directory(items: readonly AgencyJson[], caption: string, extra?: (a: AgencyJson) => Markup): Markup {
  return html`<div class="scroll"><table aria-label="${caption}" data-testid="agencies"><thead><tr><th>机构名称</th><th>基本情况</th><th>业务范围</th><th class="n">承诺时限（工作日）</th><th>收费标准</th><th>联系方式</th>${extra ? html`<th>状态</th><th>审核</th>` : html`<th>发布日期</th>`}</tr></thead><tbody>
${items.map((a) => html`<tr data-agency="${a.agencyId}"><td>${extra ? html`<a href="/zj/agency/${encodeURIComponent(a.agencyId)}">${a.info.name}</a>` : a.info.name}</td><td>${a.info.basicInfo}</td><td>${a.info.scope.join('、')}</td><td class="n">${a.info.promisedLimitDays}</td>
<td>${a.info.fees.map((f) => html`<div>${f.service}：${f.standard}</div>`)}</td><td>${a.info.contact.person} ${a.info.contact.phone}${a.info.contact.address ? html`<div>${a.info.contact.address}</div>` : ''}</td>
${extra ? html`<td>${label(agencyStatusLabels, a.status)}</td><td>${extra(a)}</td>` : html`<td>${a.publishedOn ?? '—'}</td>`}</tr>`)}
</tbody></table></div>`;
}

const may = (req: PageRequest, type: string) => req.actor !== null && commandScope('intermediaries', type, req.actor.role) !== undefined;

function reviewButtons(req: PageRequest, a: AgencyJson): Markup {
  const button = (type: string, text: string, inner: Markup | string = '') =>
    may(req, type) ? html`<form method="post" action="/zj/review/${encodeURIComponent(a.agencyId)}" aria-label="${text}：${a.info.name}"><input type="hidden" name="_csrf" value="${req.csrf ?? ''}"><input type="hidden" name="type" value="${type}">${inner}<button type="submit">${text}</button></form>` : html``;
  if (a.status === 'submitted') return html`${button('ApproveAgency', '审核通过')}${button('ReturnAgency', '退回修改', html`<label for="why-${a.agencyId}">退回理由</label><input id="why-${a.agencyId}" name="reason" value="请补充资质证明">`)}`;
  if (a.status === 'approved') return button('PublishAgency', '发布');
  return html``;
}

/** Registers `/zj…`. */
export function intermediaryPages(app: Hono, deps: HallDeps): void {
  app.get('/zj', async (c) => {
    const req = await pageRequest(deps, c);
    const r = await req.api<{ items: AgencyJson[] } & Problem>('GET', '/intermediaries');
    if (!r.ok) return problemPage(req, r.body);
    const published = r.body.items.filter((a) => a.status === 'published');
    const links = html`${req.actor?.role === 'agency' ? html`<a class="button" href="/zj/submit">提交 / 更新本机构信息</a>` : ''}${may(req, 'PublishAgency') ? html`<a class="button" href="/zj/review">审核队列</a>` : ''}`;
    const own = req.actor?.role === 'agency' ? r.body.items.filter((a) => a.agencyId === req.actor?.id) : [];
    return page(
      req,
      '中介服务网',
      html`<p>${links}</p>${own.length ? html`<div class="ok" role="status">本机构：${own.map((a) => html`<a href="/zj/agency/${encodeURIComponent(a.agencyId)}">${a.info.name}</a>（${label(agencyStatusLabels, a.status)}）`)}</div>` : ''}
<h2>已发布的中介机构</h2><p class="muted">共 ${published.length} 家。</p>${directory(published, '中介机构名录')}`,
    );
  });

  app.get('/zj/submit', async (c) => {
    const req = await pageRequest(deps, c);
    if (req.actor?.role !== 'agency') return page(req, '中介机构信息提交', html`<p>需要中介机构账号：<a href="/login?next=/zj/submit">登录</a>。</p>`);
    return page(
      req,
      '中介机构信息提交',
      html`<form method="post" action="/zj/submit" class="card"><input type="hidden" name="_csrf" value="${req.csrf ?? ''}">
<label for="name">机构名称</label><input id="name" name="name" required value="${req.actor.name ?? ''}">
<label for="basic">基本情况（资质、等级、人员）</label><input id="basic" name="basicInfo" required>
<label for="scope">业务范围（每行一项）</label><textarea id="scope" name="scope" rows="3" required></textarea>
<label for="days">承诺办理时限（工作日）</label><input id="days" name="promisedLimitDays" required inputmode="numeric">
<label for="fees">收费标准（每行“服务：标准”）</label><textarea id="fees" name="fees" rows="3"></textarea>
<label for="person">联系人</label><input id="person" name="person" required><label for="phone">联系电话</label><input id="phone" name="phone" required inputmode="tel">
<label for="address">地址</label><input id="address" name="address"><button type="submit">提交审核</button></form>`,
    );
  });

  app.post('/zj/submit', async (c) => {
    const req = await pageRequest(deps, c);
    const form = await formOf(c);
    const lines = (name: string) => field(form, name).split(/\n+/).map((x) => x.trim()).filter(Boolean);
    const agencyId = req.actor?.id ?? 'anonymous';
    const info = {
      name: field(form, 'name'),
      basicInfo: field(form, 'basicInfo'),
      scope: lines('scope'),
      promisedLimitDays: Number(field(form, 'promisedLimitDays')),
      fees: lines('fees').map((l) => {
        const i = l.search(/[:：]/);
        return i > 0 ? { service: l.slice(0, i).trim(), standard: l.slice(i + 1).trim() } : { service: l, standard: '面议' };
      }),
      contact: { person: field(form, 'person'), phone: field(form, 'phone'), ...(field(form, 'address') ? { address: field(form, 'address') } : {}) },
    };
    const current = await req.api<{ state?: { status?: string } }>('GET', `/intermediaries/${encodeURIComponent(agencyId)}`);
    const type = current.ok && current.body.state?.status && current.body.state.status !== 'none' ? 'UpdateAgency' : 'SubmitAgency';
    const today = deps.clock.today();
    const body = type === 'SubmitAgency' ? { type, agencyId, info, submittedOn: today } : { type, agencyId, info, updatedOn: today };
    const r = await req.api<Problem>('POST', `/intermediaries/${encodeURIComponent(agencyId)}/commands`, { body, csrf: field(form, '_csrf') });
    if (!r.ok) return problemPage(req, r.body);
    return c.redirect('/zj?notice=submitted', 303);
  });

  app.get('/zj/agency/:id', async (c) => {
    const req = await pageRequest(deps, c);
    const id = c.req.param('id');
    const r = await req.api<{ state: { status: string }; events: { type: string; data: { info?: AgencyInfo; publishedOn?: string } }[] } & Problem>('GET', `/intermediaries/${encodeURIComponent(id)}`);
    if (!r.ok) return problemPage(req, r.body);
    const { state, events } = r.body;
    const info = events.findLast((e) => e.data.info)?.data.info;
    if (!info) return problemPage(req, { status: 404, code: 'HALL_NOT_FOUND', detail: '该机构尚未提交信息。' });
    const publishedOn = events.findLast((e) => e.type === 'AgencyPublished')?.data.publishedOn ?? null;
    return page(
      req,
      `中介机构：${info.name}`,
      html`<p>状态：<strong data-testid="agency-status">${label(agencyStatusLabels, state.status)}</strong></p>${directory([{ agencyId: id, status: state.status, info, publishedOn }], '机构信息')}
${diagramSection(agencyMachine, events.map((e) => e.type), state.status, { none: '未提交', ...agencyStatusLabels }, agencyEventLabels, '中介机构入驻流程图')}`,
    );
  });

  app.get('/zj/review', async (c) => {
    const req = await pageRequest(deps, c);
    const r = await req.api<{ items: AgencyJson[] } & Problem>('GET', '/intermediaries');
    if (!r.ok) return problemPage(req, r.body);
    const queue = r.body.items.filter((a) => a.status === 'submitted' || a.status === 'approved');
    return page(req, '中介机构审核队列', html`<p class="muted">待处理 ${queue.length} 家。</p>${directory(queue, '审核队列', (a) => reviewButtons(req, a))}`);
  });

  app.post('/zj/review/:id', async (c) => {
    const req = await pageRequest(deps, c);
    const form = await formOf(c);
    const agencyId = c.req.param('id');
    const type = field(form, 'type');
    const today = deps.clock.today();
    const body =
      type === 'ApproveAgency'
        ? { type, agencyId, reviewer: req.actor?.id ?? '', approvedOn: today }
        : type === 'ReturnAgency'
          ? { type, agencyId, reasons: [field(form, 'reason') || '请补充材料'], returnedOn: today }
          : { type, agencyId, publishedOn: today };
    const r = await req.api<Problem>('POST', `/intermediaries/${encodeURIComponent(agencyId)}/commands`, { body, csrf: field(form, '_csrf') });
    if (!r.ok) return problemPage(req, r.body);
    return c.redirect('/zj/review', 303);
  });
}
