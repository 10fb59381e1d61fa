/**
 * 政务公开与审改宣传 (publicity): what the center publishes about its reform — articles on its portal
 * (审改信息) and issues of its briefing (审改工作简报), with the outlet that adopted each (录用刊登) —
 * and what it prints for applicants: handbooks (代理代办服务手册 and the like) and service guides, with
 * every print run (seed §一.(1): 印发服务手册5000多册、服务指南近万份; §二.5: 门户网站发布审改信息215篇，
 * 简报13期，被《台州政务信息》录用5篇). Read from the log through `@banshi/http` (`/publicity`); the admin
 * records each piece, adoption, publication and print run through its command routes
 * (`/publicity-pieces/{id}/commands`, `/publications/{id}/commands`).
 */
import { commandScope, type AggregateKind } from '@banshi/http';
import type { Hono } from 'hono';
import { field, formOf, newId, page, pageRequest, problemPage, type HallDeps, type PageRequest, type Problem } from '../context.js';
import { html, type Markup } from '../html.js';

interface PublicityJson {
  readonly year: number | null;
  readonly figures: { readonly portalArticles: number; readonly briefings: number; readonly adopted: Readonly<Record<string, number>>; readonly handbookCopies: number; readonly serviceGuideCopies: number };
  readonly pieces: readonly { readonly pieceId: string; readonly kind: 'portalArticle' | 'briefing'; readonly title: string; readonly publishedOn: string; readonly adopted: { readonly outlet: string; readonly adoptedOn: string } | null }[];
  readonly publications: readonly { readonly publicationId: string; readonly kind: 'handbook' | 'serviceGuide'; readonly title: string; readonly registeredOn: string; readonly copies: number; readonly prints: readonly { readonly copies: number; readonly printedOn: string }[] }[];
}

const pieceKinds = { portalArticle: '门户网站审改信息', briefing: '审改工作简报' } as const;
const printedKinds = { handbook: '服务手册', serviceGuide: '服务指南' } as const;

const may = (req: PageRequest, kind: AggregateKind, type: string) => req.actor !== null && commandScope(kind, type, req.actor.role) !== undefined;
const form = (req: PageRequest, action: string, title: string, inner: Markup, button: string) =>
  html`<form method="post" action="${action}" class="card" aria-label="${title}"><input type="hidden" name="_csrf" value="${req.csrf ?? ''}"><h3>${title}</h3>${inner}<button type="submit">${button}</button></form>`;

/** The admin's forms: a piece, its adoption, a publication, a print run (what the routes' matrix lets this user send). */
function adminForms(req: PageRequest, body: PublicityJson): Markup {
  const parts: Markup[] = [];
  if (may(req, 'publicity-pieces', 'PublishReformPiece'))
    parts.push(form(req, '/gs/pieces', '登记审改信息或简报', html`<label for="gs-piece-kind">类别</label><select id="gs-piece-kind" name="kind">${Object.entries(pieceKinds).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select><label for="gs-piece-title">标题</label><input id="gs-piece-title" name="title" required>`, '登记发布'));
  const open = body.pieces.filter((p) => p.adopted === null).slice(0, 200);
  if (may(req, 'publicity-pieces', 'RecordAdoption') && open.length)
    parts.push(form(req, '/gs/adoptions', '登记录用刊登', html`<label for="gs-adopt-piece">信息或简报</label><select id="gs-adopt-piece" name="pieceId">${open.map((p) => html`<option value="${p.pieceId}">${p.title}</option>`)}</select><label for="gs-adopt-outlet">录用刊物</label><input id="gs-adopt-outlet" name="outlet" required value="台州政务信息">`, '登记录用'));
  if (may(req, 'publications', 'RegisterPublication'))
    parts.push(form(req, '/gs/publications', '登记服务手册或指南', html`<label for="gs-pub-kind">类别</label><select id="gs-pub-kind" name="kind">${Object.entries(printedKinds).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select><label for="gs-pub-title">名称</label><input id="gs-pub-title" name="title" required>`, '登记'));
  if (may(req, 'publications', 'PrintCopies') && body.publications.length)
    parts.push(form(req, '/gs/prints', '登记印发', html`<label for="gs-print-pub">手册或指南</label><select id="gs-print-pub" name="publicationId">${body.publications.map((p) => html`<option value="${p.publicationId}">${p.title}</option>`)}</select><label for="gs-print-copies">印发数量（册/份）</label><input id="gs-print-copies" name="copies" required inputmode="numeric">`, '登记印发'));
  return parts.length ? html`<h2>登记</h2><div class="grid">${parts}</div>` : html``;
}

