/**
 * 窗口 (the clerk's counter) and the case page every role shares: receive against the materials
 * checklist, the one-time 补正 notice, accept or refuse, route for 联办, a 第四十五条 pause, the
 * head's extension and decision, certificate and delivery; the applicant's supplement and 好差评.
 * Which buttons show comes from `@banshi/http`'s `commandScope`; the routes decide again.
 */
import { approvalMachine, licensingRules, ratings, specialProcedures, stepLabels } from '@banshi/approval';
import { commandScope } from '@banshi/http';
import type { Hono } from 'hono';
import { field, fields, formOf, light, newId, page, pageRequest, problemPage, type HallDeps, type PageRequest, type Problem } from '../context.js';
import { html, trusted, type Markup } from '../html.js';
import { caseStatusLabels, label } from '../labels.js';
import { diagramSection } from './diagram.js';
import { agentFields, agentOf, catalogItems, guideSection, itemInForce, materialsChecklist, noSuchItem, receiveCommand, searchSection } from './catalog.js';

/** A case as `GET /cases/{id}` answers (the fields the pages use). */
export interface CaseJson {
  readonly stream: string;
  readonly version: number;
  readonly accessCode?: string;
  readonly status: string;
  readonly caseId: string;
  readonly itemCode: string;
  readonly department: string;
  /** The center or sub-center that received it (`meta.node` id). */
  readonly node?: string;
  readonly applicant: string;
  readonly agent: string | null;
  /** The agent as a party (代办): who, and the 授权委托书 it filed under. */
  readonly agentParty?: { readonly name: string; readonly id: string | null; readonly authorization: { readonly document: string; readonly ref: string; readonly matter: string; readonly signedOn: string; readonly validUntil: string } | null } | null;
  readonly applicantId?: string | null;
  readonly receivedOn: string | null;
  readonly supplementNotices: number;
  readonly extensions: number;
  readonly outcome: 'grant' | 'deny' | null;
  readonly decidedOn: string | null;
  readonly certificateNo: string | null;
  readonly rating: string | null;
  readonly warningLevel: string;
  readonly statutoryDueDate: string | null;
  readonly promisedDueDate: string | null;
  readonly clocks: Record<string, { readonly missingYear?: number | null; readonly status: { readonly dueDate: string | null; readonly left: number | null; readonly level: string; readonly paused: boolean; readonly missingYear?: number | null } | null } | null>;
  /** The hearing (行政许可法 第四十六–四十八条), once the right was told or one was announced. */
  readonly hearing?: {
    readonly basis: string;
    readonly parties: readonly string[];
    readonly interest: string | null;
    readonly notifiedOn: string | null;
    readonly requestedOn: string | null;
    readonly requestedBy: string | null;
    readonly noticeOn: string | null;
    readonly hearingOn: string | null;
    readonly place: string | null;
    readonly presider: string | null;
    readonly heldOn: string | null;
    readonly record: string | null;
    readonly lapsedFrom: string | null;
  } | null;
  readonly timeline?: readonly { readonly type: string; readonly step: string; readonly on: string; readonly channel: string; readonly detail: string }[];
}

const may = (req: PageRequest, type: string) => req.actor !== null && commandScope('cases', type, req.actor.role) !== undefined;
const caseHref = (id: string, code?: string) => `/cases/${encodeURIComponent(id)}${code ? `?code=${encodeURIComponent(code)}` : ''}`;

