import { readFileSync } from 'node:fs';
import { mainlandChinaCalendar, parseHolidayYear } from '@banshi/calendar';
import { createMemoryStore } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { banshiRegistry } from '../aggregates/registry.js';
import { fixture, receive } from '../_lib/testFixture.js';

const json = async (r: Response) => (await r.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
// The docs' clearly marked SAMPLE year (not the State Council notice): the built-in data ends with 2026.
const sample2027 = parseHolidayYear(JSON.parse(readFileSync(new URL('../../../../docs/calendar/2027.sample.json', import.meta.url), 'utf8')));
const assign = (on: string) => ({ type: 'AssignReview', on, channel: 'window', departments: ['市场监管'] });

describe('the stream-state cache of the command routes: one per store and decider, never older than the store', () => {
  it('two apps with different calendars on one store do not share folded states: B (2027 added) sees the due date, A (through 2026) reads it unknown', async () => {
    const store = createMemoryStore({ registry: banshiRegistry });
    const withData = mainlandChinaCalendar().withYears([sample2027]);
    const a = await fixture({ tenants: { tz: { store } } });
    const b = await fixture({ tenants: { tz: { store } }, engine: { calendar: withData } });
    // 20 working days from 2026-12-10 reach into 2027 (行政许可法 第四十二条).
    const due = withData.addWorkingDays('2026-12-10', 20);
    expect(due.startsWith('2027-')).toBe(true);

    await a.call('clerk', 'POST', '/t/tz/cases/TZ-C/commands', receive('TZ-C', { on: '2026-12-09' }));
    const accepted = await json(await a.call('clerk', 'POST', '/t/tz/cases/TZ-C/commands', { type: 'Accept', on: '2026-12-10', channel: 'window' }));
    expect(accepted.state.statutoryDueDate).toBeNull();

    const byB = await json(await b.call('head', 'POST', '/t/tz/cases/TZ-C/commands', assign('2026-12-11'), { 'if-match': '"2"' }));
    expect(byB.version).toBe(3);
    expect(byB.state.statutoryDueDate).toBe(due);
    expect(byB.state.clocks.statutory.status.dueDate).toBe(due);

    const byA = await json(await a.call('reviewer', 'POST', '/t/tz/cases/TZ-C/commands', { type: 'RecordOpinion', on: '2026-12-14', channel: 'window', opinion: 'approve' }, { 'if-match': '"3"' }));
    expect(byA.version, JSON.stringify(byA)).toBe(4);
    expect(byA.state.statutoryDueDate).toBeNull();
    expect(byA.state.clocks.statutory.status).toMatchObject({ dueDate: null, missingYear: 2027 });

    expect((await json(await b.call('clerk', 'GET', '/t/tz/cases/TZ-C'))).statutoryDueDate).toBe(due);
    expect((await json(await a.call('clerk', 'GET', '/t/tz/cases/TZ-C'))).statutoryDueDate).toBeNull();
  });

  it('a write through another app or straight to the store, then a command here with the old If-Match: 409, nothing written; with the new one: decided on the stored state', async () => {
    const store = createMemoryStore({ registry: banshiRegistry });
    const a = await fixture({ tenants: { tz: { store } } });
    const b = await fixture({ tenants: { tz: { store } } });
    await a.call('clerk', 'POST', '/t/tz/cases/TZ-S/commands', receive('TZ-S'));
    expect((await a.call('clerk', 'POST', '/t/tz/cases/TZ-S/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' })).status).toBe(200);
    // Another instance writes: A's cache still holds version 2.
    expect((await b.call('head', 'POST', '/t/tz/cases/TZ-S/commands', assign('2013-09-17'), { 'if-match': '"2"' })).status).toBe(200);
    const head = await store.headPosition();
    const stale = await a.call('head', 'POST', '/t/tz/cases/TZ-S/commands', assign('2013-09-18'), { 'if-match': '"2"' });
    expect(stale.status).toBe(409);
    expect((await json(stale)).code).toBe('CORE_CONCURRENCY');
    expect(await store.headPosition()).toBe(head);
    // Another process appends straight to the store (the withdrawal is stored; A has not seen it).
    await store.append('case-TZ-S', [{ type: 'CaseWithdrawn', data: { reason: '申请人撤回', on: '2013-09-18', channel: 'window', inPerson: true }, meta: { actor: { id: 'w-99', role: 'clerk' }, channel: 'window' } }], { expectedVersion: 3 });
    const afterWithdrawal = await a.call('head', 'POST', '/t/tz/cases/TZ-S/commands', assign('2013-09-19'), { 'if-match': '"3"' });
    expect(afterWithdrawal.status).toBe(409);
    const now = await a.call('head', 'POST', '/t/tz/cases/TZ-S/commands', assign('2013-09-19'), { 'if-match': '"4"' });
    // Decided on the stored (withdrawn) case, not on the cached open one: the machine refuses, nothing written.
    expect(now.status).toBe(422);
    expect(JSON.stringify(await json(now))).toContain('withdrawn');
    expect(await store.headPosition()).toBe(head + 1);
  });
});
