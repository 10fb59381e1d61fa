import { mainlandChinaCalendar } from '@banshi/calendar';
import { describe, expect, it } from 'vitest';
import { fixture, receive } from '../_lib/testFixture.js';

const json = async (r: Response) => (await r.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const cal = mainlandChinaCalendar();

describe('hearings over HTTP (行政许可法 第四十六–四十八条)', () => {
  it('the clerk tells of the right, the applicant asks for it online, the clerk notifies and holds it; the case shows the hearing and the paused clocks, the decision rests on the record', async () => {
    const f = await fixture();
    const code = (await json(await f.call('clerk', 'POST', '/t/tz/cases/TZ-H/commands', receive('TZ-H')))).accessCode as string;
    await f.call('clerk', 'POST', '/t/tz/cases/TZ-H/commands', { type: 'Accept', on: '2013-09-16', channel: 'window' });
    f.clock.set('2013-09-23');
    const told = await f.call('clerk', 'POST', '/t/tz/cases/TZ-H/commands', { type: 'NotifyHearingRight', on: '2013-09-23', channel: 'window', parties: ['张三', '相邻住户李四'], interest: '新建楼房影响相邻住户采光' });
    expect(told.status).toBe(200);
    const notified = await json(await f.call('clerk', 'GET', '/t/tz/cases/TZ-H'));
    expect(notified.status).toBe('hearingNotice');
    expect(notified.hearing).toMatchObject({ parties: ['张三', '相邻住户李四'], notifiedOn: '2013-09-23', requestedOn: null });
    expect(notified.clocks.hearingRequest.status.dueDate).toBe(cal.addWorkingDays('2013-09-23', 5));
    expect(notified.clocks.statutory.status.paused).toBe(true);
    // The applicant with the receipt's access code sees the hearing on its case.
    expect((await json(await f.call('applicant', 'GET', '/t/tz/cases/TZ-H', undefined, { 'banshi-access-code': code }))).hearing.parties).toEqual(['张三', '相邻住户李四']);

    // Another applicant may not ask on this case; the applicant with the receipt's access code may.
    expect((await f.call('otherApplicant', 'POST', '/t/tz/cases/TZ-H/commands', { type: 'RequestHearing', party: '张三' })).status).toBe(403);
    f.clock.set('2013-09-25');
    const asked = await f.call('applicant', 'POST', '/t/tz/cases/TZ-H/commands', { type: 'RequestHearing', party: '张三' }, { 'banshi-access-code': code });
    expect(asked.status).toBe(200);
    const requested = (await json(asked)).state;
    expect(requested.status).toBe('hearing');
    expect(requested.hearing).toMatchObject({ requestedOn: '2013-09-25', requestedBy: '张三' });
    expect(requested.clocks.hearing.status.dueDate).toBe(cal.addWorkingDays('2013-09-25', 20));

    const hearingOn = cal.addWorkingDays('2013-09-26', 7);
    f.clock.set('2013-09-26');
    // The clerk cannot give less than 7 working days' notice (第四十八条第一款第一项).
    const short = await f.call('clerk', 'POST', '/t/tz/cases/TZ-H/commands', { type: 'ScheduleHearing', on: '2013-09-26', channel: 'window', hearingOn: cal.addWorkingDays('2013-09-26', 6), place: '中心三楼听证室', presider: '法制科 李某' });
    expect([short.status, (await json(short)).code]).toEqual([422, 'APPROVAL_HEARING_NOTICE_TOO_SHORT']);
    expect((await f.call('clerk', 'POST', '/t/tz/cases/TZ-H/commands', { type: 'ScheduleHearing', on: '2013-09-26', channel: 'window', hearingOn, place: '中心三楼听证室', presider: '法制科 李某' })).status).toBe(200);
    f.clock.set(hearingOn);
    const held = await json(await f.call('clerk', 'POST', '/t/tz/cases/TZ-H/commands', { type: 'HoldHearing', on: hearingOn, channel: 'window', record: 'TZ-听证-2013-01', signedBy: ['张三', '相邻住户李四'] }));
    expect(held.state.status).toBe('review');
    expect(held.state.hearing).toMatchObject({ hearingOn, heldOn: hearingOn, record: 'TZ-听证-2013-01', place: '中心三楼听证室' });
    expect(held.state.clocks.statutory.status.paused).toBe(false);
    // 20 working days from acceptance, plus the paused working days from the notice of the right to the hearing day.
    expect(held.state.statutoryDueDate).toBe(cal.addWorkingDays('2013-09-16', 20 + cal.workingDaysBetween('2013-09-22', hearingOn) - 1));
    expect(held.state.timeline.map((t: { type: string }) => t.type).slice(-4)).toEqual(['HearingRightNotified', 'HearingRequested', 'HearingScheduled', 'HearingHeld']);
    const decided = await json(await f.call('head', 'POST', '/t/tz/cases/TZ-H/commands', { type: 'Decide', on: hearingOn, channel: 'window', outcome: 'grant' }));
    expect(decided.events[0].data.hearingRecord).toBe('TZ-听证-2013-01');
  });
});