/** Registers `/gs`. */
export function publicityPages(app: Hono, deps: HallDeps): void {
  app.get('/gs', async (c) => {
    const req = await pageRequest(deps, c);
    const year = (c.req.query('year') ?? deps.clock.today().slice(0, 4)).trim();
    const kind = c.req.query('kind') ?? '';
    const r = await req.api<PublicityJson & Problem>('GET', `/publicity?year=${encodeURIComponent(year)}`);
    if (!r.ok) return problemPage(req, r.body);
    const { figures: f, publications } = r.body;
    const pieces = r.body.pieces.filter((p) => kind === '' || p.kind === kind);
    const shown = pieces.slice(0, 30);
    const adopted = Object.entries(f.adopted);
    return page(
      req,
      `政务公开与审改宣传 · ${year} 年`,
      html`${c.req.query('notice') === 'done' ? html`<div class="ok" role="status">已登记。</div>` : ''}<form method="get" action="/gs" class="card" role="search"><label for="gs-year">年份</label><input id="gs-year" name="year" value="${year}" inputmode="numeric">
<label for="gs-kind">类别</label><select id="gs-kind" name="kind"><option value="">全部</option>${Object.entries(pieceKinds).map(([k, v]) => html`<option value="${k}"${k === kind ? html` selected` : ''}>${v}</option>`)}</select><button type="submit">检索</button></form>
<div class="grid"><div class="card"><div class="muted">门户网站发布审改信息</div><strong style="font-size:1.6rem" data-figure="portal-articles">${f.portalArticles}</strong> 篇</div>
<div class="card"><div class="muted">印发审改工作简报</div><strong style="font-size:1.6rem" data-figure="briefings">${f.briefings}</strong> 期</div>
<div class="card"><div class="muted">被录用刊登</div><strong style="font-size:1.6rem" data-figure="adopted">${adopted.reduce((n, [, v]) => n + v, 0)}</strong> 篇${adopted.length ? html`<div class="muted">${adopted.map(([o, n]) => `《${o}》${n} 篇`).join('，')}</div>` : ''}</div>
<div class="card"><div class="muted">印发服务手册 / 服务指南</div><strong style="font-size:1.3rem"><span data-figure="handbook-copies">${f.handbookCopies}</span> 册 / <span data-figure="guide-copies">${f.serviceGuideCopies}</span> 份</strong></div></div>
<h2>印发的手册和指南</h2><div class="scroll"><table class="stack" aria-label="印发的手册和指南" data-testid="publications"><thead><tr><th scope="col">名称</th><th scope="col">类别</th><th scope="col" class="n">本年印发</th><th scope="col">印发批次</th></tr></thead><tbody>
${publications.map((p) => html`<tr data-publication="${p.publicationId}"><th scope="row">${p.title}</th><td data-label="类别">${printedKinds[p.kind]}</td><td class="n" data-label="本年印发">${p.prints.filter((x) => x.printedOn.startsWith(year)).reduce((n, x) => n + x.copies, 0)}</td><td data-label="印发批次">${p.prints.map((x) => `${x.printedOn}：${x.copies}`).join('；')}</td></tr>`)}
</tbody></table></div>
<h2>审改信息与简报</h2><p class="muted">共 ${pieces.length} 篇（期），显示最近 ${shown.length} 篇。</p>
<div class="scroll"><table class="stack" aria-label="审改信息与简报" data-testid="pieces"><thead><tr><th scope="col">标题</th><th scope="col">类别</th><th scope="col">发布日期</th><th scope="col">录用刊登</th></tr></thead><tbody>
${shown.map((p) => html`<tr data-piece="${p.pieceId}"><th scope="row">${p.title}</th><td data-label="类别">${pieceKinds[p.kind]}</td><td data-label="发布日期">${p.publishedOn}</td><td data-label="录用刊登">${p.adopted ? `《${p.adopted.outlet}》${p.adopted.adoptedOn}` : '—'}</td></tr>`)}
</tbody></table></div>
${adminForms(req, { ...r.body, pieces })}`,
    );
  });

  /** Sends one command to a piece or publication stream; back to the page, or the refusal explained. */
  const send = async (req: PageRequest, form: Record<string, string | string[]>, path: string, body: Record<string, unknown>) => {
    const r = await req.api<Problem>('POST', `${path}/commands`, { body, csrf: field(form, '_csrf') });
    return r.ok ? req.c.redirect('/gs?notice=done', 303) : problemPage(req, r.body);
  };
  app.post('/gs/pieces', async (c) => {
    const req = await pageRequest(deps, c);
    const f = await formOf(c);
    const today = deps.clock.today();
    const pieceId = newId('GS', today);
    return send(req, f, `/publicity-pieces/${pieceId}`, { type: 'PublishReformPiece', pieceId, kind: field(f, 'kind'), title: field(f, 'title'), publishedOn: today });
  });
  app.post('/gs/adoptions', async (c) => {
    const req = await pageRequest(deps, c);
    const f = await formOf(c);
    const pieceId = field(f, 'pieceId');
    return send(req, f, `/publicity-pieces/${encodeURIComponent(pieceId)}`, { type: 'RecordAdoption', pieceId, outlet: field(f, 'outlet'), adoptedOn: deps.clock.today() });
  });
  app.post('/gs/publications', async (c) => {
    const req = await pageRequest(deps, c);
    const f = await formOf(c);
    const today = deps.clock.today();
    const publicationId = newId('SC', today);
    return send(req, f, `/publications/${publicationId}`, { type: 'RegisterPublication', publicationId, kind: field(f, 'kind'), title: field(f, 'title'), registeredOn: today });
  });
  app.post('/gs/prints', async (c) => {
    const req = await pageRequest(deps, c);
    const f = await formOf(c);
    const publicationId = field(f, 'publicationId');
    return send(req, f, `/publications/${encodeURIComponent(publicationId)}`, { type: 'PrintCopies', publicationId, copies: Number(field(f, 'copies')), printedOn: deps.clock.today() });
  });
}
