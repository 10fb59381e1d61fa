/**
 * What every page handler gets: who is asking (from `@banshi/http`'s session), the CSRF token
 * for its forms, and `api()`, which sends the request on to the banshi routes in process with the
 * browser's own cookie, CSRF token and origin — so the role matrix, scopes, masking and CSRF checks
 * of `@banshi/http` decide every read and write, and the hall re-implements none of them.
 */
import type { BanshiApp, BusinessClock, HttpActor, SessionAuth } from '@banshi/http';
import type { Context } from 'hono';
import { html, trusted, type Markup } from './html.js';
import { problemText } from './labels.js';

/** The parts of the running hall that pages use. */
export interface HallDeps {
  readonly banshi: BanshiApp;
  readonly session: SessionAuth;
  readonly tenant: string;
  readonly clock: BusinessClock;
  /** The center's name in page headers. */
  readonly centerName: string;
  /** The account id of a username (an agent names the applicant it files for by their login), or undefined. */
  readonly accountOf: (username: string) => string | undefined;
}

/** An answer of the banshi routes: status and parsed JSON (a problem+json document when not ok). */
export interface ApiAnswer<T = Record<string, unknown>> {
  readonly status: number;
  readonly ok: boolean;
  readonly body: T;
}

/** A problem+json document as the routes send it. */
export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly title?: string;
  readonly detail?: string;
  readonly rule?: { readonly key?: string; readonly basis?: string };
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

/** One request to a page. */
export interface PageRequest {
  readonly c: Context;
  readonly deps: HallDeps;
  readonly actor: HttpActor | null;
  /** The session's CSRF token for forms (null for visitors without a session). */
  readonly csrf: string | null;
  /** A banshi route of this tenant (`path` relative to `/t/{tenant}`), as the browser's user. */
  api<T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, options?: { readonly body?: unknown; readonly csrf?: string; readonly accessCode?: string }): Promise<ApiAnswer<T>>;
}

/**
 * Builds the request context of a page.
 *
 * @example
 * const req = await pageRequest(deps, c); const cases = await req.api('GET', '/cases?open=1');
 */
export async function pageRequest(deps: HallDeps, c: Context): Promise<PageRequest> {
  const actor = await deps.session.authenticate(c.req.raw);
  const csrf = await deps.session.csrfToken(c.req.raw);
  return {
    c,
    deps,
    actor,
    csrf,
    async api(method, path, options = {}) {
      const headers = new Headers({ accept: 'application/json' });
      const cookie = c.req.header('cookie');
      if (cookie) headers.set('cookie', cookie);
      const origin = c.req.header('origin');
      if (origin) headers.set('origin', origin);
      if (options.csrf !== undefined) headers.set('x-csrf-token', options.csrf);
      if (options.accessCode) headers.set('banshi-access-code', options.accessCode);
      let body: string | undefined;
      if (options.body !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(options.body);
      }
      const url = new URL(`/t/${deps.tenant}${path}`, c.req.url);
      const res = await deps.banshi.app.fetch(new Request(url, { method, headers, ...(body === undefined ? {} : { body }) }), c.env);
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = { status: res.status, code: 'HALL_NOT_JSON', detail: text.slice(0, 200) };
      }
      return { status: res.status, ok: res.ok, body: parsed as never };
    },
  };
}

/** Role names as the pages show them. */
export const roleLabels: Readonly<Record<string, string>> = {
  clerk: '窗口工作人员',
  reviewer: '审查人员',
  head: '行政机关负责人',
  governmentHead: '本级人民政府负责人',
  officeHead: '信息公开机构负责人',
  admin: '中心管理员',
  applicant: '申请人',
  agency: '中介机构',
  auditor: '电子监察',
  public: '公众',
  system: '系统',
};

const nav: readonly (readonly [string, string])[] = [
  ['/', '首页'],
  ['/window', '窗口'],
  ['/online', '网上办事大厅'],
  ['/gk', '政府信息公开'],
  ['/zj', '中介服务网'],
  ['/jc', '电子监察'],
  ['/jy', '公共资源交易'],
  ['/lw', '联网协作'],
  ['/my', '满意度测评'],
  ['/gs', '政务公开'],
];