/** The always-visible strip: statutory and promised due dates and the light. A paused clock and a due date the calendar cannot give yet say so. */
export function dueStrip(v: CaseJson): Markup {
  const due = (name: 'statutory' | 'promised') => {
    const clock = v.clocks[name];
    const s = clock?.status ?? null;
    const date = name === 'statutory' ? v.statutoryDueDate : v.promisedDueDate;
    if (!clock) return html`<strong data-due="${name}">未起算</strong>`;
    if (date === null && s?.paused) return html`<strong data-due="${name}">暂停计时</strong>（恢复计时后重新计算到期日）`;
    const missing = clock.missingYear ?? s?.missingYear ?? null;
    if (date === null) return html`<strong data-due="${name}">到期日未知</strong>${missing ? `（尚未载入 ${missing} 年节假日安排）` : ''}`;
    const left = s ? (s.paused ? '（暂停计时）' : s.left === null ? '' : s.left >= 0 ? `（剩 ${s.left} 个工作日）` : `（超期 ${-s.left} 个工作日）`) : '';
    return html`<strong data-due="${name}">${date}</strong>${left}`;
  };
  return html`<section class="due ${v.warningLevel}" aria-label="办理期限" data-testid="due">
<div>法定期限：${due('statutory')}</div>
<div>承诺期限：${due('promised')}</div>
<div>${light(v.warningLevel)}</div></section>`;
}

/** 听证 (行政许可法 第四十六–四十八条): where the case's hearing stands, and that its time is not counted (第四十五条). */
function hearingSection(v: CaseJson): Markup {
  const h = v.hearing ?? null;
  const due = (name: string) => v.clocks[name]?.status?.dueDate ?? null;
  const paused = v.clocks.statutory?.status?.paused === true;
  let state: string;
  if (h === null) state = v.status === 'review' ? '未告知听证权利。许可直接涉及申请人与他人之间重大利益关系的，作出决定前应告知听证权利（第四十七条）。' : '';
  else if (h.heldOn) state = `已于 ${h.heldOn} 举行听证，听证笔录 ${h.record ?? '—'}；依笔录作出决定（第四十八条第二款）。`;
  else if (h.hearingOn) state = `听证定于 ${h.hearingOn} 在 ${h.place ?? '—'} 举行，主持人 ${h.presider ?? '—'}，${h.noticeOn ?? '—'} 已通知（第四十八条：七日前通知）。`;
  else if (h.requestedOn) state = `${h.requestedBy ?? '—'} 于 ${h.requestedOn} 申请听证，应于 ${due('hearing') ?? '—'} 前组织听证（第四十七条：二十日内）。`;
  else if (h.lapsedFrom) state = `申请期满无人申请听证，自 ${h.lapsedFrom} 起恢复计时。`;
  else if (h.notifiedOn) state = `已于 ${h.notifiedOn} 告知 ${h.parties.join('、')} 享有要求听证的权利，申请期限至 ${due('hearingRequest') ?? '—'}（第四十七条：五日内）。`;
  else state = '';
  if (state === '') return html``;
  return html`<section class="card" aria-label="听证" data-testid="hearing"><h2>听证</h2><p data-testid="hearing-status">${state}</p>
${h?.interest ? html`<p class="muted">涉及的重大利益关系：${h.interest}</p>` : ''}${paused ? html`<p data-testid="hearing-paused"><strong>听证期间暂停计时</strong>（第四十五条：听证所需时间不计算在期限内）</p>` : ''}</section>`;
}

function actionForm(req: PageRequest, v: CaseJson, code: string | undefined, type: string, title: string, inner: Markup | string = '', secondary = false): Markup {
  if (!may(req, type)) return html``;
  return html`<form method="post" action="/cases/${encodeURIComponent(v.caseId)}/do" class="card" aria-label="${title}">
<input type="hidden" name="_csrf" value="${req.csrf ?? ''}"><input type="hidden" name="type" value="${type}"><input type="hidden" name="version" value="${v.version}">
${code ? html`<input type="hidden" name="code" value="${code}">` : ''}<h3>${title}</h3>${inner}<button type="submit"${secondary ? trusted(' class="secondary"') : ''}>${title}</button></form>`;
}

function missingOf(v: CaseJson): string[] {
  const last = [...(v.timeline ?? [])].reverse().find((t) => t.type === 'SupplementNotified');
  return last ? last.detail.split('、').filter(Boolean) : [];
}

