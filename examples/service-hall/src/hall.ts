/**
 * The service hall: one Hono app that serves the pages of every system of the seed and, under
 * `/t/{tenant}/…`, the banshi routes themselves (the pages call those routes in process, with the
 * browser's session). Sessions, the role matrix, CSRF and masking all come from `@banshi/http`.
 */
import { loadCalendar } from '@banshi/calendar';
import { createBanshiApp, createDueCheckScheduler, createSessionAuth, settableClock, startServer, type BanshiApp, type DueCheckScheduler, type SessionAuth, type SettableClock } from '@banshi/http';
import { Hono } from 'hono';
import { page, pageRequest, type HallDeps } from './context.js';
import { loadDemo, TENANT, type HallUser } from './demo.js';
import { html } from './html.js';
import { casePages } from './pages/cases.js';
import { disclosurePages } from './pages/disclosure.js';
import { intermediaryPages } from './pages/intermediaries.js';
import { onlinePages } from './pages/online.js';
import { supervisionPages } from './pages/supervision.js';
import { tradingPages } from './pages/trading.js';
import { networkPages } from './pages/network.js';
import { publicityPages } from './pages/publicity.js';
import { surveyPages } from './pages/surveys.js';
import { openHallStore, type HallStore } from './stores.js';

/**
 * Options of {@link startHall}.
 *
 * @example
 * const o: HallOptions = { store: 'sqlite:.banshi/hall.db', secret, users: demoUsers(), date: '2013-12-31', demoCases: 300 };
 */
export interface HallOptions {
  /** Where the log lives: a file path or `sqlite:<path>` (default), `postgres://…`, `nats://host:port/STREAM`. */
  readonly store: string;
  /** Signs sessions, CSRF tokens and access codes (at least 32 characters). */
  readonly secret: string;
  /** username → password and actor. */
  readonly users: Readonly<Record<string, HallUser>>;
  /** The business date the hall starts on (a settable clock: a training hall moves it; tests drive it). */
  readonly date: string;
  /** Approval cases of the generated Taizhou year written into an empty store (0: none). */
  readonly demoCases: number;
  readonly port?: number;
  /** Secure cookies (default false: the hall serves http://127.0.0.1 for development). */
  readonly secureCookies?: boolean;
  /** SSE stream length before clients reconnect (tests shorten it). */
  readonly sseMaxDurationMs?: number;
}

/** A running hall. */
export interface Hall {
  readonly url: string;
  readonly app: Hono;
  readonly banshi: BanshiApp;
  readonly session: SessionAuth;
  readonly clock: SettableClock;
  readonly scheduler: DueCheckScheduler;
  readonly store: HallStore;
  /** Events written from the generator at start (0 when the store already had a log). */
  readonly demoEvents: number;
  close(): Promise<void>;
}

const systems = [
  ['/window', '窗口', '窗口工作人员', '查事项与办事指南；对照材料清单收件，一次性告知补正；受理或不予受理；分送联办；第四十五条特别程序；延期、决定、制证、送达。期限与红黄灯始终可见。'],
  ['/online', '网上办事大厅', '申请人、代办员', '网上申办、代办；按案件号查进度与办理过程；网上获取决定；好差评。'],
  ['/gk', '政府信息公开', '公众、信息公开办', '主动公开目录（按类别、年份）；在线申请并取得回执（适用条例与答复期限）；申请查询；年度报告。'],
  ['/zj', '中介服务网', '公众、中介机构、中心', '已发布中介机构名录（基本情况、业务范围、承诺时限、收费、联系方式）；机构提交；中心审核发布。'],
  ['/jc', '电子监察', '监察人员', '按部门的在办、黄灯、红灯实时看板（服务器推送），按时办结率，逐级查看超期案件。'],
  ['/jy', '公共资源交易', '公众', '交易公告与各类交易统计。'],
  ['/lw', '便民服务联网协作', '公众、中心与分中心', '市中心与四个分中心联网：各节点的收件、办结和上报情况；市、县、乡镇、村四级联动的事项分布。'],
  ['/my', '满意度测评', '公众、中心管理员', '征求意见表的发放、回收与满意度；管理员发放和登记回收。'],
  ['/gs', '政务公开与审改宣传', '公众', '门户网站审改信息、审改工作简报及录用刊登；服务手册、服务指南的印发。'],
] as const;