const css = `
*{box-sizing:border-box}body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:#1f2328;background:#f6f7f9;line-height:1.6}
a{color:#0b57d0}header{background:#9b1c1c;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
header .brand{font-weight:700;font-size:1.1rem;color:#fff;text-decoration:none}header .who{font-size:.9rem}header .who form{display:inline}header button{background:transparent;color:#fff;border:1px solid #fff;border-radius:4px;padding:.1rem .6rem;cursor:pointer}
nav{background:#fff;border-bottom:1px solid #ddd;overflow-x:auto;white-space:nowrap}nav a{display:inline-block;padding:.6rem .8rem;text-decoration:none;color:#333}nav a[aria-current=page]{color:#9b1c1c;border-bottom:3px solid #9b1c1c;font-weight:700}
main{max-width:72rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.4rem 0 1rem}h2{font-size:1.2rem;margin:1.4rem 0 .6rem}
.card{background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:1rem;margin:0 0 1rem}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #e1e4e8;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f0f2f5}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}label{display:block;margin:.6rem 0 .2rem;font-weight:600}input[type=text],input[type=search],input[type=date],input[type=password],input:not([type]),select,textarea{width:100%;max-width:36rem;padding:.45rem;font-size:1rem;border:1px solid #aaa;border-radius:4px}
fieldset{border:1px solid #ddd;border-radius:6px;margin:.6rem 0}fieldset label{display:inline;font-weight:400;margin:0}.check{display:block;margin:.2rem 0}
button,.button{display:inline-block;background:#9b1c1c;color:#fff;border:0;border-radius:4px;padding:.5rem 1.1rem;font-size:1rem;cursor:pointer;text-decoration:none;margin:.4rem .4rem 0 0}button.secondary{background:#555}
.light{display:inline-block;width:.9em;height:.9em;border-radius:50%;vertical-align:middle;margin-right:.3em;border:1px solid #0003}.light.normal{background:#1a7f37}.light.yellow{background:#e3b341}.light.red{background:#cf222e}.light.unknown{background:#999}
.due{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;background:#fff8e6;border:1px solid #e3b341;border-radius:6px;padding:.6rem 1rem;margin-bottom:1rem}.due.red{background:#ffebe9;border-color:#cf222e}.due.normal{background:#eef9f0;border-color:#1a7f37}
.alert{background:#ffebe9;border:1px solid #cf222e;border-radius:6px;padding:.6rem 1rem;margin:0 0 1rem}.ok{background:#eef9f0;border:1px solid #1a7f37;border-radius:6px;padding:.6rem 1rem;margin:0 0 1rem}
.muted{color:#57606a;font-size:.9rem}.tag{display:inline-block;background:#eef;border-radius:3px;padding:0 .4rem;font-size:.85rem;margin-right:.3rem}
ol.timeline{list-style:none;padding:0;border-left:3px solid #9b1c1c;margin-left:.5rem}ol.timeline li{padding:.2rem 0 .6rem 1rem;position:relative}ol.timeline li::before{content:"";position:absolute;left:-.55rem;top:.6rem;width:.8rem;height:.8rem;border-radius:50%;background:#9b1c1c}
.diagram .svg{overflow-x:auto}.diagram svg{max-width:none;height:auto}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{color:#57606a}dd{margin:0}figure svg{width:100%;max-width:36rem;height:auto}.bar{fill:#9b1c1c}.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.5rem;z-index:9}
@media print{header,nav,.noprint{display:none}main{max-width:none}}
@media (max-width:40rem){main{padding:.6rem}h1{font-size:1.25rem}th,td{padding:.3rem}
table.stack thead{position:absolute;left:-9999px}table.stack,table.stack tbody,table.stack tfoot,table.stack tr,table.stack td,table.stack tbody th,table.stack tfoot th{display:block;width:100%}table.stack tr{border:1px solid #e1e4e8;border-radius:6px;margin:0 0 .6rem;background:#fff}
table.stack td{border:0;border-top:1px solid #f0f2f5;display:flex;justify-content:space-between;gap:1rem;text-align:right}table.stack td::before{content:attr(data-label);color:#57606a;text-align:left}table.stack td:empty{display:none}table.stack tbody th,table.stack tfoot th{border:0;background:#f0f2f5}}
`;

