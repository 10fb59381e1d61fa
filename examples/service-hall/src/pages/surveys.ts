/**
 * 满意度测评 (satisfaction surveys): batches of 征求意见表 issued by a node, the forms returned by
 * rating, the return and satisfaction rates (seed §二.6: 发出征求意见表614份，实际回收546份，满意度100%).
 * The center's admin issues a batch, records returns and closes it through the `surveys` commands;
 * anyone reads the results (`/surveys`).
 */
import { ratingNames } from '@banshi/catalog';
import { commandScope } from '@banshi/http';
import type { Hono } from 'hono';
import { field, formOf, newId, page, pageRequest, problemPage, type HallDeps, type PageRequest, type Problem } from '../context.js';
import { html, type Markup } from '../html.js';

type Ratings = Record<(typeof ratingNames)[number], number>;
interface BatchJson {
  readonly surveyId: string;
  readonly node: string;
  readonly subject: string;
  readonly forms: number;
  readonly issuedOn: string;
  readonly returns: readonly { readonly returnedOn: string; readonly forms: number }[];
  readonly returned: number;
  readonly ratings: Ratings;
  readonly closedOn: string | null;
  readonly satisfied: number;
  readonly returnRate: string;
  readonly satisfactionRate: string;
}
interface SurveysJson {
  readonly batches: readonly BatchJson[];
  readonly total: Omit<BatchJson, 'surveyId' | 'node' | 'subject' | 'issuedOn' | 'returns' | 'closedOn'>;
}

const may = (req: PageRequest, type: string) => req.actor !== null && commandScope('surveys', type, req.actor.role) !== undefined;

function adminForms(req: PageRequest, b: BatchJson): Markup {
  if (b.closedOn !== null) return html``;
  const id = (n: string) => `${n}-${b.surveyId}`;
  return html`${may(req, 'RecordSurveyReturns') ? html`<form method="post" action="/my/${encodeURIComponent(b.surveyId)}/returns" class="card" aria-label="登记回收：${b.subject}"><input type="hidden" name="_csrf" value="${req.csrf ?? ''}">
<fieldset><legend>登记回收的测评表（份）</legend>${ratingNames.map((r, i) => html`<label for="${id(`r${i}`)}">${r}</label><input id="${id(`r${i}`)}" name="r${i}" inputmode="numeric" value="0">`)}</fieldset><button type="submit">登记回收</button></form>` : ''}
${may(req, 'CloseSurvey') ? html`<form method="post" action="/my/${encodeURIComponent(b.surveyId)}/close" class="card" aria-label="结束测评：${b.subject}"><input type="hidden" name="_csrf" value="${req.csrf ?? ''}"><button type="submit" class="secondary">结束本批测评</button></form>` : ''}`;
}

/** Registers `/my…`. */
export function surveyPages(app: Hono, deps: HallDeps): void {
  app.get('/my', async (c) => {
    const req = await pageRequest(deps, c);
    const r = await req.api<SurveysJson & Problem>('GET', '/surveys');
    if (!r.ok) return problemPage(req, r.body);
    const { batches, total } = r.body;
    const notice = c.req.query('notice') === 'done' ? html`<div class="ok" role="status">已办理。</div>` : '';
    const issue = may(req, 'IssueSurvey')
      ? html`<form method="post" action="/my/issue" class="card" aria-label="发放测评表"><input type="hidden" name="_csrf" value="${req.csrf ?? ''}"><h2>发放一批测评表</h2>
<label for="subject">测评内容</label><input id="subject" name="subject" required value="窗口服务满意度测评表">
<label for="forms">发放份数</label><input id="forms" name="forms" required inputmode="numeric" value="100"><button type="submit">发放</button></form>`
      : '';
    return page(
      req,
      '满意度测评',
      html`${notice}<p>服务对象填写征求意见表（满意度测评表），按非常满意、满意、基本满意、不满意、非常不满意评价；满意度 =（非常满意 + 满意 + 基本满意）÷ 回收份数。</p>
<div class="grid"><div class="card"><div class="muted">发放</div><strong style="font-size:1.6rem" data-total="forms">${total.forms}</strong> 份</div>
<div class="card"><div class="muted">回收（回收率）</div><strong style="font-size:1.6rem" data-total="returned">${total.returned}</strong> 份（<span data-total="return-rate">${total.returnRate}</span>）</div>
<div class="card"><div class="muted">满意度</div><strong style="font-size:1.6rem" data-total="satisfaction">${total.satisfactionRate}</strong></div></div>
${issue}
<h2>各批测评</h2><div class="scroll"><table class="stack" aria-label="各批测评" data-testid="survey-batches"><thead><tr><th scope="col">测评内容</th><th scope="col">发放日期</th><th scope="col" class="n">发放</th><th scope="col" class="n">回收</th><th scope="col" class="n">回收率</th>${ratingNames.map((n) => html`<th scope="col" class="n">${n}</th>`)}<th scope="col" class="n">满意度</th><th scope="col">状态</th></tr></thead><tbody>
${batches.map((b) => html`<tr data-survey="${b.surveyId}"><th scope="row">${b.subject}</th><td data-label="发放日期">${b.issuedOn}</td><td class="n" data-label="发放">${b.forms}</td><td class="n" data-col="returned" data-label="回收">${b.returned}</td><td class="n" data-col="return-rate" data-label="回收率">${b.returnRate}</td>${ratingNames.map((n) => html`<td class="n" data-label="${n}">${b.ratings[n]}</td>`)}<td class="n" data-col="satisfaction" data-label="满意度">${b.satisfactionRate}</td><td data-label="状态">${b.closedOn ? `${b.closedOn} 结束` : '回收中'}</td></tr>`)}
</tbody></table></div>
${batches.filter((b) => b.closedOn === null).map((b) => adminForms(req, b))}`,
    );
  });

  const send = async (req: PageRequest, form: Record<string, string | string[]>, id: string, body: Record<string, unknown>) => {
    const r = await req.api<Problem>('POST', `/surveys/${encodeURIComponent(id)}/commands`, { body: { surveyId: id, ...body }, csrf: field(form, '_csrf') });
    return r.ok ? req.c.redirect('/my?notice=done', 303) : problemPage(req, r.body);
  };
  app.post('/my/issue', async (c) => {
    const req = await pageRequest(deps, c);
    const form = await formOf(c);
    const today = deps.clock.today();
    return send(req, form, newId('MY', today), { type: 'IssueSurvey', node: 'tz-center', subject: field(form, 'subject'), forms: Number(field(form, 'forms')), issuedOn: today });
  });
  app.post('/my/:id/returns', async (c) => {
    const req = await pageRequest(deps, c);
    const form = await formOf(c);
    const ratings = Object.fromEntries(ratingNames.map((n, i) => [n, Number(field(form, `r${i}`) || '0')]));
    return send(req, form, c.req.param('id'), { type: 'RecordSurveyReturns', ratings, returnedOn: deps.clock.today() });
  });
  app.post('/my/:id/close', async (c) => {
    const req = await pageRequest(deps, c);
    const form = await formOf(c);
    return send(req, form, c.req.param('id'), { type: 'CloseSurvey', closedOn: deps.clock.today() });
  });
}
