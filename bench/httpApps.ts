/**
 * The two sides of `pnpm bench http` (issue 15), shared by the load bench (`http.bench.ts`) and
 * the in-process CPU measurement (`httpCpu.ts`): banshi's app and the bare Hono route, each on
 * its own SQLite store, with the same bearer token and the same `Receive` body.
 */
import { join } from 'node:path';
import { banshiRegistry, createBanshiApp, createBearerAuth, settableClock } from '@banshi/http';
import type { EventStore } from '@banshi/core';
import { createSqliteStore } from '@banshi/store-sqlite';
import type autocannon from 'autocannon';
import { Hono } from 'hono';

export const TOKEN = 'bench-token-0123456789abcdef';

export const receive = (id: string) => ({
  type: 'Receive',
  on: '2013-09-16',
  channel: 'window',
  caseId: id,
  itemCode: 'XK-SC-01',
  department: '市场监管',
  applicant: { name: '台州市某某建设工程有限公司', kind: 'organization' },
  materials: ['申请书', '营业执照副本'],
  node: 'tz',
});

/** autocannon's request list: `Receive`s of fresh cases named `<prefix>-<n>`, with the bearer token (and `headers`, e.g. `Prefer`). */
export function receiveRequests(prefix: string, headers: Record<string, string> = {}): autocannon.Request[] {
  let n = 0;
  return [
    {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      setupRequest: (req) => {
        const id = `${prefix}-${n++}`;
        return { ...req, path: `/t/tz/cases/${id}/commands`, body: JSON.stringify(receive(id)) };
      },
    },
  ];
}

/** One side of the bench: a Hono app (`fetch`) on its own store. */
export interface BenchApp {
  readonly fetch: (request: Request) => Response | Promise<Response>;
  readonly hono: Hono;
  readonly store: EventStore;
  close(): Promise<void>;
}

export async function banshiApp(dir: string, synchronous: 'full' | 'normal', file = `banshi-${synchronous}.db`): Promise<BenchApp> {
  const store = createSqliteStore(join(dir, file), { registry: banshiRegistry, synchronous });
  const authenticate = await createBearerAuth({ tokens: { [TOKEN]: { id: 'w-07', role: 'clerk', tenant: 'tz' } } });
  const banshi = createBanshiApp({ tenants: { tz: { store } }, authenticate, secret: 'bench-secret-bench-secret-bench-secret', clock: settableClock('2013-09-16') });
  return { fetch: (r) => banshi.app.fetch(r), hono: banshi.app, store, close: async () => (await banshi.close(), await store.close()) };
}

/**
 * The baseline: the same store append behind a bare Hono route — what an app would write by
 * hand: the same bearer authenticator (a token is looked up by its SHA-256, as any app keeping
 * no tokens in memory does), the same JSON body parsed, the same CaseReceived appended to the
 * same kind of store (same file system, same synchronous setting, same event registry, so the
 * event is validated at append as banshi's is), answered with the stored events. It does not
 * validate the command, check permissions, fold the stream, compute the clocks or the view.
 */
export async function bareApp(dir: string, synchronous: 'full' | 'normal', file = `bare-${synchronous}.db`): Promise<BenchApp> {
  const store = createSqliteStore(join(dir, file), { registry: banshiRegistry, synchronous });
  const authenticate = await createBearerAuth({ tokens: { [TOKEN]: { id: 'w-07', role: 'clerk', tenant: 'tz' } } });
  const app = new Hono();
  app.post('/t/tz/cases/:id/commands', async (c) => {
    if ((await authenticate(c.req.raw)) === null) return c.text('no', 401);
    const body = (await c.req.json()) as ReturnType<typeof receive>;
    const { type: _t, ...rest } = body;
    const r = await store.append(
      `case-${c.req.param('id')}`,
      [{ type: 'CaseReceived', data: { ...rest, agent: null, handling: 'standard', promisedLimit: 20, requiredVisits: null, renewal: null, inPerson: true }, meta: { actor: { id: 'w-07', role: 'clerk' }, channel: 'window' } }],
      { expectedVersion: 'no-stream' },
    );
    return c.json({ version: r.nextExpectedVersion, events: r.events }, 201);
  });
  return { fetch: (r) => app.fetch(r), hono: app, store, close: () => store.close() };
}
