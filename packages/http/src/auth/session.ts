import { Hono } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { escapeHtml, ValidationError } from '@banshi/core';
import { base64url, constantTimeEqual, fromBase64url, hmacSigner, sha256 } from '../_lib/crypto.js';
import { isHttpActor, type Authenticate, type HttpActor } from './actor.js';

/**
 * Options of {@link createSessionAuth}.
 *
 * @example
 * const o: SessionAuthOptions = { secret: process.env.BANSHI_SECRET!, login: (user, password) => users.check(user, password) };
 */
export interface SessionAuthOptions {
  /** Signs cookies and CSRF tokens: at least 32 characters, kept out of the repository. */
  readonly secret: string;
  /** Checks a username and password (the app's user store); the actor, or null. */
  readonly login: (username: string, password: string) => HttpActor | null | Promise<HttpActor | null>;
  readonly cookieName?: string;
  /** Session lifetime (default 8 hours: one working day). */
  readonly maxAgeSeconds?: number;
  /** `Secure` cookies (default true; false only for http://127.0.0.1 development). */
  readonly secure?: boolean;
  /** Where to go after logging in (default `/`); a `?next=` on the same site overrides it. */
  readonly home?: string;
  /** Injectable clock (tests). */
  readonly now?: () => number;
}

/**
 * A signed-cookie session with a login form and CSRF tokens.
 *
 * @example
 * const session = createSessionAuth({ secret, login });
 * app.route('/', session.routes); // GET/POST /login, POST /logout
 * createBanshiApp({ authenticate: session.authenticate, csrf: session.verifyCsrf, … });
 */
export interface SessionAuth {
  readonly authenticate: Authenticate;
  /** The login form (GET /login), the login (POST /login) and POST /logout. */
  readonly routes: Hono;
  /** A session cookie value for `actor` (tests, single sign-on bridges). */
  issue(actor: HttpActor): Promise<string>;
  /** The CSRF token of the request's session (put it in forms as `_csrf`, or send it as `X-CSRF-Token`); null without a session. */
  csrfToken(request: Request): Promise<string | null>;
  /**
   * True when the request may change state: it carries no session cookie (bearer clients), or
   * its `X-CSRF-Token` header (or the given form value) matches the session's token and its
   * `Origin`, when present, is the request's own.
   */
  verifyCsrf(request: Request, formToken?: string): Promise<boolean>;
  readonly cookieName: string;
}

interface SessionPayload {
  readonly actor: HttpActor;
  readonly exp: number;
  readonly sid: string;
}


