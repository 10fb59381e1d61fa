import { readFileSync } from 'node:fs';
import { calendarStreamId, calendarYearAddedEvent, loadCalendar, mainlandChinaCalendar, parseHolidayYear } from '@banshi/calendar';
import { createMemoryStore, type StoredEvent } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { banshiRegistry } from '../aggregates/registry.js';
import { createDueCheckScheduler } from '../scheduler/dueCheckScheduler.js';
import { fixture, receive } from '../_lib/testFixture.js';

// The docs' clearly marked SAMPLE year (not the State Council notice): the built-in data ends with 2026.
const sample2027 = parseHolidayYear(JSON.parse(readFileSync(new URL('../../../../docs/calendar/2027.sample.json', import.meta.url), 'utf8')));
const versions = (events: readonly StoredEvent[]) => events.map((e) => `${e.type}:${e.meta.calendarVersion ?? '(none)'}`);

describe('meta.calendarVersion on events written over HTTP (design §2: the calendar version used for any deadline)', () => {
  it('cases, disclosure requests and proactive items record the version of the calendar the app was configured with', async () => {
    const f = await fixture();
    const v = mainlandChinaCalendar().version;
    expect(f.banshi.engine.calendar.version).toBe(v);
    expect((await f.call('clerk', 'POST', '/t/tz/cases/TZ-V/commands', receive('TZ-V'))).status).toBe(201);
    expect((await f.call('clerk', 'POST', '/t/tz/cases/TZ-V/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' })).status).toBe(200);
    expect(
      (await f.call('clerk', 'POST', '/t/tz/disclosure-requests/R-V/commands', { type: 'ReceiveRequest', requestId: 'R-V', agency: '市行政服务中心', applicant: { type: 'naturalPerson', name: '张三' }, channel: 'inPerson', submittedOn: '2013-09-16', description: '…' })).status,
    ).toBe(201);
    expect((await f.call('clerk', 'POST', '/t/tz/public-info/I-V/commands', { type: 'FormInfo', itemId: 'I-V', agency: '市行政服务中心', title: '行政审批事项目录', category: 'licensing', formedOn: '2013-09-16' })).status).toBe(201);
    expect(versions(await f.stores.tz.readStream('case-TZ-V'))).toEqual([`CaseReceived:${v}`, `CaseAccepted:${v}`]);
    expect(versions(await f.stores.tz.readStream('disclosure-R-V'))).toEqual([`DisclosureRequestReceived:${v}`]);
    expect(versions(await f.stores.tz.readStream('publicinfo-I-V'))).toEqual([`PublicInfoFormed:${v}`]);
  });

  it('the due check records it too', async () => {
    const f = await fixture();
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-D/commands', receive('TZ-D'));
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-D/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' });
    f.clock.set('2013-10-17');
    const r = await f.call('system', 'POST', '/t/tz/cases/TZ-D/commands', { type: 'CheckDue', on: '2013-10-17' });
    expect(r.status).toBe(200);
    const last = (await f.stores.tz.readStream('case-TZ-D')).at(-1);
    expect(last?.type).not.toBe('CaseAccepted');
    expect(last?.meta.calendarVersion).toBe(mainlandChinaCalendar().version);
    // The scheduler's due check goes the same way.
    f.clock.set('2013-10-21');
    await createDueCheckScheduler(f.banshi).runOnce();
    const byScheduler = (await f.stores.tz.readStream('case-TZ-D')).filter((e) => e.meta.actor.role === 'system' && e.meta.channel === 'system').at(-1);
    expect(byScheduler?.meta.calendarVersion).toBe(mainlandChinaCalendar().version);
  });

  it('after a year is added (calendar.withYears, or banshi calendar add-year into the store and loadCalendar at start-up), the next events carry the new version', async () => {
    const store = createMemoryStore({ registry: banshiRegistry });
    const before = await fixture({ tenants: { tz: { store } } });
    const v2026 = before.banshi.engine.calendar.version;
    await before.call('clerk', 'POST', '/t/tz/cases/TZ-Y/commands', receive('TZ-Y', { on: '2026-12-09' }));
    // What `banshi calendar add-year 2027.json --to <store>` appends.
    await store.append(calendarStreamId(), [{ ...calendarYearAddedEvent(sample2027, { calendarId: 'cn', replace: false }), meta: { actor: { id: 'cli', role: 'calendarAdmin' }, channel: 'system' } }]);
    const calendar = await loadCalendar(store);
    expect(calendar.version).toBe(mainlandChinaCalendar().withYears([sample2027]).version);
    expect(calendar.version).not.toBe(v2026);
    const after = await fixture({ tenants: { tz: { store } }, engine: { calendar } });
    expect((await after.call('clerk', 'POST', '/t/tz/cases/TZ-Y/commands', { type: 'Accept', on: '2026-12-10', channel: 'window' })).status).toBe(200);
    expect(versions(await store.readStream('case-TZ-Y'))).toEqual([`CaseReceived:${v2026}`, `CaseAccepted:${calendar.version}`]);
  });
});
