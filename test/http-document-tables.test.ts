/**
 * @banshi/http over read models in the store's own database, on SQLite and PostgreSQL
 * (DATABASE_URL when set, else PGlite): task lists answered from the tables with cursor paging
 * and role scopes, a rebuild through the route that readers never see half built, and two
 * service instances on one database whose due checks double nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentTables, EventStore } from '@banshi/core';
import { banshiRegistry, createBanshiApp, createBearerAuth, createDueCheckScheduler, settableClock, type BanshiApp, type HttpActor } from '@banshi/http';
import { createPostgresDocumentTables, createPostgresStore } from '@banshi/store-postgres';
import { createSqliteDocumentTables, createSqliteStore } from '@banshi/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beforeAppend } from '../packages/http/src/_lib/testFixture.js';
import { freshSchema, hasServer, openPglite, rawClient, serverUrl, type TestPGlite } from './fixtures/postgres-env.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const actors = {
  clerk: { id: 'w-07', role: 'clerk', tenant: 'tz' },
  reviewer: { id: 'r-01', role: 'reviewer', tenant: 'tz', department: '住建' },
  admin: { id: 'a-01', role: 'admin', tenant: 'tz' },
  applicant: { id: 'p-zhang', role: 'applicant', tenant: 'tz' },
} as const satisfies Record<string, HttpActor>;
type Who = keyof typeof actors;
const token = (who: Who) => `token-of-${who}-0123456789`;

type Db = { store: EventStore; tables: DocumentTables };
type Backend = { name: string; open(): Promise<{ db: () => Promise<Db>; close(): Promise<void> }> };

const dir = mkdtempSync(join(tmpdir(), 'banshi-http-tables-'));
let lite: TestPGlite | undefined;
const schemas: string[] = [];
beforeAll(async () => {
  if (!hasServer) lite = await openPglite();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (hasServer) {
    const admin = rawClient();
    await admin.connect();
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await admin.end();
  }
  await lite?.close();
});

/** Opens connections to one database with `connect`; `close` closes every one it opened. */
function opener(connect: () => Promise<Db>): { db: () => Promise<Db>; close(): Promise<void> } {
  const opened: Db[] = [];
  return {
    async db() {
      const d = await connect();
      opened.push(d);
      return d;
    },
    async close() {
      for (const d of opened) {
        await d.tables.close();
        await d.store.close();
      }
    },
  };
}

let seq = 0;
const backends: Backend[] = [
  {
    name: 'sqlite',
    async open() {
      const path = join(dir, `h${seq++}.db`);
      return opener(async () => {
        const store = createSqliteStore(path, { registry: banshiRegistry, node: 'tz' });
        return { store, tables: createSqliteDocumentTables(store.path) };
      });
    },
  },
  {
    name: hasServer ? 'postgres' : 'pglite',
    async open() {
      const schema = freshSchema('http');
      schemas.push(schema);
      const source = hasServer ? { connectionString: serverUrl as string } : { pglite: lite as TestPGlite };
      return opener(async () => ({ store: await createPostgresStore({ ...source, schema, registry: banshiRegistry, node: 'tz' }), tables: await createPostgresDocumentTables({ ...source, schema }) }));
    },
  },
];

/** Opens a fresh database on `backend`, runs `fn`, closes everything it opened. */
async function withDb(backend: Backend, fn: (db: () => Promise<Db>) => Promise<void>): Promise<void> {
  const { db, close } = await backend.open();
  try {
    await fn(db);
  } finally {
    await close();
  }
}

