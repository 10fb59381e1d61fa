/** The approval-item catalog as pages use it: search, and one item's 办事指南 (service guide). */
import type { ItemElements } from '@banshi/catalog';
import { html, type Markup } from '../html.js';
import type { PageRequest } from '../context.js';

/** One catalog item with the elements in force on the business date. */
export interface GuideItem {
  readonly code: string;
  readonly status: string;
  readonly inForce: { readonly effectiveFrom: string; readonly elements: ItemElements | null } | null;
}

/** The catalog in force today (everyone may read it: 行政许可法 第三十条). */
export async function catalogItems(req: PageRequest): Promise<GuideItem[]> {
  const r = await req.api<{ items: GuideItem[] }>('GET', `/catalog?on=${req.deps.clock.today()}`);
  return r.ok ? r.body.items.filter((i) => i.inForce?.elements) : [];
}

/** Items whose code, name or department contains `q` (all when empty), at most `limit`. */
export function searchItems(items: readonly GuideItem[], q: string, limit = 30): GuideItem[] {
  const needle = q.trim();
  return items.filter((i) => !needle || i.code.includes(needle) || (i.inForce?.elements?.name ?? '').includes(needle) || (i.inForce?.elements?.department ?? '').includes(needle)).slice(0, limit);
}

/** The search form and the result list; `action(item)` is the link each result offers. */
export function searchSection(items: readonly GuideItem[], q: string, base: string, action: (item: GuideItem) => Markup): Markup {
  const found = searchItems(items, q);
  return html`<form method="get" action="${base}" role="search" class="card"><label for="q">查找事项（名称、编码或部门）</label>
<input id="q" name="q" type="search" value="${q}" placeholder="例如：食品、建设、XK"><button type="submit">查找</button></form>
<div class="scroll"><table aria-label="事项查找结果"><thead><tr><th>编码</th><th>事项名称</th><th>实施部门</th><th class="n">法定时限</th><th class="n">承诺时限</th><th>办理</th></tr></thead><tbody>
${found.map((i) => {
  const e = i.inForce?.elements as ItemElements;
  return html`<tr><td>${i.code}</td><td><a href="/guide/${encodeURIComponent(i.code)}">${e.name}</a></td><td>${e.department}</td><td class="n">${e.statutoryLimitDays ?? '—'}</td><td class="n">${e.promisedLimitDays}</td><td>${action(i)}</td></tr>`;
})}
</tbody></table></div><p class="muted">共 ${items.length} 项在用事项，显示 ${found.length} 项。</p>`;
}

const fen = (n: number) => (n / 100).toFixed(2);

/** The 办事指南 of an item: the standardization elements in force. */
export function guideSection(item: GuideItem): Markup {
  const e = item.inForce?.elements as ItemElements;
  return html`<div class="card"><dl>
<dt>事项编码</dt><dd>${item.code}</dd><dt>事项类型</dt><dd>${e.type}</dd><dt>实施部门</dt><dd>${e.department}</dd>
<dt>设定依据</dt><dd>${e.legalBasis.length ? html`<ul>${e.legalBasis.map((b) => html`<li>${b}</li>`)}</ul>` : '—'}</dd>
<dt>法定办结时限</dt><dd>${e.statutoryLimitDays === null ? '法律未规定' : `${e.statutoryLimitDays} 个工作日`}</dd>
<dt>承诺办结时限</dt><dd>${e.promisedLimitDays} 个工作日</dd>
<dt>办件类型</dt><dd>${e.handling}</dd><dt>到现场次数</dt><dd>${e.requiredVisits} 次</dd>
<dt>申请材料</dt><dd><ol>${e.materials.map((m) => html`<li>${m}</li>`)}</ol></dd>
<dt>办理流程</dt><dd>${e.steps.join(' → ')}</dd>
<dt>收费</dt><dd>${e.fees.length ? html`<ul>${e.fees.map((f) => html`<li>${f.name}：${fen(f.amountFen)} 元（依据：${f.basis || '—'}）</li>`)}</ul>` : '不收费'}</dd>
<dt>特别程序（不计入时限）</dt><dd>${e.specialProcedures.length ? e.specialProcedures.map((s) => `${s.kind}（约 ${s.expectedDays} 日）`).join('、') : '无'}</dd>
<dt>生效日期</dt><dd>${item.inForce?.effectiveFrom ?? '—'}</dd></dl></div>`;
}

