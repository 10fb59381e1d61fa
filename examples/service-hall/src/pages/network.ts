/**
 * 便民服务联网协作 (the sixth function of the 网上审批 platform): the center and its four sub-centers
 * (港航、人力资源社会保障、公安出入境、公安车辆管理) as one network whose approval data flows into one
 * log (seed §二.3: 市中心与分中心的审批数据互连互通和资源共享), and the city–county–township–village
 * linkage of the catalog (seed §三.2: 市、县、乡镇、村行政审批四级联动). Every figure is read from the
 * log through `@banshi/http`: the node registry and what each node wrote (`/network`), the catalog's
 * items by level (`/catalog`), and, for staff, each node's open cases and lights (`/cases`).
 */
import { itemLevels } from '@banshi/catalog';
import type { Hono } from 'hono';
import { page, pageRequest, problemPage, type HallDeps, type PageRequest, type Problem } from '../context.js';
import { html, type Markup } from '../html.js';
import { catalogItems } from './catalog.js';
import type { CaseJson } from './cases.js';

interface NetworkJson {
  readonly year: number;
  readonly center: string | null;
  readonly nodes: readonly { readonly nodeId: string; readonly name: string; readonly domain: string | null; readonly kind: 'center' | 'subCenter' | 'unregistered'; readonly openedOn: string | null; readonly closedOn: string | null; readonly events: number; readonly lastOn: string | null; readonly received: number; readonly decided: number }[];
}

const levelLabels: Readonly<Record<(typeof itemLevels)[number], string>> = { city: '市级', county: '县（市、区）级', township: '乡镇（街道）级', village: '村（社区）级' };
const kindLabels = { center: '市行政服务中心', subCenter: '分中心', unregistered: '未登记节点' } as const;

/** Open cases by node with their yellow and red counts (staff only: the case list is theirs), or null for others. */
async function openByNode(req: PageRequest): Promise<Map<string, { open: number; yellow: number; red: number }> | null> {
  const out = new Map<string, { open: number; yellow: number; red: number }>();
  let after = '';
  for (let i = 0; i < 20; i++) {
    const r = await req.api<{ items: (CaseJson & { node: string })[]; next: string | null }>('GET', `/cases?open=1&limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    if (!r.ok) return null;
    for (const c of r.body.items) {
      const n = out.get(c.node) ?? { open: 0, yellow: 0, red: 0 };
      n.open++;
      if (c.warningLevel === 'yellow') n.yellow++;
      if (c.warningLevel === 'red') n.red++;
      out.set(c.node, n);
    }
    if (!r.body.next) break;
    after = r.body.next;
  }
  return out;
}

/** Registers `/lw`. */
export function networkPages(app: Hono, deps: HallDeps): void {
  app.get('/lw', async (c) => {
    const req = await pageRequest(deps, c);
    const year = (c.req.query('year') ?? deps.clock.today().slice(0, 4)).trim();
    const r = await req.api<NetworkJson & Problem>('GET', `/network?year=${encodeURIComponent(year)}`);
    if (!r.ok) return problemPage(req, r.body);
    const staff = req.actor !== null && req.actor.role !== 'applicant' && req.actor.role !== 'agency' && req.actor.role !== 'public';
    const open = staff ? await openByNode(req) : null;
    const nodes = r.body.nodes.filter((n) => n.kind !== 'unregistered' || n.received > 0);
    const subCenters = nodes.filter((n) => n.kind === 'subCenter' && n.closedOn === null);
    const total = nodes.reduce((t, n) => ({ received: t.received + n.received, decided: t.decided + n.decided }), { received: 0, decided: 0 });
    const items = await catalogItems(req);
    const byLevel = itemLevels.map((l) => [l, items.filter((i) => i.inForce?.elements?.level === l).length] as const);
    const all = await req.api<{ items: { status: string }[] }>('GET', `/catalog?on=${deps.clock.today()}`);
    const delegated = all.ok ? all.body.items.filter((i) => i.status === 'delegated').length : 0;
    const row = (n: NetworkJson['nodes'][number]): Markup => {
      const o = open?.get(n.nodeId);
      return html`<tr data-node="${n.nodeId}"><th scope="row">${n.name}</th><td data-label="类型">${kindLabels[n.kind]}${n.domain ? `（${n.domain}）` : ''}</td><td data-label="开通日期">${n.openedOn ?? '—'}${n.closedOn ? `，${n.closedOn} 撤销` : ''}</td>
<td class="n" data-col="received" data-label="${year} 年收件">${n.received}</td><td class="n" data-col="decided" data-label="${year} 年办结">${n.decided}</td>${open ? html`<td class="n" data-col="open" data-label="在办">${o?.open ?? 0}</td><td class="n" data-label="黄灯">${o?.yellow ?? 0}</td><td class="n" data-label="红灯">${o?.red ?? 0}</td>` : ''}
<td class="n" data-col="events" data-label="写入日志的事件">${n.events.toLocaleString('zh-CN')}</td><td data-col="last" data-label="最近一次上报">${n.lastOn ?? '—'}</td></tr>`;
    };
    return page(
      req,
      '便民服务联网协作',
      html`<p>市行政服务中心与${subCenters.length}个分中心（${subCenters.map((s) => s.domain ?? s.name).join('、')}）共用一套审批服务系统：各节点收件、办理的每一步都写入同一日志，市中心与分中心的审批数据互连互通、资源共享，监察和统计不再分头报送。</p>
<form method="get" action="/lw" class="card" role="search"><label for="lw-year">年份</label><input id="lw-year" name="year" value="${year}" inputmode="numeric"><button type="submit">查看</button></form>
<h2>联网节点</h2><div class="scroll"><table class="stack" aria-label="联网节点" data-testid="network-nodes"><thead><tr><th scope="col">节点</th><th scope="col">类型</th><th scope="col">开通日期</th><th scope="col" class="n">${r.body.year} 年收件</th><th scope="col" class="n">${r.body.year} 年办结</th>${open ? html`<th scope="col" class="n">在办</th><th scope="col" class="n">黄灯</th><th scope="col" class="n">红灯</th>` : ''}<th scope="col" class="n">写入日志的事件</th><th scope="col">最近一次上报</th></tr></thead>
<tbody>${nodes.map(row)}</tbody><tfoot><tr><th scope="row">合计</th><td></td><td></td><td class="n" data-total="received" data-label="${year} 年收件">${total.received}</td><td class="n" data-label="${year} 年办结">${total.decided}</td>${open ? html`<td></td><td></td><td></td>` : ''}<td></td><td></td></tr></tfoot></table></div>
${open ? '' : html`<p class="muted">工作人员登录后另显示各节点的在办案件和红黄灯。</p>`}
<h2>四级联动：事项按实施层级</h2><p>市、县（市、区）、乡镇（街道）、村（社区）行政审批四级联动：目录中的在用事项按实施层级分布如下（下放的事项由下级节点受理）。</p>
<div class="scroll"><table aria-label="事项按实施层级" data-testid="items-by-level"><thead><tr><th scope="col">层级</th><th scope="col" class="n">在用事项</th></tr></thead><tbody>
${byLevel.map(([l, n]) => html`<tr data-level="${l}"><th scope="row">${levelLabels[l]}</th><td class="n">${n}</td></tr>`)}
<tr data-level="delegated"><th scope="row">审批事项清理中下放至县、乡实施</th><td class="n">${delegated}</td></tr></tbody></table></div>`,
    );
  });
}
