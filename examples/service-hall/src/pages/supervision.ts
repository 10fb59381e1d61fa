/**
 * 电子监察 (the supervisor's board): open cases by department with their yellow and red counts,
 * the on-time rates of the year, and a drill-down to each department's overdue and warned cases.
 * The board listens to the banshi event stream (SSE, resumable with Last-Event-ID) and redraws
 * itself whenever an approval event arrives.
 */
import { approvalEvents } from '@banshi/approval';
import type { Hono } from 'hono';
import { light, page, pageRequest, problemPage, type HallDeps, type PageRequest, type Problem } from '../context.js';
import { html, trusted, type Markup } from '../html.js';
import { caseStatusLabels, label } from '../labels.js';
import { caseHref, type CaseJson } from './cases.js';

interface DeptRow {
  department: string;
  open: number;
  yellow: number;
  red: number;
  decided: number;
  onTimeRate: string;
  promisedRate: string;
}

/** Every open case (the read model's pages, at most 20 × 500) and the log position they reflect. */
async function openCases(req: PageRequest): Promise<{ items: CaseJson[]; position: number } | Problem> {
  const items: CaseJson[] = [];
  let after = '';
  let position = 0;
  for (let i = 0; i < 20; i++) {
    const r = await req.api<{ items: CaseJson[]; next: string | null; position: number } & Problem>('GET', `/cases?open=1&limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    if (!r.ok) return r.body;
    items.push(...r.body.items);
    position = Math.max(position, r.body.position);
    if (!r.body.next) break;
    after = r.body.next;
  }
  return { items, position };
}

async function boardFragment(req: PageRequest): Promise<Markup | Problem> {
  const open = await openCases(req);
  if ('code' in open) return open;
  const year = req.deps.clock.today().slice(0, 4);
  const rep = await req.api<{ approval: { departments: { department: string; decided: number; onTimeRate: string; promisedRate: string }[]; onTimeStatutoryRate: string; onTimePromisedRate: string; decided: number } } & Problem>('GET', `/reports/center?year=${year}`);
  if (!rep.ok) return rep.body;
  const rows = new Map<string, DeptRow>();
  const row = (d: string) => rows.get(d) ?? rows.set(d, { department: d, open: 0, yellow: 0, red: 0, decided: 0, onTimeRate: '—', promisedRate: '—' }).get(d)!;
  for (const c of open.items) {
    const r = row(c.department);
    r.open++;
    if (c.warningLevel === 'yellow') r.yellow++;
    if (c.warningLevel === 'red') r.red++;
  }
  for (const d of rep.body.approval.departments) Object.assign(row(d.department), { decided: d.decided, onTimeRate: d.onTimeRate, promisedRate: d.promisedRate });
  const sorted = [...rows.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || b.open - a.open || (a.department < b.department ? -1 : 1));
  const total = { open: open.items.length, yellow: open.items.filter((c) => c.warningLevel === 'yellow').length, red: open.items.filter((c) => c.warningLevel === 'red').length };
  const warned = open.items.filter((c) => c.warningLevel === 'yellow' || c.warningLevel === 'red').sort((a, b) => ((a.statutoryDueDate ?? '') < (b.statutoryDueDate ?? '') ? -1 : 1));
  return html`<div data-position="${open.position}" data-testid="board-data"><p class="muted">业务日期 <time data-board-date>${req.deps.clock.today()}</time></p>
<div class="grid"><div class="card"><div class="muted">在办案件</div><strong style="font-size:1.6rem" data-total="open">${total.open}</strong></div>
<div class="card"><div class="muted">黄灯（临近期限）</div><strong style="font-size:1.6rem;color:#9a6700" data-total="yellow">${total.yellow}</strong></div>
<div class="card"><div class="muted">红灯（已超期）</div><strong style="font-size:1.6rem;color:#cf222e" data-total="red">${total.red}</strong></div>
<div class="card"><div class="muted">${year} 年按时办结率（法定 / 承诺）</div><strong style="font-size:1.3rem">${rep.body.approval.onTimeStatutoryRate} / ${rep.body.approval.onTimePromisedRate}</strong></div></div>
<h2>各部门</h2><div class="scroll"><table aria-label="各部门在办与预警"><thead><tr><th>部门</th><th class="n">在办</th><th class="n">黄灯</th><th class="n">红灯</th><th class="n">本年办结</th><th class="n">法定时限内</th><th class="n">承诺时限内</th></tr></thead><tbody>
${sorted.map((r) => html`<tr data-department="${r.department}"><td><a href="/jc/department/${encodeURIComponent(r.department)}">${r.department}</a></td><td class="n">${r.open}</td><td class="n" data-col="yellow">${r.yellow}</td><td class="n" data-col="red">${r.red}</td><td class="n">${r.decided}</td><td class="n">${r.onTimeRate}</td><td class="n">${r.promisedRate}</td></tr>`)}
</tbody></table></div>
<h2>预警案件</h2><div class="scroll"><table aria-label="预警案件"><thead><tr><th>灯</th><th>案件号</th><th>部门</th><th>状态</th><th>法定期限</th></tr></thead><tbody>
${warned.slice(0, 50).map((c) => html`<tr data-case="${c.caseId}" data-level="${c.warningLevel}"><td>${light(c.warningLevel)}</td><td><a href="${caseHref(c.caseId)}">${c.caseId}</a></td><td>${c.department}</td><td>${label(caseStatusLabels, c.status)}</td><td>${c.statutoryDueDate ?? '—'}</td></tr>`)}
</tbody></table></div><p class="muted">显示 ${Math.min(50, warned.length)} / ${warned.length} 件。</p></div>`;
}

const script = (tenant: string) => `(() => {
  const board = document.getElementById('board');
  const status = document.getElementById('live');
  const types = JSON.parse(document.getElementById('event-types').textContent);
  let timer;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const r = await fetch('/jc/board', { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (r.ok) { board.innerHTML = await r.text(); board.dataset.refreshed = String(Number(board.dataset.refreshed || 0) + 1); }
    }, 250);
  };
  const first = board.querySelector('[data-position]');
  const es = new EventSource('/t/${tenant}/events?after=' + (first ? first.dataset.position : '0'));
  for (const t of types) es.addEventListener(t, refresh);
  es.addEventListener('open', () => { status.textContent = '实时更新中'; status.dataset.state = 'open'; });
  es.addEventListener('error', () => { status.textContent = '连接中断，正在重连…'; status.dataset.state = 'reconnecting'; });
})();`;

/** Registers `/jc…`. */
export function supervisionPages(app: Hono, deps: HallDeps): void {
  const types = approvalEvents.map((e) => e.type);
  app.get('/jc', async (c) => {
    const req = await pageRequest(deps, c);
    const fragment = await boardFragment(req);
    if (!(fragment instanceof Object) || 'code' in fragment) return problemPage(req, fragment as Problem);
    return page(
      req,
      '电子监察',
      html`<p class="muted">实时看板：案件事件由服务器实时推送，看板随之刷新。<span id="live" role="status" data-state="connecting">正在连接…</span></p>
<div id="board" aria-live="polite">${fragment}</div>
<script type="application/json" id="event-types">${trusted(JSON.stringify(types).replaceAll('<', '\\u003c'))}</script>
<script>${trusted(script(deps.tenant))}</script>`,
    );
  });

  app.get('/jc/board', async (c) => {
    const req = await pageRequest(deps, c);
    const fragment = await boardFragment(req);
    if ('code' in fragment) return c.text(fragment.detail ?? fragment.code, fragment.status as 403);
    c.header('Cache-Control', 'no-store');
    return c.html(fragment.text);
  });

  app.get('/jc/department/:name', async (c) => {
    const req = await pageRequest(deps, c);
    const name = c.req.param('name');
    const open = await openCases(req);
    if ('code' in open) return problemPage(req, open);
    const rank = (level: string) => (level === 'red' ? 0 : level === 'yellow' ? 1 : 2);
    const cases = open.items.filter((x) => x.department === name).sort((a, b) => rank(a.warningLevel) - rank(b.warningLevel) || ((a.statutoryDueDate ?? '') < (b.statutoryDueDate ?? '') ? -1 : 1));
    return page(
      req,
      `电子监察：${name}`,
      html`<p><a href="/jc">返回看板</a></p><div class="scroll"><table aria-label="${name} 在办案件"><thead><tr><th>灯</th><th>案件号</th><th>事项</th><th>状态</th><th>法定期限</th><th>承诺期限</th></tr></thead><tbody>
${cases.map((x) => html`<tr data-case="${x.caseId}" data-level="${x.warningLevel}"><td>${light(x.warningLevel)}</td><td><a href="${caseHref(x.caseId)}">${x.caseId}</a></td><td>${x.itemCode}</td><td>${label(caseStatusLabels, x.status)}</td><td>${x.statutoryDueDate ?? '—'}</td><td>${x.promisedDueDate ?? '—'}</td></tr>`)}
</tbody></table></div>`,
    );
  });
}