/** The materials checklist of a receive or apply form. */
export function materialsChecklist(e: ItemElements, legend: string): Markup {
  return html`<fieldset><legend>${legend}</legend>${e.materials.map((m, i) => html`<span class="check"><input type="checkbox" id="m${i}" name="materials" value="${m}" checked> <label for="m${i}">${m}</label></span>`)}</fieldset>`;
}

/** The item `code` with its elements in force, or null (the pages answer 404). */
export async function itemInForce(req: PageRequest, code: string): Promise<{ readonly item: GuideItem; readonly elements: ItemElements } | null> {
  const item = (await catalogItems(req)).find((i) => i.code === code);
  return item?.inForce?.elements ? { item, elements: item.inForce.elements } : null;
}

/** The 404 page of an item that is not in the catalog. */
export const noSuchItem = { status: 404, code: 'HALL_NOT_FOUND', detail: '目录中没有这个事项，或它已不在有效期内。' } as const;

/**
 * The `Receive` command of a window or online application: the item's department and promised
 * limit from its guide, and only materials that the checklist names.
 */
export function receiveCommand(
  found: { readonly item: GuideItem; readonly elements: ItemElements },
  input: { readonly caseId: string; readonly today: string; readonly channel: 'window' | 'online'; readonly applicant: string; readonly applicantId?: string; readonly kind: string; readonly agent: AgentInput | null; readonly materials: readonly string[] },
): Record<string, unknown> {
  return {
    type: 'Receive',
    on: input.today,
    channel: input.channel,
    caseId: input.caseId,
    itemCode: found.item.code,
    department: found.elements.department,
    applicant: { name: input.applicant, kind: input.kind === 'organization' ? 'organization' : 'person', ...(input.applicantId ? { id: input.applicantId } : {}) },
    ...(input.agent ? { agent: input.agent } : {}),
    materials: input.materials.filter((m) => found.elements.materials.includes(m)),
    promisedLimit: found.elements.promisedLimitDays,
    node: 'tz-center',
  };
}

/** An agent (代办) as a receive or apply form gives it: the name and, when filled in, the 授权委托书. */
export interface AgentInput {
  readonly name: string;
  readonly authorization?: { readonly document: string; readonly ref: string; readonly matter: string; readonly signedOn: string; readonly validUntil: string };
}

/**
 * The 代办 fields of a form (`prefix` keeps ids unique on a page): the 授权委托书's number, the matter, and its term
 * (行政许可法 第二十九条第二款；民法典 第一百六十五条).
 */
export function agentFields(matter: string, today: string): Markup {
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  return html`<label for="auth-ref">授权委托书编号</label><input id="auth-ref" name="authRef" autocomplete="off">
<label for="auth-matter">代理事项</label><input id="auth-matter" name="authMatter" value="${matter}">
<label for="auth-signed">委托书签署日期</label><input id="auth-signed" name="authSignedOn" type="date" value="${today}">
<label for="auth-until">委托期限至</label><input id="auth-until" name="authValidUntil" type="date" value="${nextYear}">`;
}

/** The agent of a submitted form: `name` with the 授权委托书 when its number was given (null: no agent). */
export function agentOf(name: string, form: Record<string, string | string[]>, field: (f: Record<string, string | string[]>, n: string) => string): AgentInput | null {
  if (!name) return null;
  const ref = field(form, 'authRef');
  if (!ref) return { name };
  return { name, authorization: { document: '授权委托书', ref, matter: field(form, 'authMatter'), signedOn: field(form, 'authSignedOn'), validUntil: field(form, 'authValidUntil') } };
}