function actions(req: PageRequest, v: CaseJson, code: string | undefined, today: string, hearingDay: (today: string) => string): Markup {
  const id = (n: string) => `${n}-${v.caseId}`;
  const s = v.status;
  const parts: Markup[] = [];
  if (s === 'intake') {
    parts.push(actionForm(req, v, code, 'Accept', '受理'));
    parts.push(actionForm(req, v, code, 'NotifySupplement', '一次性告知补正', html`<label for="${id('missing')}">需补正的材料（每行一项）</label><textarea id="${id('missing')}" name="missing" rows="3" required></textarea>`, true));
    parts.push(actionForm(req, v, code, 'RefuseIntake', '不予受理', html`<label for="${id('reasons')}">理由</label><input id="${id('reasons')}" name="reasons" required><label for="${id('agency')}">告知向有关行政机关申请</label><input id="${id('agency')}" name="competentAgency" required>`, true));
  }
  if (s === 'awaitingSupplement') {
    const missing = missingOf(v);
    parts.push(actionForm(req, v, code, 'ReceiveSupplement', '提交补正材料', html`<fieldset><legend>补正材料</legend>${missing.map((m, i) => html`<span class="check"><input type="checkbox" id="${id(`s${i}`)}" name="materials" value="${m}" checked> <label for="${id(`s${i}`)}">${m}</label></span>`)}</fieldset>`));
  }
  if (s === 'review') {
    parts.push(actionForm(req, v, code, 'Extend', '批准延长期限（第四十二条）', html`<label for="${id('ext')}">延期理由</label><input id="${id('ext')}" name="reasons" required value="需要现场核查">`));
    parts.push(actionForm(req, v, code, 'Decide', '作出决定', html`<label for="${id('outcome')}">决定</label><select id="${id('outcome')}" name="outcome"><option value="grant">准予许可</option><option value="deny">不予许可</option></select><label for="${id('why')}">不予许可的理由（准予时可空）</label><input id="${id('why')}" name="reasons">`));
    parts.push(actionForm(req, v, code, 'AssignReview', '分送联办', html`<label for="${id('depts')}">会办部门（以顿号分隔）</label><input id="${id('depts')}" name="departments" required value="${v.department}">`, true));
    if (!v.hearing)
      parts.push(actionForm(req, v, code, 'NotifyHearingRight', '告知听证权利', html`<label for="${id('parties')}">申请人、利害关系人（以顿号分隔）</label><input id="${id('parties')}" name="parties" required value="${v.applicant}"><label for="${id('interest')}">涉及的重大利益关系</label><input id="${id('interest')}" name="interest" required>`, true));
    // 听证 has its own commands (第四十六–四十八条) and is no bare pause.
    parts.push(actionForm(req, v, code, 'StartSpecialProcedure', '特别程序（第四十五条）', html`<label for="${id('proc')}">程序</label><select id="${id('proc')}" name="procedure">${specialProcedures.filter((p) => p !== '听证').map((p) => html`<option>${p}</option>`)}</select><label for="${id('days')}">预计工作日</label><input id="${id('days')}" name="expectedWorkingDays" value="10" inputmode="numeric"><label for="${id('notice')}">书面告知内容</label><input id="${id('notice')}" name="notice" required value="所需时间不计算在期限内">`, true));
  }
  if (s === 'hearingNotice' && v.hearing)
    parts.push(actionForm(req, v, code, 'RequestHearing', '申请听证', html`<label for="${id('party')}">申请人</label><select id="${id('party')}" name="party">${v.hearing.parties.map((p) => html`<option>${p}</option>`)}</select>`));
  if (s === 'hearing' && v.hearing && (!v.hearing.hearingOn || v.hearing.hearingOn > today)) {
    const earliest = hearingDay(today);
    parts.push(actionForm(req, v, code, 'ScheduleHearing', '组织听证', html`<label for="${id('hday')}">听证日期（至少提前 ${licensingRules.hearingNotice.limit} 个工作日通知）</label><input id="${id('hday')}" name="hearingOn" required value="${v.hearing.hearingOn ?? earliest}" pattern="\\d{4}-\\d{2}-\\d{2}"><label for="${id('place')}">地点</label><input id="${id('place')}" name="place" required value="${v.hearing.place ?? '中心听证室'}"><label for="${id('presider')}">主持人</label><input id="${id('presider')}" name="presider" required>`));
  }
  if (s === 'hearing' && v.hearing?.hearingOn === today)
    parts.push(actionForm(req, v, code, 'HoldHearing', '听证结束', html`<label for="${id('record')}">听证笔录编号</label><input id="${id('record')}" name="record" required><label for="${id('signed')}">签字确认的听证参加人（以顿号分隔）</label><input id="${id('signed')}" name="signedBy" required value="${v.hearing.parties.join('、')}">`));
  if (s === 'specialProcedure') parts.push(actionForm(req, v, code, 'EndSpecialProcedure', '特别程序结束', html`<label for="${id('res')}">结果</label><input id="${id('res')}" name="result">`));
  if (s === 'decided' && v.outcome === 'grant') parts.push(actionForm(req, v, code, 'IssueCertificate', '制作证件', html`<label for="${id('cert')}">证件编号</label><input id="${id('cert')}" name="certificateNo" required value="${`TZ${(v.decidedOn ?? '').slice(0, 4)}-${v.caseId.slice(-6)}`}">`));
  if (s === 'certificateIssued') parts.push(actionForm(req, v, code, 'DeliverCertificate', '送达证件'));
  if ((s === 'delivered' || (s === 'decided' && v.outcome === 'deny')) && v.rating === null)
    parts.push(actionForm(req, v, code, 'Evaluate', '服务评价（好差评）', html`<fieldset><legend>评价</legend>${ratings.map((r, i) => html`<span class="check"><input type="radio" id="${id(`r${i}`)}" name="rating" value="${r}"${i === 0 ? trusted(' checked') : ''}> <label for="${id(`r${i}`)}">${r}</label></span>`)}</fieldset><label for="${id('cm')}">意见</label><input id="${id('cm')}" name="comment">`));
  if (['intake', 'awaitingSupplement', 'review', 'returned'].includes(s)) parts.push(actionForm(req, v, code, 'Withdraw', '撤回申请', '', true));
  const shown = parts.filter((p) => p.text !== '');
  return shown.length ? html`<h2>办理</h2><div class="grid">${shown}</div>` : html``;
}

