import { receiveTermsOf } from '@banshi/approval';
import { catalogView, formatPercent, itemVersionOn, publishedAgencies, type CatalogViewState } from '@banshi/catalog';
import { allYears, centerProjection, centerReport, parseCenterConfig, type CenterConfig, type CenterConfigInput, type CenterState } from '@banshi/center-report';
import {
  AppendConditionError,
  canonicalJson,
  createMemoryDocumentTables,
  rebuildDocumentProjection,
  runDocumentProjection,
  ValidationError,
  type Channel,
  type DocumentProjection,
  type DocumentQuery,
  type DocumentTables,
  type EventStore,
  type FieldFilter,
  type Projection,
  type StoredEvent,
} from '@banshi/core';
import { finishAnnualReport, evolvePublicInfo, initialPublicInfoState, type PublicInfoState } from '@banshi/disclosure';
import { Hono, type Context } from 'hono';
import { aggregates, caseView, createEngine, kindOfStream, type AggregateDef, type Engine, type EngineOptions } from '../aggregates/aggregates.js';
import { isHttpActor, publicActor, type Authenticate, type HttpActor } from '../auth/actor.js';
import { maskName } from '../auth/masking.js';
import { commandPermissions, commandScope, queryScope, type AggregateKind, type QueryKey, type Scope } from '../auth/permissions.js';
import { constantTimeEqual, hmacSigner } from '../_lib/crypto.js';
import { systemClock, type BusinessClock } from '../clock/businessClock.js';
import { HttpProblem, toProblem } from '../errors/problem.js';
import { openApiDocument } from '../openapi/openApiDocument.js';
import { caseTasksProjection, disclosureRequestsProjection, type CaseTaskDoc, type DisclosureRequestDoc, type FilerRef } from '../readModels/readModels.js';
import { tradingBoard, type TradingDeal } from '../readModels/tradingBoard.js';
import { publicityBoard, serviceNetwork, surveyBoard, surveyRates, type PublicityBoard, type ServiceNetworkState, type SurveyBatch } from '../readModels/centerRegisters.js';
import { eventsRoute } from '../sse/eventStream.js';
import { readJsonBody } from './body.js';
import { executeCommand, inSpan, type ExecuteResult } from './execute.js';
import { jsonReplacer, liveFold, type LiveFold } from './liveFold.js';
import { returnPreference } from './prefer.js';
import { createRateLimiter } from './rateLimit.js';

/**
 * One center or sub-center served by the app: its own store (isolation is structural: a
 * tenant's routes can only reach its store), optionally document tables in the same database
 * for its read models (default: in memory) and its organisation for the center report.
 *
 * @example
 * const t: TenantConfig = { store: createSqliteStore('taizhou.db', { registry: banshiRegistry }), tables: createSqliteDocumentTables('taizhou.db'), name: '台州市行政服务中心', center: JSON.parse(readFileSync('center.json', 'utf8')) };
 */
export interface TenantConfig {
  readonly store: EventStore;
  readonly tables?: DocumentTables;
  readonly name?: string;
  /** `meta.node` of the events this tenant writes (default: the tenant id). */
  readonly node?: string;
  /**
   * The center this tenant is (`@banshi/center-report`'s `CenterConfig`: name, agency,
   * departments, sub-centers, trading categories), for `GET /reports/center` and the trading
   * board. Checked when the app is created (`CENTER_REPORT_CONFIG_INVALID`, naming the tenant and
   * the field). Omitted: the report says what the tenant's log says.
   */
  readonly center?: CenterConfigInput;
}

/**
 * One line of the access log. It never holds credentials, bodies, actor ids or names, only
 * what an operator needs to see that the service works.
 *
 * @example
 * const l: AccessLogEntry = { requestId: 'r1', method: 'POST', route: '/t/:tenant/cases/:id/commands', status: 201, ms: 4.2, tenant: 'taizhou', role: 'clerk' };
 */
export interface AccessLogEntry {
  readonly requestId: string;
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly ms: number;
  readonly tenant?: string;
  readonly role?: string;
  readonly code?: string;
}

/**
 * Options of {@link createBanshiApp}.
 *
 * @example
 * const o: BanshiAppOptions = { tenants: { taizhou: { store } }, authenticate, secret };
 */
export interface BanshiAppOptions {
  readonly tenants: Readonly<Record<string, TenantConfig>>;
  /** Who is calling (the app's; see `createSessionAuth`, `createBearerAuth`). Null = the public. */
  readonly authenticate: Authenticate;
  /** Signs access codes (at least 32 characters; the session secret may be reused). */
  readonly secret: string;
  /** CSRF check for state-changing requests (e.g. `session.verifyCsrf`); default: none. */
  readonly csrf?: (request: Request) => boolean | Promise<boolean>;
  /** The business date (default: today in Shanghai). */
  readonly clock?: BusinessClock;
  /** The deciders, or options to build them (calendar, approval options). */
  readonly engine?: Engine | EngineOptions;
  readonly limits?: {
    /** Largest command body (default 64 KiB). */
    readonly maxBodyBytes?: number;
    /** How long a body may take to arrive (default 10 s). */
    readonly bodyTimeoutMs?: number;
    /** Commands the public (no login) may send per minute per client (default 10). */
    readonly publicWritesPerMinute?: number;
    /**
     * Failed bearer tokens a client may present per minute (default 10): past that, every request
     * with a bearer token from the client is 429 with `Retry-After`, without the token being checked.
     */
    readonly bearerFailuresPerMinute?: number;
    /** The client a request comes from, for the rate limits (default: the socket's address on Node, else 'unknown'). */
    readonly clientKey?: (c: Context) => string;
  };
  /** Receives one entry per request (default: none). */
  readonly log?: (entry: AccessLogEntry) => void;
  readonly sse?: { readonly heartbeatMs?: number; readonly maxDurationMs?: number; readonly pollIntervalMs?: number };
}