async function service(db: Db): Promise<BanshiApp & { call(who: Who, method: string, path: string, body?: unknown): Promise<Response> }> {
  const authenticate = await createBearerAuth({ tokens: Object.fromEntries(Object.entries(actors).map(([k, a]) => [token(k as Who), a])) });
  const banshi = createBanshiApp({ tenants: { tz: db }, authenticate, secret: SECRET, clock: settableClock('2013-09-16') });
  return Object.assign(banshi, {
    call: (who: Who, method: string, path: string, body?: unknown) =>
      Promise.resolve(banshi.app.request(path, { method, headers: { authorization: `Bearer ${token(who)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })),
  });
}

const receive = (caseId: string, department: string) => ({
  type: 'Receive',
  on: '2013-09-16',
  channel: 'window',
  caseId,
  itemCode: 'XK-SC-01',
  department,
  applicant: { name: '张三', kind: 'person' },
  materials: ['申请书'],
  node: 'tz',
});

const json = async (r: Response) => (await r.json()) as { items: { stream: string; status?: string }[]; next: string | null; position: number };

/** Every page of a list, following `next`. */
async function allPages(s: Awaited<ReturnType<typeof service>>, who: Who, path: string): Promise<string[]> {
  const ids: string[] = [];
  let next: string | null = null;
  for (let i = 0; i < 50; i++) {
    const r = await s.call(who, 'GET', `${path}${next ? `&after=${encodeURIComponent(next)}` : ''}`);
    expect(r.status).toBe(200);
    const page = await json(r);
    ids.push(...page.items.map((x) => x.stream));
    next = page.next;
    if (!next) return ids;
  }
  throw new Error('paging did not end');
}

describe.each(backends)('the HTTP service with read models in $name tables', (backend) => {
  it('lists cases from the tables with cursor paging and role scopes, and a rebuild through the route is never seen half built', async () => {
    await withDb(backend, async (db) => {
      const s = await service(await db());
      for (let i = 0; i < 9; i++) {
        expect((await s.call('clerk', 'POST', `/t/tz/cases/C-${i}/commands`, receive(`C-${i}`, i % 3 === 0 ? '住建' : '市场监管'))).status).toBe(201);
        if (i % 2) expect((await s.call('clerk', 'POST', `/t/tz/cases/C-${i}/commands`, { type: 'Accept', on: '2013-09-16', channel: 'window' })).status).toBe(200);
      }
      const all = await allPages(s, 'clerk', '/t/tz/cases?limit=2&orderBy=received_on');
      expect([...all].sort()).toEqual(Array.from({ length: 9 }, (_, i) => `case-C-${i}`).sort());
      expect(new Set(all).size).toBe(9);
      expect(await allPages(s, 'clerk', '/t/tz/cases?status=review&limit=3')).toEqual(['case-C-1', 'case-C-3', 'case-C-5', 'case-C-7']);
      // A reviewer sees its department's cases only, whatever it asks for.
      expect(await allPages(s, 'reviewer', '/t/tz/cases?department=市场监管&limit=5')).toEqual(['case-C-0', 'case-C-3', 'case-C-6']);
      const rm = s.tenant('tz')?.tables as DocumentTables;
      expect((await rm.find('case_tasks', { limit: 500 })).items).toHaveLength(9);

      // Rebuild while clerks keep reading: every answer is the whole list.
      const reads = Array.from({ length: 6 }, () => s.call('clerk', 'GET', '/t/tz/cases?limit=100').then(json));
      const rebuilt = await s.call('admin', 'POST', '/t/tz/read-models/case_tasks/rebuild');
      const pages = await Promise.all(reads);
      expect(rebuilt.status).toBe(200);
      expect(await rebuilt.json()).toEqual({ name: 'case_tasks', position: 13 });
      for (const p of pages) expect(p.items).toHaveLength(9);
      expect((await json(await s.call('clerk', 'GET', '/t/tz/cases?status=review'))).items.map((x) => x.stream)).toEqual(['case-C-1', 'case-C-3', 'case-C-5', 'case-C-7']);
      expect((await s.call('clerk', 'POST', '/t/tz/read-models/case_tasks/rebuild')).status).toBe(403);
    });
  });

  it('lists disclosure requests from the tables: an applicant sees only its own', async () => {
    await withDb(backend, async (db) => {
      const s = await service(await db());
      const request = (id: string) => ({ type: 'ReceiveRequest', requestId: id, agency: '市行政服务中心', applicant: { type: 'naturalPerson', name: '张三' }, channel: 'inPerson', submittedOn: '2013-09-16', description: '2013年行政审批事项目录' });
      expect((await s.call('applicant', 'POST', '/t/tz/disclosure-requests/D-1/commands', request('D-1'))).status).toBe(201);
      expect((await s.call('clerk', 'POST', '/t/tz/disclosure-requests/D-2/commands', request('D-2'))).status).toBe(201);
      expect((await json(await s.call('applicant', 'GET', '/t/tz/disclosure-requests'))).items.map((x) => x.stream)).toEqual(['disclosure-D-1']);
      expect((await json(await s.call('clerk', 'GET', '/t/tz/disclosure-requests'))).items).toHaveLength(2);
    });
  });

  it('two service instances on one database: an item one registers while the other decides a Receive is taken (the append condition), never missed', async () => {
    await withDb(backend, async (db) => {
      const b = await service(await db());
      const first = await db();
      let injected = false;
      // Instance A's store: before its append for case-RACE, instance B registers the item (a write after A read its catalog).
      const racing = beforeAppend(first.store, async (stream) => {
        if (injected || stream !== 'case-RACE') return;
        injected = true;
        const item = { name: '某项许可', type: '行政许可', department: '市场监管', level: 'city', legalBasis: ['某条例 第十二条'], statutoryLimitDays: 30, statutoryLimitBasis: { law: '某条例', article: '第十二条' }, promisedLimitDays: 12, handling: '承诺件', requiredVisits: 1, onlineDepth: 'onlineIntake', materials: ['申请书'], steps: ['受理', '审查', '决定'], fees: [], specialProcedures: [] };
        expect((await b.call('admin', 'POST', '/t/tz/items/XK-30/commands', { type: 'RegisterItem', code: 'XK-30', elements: item, effectiveFrom: '2013-01-01' })).status).toBe(201);
      });
      const a = await service({ store: racing, tables: first.tables });
      expect((await a.call('clerk', 'POST', '/t/tz/cases/W/commands', { ...receive('W', '市场监管'), itemCode: 'XK-30' })).status).toBe(201);
      const r = await a.call('clerk', 'POST', '/t/tz/cases/RACE/commands', { ...receive('RACE', '市场监管'), itemCode: 'XK-30' });
      expect(r.status).toBe(201);
      expect(injected).toBe(true);
      expect(((await r.json()) as { events: { data: unknown }[] }).events[0]?.data).toMatchObject({ promisedLimit: 12, statutoryLimit: { days: 30 } });
      expect(await first.store.streamVersion('case-RACE')).toBe(1);
    });
  });

  it('two service instances on one database: lists agree and their due checks at once double nothing', async () => {
    await withDb(backend, async (db) => {
      const a = await service(await db());
      const b = await service(await db());
      for (let i = 0; i < 8; i++) {
        await (i % 2 ? a : b).call('clerk', 'POST', `/t/tz/cases/R-${i}/commands`, receive(`R-${i}`, '市场监管'));
        if (i % 2) await b.call('clerk', 'POST', `/t/tz/cases/R-${i}/commands`, { type: 'Accept', on: '2013-09-16', channel: 'window' });
      }
      const store = a.tenant('tz')?.store as EventStore;
      const before = await store.headPosition();
      const [ra, rb] = await Promise.all([createDueCheckScheduler(a).runOnce('2013-10-21'), createDueCheckScheduler(b).runOnce('2013-10-21')]);
      const appended = (ra.tenants.tz?.appended ?? 0) + (rb.tenants.tz?.appended ?? 0);
      expect(appended).toBeGreaterThan(0);
      // Count the events, not positions: positions only increase, and on PostgreSQL the instance that
      // lost a race for a case's next version drew a position it never used (a sequence value).
      const types = new Map<string, number>();
      let stored = 0;
      for await (const e of store.readAll({ fromPosition: before + 1 })) {
        types.set(e.type, (types.get(e.type) ?? 0) + 1);
        stored++;
      }
      expect(stored).toBe(appended);
      expect(types.get('CaseDeemedAccepted')).toBe(4);
      expect((await createDueCheckScheduler(b).runOnce('2013-10-21')).tenants.tz?.appended).toBe(0);
      const listA = await json(await a.call('clerk', 'GET', '/t/tz/cases?limit=100'));
      const listB = await json(await b.call('clerk', 'GET', '/t/tz/cases?limit=100'));
      expect(listA.items).toEqual(listB.items);
      expect(listA.items.map((x) => x.status).sort()).toEqual(['review', 'review', 'review', 'review', 'review', 'review', 'review', 'review']);
      expect((await store.verify()).ok).toBe(true);
    });
  });
});