/**
 * Builds the hall's Hono app over a running banshi app (no server): the pages and the routes.
 *
 * @example
 * const app = hallApp({ banshi, session, tenant: 'tz', clock, centerName: '台州市行政服务中心', accountOf: () => undefined });
 */
export function hallApp(deps: HallDeps): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    if (c.res.headers.get('content-type')?.startsWith('text/html')) c.header('Cache-Control', 'no-store');
  });
  app.get('/', async (c) => {
    const req = await pageRequest(deps, c);
    return page(
      req,
      '首页',
      html`<p>业务日期 ${deps.clock.today()}。${req.actor ? '' : html`<a href="/login">登录</a>后按角色显示可办理的业务；公众页面无需登录。`}</p>
<div class="grid">${systems.map(([href, name, who, what]) => html`<section class="card"><h2><a href="${href}">${name}</a></h2><p class="muted">使用者：${who}</p><p>${what}</p></section>`)}</div>`,
    );
  });
  casePages(app, deps);
  onlinePages(app, deps);
  disclosurePages(app, deps);
  intermediaryPages(app, deps);
  supervisionPages(app, deps);
  tradingPages(app, deps);
  networkPages(app, deps);
  surveyPages(app, deps);
  publicityPages(app, deps);
  app.route('/', deps.session.routes);
  app.all('/t/*', (c) => deps.banshi.app.fetch(c.req.raw, c.env));
  app.get('/openapi.json', (c) => deps.banshi.app.fetch(c.req.raw, c.env));
  return app;
}

/**
 * Opens the store, writes the demo year into it when empty, and serves the hall on 127.0.0.1
 * (port 0: any free port). The due check runs at start and on each new business day of the clock.
 *
 * @example
 * const hall = await startHall({ store: '.banshi/hall.db', secret, users: demoUsers(), date: '2013-12-31', demoCases: 300 });
 */
export async function startHall(options: HallOptions): Promise<Hall> {
  const store = await openHallStore(options.store);
  try {
    const demoEvents = options.demoCases > 0 ? await loadDemo(store.store, { cases: options.demoCases, until: options.date }) : 0;
    const clock = settableClock(options.date);
    const users = options.users;
    const session = createSessionAuth({ secret: options.secret, secure: options.secureCookies ?? false, login: (u, p) => (Object.hasOwn(users, u) && users[u]?.password === p ? users[u].actor : null) });
    const centerName = '台州市行政服务中心';
    const banshi = createBanshiApp({
      tenants: { [TENANT]: { store: store.store, tables: store.tables, name: centerName, node: 'tz-center' } },
      authenticate: session.authenticate,
      csrf: session.verifyCsrf,
      secret: options.secret,
      clock,
      // The built-in years plus those `banshi calendar add-year … --to <this store>` wrote: the events record its version.
      engine: { calendar: await loadCalendar(store.store) },
      ...(options.sseMaxDurationMs ? { sse: { maxDurationMs: options.sseMaxDurationMs, heartbeatMs: 5000, pollIntervalMs: 250 } } : {}),
    });
    const accountOf = (username: string) => (Object.hasOwn(users, username) && users[username]?.actor.role === 'applicant' ? users[username].actor.id : undefined);
    const app = hallApp({ banshi, session, tenant: TENANT, clock, centerName, accountOf });
    const scheduler = createDueCheckScheduler(banshi, { intervalMs: 2000 });
    scheduler.start();
    const server = await startServer(app, { port: options.port ?? 0 });
    return {
      url: server.url,
      app,
      banshi,
      session,
      clock,
      scheduler,
      store,
      demoEvents,
      async close() {
        await scheduler.stop();
        await server.close();
        await banshi.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
}
