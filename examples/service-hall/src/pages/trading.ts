/** 公共资源交易: the year's announcements and the statistics of the seed's 6th paragraph, by category. */
import type { TradingDeal } from '@banshi/http';
import { tradingCategories } from '@banshi/catalog';
import type { Hono } from 'hono';
import { page, pageRequest, problemPage, type HallDeps, type Problem } from '../context.js';
import { html } from '../html.js';
import { dealStatusLabels, label } from '../labels.js';

interface TradingJson {
  readonly year: number;
  readonly total: number;
  readonly deals: readonly TradingDeal[];
  readonly statistics: readonly { readonly category: string; readonly label: string; readonly deals: number; readonly budget: string; readonly market: string; readonly price: string; readonly savings: string; readonly savingsRate: string; readonly area: string }[];
  readonly notices: { readonly notices: number; readonly outletPublications: number; readonly required: number; readonly published: number; readonly rate: string };
}

const yuan = (fen: number | null) => (fen === null ? '—' : `${(fen / 1_000_000).toFixed(2)} 万元`);

/** Registers `/jy`. */
export function tradingPages(app: Hono, deps: HallDeps): void {
  app.get('/jy', async (c) => {
    const req = await pageRequest(deps, c);
    const year = (c.req.query('year') ?? deps.clock.today().slice(0, 4)).trim();
    const category = c.req.query('category') ?? '';
    const r = await req.api<TradingJson & Problem>('GET', `/trading?year=${encodeURIComponent(year)}&limit=100${category ? `&category=${encodeURIComponent(category)}` : ''}`);
    if (!r.ok) return problemPage(req, r.body);
    const t = r.body;
    return page(
      req,
      `公共资源交易 · ${t.year} 年`,
      html`<form method="get" action="/jy" class="card" role="search"><label for="jy-year">年份</label><input id="jy-year" name="year" value="${year}" inputmode="numeric">
<label for="jy-cat">类别</label><select id="jy-cat" name="category"><option value="">全部</option>${Object.entries(tradingCategories).map(([k, v]) => html`<option value="${k}"${k === category ? html` selected` : ''}>${v.label}</option>`)}</select><button type="submit">查看</button></form>
<h2>交易统计</h2><div class="scroll"><table aria-label="交易统计" data-testid="trading-stats"><thead><tr><th>类别</th><th class="n">成交宗数</th><th class="n">预算</th><th class="n">市场价</th><th class="n">成交额</th><th class="n">节约</th><th class="n">节约率</th><th class="n">面积</th></tr></thead><tbody>
${t.statistics.map((s) => html`<tr data-category="${s.category}"><td>${s.label}</td><td class="n">${s.deals}</td><td class="n">${s.budget}</td><td class="n">${s.market}</td><td class="n">${s.price}</td><td class="n">${s.savings}</td><td class="n">${s.savingsRate}</td><td class="n">${s.area}</td></tr>`)}
</tbody></table></div>
<p>交易公告 ${t.notices.notices} 条，媒体发布 ${t.notices.outletPublications} 次；应公告 ${t.notices.required} 项，已公告 ${t.notices.published} 项（${t.notices.rate}）。</p>
<h2>交易公告</h2><p class="muted">${t.year} 年共 ${t.total} 个项目，显示 ${t.deals.length} 个。</p>
<div class="scroll"><table aria-label="交易公告"><thead><tr><th>项目</th><th>类别</th><th>登记日期</th><th>状态</th><th class="n">成交额</th><th>公告</th></tr></thead><tbody>
${t.deals.map((d) => html`<tr data-deal="${d.dealId}"><td>${d.title}</td><td>${d.label}</td><td>${d.registeredOn}</td><td>${label(dealStatusLabels, d.status)}${d.concludedOn ? `（${d.concludedOn}）` : ''}</td><td class="n">${yuan(d.priceFen)}</td>
<td>${d.notices.map((n) => html`<div>${n.kind === 'announcement' ? '交易公告' : '结果公示'} ${n.publishedOn}：${n.outlets.join('、')}</div>`)}</td></tr>`)}
</tbody></table></div>`,
    );
  });
}
