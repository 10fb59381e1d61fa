/**
 * 行政许可法 第四十二条第一款: …但是，法律、法规另有规定的，依照其规定。 A case received over HTTP takes its item's terms from
 * the tenant's catalog version in force on the receipt date (`receiveTermsOf`): the statutory limit and its basis reach
 * the clock without the client copying them, and a client cannot set the statutory limit itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mainlandChinaCalendar } from '@banshi/calendar';
import { createMemoryStore, type EventStore } from '@banshi/core';
import { createSqliteStore } from '@banshi/store-sqlite';
import { describe, expect, it } from 'vitest';
import { banshiRegistry } from '../aggregates/registry.js';
import { beforeAppend, countingStore, fixture, receive } from '../_lib/testFixture.js';

const json = async (r: Response) => (await r.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const elements = (over: Record<string, unknown>) => ({
  name: '某项许可', type: '行政许可', department: '市场监管', level: 'city', legalBasis: ['某条例 第十二条'], statutoryLimitDays: 30,
  statutoryLimitBasis: { law: '某条例', article: '第十二条' }, promisedLimitDays: 12, handling: '承诺件', requiredVisits: 1, onlineDepth: 'onlineIntake',
  materials: ['申请书'], steps: ['受理', '审查', '决定'], fees: [], specialProcedures: [], ...over,
});

describe('a case takes its item\'s statutory limit from the catalog version in force (第四十二条)', () => {
  it('given an item with its own limit and a later revision, when cases are received bare, then each clock runs on the version in force on its receipt date and names its basis', async () => {
    const f = await fixture();
    const cal = mainlandChinaCalendar();
    expect((await f.call('admin', 'POST', '/t/tz/items/XK-30/commands', { type: 'RegisterItem', code: 'XK-30', elements: elements({}), effectiveFrom: '2013-01-01' })).status).toBe(201);
    const revised = { type: 'ReviseItem', code: 'XK-30', elements: elements({ statutoryLimitDays: 25, statutoryLimitBasis: { law: '某条例（2013年修订）', article: '第十三条' } }), effectiveFrom: '2013-10-01', reason: '条例修订' };
    expect((await f.call('admin', 'POST', '/t/tz/items/XK-30/commands', revised)).status).toBe(200);
    // A body that names its own statutory limit does not get it: the catalog's is the law.
    await f.call('clerk', 'POST', '/t/tz/cases/A/commands', receive('A', { itemCode: 'XK-30', statutoryLimit: { days: 99, law: '无', article: '无' } }));
    await f.call('clerk', 'POST', '/t/tz/cases/A/commands', { type: 'Accept', on: '2013-09-17', channel: 'window' });
    const a = await json(await f.call('clerk', 'GET', '/t/tz/cases/A'));
    expect(a.promisedLimit).toBe(12);
    expect(a.clocks.statutory).toMatchObject({ limit: 30, dueDate: cal.addWorkingDays('2013-09-17', 30), basis: expect.stringContaining('某条例 第十二条') });
    await f.call('clerk', 'POST', '/t/tz/cases/B/commands', receive('B', { itemCode: 'XK-30', on: '2013-10-08' }));
    await f.call('clerk', 'POST', '/t/tz/cases/B/commands', { type: 'Accept', on: '2013-10-08', channel: 'window' });
    const b = await json(await f.call('clerk', 'GET', '/t/tz/cases/B'));
    expect(b.clocks.statutory).toMatchObject({ limit: 25, basis: expect.stringContaining('某条例（2013年修订） 第十三条') });
    // An item the catalog does not hold keeps 第四十二条's 20 working days.
    await f.call('clerk', 'POST', '/t/tz/cases/C/commands', receive('C'));
    await f.call('clerk', 'POST', '/t/tz/cases/C/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' });
    expect((await json(await f.call('clerk', 'GET', '/t/tz/cases/C'))).clocks.statutory).toMatchObject({ limit: 20, basis: '行政许可法 第四十二条' });
  });

  it('a Receive reads the log for the catalog only when something it has not seen was appended: its own commands cost no read, another app\'s item is read', async () => {
    const store = createMemoryStore({ registry: banshiRegistry });
    const counted = countingStore(store);
    const logReads = () => counted.calls.readAllBatches ?? 0;
    const f = await fixture({ tenants: { tz: { store: counted.store } } });
    await f.call('clerk', 'POST', '/t/tz/cases/W/commands', receive('W'));
    const before = logReads();
    for (let i = 0; i < 10; i++) expect((await f.call('clerk', 'POST', `/t/tz/cases/N${i}/commands`, receive(`N${i}`, { itemCode: 'XK-30' }))).status).toBe(201);
    expect(logReads()).toBe(before);
    // Another app (another process) on the same store registers the item: the next Receive takes its terms.
    const other = await fixture({ tenants: { tz: { store } } });
    expect((await other.call('admin', 'POST', '/t/tz/items/XK-30/commands', { type: 'RegisterItem', code: 'XK-30', elements: elements({}), effectiveFrom: '2013-01-01' })).status).toBe(201);
    await f.call('clerk', 'POST', '/t/tz/cases/X/commands', receive('X', { itemCode: 'XK-30' }));
    await f.call('clerk', 'POST', '/t/tz/cases/X/commands', { type: 'Accept', on: '2013-09-17', channel: 'window' });
    expect((await json(await f.call('clerk', 'GET', '/t/tz/cases/X'))).clocks.statutory).toMatchObject({ limit: 30, basis: expect.stringContaining('某条例 第十二条') });
  });

  it('on a SQLite file, an item another connection stores between two Receives is taken by the second', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'banshi-catalog-terms-'));
    const file = join(dir, 'tz.db');
    const mine = createSqliteStore(file, { registry: banshiRegistry, synchronous: 'normal' });
    const theirs = createSqliteStore(file, { registry: banshiRegistry, synchronous: 'normal' });
    try {
      const f = await fixture({ tenants: { tz: { store: mine } } });
      const other = await fixture({ tenants: { tz: { store: theirs } } });
      expect((await f.call('clerk', 'POST', '/t/tz/cases/S1/commands', receive('S1', { itemCode: 'XK-30' }))).status).toBe(201);
      expect((await other.call('admin', 'POST', '/t/tz/items/XK-30/commands', { type: 'RegisterItem', code: 'XK-30', elements: elements({}), effectiveFrom: '2013-01-01' })).status).toBe(201);
      const r = await json(await f.call('clerk', 'POST', '/t/tz/cases/S2/commands', receive('S2', { itemCode: 'XK-30' })));
      expect(r.events[0].data).toMatchObject({ promisedLimit: 12, statutoryLimit: { days: 30 } });
      await f.banshi.close();
      await other.banshi.close();
    } finally {
      await mine.close();
      await theirs.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * A store whose first append to `stream` first lets `meanwhile` run: another process's write that
 * lands after the Receive read the catalog and before its own write.
 */
