/**
 * A `Receive` on JetStream opened with `appendConditions` (issue 15, 行政许可法 第四十二条): two
 * service instances on one stream; an item another instance registers while a `Receive` is being
 * decided is not missed. Runs on the NATS server at 127.0.0.1:4222 (CI starts one), else on a
 * nats-server binary started here; without either it is skipped, loudly.
 */
import type { EventStore } from '@banshi/core';
import { banshiRegistry, createBanshiApp, createBearerAuth, settableClock, type HttpActor } from '@banshi/http';
import { createNatsStore, type NatsStore } from '@banshi/store-nats';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { beforeAppend } from '../packages/http/src/_lib/testFixture.js';
import { someNatsServer, stopAll } from './fixtures/nats-servers.js';

const actors = { clerk: { id: 'w-07', role: 'clerk', tenant: 'tz' }, admin: { id: 'a-01', role: 'admin', tenant: 'tz' } } as const satisfies Record<string, HttpActor>;
type Who = keyof typeof actors;
const token = (who: Who) => `token-of-${who}-0123456789`;
const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
const streams: string[] = [];
const opened: NatsStore[] = [];
let server = '';

afterAll(async () => {
  for (const s of opened) await s.close();
  if (server) {
    const nc = await connect({ servers: server });
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    for (const s of streams) await jsm.streams.delete(s).catch(() => undefined);
    await nc.close();
  }
  await stopAll();
});

async function service(store: EventStore) {
  const authenticate = await createBearerAuth({ tokens: Object.fromEntries(Object.entries(actors).map(([k, a]) => [token(k as Who), a])) });
  const banshi = createBanshiApp({ tenants: { tz: { store } }, authenticate, secret: 'test-secret-test-secret-test-secret-0123', clock: settableClock('2013-09-16') });
  return (who: Who, path: string, body: unknown) =>
    Promise.resolve(banshi.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${token(who)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}

const receive = (caseId: string) => ({ type: 'Receive', on: '2013-09-16', channel: 'window', caseId, itemCode: 'XK-30', department: '市场监管', applicant: { name: '张三', kind: 'person' }, materials: ['申请书'], node: 'tz' });
const item = { name: '某项许可', type: '行政许可', department: '市场监管', level: 'city', legalBasis: ['某条例 第十二条'], statutoryLimitDays: 30, statutoryLimitBasis: { law: '某条例', article: '第十二条' }, promisedLimitDays: 12, handling: '承诺件', requiredVisits: 1, onlineDepth: 'onlineIntake', materials: ['申请书'], steps: ['受理', '审查', '决定'], fees: [], specialProcedures: [] };

describe('a Receive on JetStream with append conditions (issue 15)', () => {
  it('two instances on one stream: an item registered by the other while a Receive is decided is taken by it, not missed', async (ctx) => {
    server = await someNatsServer('conditions');
    if (!server) {
      console.info('http-nats-conditions.test.ts: no NATS server on 127.0.0.1:4222 and no nats-server binary; skipped');
      ctx.skip();
    }
    const stream = `HTTPCOND_${suffix}`;
    streams.push(stream);
    const open = async () => {
      const s = await createNatsStore({ servers: server, stream, subjectPrefix: `hc.${suffix.toLowerCase()}`, node: 'tz', registry: banshiRegistry, appendConditions: true });
      opened.push(s);
      return s;
    };
    const storeA = await open();
    const b = await service(await open());
    let injected = false;
    // Instance A's store: just before its append for case-RACE, instance B registers the item.
    const a = await service(
      beforeAppend(storeA, async (s) => {
        if (injected || s !== 'case-RACE') return;
        injected = true;
        expect((await b('admin', '/t/tz/items/XK-30/commands', { type: 'RegisterItem', code: 'XK-30', elements: item, effectiveFrom: '2013-01-01' })).status).toBe(201);
      }),
    );
    // A Receive before the item exists has no terms from the catalog; its fold is then at the head.
    const before = await a('clerk', '/t/tz/cases/W/commands', receive('W'));
    expect(before.status).toBe(201);
    expect(((await before.json()) as { events: { data: Record<string, unknown> }[] }).events[0]?.data.statutoryLimit).toBeUndefined();
    const r = await a('clerk', '/t/tz/cases/RACE/commands', receive('RACE'));
    expect(r.status).toBe(201);
    expect(injected).toBe(true);
    expect(((await r.json()) as { events: { data: unknown }[] }).events[0]?.data).toMatchObject({ promisedLimit: 12, statutoryLimit: { days: 30 } });
    expect(await storeA.streamVersion('case-RACE')).toBe(1);
  }, 60_000);
});