/** A tenant as the running app holds it. */
export interface TenantRuntime {
  readonly id: string;
  readonly config: TenantConfig;
  /** The tenant's center configuration, checked and with its defaults filled in. */
  readonly center?: CenterConfig;
  readonly store: EventStore;
  readonly tables: DocumentTables;
  readonly cases: DocumentProjection<CaseTaskDoc>;
  readonly requests: DocumentProjection<DisclosureRequestDoc>;
  /** Brings a read model up to the log (serialized per model). */
  catchUp(name: 'case_tasks' | 'disclosure_requests'): Promise<number>;
  /** Builds a read model again from the log in a shadow table and swaps it in (one at a time per model). */
  rebuild(name: 'case_tasks' | 'disclosure_requests'): Promise<number>;
  readonly folds: {
    /** Every domain's read models in one pass (`@banshi/center-report`): catalog, register, annual report, statistics. */
    readonly center: LiveFold<CenterState>;
    readonly publicInfo: LiveFold<Map<string, PublicInfoState>>;
    /** Deals and their live notices (公共资源交易 announcements). */
    readonly trading: LiveFold<Map<string, TradingDeal>>;
    /** The item catalog alone (its own event types only), for the terms a case takes from its item. */
    readonly catalog: LiveFold<CatalogViewState>;
    /** The center and its sub-centers with what each wrote to the log (便民服务联网协作). */
    readonly network: LiveFold<ServiceNetworkState>;
    /** Satisfaction survey batches (征求意见表, 满意度测评). */
    readonly surveys: LiveFold<Map<string, SurveyBatch>>;
    /** Reform publicity and printed publications (审改宣传, 服务手册, 服务指南). */
    readonly publicity: LiveFold<PublicityBoard>;
  };
}

/**
 * The service: a Hono app to mount or serve, its tenants, and the engine.
 *
 * @example
 * const banshi = createBanshiApp({ tenants: { taizhou: { store } }, authenticate, secret });
 * serve({ fetch: banshi.app.fetch, hostname: '127.0.0.1', port: 8080 });
 */