/** The body of one command, from the case page's form. Dates and channel: the clerk's counter today (outside parties get theirs from the service). */
function commandOf(type: string, form: Record<string, string | string[]>, today: string): Record<string, unknown> {
  const step = { type, on: today, channel: 'window' };
  const list = (name: string) => field(form, name).split(/[\n、;；]+/).map((x) => x.trim()).filter(Boolean);
  switch (type) {
    case 'NotifySupplement':
      return { ...step, missing: list('missing') };
    case 'ReceiveSupplement':
      return { ...step, materials: fields(form, 'materials') };
    case 'RefuseIntake':
      return { ...step, reasons: list('reasons'), competentAgency: field(form, 'competentAgency') };
    case 'AssignReview':
      return { ...step, departments: list('departments') };
    case 'NotifyHearingRight':
      return { ...step, parties: list('parties'), interest: field(form, 'interest') };
    case 'RequestHearing':
      return { ...step, party: field(form, 'party') };
    case 'ScheduleHearing':
      return { ...step, hearingOn: field(form, 'hearingOn'), place: field(form, 'place'), presider: field(form, 'presider') };
    case 'HoldHearing':
      return { ...step, record: field(form, 'record'), signedBy: list('signedBy') };
    case 'StartSpecialProcedure':
      return { ...step, procedure: field(form, 'procedure'), expectedWorkingDays: Number(field(form, 'expectedWorkingDays')), notice: field(form, 'notice') };
    case 'EndSpecialProcedure':
      return { ...step, ...(field(form, 'result') ? { result: field(form, 'result') } : {}) };
    case 'Extend':
      return { ...step, reasons: list('reasons'), applicantToldOn: today };
    case 'Decide': {
      const reasons = list('reasons');
      return { ...step, outcome: field(form, 'outcome'), ...(reasons.length ? { reasons } : {}) };
    }
    case 'IssueCertificate':
      return { ...step, certificateNo: field(form, 'certificateNo') };
    case 'Evaluate':
      return { ...step, rating: field(form, 'rating'), ...(field(form, 'comment') ? { comment: field(form, 'comment') } : {}) };
    default:
      return step;
  }
}