/**
 * A whole page: header with who is logged in, the systems' navigation, and `body`.
 *
 * @example
 * return page(req, '窗口', html`<p>…</p>`);
 */
export function page(req: PageRequest, title: string, body: Markup, status = 200): Response {
  const path = new URL(req.c.req.url).pathname;
  const current = nav.filter(([href]) => href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`)).at(-1)?.[0];
  const who = req.actor
    ? html`<span>${req.actor.name ?? req.actor.id}（${roleLabels[req.actor.role] ?? req.actor.role}）</span>
<form method="post" action="/logout"><input type="hidden" name="_csrf" value="${req.csrf ?? ''}"><button type="submit">退出</button></form>`
    : html`<a href="/login?next=${encodeURIComponent(path)}" style="color:#fff">登录</a>`;
  const doc = html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${req.deps.centerName}</title><style>${trusted(css)}</style></head>
<body><a class="skip" href="#main">跳到正文</a>
<header><a class="brand" href="/">${req.deps.centerName}</a><span class="who">业务日期 <time datetime="${req.deps.clock.today()}" data-business-date>${req.deps.clock.today()}</time> · ${who}</span></header>
<nav aria-label="系统导航">${nav.map(([href, text]) => html`<a href="${href}"${href === current ? trusted(' aria-current="page"') : ''}>${text}</a>`)}</nav>
<main id="main"><h1>${title}</h1>${body}</main></body></html>`;
  return req.c.html(doc.text, status as 200);
}

/**
 * A refusal or error of the banshi routes, as a page: its detail, and the legal basis when the
 * matrix names one (403 with `rule.basis`).
 *
 * @example
 * if (!r.ok) return problemPage(req, r.body as Problem);
 */
export function problemPage(req: PageRequest, p: Problem): Response {
  const heading = p.status === 403 ? '无权办理' : p.status === 404 ? '未找到' : p.status === 409 ? '已被他人更新' : '未能办理';
  return page(
    req,
    heading,
    html`<div class="alert" role="alert" data-problem="${p.code}"><p>${problemText(p.code, p.status)}</p>
${p.rule?.basis ? html`<p>依据：${p.rule.basis}</p>` : ''}
${p.issues?.length ? html`<ul>${p.issues.map((i) => html`<li>需修改：<code>${i.path}</code></li>`)}</ul>` : ''}
<details><summary>技术信息</summary><p>错误代码 <code>${p.code}</code></p>${p.detail ? html`<p lang="en">${p.detail}</p>` : ''}${p.issues?.length ? html`<ul lang="en">${p.issues.map((i) => html`<li>${i.path}: ${i.message}</li>`)}</ul>` : ''}</details></div>
<p><a href="javascript:history.back()">返回上一页</a> · <a href="/">首页</a></p>`,
    p.status >= 400 && p.status < 600 ? p.status : 500,
  );
}

/** A light and its label, for a warning level (颜色之外另有文字，供读屏软件). */
export function light(level: string): Markup {
  const text = { normal: '绿灯：正常', yellow: '黄灯：临近期限', red: '红灯：已超期', unknown: '期限未知' }[level] ?? level;
  return html`<span class="light ${level}" aria-hidden="true"></span><span data-level="${level}">${text}</span>`;
}

/** Form fields of a POST (checkbox groups as arrays). */
export async function formOf(c: Context): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** One text field of a form ('' when absent). */
export const field = (form: Record<string, string | string[]>, name: string): string => {
  const v = form[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};

/** A checkbox group (always an array). */
export const fields = (form: Record<string, string | string[]>, name: string): string[] => {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map((x) => x.trim()).filter(Boolean);
};

/** A fresh id for a new case or request: prefix, business date and a random tail. */
export function newId(prefix: string, today: string): string {
  const tail = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 6).toUpperCase();
  return `${prefix}-${today.replaceAll('-', '')}-${tail}`;
}