export interface BanshiApp {
  readonly app: Hono;
  readonly engine: Engine;
  readonly clock: BusinessClock;
  tenant(id: string): TenantRuntime | undefined;
  readonly tenants: readonly TenantRuntime[];
  /** The access code of a stream (printed on the receipt: it lets the applicant follow a case filed at the window). */
  accessCode(tenant: string, stream: string): Promise<string>;
  close(): Promise<void>;
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
/** Commands that create their target: an outside party's makes it theirs, and a command starts from an empty stream. */
const creating = new Set(['Receive', 'ReceiveRequest', 'SubmitAgency', 'PublishReformPiece', 'RegisterPublication']);
const TENANT_RE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
/** How often a Receive is decided again when the catalog changed under it (AppendConditionError); then 409. */
const CATALOG_ATTEMPTS = 3;
const kinds = Object.keys(commandPermissions) as AggregateKind[];

const publicInfoFold: Projection<Map<string, PublicInfoState>> = {
  name: 'http.publicInfo',
  init: () => new Map(),
  apply(state, e) {
    // By event type, not stream prefix: a log written elsewhere (the Taizhou generator's `info-…`
    // streams) names its items' streams its own way, and its items are published all the same.
    if (!e.type.startsWith('PublicInfo')) return state;
    state.set(e.stream, evolvePublicInfo(state.get(e.stream) ?? initialPublicInfoState, e as never));
    return state;
  },
};

/** Whether every number in parsed JSON is finite (JSON.parse gives Infinity for a literal such as 1e400). */
function finiteNumbersOnly(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (!finiteNumbersOnly(v)) return false;
  return true;
}

/**
 * A `Receive` with the terms of its item's catalog version in force on the receipt date (行政许可法 第四十二条: an item's
 * own statutory limit and its basis travel with it): the statutory limit is the catalog's, never the body's; handling,
 * promised limit and required visits fill what the body leaves out. An item the tenant's catalog does not hold (or a
 * malformed date, which the schema then refuses) leaves the body as it is.
 */
function withCatalogTerms(catalog: CatalogViewState, body: Record<string, unknown>): Record<string, unknown> {
  const { itemCode, on } = body;
  if (typeof itemCode !== 'string' || typeof on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(on)) return body;
  let version: ReturnType<typeof itemVersionOn>;
  try {
    version = itemVersionOn(catalog, itemCode, on);
  } catch {
    return body;
  }
  if (!version) return body;
  const { statutoryLimit, ...terms } = receiveTermsOf(version.elements);
  const { statutoryLimit: _fromBody, ...rest } = body;
  return { ...terms, ...rest, ...(statutoryLimit ? { statutoryLimit } : {}) };
}

/**
 * Builds the banshi HTTP service (routes under `/t/{tenant}/…`, `GET /openapi.json`). Throws
 * `ValidationError` for a bad tenant id or a short secret.
 *
 * @example
 * const banshi = createBanshiApp({ tenants: { taizhou: { store } }, authenticate: session.authenticate, csrf: session.verifyCsrf, secret });
 * hall.route('/api', banshi.app);
 */
export function createBanshiApp(options: BanshiAppOptions): BanshiApp {
  if (typeof options.secret !== 'string' || options.secret.length < 32) throw new ValidationError('the app secret must be at least 32 characters (it signs access codes)');
  const engine: Engine = options.engine && 'approval' in options.engine && 'proactive' in options.engine ? options.engine : createEngine((options.engine as EngineOptions | undefined) ?? {});
  const defs = aggregates(engine);
  const clock = options.clock ?? systemClock();
  const maxBodyBytes = options.limits?.maxBodyBytes ?? 64 * 1024;
  const bodyTimeoutMs = options.limits?.bodyTimeoutMs ?? 10_000;
  const limiter = createRateLimiter({ perMinute: options.limits?.publicWritesPerMinute ?? 10 });
  const bearerFailures = createRateLimiter({ perMinute: options.limits?.bearerFailuresPerMinute ?? 10 });
  const clientKey =
    options.limits?.clientKey ??
    ((c: Context) => {
      const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
      return incoming?.socket?.remoteAddress ?? 'unknown';
    });

  const runtimes = new Map<string, TenantRuntime>();
  for (const [id, config] of Object.entries(options.tenants)) {
    if (!TENANT_RE.test(id)) throw new ValidationError(`tenant id ${JSON.stringify(id)} is invalid: use 1–40 characters of a–z, 0–9, _ and -`);
    const center = config.center === undefined ? undefined : parseCenterConfig(config.center, `the center configuration of tenant "${id}"`);
    const tables = config.tables ?? createMemoryDocumentTables();
    const cases = caseTasksProjection(engine);
    const requests = disclosureRequestsProjection(engine);
    const projectionOf = (name: 'case_tasks' | 'disclosure_requests') => (name === 'case_tasks' ? cases : requests) as DocumentProjection<unknown>;
    /** Runs `work` for a model unless one is running: then its callers share that one. */
    const oneAtATime = (running: Map<string, Promise<number>>, span: string, work: (p: DocumentProjection<unknown>) => Promise<{ position: number }>) => (name: 'case_tasks' | 'disclosure_requests') => {
      const current = running.get(name);
      if (current) return current;
      const p = inSpan(span, { 'banshi.tenant': id, 'banshi.projection': name }, async () => (await work(projectionOf(name))).position).finally(() => running.delete(name));
      running.set(name, p);
      return p;
    };
    const catchUp = oneAtATime(new Map(), 'banshi.projection', (p) => runDocumentProjection(config.store, tables, p));
    // Readers keep the old table until the new one is swapped in.
    const rebuild = oneAtATime(new Map(), 'banshi.projection.rebuild', (p) => rebuildDocumentProjection(config.store, tables, p));
    runtimes.set(id, {
      id,
      config,
      ...(center ? { center } : {}),
      store: config.store,
      tables,
      cases,
      requests,
      catchUp,
      rebuild,
      folds: {
        center: liveFold(config.store, centerProjection),
        publicInfo: liveFold(config.store, publicInfoFold),
        trading: liveFold(config.store, tradingBoard),
        catalog: liveFold(config.store, catalogView),
        network: liveFold(config.store, serviceNetwork),
        surveys: liveFold(config.store, surveyBoard),
        publicity: liveFold(config.store, publicityBoard),
      },
    });
  }

  const signAccess = hmacSigner(options.secret);
  const accessCodeOf = (tenant: string, stream: string) => signAccess(`access.${tenant}.${stream}`).slice(0, 16);
  const accessCode = async (tenant: string, stream: string) => accessCodeOf(tenant, stream);

  type Vars = { actor: HttpActor; tenant: TenantRuntime; requestId: string };
  /** Responses built with their request id already in their headers (see `jsonAnswer`). */
  const withRequestId = new WeakSet<Response>();
  const app = new Hono<{ Variables: Vars }>();

  let counter = 0;
  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = `${Date.now().toString(36)}-${(counter++).toString(36)}`;
    c.set('requestId', requestId);
    await next();
    // On the finished response's own headers: c.header() after the handler would copy the
    // response into a new one with a streamed body (a tenth of a command's time).
    if (!withRequestId.has(c.res)) {
      try {
        c.res.headers.set('X-Request-Id', requestId);
      } catch {
        c.header('X-Request-Id', requestId);
      }
    }
    if (options.log) {
      const actor = c.get('actor') as HttpActor | undefined;
      const code = c.res.status >= 400 ? c.res.headers.get('x-problem-code') : null;
      options.log({
        requestId,
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(actor ? { tenant: actor.tenant, role: actor.role } : {}),
        ...(code ? { code } : {}),
      });
    }
  });

  const problem = (c: Context, err: unknown) => {
    const p = toProblem(err, new URL(c.req.url).pathname);
    const headers: Record<string, string> = { 'content-type': 'application/problem+json', 'x-problem-code': p.code };
    if (p.status === 429 && typeof p.retryAfterSeconds === 'number') headers['retry-after'] = String(p.retryAfterSeconds);
    if (p.status === 401) headers['www-authenticate'] = 'Bearer error="invalid_token"';
    return new Response(JSON.stringify(p), { status: p.status, headers });
  };
  app.onError((err, c) => problem(c, err));
  app.notFound((c) => problem(c, new HttpProblem(404, 'HTTP_NOT_FOUND', `no route ${c.req.method} ${new URL(c.req.url).pathname.slice(0, 200)}: see /openapi.json`)));

  app.get('/openapi.json', (c) => c.json(openApiDocument(defs)));
  app.get('/health', (c) => c.json({ ok: true, tenants: [...runtimes.keys()] }));

  const t = new Hono<{ Variables: Vars }>();
  t.use('*', async (c, next) => {
    const id = c.req.param('tenant') ?? '';
    const tenant = runtimes.get(id);
    if (!tenant) throw new HttpProblem(404, 'HTTP_TENANT_NOT_FOUND', `no center or sub-center "${id.slice(0, 40)}" is served here`);
    // A machine client guessing tokens gets a bounded number of tries per minute (per client, across tenants).
    const bearer = /^bearer\s/i.test(c.req.header('authorization') ?? '');
    const client = bearer ? clientKey(c) : '';
    if (bearer) {
      const r = bearerFailures.check(client);
      if (!r.ok) throw new HttpProblem(429, 'HTTP_RATE_LIMITED', `too many failed bearer tokens from this client: try again in ${r.retryAfterSeconds} s`, { retryAfterSeconds: r.retryAfterSeconds });
    }
    let actor: HttpActor | null;
    try {
      actor = await options.authenticate(c.req.raw);
    } catch {
      actor = null;
    }
    if (actor !== null && !isHttpActor(actor)) throw new HttpProblem(401, 'HTTP_UNAUTHENTICATED', 'the credentials did not name a valid actor: log in again');
    if (bearer && actor === null) {
      bearerFailures.take(client);
      throw new HttpProblem(401, 'HTTP_UNAUTHENTICATED', 'the bearer token is not valid: check the token, or send no Authorization header to act as the public');
    }
    const who = actor ?? publicActor(id);
    c.set('actor', who);
    if (who.role !== 'public' && who.tenant !== id) throw new HttpProblem(403, 'HTTP_TENANT_FORBIDDEN', `your account belongs to ${who.tenant}, not ${id}: log in to that center`);
    c.set('tenant', tenant);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && options.csrf && !(await options.csrf(c.req.raw))) {
      throw new HttpProblem(403, 'HTTP_CSRF', 'the X-CSRF-Token header is missing or wrong for this session: reload the page and try again');
    }
    await next();
  });

  /** Whether the actor owns the target: it filed it, it is the applicant an agent filed it for, or it presents the target's access code. */
  const owns = (c: Context<{ Variables: Vars }>, stream: string, filer: FilerRef | null, principal: string | null = null): boolean => {
    const actor = c.get('actor');
    if (filer && actor.role !== 'public' && filer.id === actor.id && filer.role === actor.role) return true;
    if (principal !== null && actor.role === 'applicant' && principal === actor.id) return true;
    const code = c.req.header('banshi-access-code') ?? c.req.query('code');
    return typeof code === 'string' && code.length <= 64 && constantTimeEqual(accessCodeOf(c.get('tenant').id, stream), code);
  };
  /** The applicant's account a receipt named (`CaseReceived.applicant.id`): an agent files on that applicant's behalf. */
  const principalOf = (history: readonly StoredEvent[]): string | null => {
    const id = (history[0]?.data as { applicant?: { id?: unknown } } | undefined)?.applicant?.id;
    return history[0]?.type === 'CaseReceived' && typeof id === 'string' ? id : null;
  };
  const filerOf = (history: readonly StoredEvent[]): FilerRef | null => {
    const a = history[0]?.meta.actor;
    return a && (a.role === 'applicant' || a.role === 'public' || a.role === 'agency') ? { id: a.id, role: a.role } : null;
  };
  /**
   * A JSON answer whose headers, the request id among them, are a plain record: @hono/node-server
   * writes it without building a Headers object, which `c.json` with a second header and the
   * request id set afterwards did (about 8 µs and 2.5 KB a command).
   */
  const jsonAnswer = (c: Context<{ Variables: Vars }>, body: unknown, status: number, headers: Record<string, string>): Response => {
    const res = new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-request-id': c.get('requestId'), ...headers } });
    withRequestId.add(res);
    return res;
  };
  const forbidden = (detail: string, basis: string | null = null) => new HttpProblem(403, 'HTTP_FORBIDDEN', detail, basis ? { rule: { basis } } : {});

  /** Checks a scope against a target's state; throws 403. */
  const checkScope = (c: Context<{ Variables: Vars }>, scope: Scope, def: AggregateDef, stream: string, state: unknown, history: readonly StoredEvent[], what: string): void => {
    const actor = c.get('actor');
    switch (scope) {
      case 'any':
        return;
      case 'own':
        if (history.length === 0 || owns(c, stream, filerOf(history), principalOf(history))) return;
        throw forbidden(`${what}: a ${actor.role} may act only on what it filed itself (or with the receipt's access code)`);
      case 'department': {
        const d = (state as { data?: { department?: string; review?: { departments: readonly string[] } | null } }).data;
        if (d && actor.department !== undefined && (d.department === actor.department || d.review?.departments.includes(actor.department))) return;
        throw forbidden(`${what}: this case is not one of ${actor.department ?? 'your department'}'s`);
      }
      case 'nonJoint':
      case 'joint': {
        const handling = (state as { data?: { handling?: string } }).data?.handling;
        if ((handling === 'joint') === (scope === 'joint')) return;
        throw forbidden(
          scope === 'joint'
            ? `${what}: only a jointly handled case's extension is approved by 本级人民政府负责人; this case is handled by one organ, whose head approves it (行政许可法 第四十二条第一款)`
            : `${what}: a jointly handled case's extension needs 本级人民政府负责人 (行政许可法 第四十二条第二款), not the organ head`,
          '行政许可法 第四十二条',
        );
      }
      case 'published':
        if (def.published(state)) return;
        throw new HttpProblem(404, 'HTTP_NOT_FOUND', `${what}: nothing published under this id`);
    }
  };

  const parseIfMatch = (value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
    if (!m) throw new HttpProblem(400, 'HTTP_BAD_IF_MATCH', `If-Match must be the stream version the client saw, as in If-Match: "3" (got ${JSON.stringify(value.slice(0, 40))})`);
    return Number(m[1]);
  };
  const idempotencyKey = (value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    if (!/^[\x21-\x7e]{1,200}$/.test(value)) throw new HttpProblem(400, 'HTTP_BAD_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1–200 visible ASCII characters, e.g. a UUID');
    return value;
  };
  const pathId = (c: Context) => {
    const id = c.req.param('id') ?? '';
    if (!ID_RE.test(id)) throw new HttpProblem(404, 'HTTP_NOT_FOUND', 'ids are 1–100 characters of A–Z a–z 0–9 _ . : -');
    return id;
  };
  const channelFor = (actor: HttpActor, body: Record<string, unknown>): Channel => {
    if (actor.role === 'system') return 'system';
    if (actor.role === 'applicant' || actor.role === 'public' || actor.role === 'agency') return 'online';
    const ch = body.channel;
    return ch === 'window' || ch === 'online' || ch === 'mail' || ch === 'agent' || ch === 'system' ? ch : 'window';
  };

  for (const kind of kinds) {
    const def = defs[kind];
    const readKey = `${kind}.read` as QueryKey;

    t.post(`/${kind}/:id/commands`, async (c) => {
      const actor = c.get('actor');
      const tenant = c.get('tenant');
      const id = pathId(c);
      const ifMatch = parseIfMatch(c.req.header('if-match'));
      const key = idempotencyKey(c.req.header('idempotency-key'));
      const raw = await readJsonBody(c.req.raw, { maxBytes: maxBodyBytes, timeoutMs: bodyTimeoutMs });
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new HttpProblem(422, 'HTTP_VALIDATION', 'the body must be a JSON object with a "type"');
      // What the Idempotency-Key stands for: the body's canonical JSON. Without a key the command id
      // is fresh and nothing can repeat it, so only the check that the body is plain data runs.
      let fingerprint = '';
      try {
        if (key !== undefined || !finiteNumbersOnly(raw)) fingerprint = canonicalJson(raw);
      } catch (err) {
        throw new HttpProblem(400, 'HTTP_BODY_NOT_JSON', `the body cannot be read as plain JSON data (${(err as Error).message.slice(0, 120)}): send finite numbers`);
      }
      const type = (raw as { type?: unknown }).type;
      if (typeof type !== 'string' || !Object.hasOwn(commandPermissions[kind], type)) {
        throw new HttpProblem(422, 'HTTP_UNKNOWN_COMMAND', `"type" must be one of ${Object.keys(commandPermissions[kind]).join(', ')}`);
      }
      const scope = commandScope(kind, type, actor.role);
      const row = (commandPermissions[kind] as Record<string, { basis: string | null }>)[type];
      if (scope === undefined) throw forbidden(`a ${actor.role} may not send ${type}`, row?.basis ?? null);
      if (actor.role === 'public') {
        const r = limiter.take(`${tenant.id}:${clientKey(c)}`);
        if (!r.ok) throw new HttpProblem(429, 'HTTP_RATE_LIMITED', `too many requests from this client: try again in ${r.retryAfterSeconds} s`, { retryAfterSeconds: r.retryAfterSeconds });
      }
      const given = def.fromActor(raw as Record<string, unknown>, actor, clock.today());
      const stream = def.stream(id);
      const commandId = key ?? `http-${crypto.randomUUID()}`;
      // A Receive takes its item's terms from the catalog (第四十二条). On a store that checks append
      // conditions the catalog fold is not checked against the log's head first: the append carries
      // the condition that no catalog event came after the fold's position, checked atomically with
      // the write, so a catalog change another process commits while this command is decided is
      // never missed; a refusal reads the catalog and decides again.
      const catalogFold = kind === 'cases' && type === 'Receive' ? tenant.folds.catalog : undefined;
      const catalogTypes = tenant.store.appendConditions === true ? catalogFold?.types : undefined;
      let result: ExecuteResult | undefined;
      for (let attempt = 1; result === undefined; attempt++) {
        const catalog = catalogFold ? await catalogFold.snapshot(catalogTypes === undefined || attempt > 1) : undefined;
        const body = catalog ? withCatalogTerms(catalog.state, given) : given;
        if (def.idField && Object.hasOwn(body, def.idField) && body[def.idField] !== id) {
          throw new HttpProblem(422, 'HTTP_ID_MISMATCH', `${def.idField} in the body (${JSON.stringify(body[def.idField]).slice(0, 80)}) must be the id in the path (${id})`);
        }
        const parsed = def.schema.safeParse(body);
        if (!parsed.success) {
          throw new HttpProblem(422, 'HTTP_VALIDATION', `the ${type} command is invalid: nothing was written. Fix the listed fields and send it again.`, {
            issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })),
          });
        }
        if (kind === 'cases' && type === 'RecordOpinion' && actor.role === 'reviewer' && (parsed.data as { department?: string }).department !== actor.department) {
          throw forbidden(`a reviewer of ${actor.department ?? '—'} may record only its own department's opinion`);
        }
        const condition = catalog && catalogTypes ? { types: catalogTypes, after: catalog.position } : undefined;
        try {
          result = await inSpan('banshi.command', { 'banshi.tenant': tenant.id, 'banshi.aggregate': kind, 'banshi.command': type, 'banshi.stream': stream }, () =>
            executeCommand({
              store: tenant.store,
              stream,
              decider: def.decider,
              command: parsed.data,
              actor,
              commandId,
              // The key stands for this body: the same key with another body is refused (422), not replayed.
              fingerprint,
              ...(ifMatch !== undefined ? { expectedVersion: ifMatch } : {}),
              ...(condition ? { condition } : {}),
              channel: channelFor(actor, body),
              creates: creating.has(type),
              node: tenant.config.node ?? tenant.id,
              ...(def.calendarVersion !== undefined ? { calendarVersion: def.calendarVersion } : {}),
              authorize: (state, history) => {
                // A creating command by an outside party makes the target theirs; one that exists already is someone else's.
                if (scope === 'own' && history.length > 0 && creating.has(type)) throw forbidden(`${stream} already exists`);
                checkScope(c, scope, def, stream, state, history, `${type} on ${stream}`);
              },
            }),
          );
        } catch (err) {
          if (!(err instanceof AppendConditionError) || attempt >= CATALOG_ATTEMPTS) throw err;
          continue;
        }
        // The store found no catalog event between the fold's position and this command's events.
        const first = result.events[0];
        if (condition && catalogFold && first && !result.duplicate) catalogFold.checked(condition.after, first.position - 1);
      }
      // The tenant's live folds move past these without reading them back (the catalog's, read by the next Receive).
      if (!result.duplicate) for (const fold of Object.values(tenant.folds)) fold.observe(result.events);
      const created = result.version === result.events.length && !result.duplicate && result.events.length > 0;
      const status = result.duplicate ? 200 : created ? 201 : 200;
      const headers: Record<string, string> = { etag: `"${result.version}"`, ...(result.duplicate ? { 'idempotent-replayed': 'true' } : {}) };
      const prefer = returnPreference(c.req.header('prefer'));
      if (prefer !== undefined) headers['preference-applied'] = `return=${prefer}`;
      const receipt = created ? { accessCode: accessCodeOf(tenant.id, stream) } : {};
      // RFC 7240 return=minimal: what the client needs to go on (the version for If-Match, the receipt's access code), no state.
      if (prefer === 'minimal') {
        if (status === 201) headers.location = c.req.path.slice(0, -'/commands'.length);
        return jsonAnswer(c, { stream, commandId: result.commandId, version: result.version, duplicate: result.duplicate, ...receipt }, status, headers);
      }
      return jsonAnswer(
        c,
        {
          stream,
          commandId: result.commandId,
          version: result.version,
          duplicate: result.duplicate,
          events: result.events.map((e) => ({ id: e.id, position: e.position, version: e.version, type: e.type, data: e.data })),
          ...receipt,
          state: def.view(result.state, result.history, { today: clock.today(), mask: actor.role === 'public' }),
        },
        status,
        headers,
      );
    });

    t.get(`/${kind}/:id`, async (c) => {
      const actor = c.get('actor');
      const tenant = c.get('tenant');
      const id = pathId(c);
      const scope = queryScope(readKey, actor.role);
      if (scope === undefined) throw forbidden(`a ${actor.role} may not read ${kind}`);
      const stream = def.stream(id);
      const history = await tenant.store.readStream(stream);
      if (history.length === 0) throw new HttpProblem(404, 'HTTP_NOT_FOUND', `${stream} does not exist`);
      let state = def.decider.initialState;
      for (const e of history) state = def.decider.evolve(state, e);
      checkScope(c, scope, def, stream, state, history, `reading ${stream}`);
      const version = history.length;
      c.header('ETag', `"${version}"`);
      const staff = scope === 'any' || scope === 'department';
      return c.json({ stream, version, ...(staff ? { accessCode: accessCodeOf(tenant.id, stream) } : {}), ...def.view(state, history, { today: clock.today(), mask: scope === 'published' }) });
    });
  }

  /** Parses list query parameters into a DocumentQuery over `fields`. */
  const listQuery = (c: Context, fields: readonly string[]): DocumentQuery => {
    const where: Record<string, FieldFilter> = {};
    const q = c.req.query();
    for (const f of fields) {
      const v = q[f];
      if (v === undefined) continue;
      const values = v.split(',').slice(0, 100).map((x) => (f === 'open' ? Number(x) : x));
      where[f] = values.length === 1 ? (values[0] as string | number) : { in: values };
    }
    for (const [suffix, op] of [
      ['_from', 'gte'],
      ['_to', 'lte'],
    ] as const) {
      for (const f of fields) {
        const v = q[f + suffix];
        if (v !== undefined) where[f] = { ...((where[f] as object | undefined) ?? {}), [op]: v };
      }
    }
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    return { where, ...(q.orderBy ? { orderBy: q.orderBy } : {}), descending: q.descending === 'true', ...(q.after ? { after: q.after } : {}), limit };
  };

  t.get('/cases', async (c) => {
    const actor = c.get('actor');
    const tenant = c.get('tenant');
    const scope = queryScope('cases.list', actor.role);
    if (scope === undefined) throw forbidden(`a ${actor.role} may not list cases`);
    const query = listQuery(c, Object.keys(tenant.cases.fields));
    const where: Record<string, FieldFilter> = { ...query.where };
    // An applicant's own cases: those it filed (as applicant or as an agent), or with ?party=principal those filed for it.
    if (scope === 'own') {
      delete where.principal;
      if (c.req.query('party') === 'principal') where.principal = `${actor.role}:${actor.id}`;
      else where.filer = `${actor.role}:${actor.id}`;
    }
    if (scope === 'department') where.department = actor.department ?? '';
    await tenant.catchUp('case_tasks');
    const page = await tenant.tables.find<CaseTaskDoc>('case_tasks', { ...query, where });
    const today = clock.today();
    return c.json({
      items: page.items.map((x) => ({ stream: x.id, clerk: x.doc.clerk, ...caseView(engine, x.doc.state, { today, mask: false }), timeline: undefined })),
      next: page.next,
      position: page.position,
    });
  });

  t.get('/disclosure-requests', async (c) => {
    const actor = c.get('actor');
    const tenant = c.get('tenant');
    const scope = queryScope('disclosure-requests.list', actor.role);
    if (scope === undefined) throw forbidden(`a ${actor.role} may not list disclosure requests`);
    const query = listQuery(c, Object.keys(tenant.requests.fields));
    const where: Record<string, FieldFilter> = { ...query.where };
    if (scope === 'own') where.filer = `${actor.role}:${actor.id}`;
    await tenant.catchUp('disclosure_requests');
    const page = await tenant.tables.find<DisclosureRequestDoc>('disclosure_requests', { ...query, where });
    return c.json({ items: page.items.map((x) => ({ stream: x.id, ...x.doc.state, applicant: x.doc.applicant, dueDate: x.doc.dueDate })), next: page.next, position: page.position });
  });

  t.get('/public-info', async (c) => {
    const actor = c.get('actor');
    const scope = queryScope('public-info.read', actor.role);
    if (scope === undefined) throw forbidden(`a ${actor.role} may not read public information`);
    const all = await c.get('tenant').folds.publicInfo.read();
    const category = c.req.query('category');
    const year = c.req.query('year');
    const items = [...all.values()]
      .filter((s) => scope !== 'published' || s.status === 'published')
      .filter((s) => category === undefined || s.category === category)
      .filter((s) => year === undefined || (s.publishedOn ?? s.formedOn ?? '').startsWith(year));
    return c.json({ items });
  });

  t.get('/catalog', async (c) => {
    const actor = c.get('actor');
    if (queryScope('items.read', actor.role) === undefined) throw forbidden(`a ${actor.role} may not read the catalog`);
    const view = allYears((await c.get('tenant').folds.center.read()).catalog);
    const on = c.req.query('on') ?? clock.today();
    const items = [...view.items.values()].map((item) => ({ ...item, inForce: [...item.versions].reverse().find((v) => v.effectiveFrom <= on) ?? null }));
    return c.body(JSON.stringify({ on, items }, jsonReplacer), 200, { 'content-type': 'application/json' });
  });

  t.get('/intermediaries', async (c) => {
    const actor = c.get('actor');
    const scope = queryScope('intermediaries.read', actor.role);
    if (scope === undefined) throw forbidden(`a ${actor.role} may not read the intermediary register`);
    const reg = allYears((await c.get('tenant').folds.center.read()).agencies);
    const items = scope === 'any' || scope === 'department' ? [...reg.agencies.values()] : scope === 'own' ? [...reg.agencies.values()].filter((a) => a.agencyId === actor.id) : publishedAgencies(reg);
    return c.body(JSON.stringify({ counts: scope === 'any' ? reg.counts : undefined, items }, jsonReplacer), 200, { 'content-type': 'application/json' });
  });

  t.get('/reports/disclosure/:year', async (c) => {
    const actor = c.get('actor');
    if (queryScope('reports.disclosure', actor.role) === undefined) throw forbidden(`a ${actor.role} may not read the annual report`);
    const year = Number(c.req.param('year'));
    if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new HttpProblem(400, 'HTTP_BAD_YEAR', 'the year must be a four-digit year from 2008 on');
    const state = (await c.get('tenant').folds.center.read()).disclosure;
    const agency = c.req.query('agency');
    return c.json(finishAnnualReport(state, { year, ...(agency ? { agency: agency.slice(0, 200) } : {}) }));
  });

  t.get('/trading', async (c) => {
    const actor = c.get('actor');
    if (queryScope('trading.read', actor.role) === undefined) throw forbidden(`a ${actor.role} may not read the trading board`);
    const year = Number(c.req.query('year') ?? clock.today().slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new HttpProblem(400, 'HTTP_BAD_YEAR', 'year must be a four-digit year');
    const tenant = c.get('tenant');
    const report = centerReport(await tenant.folds.center.read(), { year, ...(tenant.center ? { center: tenant.center } : {}) });
    const y = String(year);
    // A configured center prints its own category labels on the deals as in the statistics.
    const labels = new Map((tenant.center?.tradingCategories ?? []).map((t) => [t.code, t.label]));
    const deals = [...(await tenant.folds.trading.read()).values()]
      .filter((d) => d.registeredOn.startsWith(y) || (d.concludedOn ?? '').startsWith(y))
      .map((d) => ({ ...d, label: labels.get(d.category) ?? d.label }))
      .sort((a, b) => (a.registeredOn < b.registeredOn ? 1 : a.registeredOn > b.registeredOn ? -1 : a.dealId < b.dealId ? -1 : 1));
    const category = c.req.query('category');
    const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 100) || 100, 1), 500);
    return c.json({ year, statistics: report.trading, notices: report.notices, deals: deals.filter((d) => category === undefined || d.category === category).slice(0, limit), total: deals.length });
  });

  const yearParam = (c: Context) => {
    const year = Number(c.req.query('year') ?? clock.today().slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new HttpProblem(400, 'HTTP_BAD_YEAR', 'year must be a four-digit year');
    return String(year);
  };
  const rate = (r: [number, number] | null) => (r === null ? '—' : formatPercent(r[0], r[1]));

  t.get('/network', async (c) => {
    const actor = c.get('actor');
    if (queryScope('network.read', actor.role) === undefined) throw forbidden(`a ${actor.role} may not read the service network`);
    const year = yearParam(c);
    const state = await c.get('tenant').folds.network.read();
    const order = { center: 0, subCenter: 1, unregistered: 2 } as const;
    const nodes = [...state.nodes.values()]
      .sort((a, b) => order[a.kind] - order[b.kind] || (a.openedOn ?? '').localeCompare(b.openedOn ?? '')) // stable: the registry's opening order
      .map((n) => ({ nodeId: n.nodeId, name: n.name, domain: n.domain, kind: n.kind, openedOn: n.openedOn, closedOn: n.closedOn, events: n.events, lastOn: n.lastOn, received: n.years[year]?.received ?? 0, decided: n.years[year]?.decided ?? 0 }));
    return c.json({ year: Number(year), center: state.center, nodes });
  });

  t.get('/surveys', async (c) => {
    const actor = c.get('actor');
    if (queryScope('surveys.list', actor.role) === undefined) throw forbidden(`a ${actor.role} may not read the survey results`);
    const batches = [...(await c.get('tenant').folds.surveys.read()).values()].sort((a, b) => (a.issuedOn < b.issuedOn ? 1 : a.issuedOn > b.issuedOn ? -1 : a.surveyId.localeCompare(b.surveyId)));
    const total = { forms: 0, returned: 0, ratings: { 非常满意: 0, 满意: 0, 基本满意: 0, 不满意: 0, 非常不满意: 0 } };
    for (const b of batches) {
      total.forms += b.forms;
      total.returned += b.returned;
      for (const k of Object.keys(total.ratings) as (keyof typeof total.ratings)[]) total.ratings[k] += b.ratings[k];
    }
    const withRates = <B extends Pick<SurveyBatch, 'forms' | 'returned' | 'ratings'>>(b: B) => {
      const r = surveyRates(b);
      return { ...b, satisfied: r.satisfied, returnRate: rate(r.returnRate), satisfactionRate: rate(r.satisfactionRate) };
    };
    return c.json({ batches: batches.map(withRates), total: withRates(total) });
  });

  t.get('/publicity', async (c) => {
    const actor = c.get('actor');
    if (queryScope('publicity.read', actor.role) === undefined) throw forbidden(`a ${actor.role} may not read the center's publicity`);
    const year = c.req.query('year') === undefined ? null : yearParam(c);
    const board = await c.get('tenant').folds.publicity.read();
    const inYear = (d: string) => year === null || d.startsWith(year);
    const pieces = [...board.pieces.values()].filter((p) => inYear(p.publishedOn)).sort((a, b) => (a.publishedOn < b.publishedOn ? 1 : a.publishedOn > b.publishedOn ? -1 : a.pieceId.localeCompare(b.pieceId)));
    const publications = [...board.publications.values()].filter((p) => inYear(p.registeredOn) || p.prints.some((x) => inYear(x.printedOn)));
    const adopted: Record<string, number> = {};
    for (const p of pieces) if (p.adopted) adopted[p.adopted.outlet] = (adopted[p.adopted.outlet] ?? 0) + 1;
    const copies = (kind: 'handbook' | 'serviceGuide') => publications.filter((p) => p.kind === kind).reduce((n, p) => n + p.prints.filter((x) => inYear(x.printedOn)).reduce((m, x) => m + x.copies, 0), 0);
    return c.json({
      year: year === null ? null : Number(year),
      figures: { portalArticles: pieces.filter((p) => p.kind === 'portalArticle').length, briefings: pieces.filter((p) => p.kind === 'briefing').length, adopted, handbookCopies: copies('handbook'), serviceGuideCopies: copies('serviceGuide') },
      pieces,
      publications,
    });
  });

  t.get('/reports/center', async (c) => {
    const actor = c.get('actor');
    if (queryScope('reports.center', actor.role) === undefined) throw forbidden(`a ${actor.role} may not read the center statistics`);
    const year = Number(c.req.query('year') ?? clock.today().slice(0, 4));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new HttpProblem(400, 'HTTP_BAD_YEAR', 'year must be a four-digit year');
    const agency = c.req.query('agency');
    const centerId = c.req.query('center');
    const { center } = c.get('tenant');
    if (center && centerId !== undefined && centerId !== center.centerId) {
      throw new HttpProblem(400, 'HTTP_BAD_CENTER', `this tenant is the center ${JSON.stringify(center.centerId)} by its configuration: leave out center= or ask the other center's own tenant`);
    }
    const report = centerReport(await c.get('tenant').folds.center.read(), {
      year,
      ...(center ? { center } : centerId ? { centerId: centerId.slice(0, 100) } : {}),
      ...(agency ? { agency: agency.slice(0, 200) } : {}),
    });
    return c.body(JSON.stringify(report, jsonReplacer), 200, { 'content-type': 'application/json' });
  });

  t.post('/read-models/:name/rebuild', async (c) => {
    const actor = c.get('actor');
    if (queryScope('read-models.rebuild', actor.role) === undefined) throw forbidden(`a ${actor.role} may not rebuild read models`);
    const tenant = c.get('tenant');
    const name = c.req.param('name');
    if (name !== 'case_tasks' && name !== 'disclosure_requests') throw new HttpProblem(404, 'HTTP_NOT_FOUND', 'read models: case_tasks, disclosure_requests');
    const position = await tenant.rebuild(name);
    return c.json({ name, position });
  });

  eventsRoute(t, {
    heartbeatMs: options.sse?.heartbeatMs ?? 15_000,
    maxDurationMs: options.sse?.maxDurationMs ?? 10 * 60_000,
    pollIntervalMs: options.sse?.pollIntervalMs ?? 500,
    canSee: async (c, scope, e, cache) => {
      const actor = c.get('actor');
      const kind = kindOfStream(e.stream);
      switch (scope) {
        case 'any':
          return true;
        case 'department': {
          if (kind !== 'cases') return false;
          let dept = cache.get(e.stream);
          if (dept === undefined) {
            const first = (await c.get('tenant').store.readStream(e.stream, { toVersion: 1 }))[0];
            dept = (first?.data as { department?: string } | undefined)?.department ?? '';
            cache.set(e.stream, dept);
          }
          return dept === actor.department;
        }
        case 'own': {
          let filer = cache.get(e.stream);
          if (filer === undefined) {
            const first = (await c.get('tenant').store.readStream(e.stream, { toVersion: 1 }))[0];
            filer = first ? `${first.meta.actor.role}:${first.meta.actor.id}` : '';
            cache.set(e.stream, filer);
          }
          return filer === `${actor.role}:${actor.id}` && actor.role !== 'public';
        }
        case 'published':
          return e.type === 'PublicInfoPublished' || e.type === 'AgencyPublished' || kind === 'items' || kind === 'deals' || kind === 'publicity-pieces' || kind === 'publications';
        case 'nonJoint':
        case 'joint':
          return false;
      }
    },
    mask: (scope) => scope === 'published',
  });

  app.route('/t/:tenant', t);

  return {
    app: app as unknown as Hono,
    engine,
    clock,
    tenant: (id) => runtimes.get(id),
    tenants: [...runtimes.values()],
    accessCode,
    async close() {
      for (const r of runtimes.values()) if (!r.config.tables) await r.tables.close();
    },
  };
}

export { maskName };
