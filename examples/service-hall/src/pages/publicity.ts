/**
 * 政务公开与审改宣传 (publicity): what the center publishes about its reform — articles on its portal
 * (审改信息) and issues of its briefing (审改工作简报), with the outlet that adopted each (录用刊登) —
 * and what it prints for applicants: handbooks (代理代办服务手册 and the like) and service guides, with
 * every print run (seed §一.(1): 印发服务手册5000多册、服务指南近万份; §二.5: 门户网站发布审改信息215篇，
 * 简报13期，被《台州政务信息》录用5篇). Read from the log through `@banshi/http` (`/publicity`).
 */
import type { Hono } from 'hono';
import { page, pageRequest, problemPage, type HallDeps, type Problem } from '../context.js';
import { html } from '../html.js';

interface PublicityJson {
  readonly year: number | null;
  readonly figures: { readonly portalArticles: number; readonly briefings: number; readonly adopted: Readonly<Record<string, number>>; readonly handbookCopies: number; readonly serviceGuideCopies: number };
  readonly pieces: readonly { readonly pieceId: string; readonly kind: 'portalArticle' | 'briefing'; readonly title: string; readonly publishedOn: string; readonly adopted: { readonly outlet: string; readonly adoptedOn: string } | null }[];
  readonly publications: readonly { readonly publicationId: string; readonly kind: 'handbook' | 'serviceGuide'; readonly title: string; readonly registeredOn: string; readonly copies: number; readonly prints: readonly { readonly copies: number; readonly printedOn: string }[] }[];
}

const pieceKinds = { portalArticle: '门户网站审改信息', briefing: '审改工作简报' } as const;
const printedKinds = { handbook: '服务手册', serviceGuide: '服务指南' } as const;

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
      html`<form method="get" action="/gs" class="card" role="search"><label for="gs-year">年份</label><input id="gs-year" name="year" value="${year}" inputmode="numeric">
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
</tbody></table></div>`,
    );
  });
}
