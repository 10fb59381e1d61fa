import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteDocumentTables, createSqliteStore } from '@banshi/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { banshiRegistry } from '../aggregates/registry.js';
import { createBanshiApp } from '../app/createBanshiApp.js';
import { settableClock } from '../clock/businessClock.js';
import { fixture, receive, SECRET } from '../_lib/testFixture.js';
import { createDueCheckScheduler } from './dueCheckScheduler.js';

const dir = mkdtempSync(join(tmpdir(), 'banshi-due-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the due-check scheduler', () => {
  it('deems an application accepted after 5 working days and warns yellow then red on the business dates the clock gives', async () => {
    const f = await fixture();
    await f.call('clerk', 'POST', '/t/tz/cases/A/commands', receive('A'));
    await f.call('clerk', 'POST', '/t/tz/cases/B/commands', receive('B'));
    await f.call('clerk', 'POST', '/t/tz/cases/B/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' });
    const scheduler = createDueCheckScheduler(f.banshi);
    const day1 = await scheduler.runOnce('2013-09-17');
    expect(day1.tenants.tz).toMatchObject({ checked: 2, appended: 0 });
    // Intake is 5 working days (第三十二条): 09-17, 18, 22 (a make-up Sunday), 23, 24 — on 09-25 A is deemed accepted from receipt.
    f.clock.set('2013-09-25');
    const day2 = await scheduler.runOnce();
    expect(day2.tenants.tz?.appended).toBeGreaterThanOrEqual(1);
    expect((await f.stores.tz.readStream('case-A')).map((e) => e.type)).toContain('CaseDeemedAccepted');
    // B's statutory due date is 2013-10-18: a yellow warning when 3 working days are left, red after it.
    await scheduler.runOnce('2013-10-16');
    const yellow = (await (await f.call('clerk', 'GET', '/t/tz/cases?open=1&level=yellow')).json()) as { items: { caseId: string }[] };
    expect(yellow.items.map((x) => x.caseId)).toContain('B');
    await scheduler.runOnce('2013-10-21');
    const red = (await (await f.call('clerk', 'GET', '/t/tz/cases?level=red')).json()) as { items: { caseId: string }[] };
    expect(red.items.map((x) => x.caseId)).toContain('B');
    const again = await scheduler.runOnce('2013-10-21');
    expect(again.tenants.tz?.appended).toBe(0);
  });

  it('two instances running at once on one SQLite database double nothing', async () => {
    const path = join(dir, 'race.db');
    const open = () => {
      const store = createSqliteStore(path, { registry: banshiRegistry });
      return { store, tables: createSqliteDocumentTables(path) };
    };
    const a = open();
    const b = open();
    const clock = settableClock('2013-09-16');
    const authenticate = () => null;
    const appA = createBanshiApp({ tenants: { tz: a }, authenticate, secret: SECRET, clock });
    const appB = createBanshiApp({ tenants: { tz: b }, authenticate, secret: SECRET, clock });
    const clerk = { id: 'w-07', role: 'clerk', tenant: 'tz' } as const;
    const { executeCommand } = await import('../app/execute.js');
    for (let i = 0; i < 12; i++) {
      await executeCommand({ store: a.store, stream: `case-R${i}`, decider: appA.engine.approval as never, command: receive(`R${i}`), actor: clerk, commandId: `r-${i}`, channel: 'window' });
      if (i % 2) await executeCommand({ store: a.store, stream: `case-R${i}`, decider: appA.engine.approval as never, command: { type: 'Accept', on: '2013-09-16', channel: 'window' }, actor: clerk, commandId: `a-${i}`, channel: 'window' });
    }
    const before = await a.store.headPosition();
    const [ra, rb] = await Promise.all([createDueCheckScheduler(appA).runOnce('2013-10-21'), createDueCheckScheduler(appB).runOnce('2013-10-21')]);
    const appended = (ra.tenants.tz?.appended ?? 0) + (rb.tenants.tz?.appended ?? 0);
    const after = await a.store.headPosition();
    expect(after - before).toBe(appended);
    // The same day's check in one instance alone appends exactly this much: 6 deemed acceptances, and for the 6 accepted cases a red warning per clock.
    const types = new Map<string, number>();
    for await (const e of a.store.readAll({ fromPosition: before + 1 })) types.set(e.type, (types.get(e.type) ?? 0) + 1);
    expect(types.get('CaseDeemedAccepted')).toBe(6);
    for (let i = 0; i < 12; i++) {
      const warned = (await a.store.readStream(`case-R${i}`)).filter((e) => e.type === 'DeadlineWarned').map((e) => JSON.stringify(e.data));
      expect(new Set(warned).size).toBe(warned.length);
    }
    expect((await createDueCheckScheduler(appB).runOnce('2013-10-21')).tenants.tz?.appended).toBe(0);
    expect((await a.store.verify()).ok).toBe(true);
    for (const x of [a, b]) {
      await x.tables.close();
      await x.store.close();
    }
  });

  it('start() runs at once and again when the business date moves to a new working day; stop() waits for the run', async () => {
    const f = await fixture();
    await f.call('clerk', 'POST', '/t/tz/cases/S/commands', receive('S'));
    const days: string[] = [];
    const scheduler = createDueCheckScheduler(f.banshi, { intervalMs: 5, onRun: (r) => days.push(r.today) });
    f.clock.set('2013-09-24');
    scheduler.start();
    for (let i = 0; i < 200 && days.length < 1; i++) await new Promise((r) => setTimeout(r, 5));
    f.clock.set('2013-09-28'); // a Saturday off: no run
    await new Promise((r) => setTimeout(r, 40));
    expect(days).toEqual(['2013-09-24']);
    f.clock.set('2013-09-29'); // a Sunday that is a make-up working day (调休上班) before National Day 2013
    for (let i = 0; i < 200 && days.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    await scheduler.stop();
    expect(days).toEqual(['2013-09-24', '2013-09-29']);
  });
});