function racing(store: EventStore, stream: string, meanwhile: () => Promise<void>): EventStore {
  let done = false;
  return beforeAppend(store, async (s) => {
    if (done || s !== stream) return;
    done = true;
    await meanwhile();
  });
}

describe('the catalog a Receive is decided on is still the latest when it is written', () => {
  const register = { type: 'RegisterItem', code: 'XK-30', elements: elements({}), effectiveFrom: '2013-01-01' };

  it.each(['memory', 'sqlite'] as const)('an item another process stores while a Receive is being decided is taken, not missed (%s)', async (kind) => {
    const dir = mkdtempSync(join(tmpdir(), 'banshi-catalog-race-'));
    const file = join(dir, 'tz.db');
    const mine = kind === 'memory' ? createMemoryStore({ registry: banshiRegistry }) : createSqliteStore(file, { registry: banshiRegistry, synchronous: 'normal' });
    const theirs = kind === 'memory' ? mine : createSqliteStore(file, { registry: banshiRegistry, synchronous: 'normal' });
    try {
      const other = await fixture({ tenants: { tz: { store: theirs } } });
      const f = await fixture({ tenants: { tz: { store: racing(mine, 'case-R', async () => void expect((await other.call('admin', 'POST', '/t/tz/items/XK-30/commands', register)).status).toBe(201)) } } });
      expect((await f.call('clerk', 'POST', '/t/tz/cases/W/commands', receive('W', { itemCode: 'XK-30' }))).status).toBe(201);
      const r = await f.call('clerk', 'POST', '/t/tz/cases/R/commands', receive('R', { itemCode: 'XK-30' }));
      expect(r.status).toBe(201);
      expect((await json(r)).events[0].data).toMatchObject({ promisedLimit: 12, statutoryLimit: { days: 30 } });
      // Written once: the refused attempt wrote nothing.
      expect(await mine.streamVersion('case-R')).toBe(1);
      await f.banshi.close();
      await other.banshi.close();
    } finally {
      await mine.close();
      if (theirs !== mine) await theirs.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on a store that checks append conditions a Receive does not ask for the log\'s head: the append carries the check', async () => {
    const counted = countingStore(createMemoryStore({ registry: banshiRegistry }));
    const f = await fixture({ tenants: { tz: { store: counted.store } } });
    await f.call('clerk', 'POST', '/t/tz/cases/W/commands', receive('W'));
    const heads = counted.calls.headPosition ?? 0;
    for (let i = 0; i < 10; i++) expect((await f.call('clerk', 'POST', `/t/tz/cases/N${i}/commands`, receive(`N${i}`, { itemCode: 'XK-30' }))).status).toBe(201);
    expect(counted.calls.headPosition ?? 0).toBe(heads);
  });

  it('a store without append conditions is asked for its head before each Receive, and still takes another process\'s item', async () => {
    const store = createMemoryStore({ registry: banshiRegistry });
    const plain = new Proxy(store, { get: (t, p) => (p === 'appendConditions' ? undefined : (Reflect.get(t, p, t) as unknown)) });
    const counted = countingStore(plain);
    const f = await fixture({ tenants: { tz: { store: counted.store } } });
    await f.call('clerk', 'POST', '/t/tz/cases/W/commands', receive('W'));
    const heads = counted.calls.headPosition ?? 0;
    for (let i = 0; i < 3; i++) await f.call('clerk', 'POST', `/t/tz/cases/N${i}/commands`, receive(`N${i}`, { itemCode: 'XK-30' }));
    expect((counted.calls.headPosition ?? 0) - heads).toBe(3);
    const other = await fixture({ tenants: { tz: { store } } });
    expect((await other.call('admin', 'POST', '/t/tz/items/XK-30/commands', register)).status).toBe(201);
    const r = await json(await f.call('clerk', 'POST', '/t/tz/cases/X/commands', receive('X', { itemCode: 'XK-30' })));
    expect(r.events[0].data).toMatchObject({ statutoryLimit: { days: 30 } });
  });

  it('a catalog that changes at every attempt ends in 409 with nothing written', async () => {
    const store = createMemoryStore({ registry: banshiRegistry });
    const other = await fixture({ tenants: { tz: { store } } });
    let n = 0;
    const churning = beforeAppend(store, async (stream) => {
      if (stream !== 'case-C') return;
      n++;
      const body = n === 1 ? register : { type: 'ReviseItem', code: 'XK-30', elements: elements({ statutoryLimitDays: 30 - n }), effectiveFrom: '2013-01-01', reason: `修订 ${n}` };
      expect((await other.call('admin', 'POST', '/t/tz/items/XK-30/commands', body)).status).toBeLessThan(300);
    });
    const f = await fixture({ tenants: { tz: { store: churning } } });
    const r = await f.call('clerk', 'POST', '/t/tz/cases/C/commands', receive('C', { itemCode: 'XK-30' }));
    expect(r.status).toBe(409);
    expect(await json(r)).toMatchObject({ code: 'CORE_APPEND_CONDITION' });
    expect(n).toBe(3);
    expect(await store.streamVersion('case-C')).toBe(0);
  });
});