/** The earliest hearing day a notice sent today allows (第四十八条: 7 working days), on the app's calendar; today when the calendar cannot tell. */
const hearingDay = (deps: HallDeps) => (today: string) => {
  try {
    return deps.banshi.engine.calendar.addWorkingDays(today, Number(licensingRules.hearingNotice.limit));
  } catch {
    return today;
  }
};

/** The case page's content (also used after a command). */
async function casePage(req: PageRequest, caseId: string, code: string | undefined, notice?: string): Promise<Response> {
  const r = await req.api<CaseJson & Problem>('GET', `/cases/${encodeURIComponent(caseId)}`, code ? { accessCode: code } : {});
  if (!r.ok) return problemPage(req, r.body);
  const v = r.body;
  const items = await catalogItems(req);
  const itemName = items.find((i) => i.code === v.itemCode)?.inForce?.elements?.name ?? v.itemCode;
  const showCode = v.accessCode ?? code;
  // The receipt names its node by id (@tz-center): the page shows the node's name from the service network.
  const nodes = await req.api<{ nodes: readonly { readonly nodeId: string; readonly name: string | null }[] }>('GET', '/network');
  const nodeName = (nodes.ok ? nodes.body.nodes : []).find((n) => n.nodeId === v.node)?.name ?? null;
  const detail = (t: { readonly type: string; readonly detail: string }) => (t.type === 'CaseReceived' && v.node && nodeName ? t.detail.replace(` @${v.node}`, `，收件地点：${nodeName}`) : t.detail);
  const body = html`${notice ? html`<div class="ok" role="status">${notice}</div>` : ''}
${dueStrip(v)}
<div class="card" data-case="${v.caseId}" data-status="${v.status}"><dl>
<dt>案件号</dt><dd data-testid="case-id">${v.caseId}</dd><dt>事项</dt><dd>${itemName}（${v.itemCode}）</dd><dt>实施部门</dt><dd>${v.department}</dd>
<dt>申请人</dt><dd data-testid="applicant">${v.applicant}</dd>
${v.agent ? html`<dt>代办人</dt><dd data-testid="agent">${v.agent}${v.agentParty?.authorization ? html`<div class="muted" data-testid="authorization">凭${v.agentParty.authorization.document}（编号 ${v.agentParty.authorization.ref}）代理“${v.agentParty.authorization.matter}”，期限 ${v.agentParty.authorization.signedOn} 至 ${v.agentParty.authorization.validUntil}</div>` : html`<div class="muted">未登记授权委托书</div>`}</dd>` : ''}<dt>收件日期</dt><dd>${v.receivedOn ?? '—'}</dd>
<dt>状态</dt><dd><strong data-testid="status">${label(caseStatusLabels, v.status)}</strong>${v.extensions ? html` <span class="tag">已延期 ${v.extensions} 次</span>` : ''}</dd>
${v.outcome ? html`<dt>决定</dt><dd data-testid="outcome">${v.outcome === 'grant' ? '准予许可' : '不予许可'}（${v.decidedOn}）${v.certificateNo ? `，证件编号 ${v.certificateNo}` : ''}</dd>` : ''}
${v.rating ? html`<dt>评价</dt><dd>${v.rating}</dd>` : ''}
${showCode ? html`<dt>查询码</dt><dd><code data-testid="access-code">${showCode}</code> <span class="muted">（凭案件号和查询码在网上办事大厅查询进度）</span></dd>` : ''}</dl>
${v.supplementNotices > 0 ? html`<p><a href="/cases/${encodeURIComponent(v.caseId)}/notice${showCode ? `?code=${encodeURIComponent(showCode)}` : ''}">补正材料告知书</a></p>` : ''}</div>
${hearingSection(v)}
${actions(req, v, code, req.deps.clock.today(), hearingDay(req.deps))}
<h2>办理过程</h2><ol class="timeline" aria-label="办理过程">${(v.timeline ?? []).map((t) => html`<li data-event="${t.type}"><strong>${t.step}</strong> <time>${t.on}</time> <span class="muted">${t.channel === 'online' ? '网上' : t.channel === 'system' ? '系统' : '窗口'}</span><div>${detail(t)}</div></li>`)}</ol>
${diagramSection(approvalMachine, (v.timeline ?? []).map((t) => t.type), v.status, caseStatusLabels, stepLabels, '审批流程图')}`;
  return page(req, `案件 ${v.caseId}`, body);
}