function cookieOf(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/**
 * Builds the signed-cookie session: `login` is the app's password check; the cookie holds
 * the actor, an expiry and a session id, signed with HMAC-SHA256 (HttpOnly, SameSite=Lax).
 * Throws `ValidationError` for a secret shorter than 32 characters.
 *
 * @example
 * const session = createSessionAuth({ secret: 'a-long-random-secret-of-32-chars!!', login: (u, p) => (u === 'w07' && p === 'pw' ? { id: 'w-07', role: 'clerk', tenant: 'taizhou' } : null) });
 */
export function createSessionAuth(options: SessionAuthOptions): SessionAuth {
  if (typeof options.secret !== 'string' || options.secret.length < 32) throw new ValidationError('the session secret must be at least 32 characters: generate one (e.g. openssl rand -base64 48) and keep it out of the repository');
  const { secret } = options;
  const cookieName = options.cookieName ?? 'banshi_session';
  const maxAge = options.maxAgeSeconds ?? 8 * 3600;
  const secure = options.secure ?? true;
  const now = options.now ?? (() => Date.now());
  const home = options.home ?? '/';

  // Read on every request that carries the cookie: the key is prepared once, as for access codes.
  const mac = hmacSigner(secret);
  const sign = async (payload: string) => `${payload}.${mac(`session.${payload}`)}`;
  const read = async (value: string | undefined): Promise<SessionPayload | null> => {
    if (!value || value.length > 4096) return null;
    const dot = value.lastIndexOf('.');
    if (dot <= 0) return null;
    const payload = value.slice(0, dot);
    if (!constantTimeEqual(mac(`session.${payload}`), value.slice(dot + 1))) return null;
    const bytes = fromBase64url(payload);
    if (!bytes) return null;
    try {
      const p = JSON.parse(new TextDecoder().decode(bytes)) as SessionPayload;
      if (!isHttpActor(p.actor) || typeof p.exp !== 'number' || p.exp < now() || typeof p.sid !== 'string') return null;
      return p;
    } catch {
      return null;
    }
  };
  const issue = async (actor: HttpActor) => {
    const sid = base64url(crypto.getRandomValues(new Uint8Array(16)));
    return sign(base64url(new TextEncoder().encode(JSON.stringify({ actor, exp: now() + maxAge * 1000, sid }))));
  };
  const csrfFor = async (sid: string) => mac(`csrf.${sid}`);
  const sameOrigin = (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null) return true;
    try {
      return new URL(origin).host === new URL(request.url).host;
    } catch {
      return false;
    }
  };

  const form = (next: string, csrf: string, error: string | null) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>登录 · banshi</title>
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font-size:1rem}button{margin-top:1rem;padding:.5rem 1.5rem;font-size:1rem}.error{color:#b00020}</style></head>
<body><main><h1>登录</h1>${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/login">
<input type="hidden" name="_csrf" value="${escapeHtml(csrf)}"><input type="hidden" name="next" value="${escapeHtml(next)}">
<label for="username">用户名</label><input id="username" name="username" autocomplete="username" required maxlength="200">
<label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<button type="submit">登录</button></form></main></body></html>`;

  const safeNext = (next: unknown) => (typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : home);
  const loginCookie = `${cookieName}_login`;
  const routes = new Hono();
  routes.get('/login', (c) => {
    const token = base64url(crypto.getRandomValues(new Uint8Array(16)));
    setCookie(c, loginCookie, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/login', maxAge: 900 });
    c.header('Cache-Control', 'no-store');
    return c.html(form(safeNext(c.req.query('next')), token, null));
  });
  routes.post('/login', async (c) => {
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody();
    } catch {
      body = {};
    }
    const expected = getCookie(c, loginCookie);
    const token = typeof body._csrf === 'string' ? body._csrf : '';
    c.header('Cache-Control', 'no-store');
    if (!expected || !constantTimeEqual(expected, token) || !sameOrigin(c.req.raw)) return c.html(form(home, '', '登录表单已过期，请刷新后重试。'), 403);
    const username = typeof body.username === 'string' ? body.username.slice(0, 200) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 200) : '';
    const actor = username && password ? await options.login(username, password) : null;
    if (!actor || !isHttpActor(actor)) {
      const fresh = base64url(crypto.getRandomValues(new Uint8Array(16)));
      setCookie(c, loginCookie, fresh, { httpOnly: true, sameSite: 'Strict', secure, path: '/login', maxAge: 900 });
      return c.html(form(safeNext(body.next), fresh, '用户名或密码不正确。'), 401);
    }
    deleteCookie(c, loginCookie, { path: '/login' });
    setCookie(c, cookieName, await issue(actor), { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge });
    return c.redirect(safeNext(body.next), 303);
  });
  routes.post('/logout', async (c) => {
    const session = await read(getCookie(c, cookieName));
    const given = c.req.header('x-csrf-token') ?? (await c.req.parseBody().catch(() => ({}) as Record<string, unknown>))._csrf;
    if (session && (typeof given !== 'string' || !constantTimeEqual(await csrfFor(session.sid), given))) return c.text('CSRF token missing or wrong', 403);
    deleteCookie(c, cookieName, { path: '/' });
    return c.redirect('/login', 303);
  });

  return {
    cookieName,
    routes,
    issue,
    authenticate: async (request) => (await read(cookieOf(request, cookieName)))?.actor ?? null,
    async csrfToken(request) {
      const s = await read(cookieOf(request, cookieName));
      return s ? csrfFor(s.sid) : null;
    },
    async verifyCsrf(request, formToken) {
      const value = cookieOf(request, cookieName);
      if (value === undefined) return true;
      const s = await read(value);
      if (!s) return true; // an invalid cookie authenticates nobody, so it can forge nothing
      const given = request.headers.get('x-csrf-token') ?? formToken;
      return typeof given === 'string' && constantTimeEqual(await csrfFor(s.sid), given) && sameOrigin(request);
    },
  };
}

/**
 * Options of {@link createBearerAuth}: a table of tokens, or a function that checks one.
 *
 * @example
 * const o: BearerAuthOptions = { tokens: { [process.env.ETL_TOKEN!]: { id: 'etl', role: 'auditor', tenant: 'taizhou' } } };
 */
export interface BearerAuthOptions {
  readonly tokens?: Readonly<Record<string, HttpActor>>;
  readonly verify?: (token: string) => HttpActor | null | Promise<HttpActor | null>;
}

/**
 * `Authorization: Bearer <token>` for machine clients. Tokens from the table are compared by
 * their SHA-256 (the table keeps no token in memory; lookup time does not depend on how much
 * of a guess is right).
 *
 * @example
 * const bearer = await createBearerAuth({ tokens: { 's3cr3t-token-of-the-etl-job': { id: 'etl', role: 'auditor', tenant: 'taizhou' } } });
 */
export async function createBearerAuth(options: BearerAuthOptions): Promise<Authenticate> {
  const byHash = new Map<string, HttpActor>();
  for (const [token, actor] of Object.entries(options.tokens ?? {})) {
    if (token.length < 16) throw new ValidationError('a bearer token must be at least 16 characters');
    if (!isHttpActor(actor)) throw new ValidationError(`the actor of a bearer token is invalid: give { id, role, tenant } with a known role`);
    byHash.set(await sha256(token), actor);
  }
  return async (request) => {
    const header = request.headers.get('authorization');
    const m = header ? /^Bearer ([\x21-\x7e]{1,512})$/.exec(header) : null;
    if (!m) return null;
    const token = m[1] as string;
    const found = byHash.get(await sha256(token));
    if (found) return found;
    const verified = options.verify ? await options.verify(token) : null;
    return verified && isHttpActor(verified) ? verified : null;
  };
}

/**
 * Tries each authenticator in turn; the first actor wins.
 *
 * @example
 * const authenticate = anyOf(bearer, session.authenticate);
 */
export function anyOf(...authenticators: readonly Authenticate[]): Authenticate {
  return async (request) => {
    for (const a of authenticators) {
      const actor = await a(request);
      if (actor) return actor;
    }
    return null;
  };
}