/** Registers 窗口 (`/window`), the service guide (`/guide/:code`) and the case pages. */
export function casePages(app: Hono, deps: HallDeps): void {
  app.get('/window', async (c) => {
    const req = await pageRequest(deps, c);
    const q = c.req.query('q') ?? '';
    const items = await catalogItems(req);
    const clerk = may(req, 'Receive') && req.actor?.role !== 'applicant';
    let tasks: Markup = html`<p class="muted">登录窗口工作人员账号后显示待办。</p>`;
    if (req.actor && req.actor.role !== 'applicant' && req.actor.role !== 'public') {
      const list = await req.api<{ items: CaseJson[] }>('GET', '/cases?open=1&orderBy=statutory_due&limit=30');
      if (list.ok)
        tasks = html`<div class="scroll"><table aria-label="在办案件"><thead><tr><th>灯</th><th>案件号</th><th>事项</th><th>申请人</th><th>状态</th><th>法定期限</th><th>承诺期限</th></tr></thead><tbody>
${list.body.items.map((x) => html`<tr data-case="${x.caseId}"><td>${light(x.warningLevel)}</td><td><a href="${caseHref(x.caseId)}">${x.caseId}</a></td><td>${x.itemCode}</td><td>${x.applicant}</td><td>${label(caseStatusLabels, x.status)}</td><td>${x.statutoryDueDate ?? '—'}</td><td>${x.promisedDueDate ?? '—'}</td></tr>`)}
</tbody></table></div>`;
    }
    return page(
      req,
      '窗口',
      html`<form method="get" action="/cases/open" class="card"><label for="open-id">按案件号打开</label><input id="open-id" name="id" required><button type="submit">打开</button></form>
<h2>事项与办事指南</h2>${searchSection(items, q, '/window', (i) => (clerk ? html`<a class="button" href="/window/receive/${encodeURIComponent(i.code)}">收件</a>` : html`<a href="/guide/${encodeURIComponent(i.code)}">指南</a>`))}
<h2>在办案件（按法定期限）</h2>${tasks}`,
    );
  });

  app.get('/cases/open', (c) => c.redirect(caseHref((c.req.query('id') ?? '').trim(), c.req.query('code')?.trim() || undefined), 303));

  app.get('/guide/:code', async (c) => {
    const req = await pageRequest(deps, c);
    const found = await itemInForce(req, c.req.param('code'));
    if (!found) return problemPage(req, noSuchItem);
    const { item, elements: e } = found;
    const links = html`${may(req, 'Receive') && req.actor?.role === 'clerk' ? html`<a class="button" href="/window/receive/${encodeURIComponent(item.code)}">窗口收件</a>` : ''}<a class="button" href="/online/apply/${encodeURIComponent(item.code)}">网上申办</a>`;
    return page(req, `办事指南：${e?.name ?? item.code}`, html`${guideSection(item)}<p class="noprint">${links}</p>`);
  });

  app.get('/window/receive/:code', async (c) => {
    const req = await pageRequest(deps, c);
    const found = await itemInForce(req, c.req.param('code'));
    if (!found) return problemPage(req, noSuchItem);
    const { item, elements: e } = found;
    return page(
      req,
      `收件：${e.name}`,
      html`<form method="post" action="/window/receive/${encodeURIComponent(item.code)}" class="card">
<input type="hidden" name="_csrf" value="${req.csrf ?? ''}">
<label for="applicant">申请人名称</label><input id="applicant" name="applicant" required autocomplete="off">
<label for="kind">申请人类型</label><select id="kind" name="kind"><option value="organization">法人或其他组织</option><option value="person">自然人</option></select>
<fieldset><legend>代办（可空）</legend><label for="agent">代办人姓名</label><input id="agent" name="agent" autocomplete="off">
${agentFields(e.name, deps.clock.today())}</fieldset>
${materialsChecklist(e, '对照材料清单收件（未勾选的材料将列入一次性告知书）')}
<button type="submit">收件</button></form>${guideSection(item)}`,
    );
  });

  app.post('/window/receive/:code', async (c) => {
    const req = await pageRequest(deps, c);
    const form = await formOf(c);
    const found = await itemInForce(req, c.req.param('code'));
    if (!found) return problemPage(req, noSuchItem);
    const today = deps.clock.today();
    const caseId = newId('CK', today);
    const receive = receiveCommand(found, { caseId, today, channel: 'window', applicant: field(form, 'applicant'), kind: field(form, 'kind'), agent: agentOf(field(form, 'agent'), form, field), materials: fields(form, 'materials') });
    const missing = found.elements.materials.filter((m) => !(receive.materials as string[]).includes(m));
    const csrf = field(form, '_csrf');
    const r = await req.api<{ accessCode?: string } & Problem>('POST', `/cases/${caseId}/commands`, { body: receive, csrf });
    if (!r.ok) return problemPage(req, r.body);
    if (missing.length) {
      const n = await req.api<Problem>('POST', `/cases/${caseId}/commands`, { body: { type: 'NotifySupplement', on: today, channel: 'window', missing }, csrf });
      if (!n.ok) return problemPage(req, n.body);
    }
    return c.redirect(`${caseHref(caseId)}${missing.length ? '?notice=supplement' : '?notice=received'}`, 303);
  });

  app.get('/cases/:id', async (c) => {
    const req = await pageRequest(deps, c);
    const notice = { supplement: '已收件。材料不齐，已生成一次性告知书。', received: '已收件。', done: '已办理。' }[c.req.query('notice') ?? ''];
    return casePage(req, c.req.param('id'), c.req.query('code') || undefined, notice);
  });

  app.post('/cases/:id/do', async (c) => {
    const req = await pageRequest(deps, c);
    const form = await formOf(c);
    const caseId = c.req.param('id');
    const type = field(form, 'type');
    const code = field(form, 'code') || undefined;
    const r = await req.api<Problem>('POST', `/cases/${encodeURIComponent(caseId)}/commands`, { body: commandOf(type, form, deps.clock.today()), csrf: field(form, '_csrf'), ...(code ? { accessCode: code } : {}) });
    if (!r.ok) return problemPage(req, r.body);
    return c.redirect(`${caseHref(caseId, code)}${code ? '&' : '?'}notice=done`, 303);
  });

  app.get('/cases/:id/notice', async (c) => {
    const req = await pageRequest(deps, c);
    const code = c.req.query('code') || undefined;
    const r = await req.api<CaseJson & Problem>('GET', `/cases/${encodeURIComponent(c.req.param('id'))}`, code ? { accessCode: code } : {});
    if (!r.ok) return problemPage(req, r.body);
    const v = r.body;
    const notified = [...(v.timeline ?? [])].reverse().find((t) => t.type === 'SupplementNotified');
    const missing = missingOf(v);
    return page(
      req,
      '补正材料一次性告知书',
      html`<article class="card" data-testid="supplement-notice"><p>${v.applicant}：</p>
<p>你（单位）于 ${v.receivedOn ?? '—'} 提出的申请（案件号 ${v.caseId}，事项编码 ${v.itemCode}）材料不齐全。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项，现一次告知需要补正的全部内容：</p>
<ol data-testid="missing">${missing.map((m) => html`<li>${m}</li>`)}</ol>
<p>请补齐上述材料后到窗口提交，或凭案件号和查询码 <code>${v.accessCode ?? code ?? ''}</code> 在网上办事大厅提交。</p>
<p style="text-align:right">${deps.centerName}<br>${notified?.on ?? ''}</p></article><p class="noprint"><button type="button" onclick="print()">打印</button> <a href="${caseHref(v.caseId, code)}">返回案件</a></p>`,
    );
  });
}

export { caseHref };
