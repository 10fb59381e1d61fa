import { addDays } from '@banshi/calendar';
import { foldDecider } from '@banshi/core';
import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { createApprovalDecider, licensingRules, type ApprovalCommand, type ApprovalEvent } from '../index.js';
import { runCommands } from '../_test/runCommands.js';

// 行政许可法 第四十七条第一款: 行政许可直接涉及申请人与他人之间重大利益关系的，行政机关在作出行政许可决定前，应当告知申请人、
//   利害关系人享有要求听证的权利；申请人、利害关系人在被告知听证权利之日起五日内提出听证申请的，行政机关应当在二十日内组织听证。
// 第四十八条第一款第一项: 行政机关应当于举行听证的七日前将举行听证的时间、地点通知申请人、利害关系人，必要时予以公告；
//   第五项: 听证应当制作笔录…；第二款: 行政机关应当根据听证笔录，作出行政许可决定。
// 第四十五条: 依法需要听证…的，所需时间不计算在本节规定的期限内。 第八十二条: 期限以工作日计算，不含法定节假日。
const approval = createApprovalDecider({ itemLimits: { 'XK-8': { promised: 8 } } });
const spec = deciderSpec(approval);
const cal = approval.env.calendar;
const receive: ApprovalCommand = {
  type: 'Receive', on: '2013-09-16', channel: 'window', caseId: 'H-1', itemCode: 'XK-8', department: '住建',
  applicant: { name: '某公司', kind: 'organization' }, materials: ['建设工程规划许可申请书'], node: 'center',
};
const accept: ApprovalCommand = { type: 'Accept', on: '2013-09-17', channel: 'window' };
const notify: ApprovalCommand = { type: 'NotifyHearingRight', on: '2013-09-23', channel: 'mail', parties: ['某公司', '相邻住户张三'], interest: '新建楼房影响相邻住户采光' };
const window = cal.addWorkingDays('2013-09-23', 5); // the last day a party may ask
const request = (on: string, party = '相邻住户张三'): ApprovalCommand => ({ type: 'RequestHearing', on, channel: 'window', party });
const schedule = (on: string, hearingOn: string, over: Partial<Extract<ApprovalCommand, { type: 'ScheduleHearing' }>> = {}): ApprovalCommand => ({
  type: 'ScheduleHearing', on, channel: 'mail', hearingOn, place: '中心三楼听证室', presider: '法制科 李某', ...over,
});
const hold = (on: string): ApprovalCommand => ({ type: 'HoldHearing', on, channel: 'window', record: 'TZ-听证-2013-04', signedBy: ['某公司', '相邻住户张三'] });
const run = (commands: readonly ApprovalCommand[]): ApprovalEvent[] => runCommands(approval, commands);

describe('hearings (行政许可法 第四十六–四十八条)', () => {
  it('第四十七条: telling the parties of their right pauses the decision clocks (第四十五条) and opens a 5-working-day request window', () => {
    spec.given(run([receive, accept])).when(notify).thenState((s, [e]) => {
      expect(e).toEqual({ type: 'HearingRightNotified', data: { parties: ['某公司', '相邻住户张三'], interest: '新建楼房影响相邻住户采光', on: '2013-09-23', channel: 'mail', inPerson: false } });
      expect(s.status).toBe('hearingNotice');
      expect(s.data.clocks.statutory).toMatchObject({ dueDate: null, missingYear: null, pauses: [{ from: '2013-09-23' }] });
      expect(s.data.clocks.hearingRequest).toMatchObject({ start: '2013-09-23', limit: 5, dueDate: window, basis: licensingRules.hearingRequest.basis });
      expect(approval.clockStatus(s, 'statutory', '2013-09-25')?.paused).toBe(true);
    });
  });

  it('第四十七条: a request within the 5 working days starts the 20-working-day clock to hold the hearing; a late one is refused with the article', () => {
    spec.given(run([receive, accept, notify])).when(request(window)).thenState((s) => {
      expect(s.status).toBe('hearing');
      expect(s.data.hearing).toMatchObject({ requestedOn: window, requestedBy: '相邻住户张三' });
      expect(s.data.clocks.hearingRequest?.stoppedOn).toBe(window);
      expect(s.data.clocks.hearing).toMatchObject({ start: window, limit: 20, dueDate: cal.addWorkingDays(window, 20), basis: licensingRules.hearingHeld.basis });
    });
    spec.given(run([receive, accept, notify])).when(request(cal.nextWorkingDay(window))).thenRejects('APPROVAL_HEARING_REQUEST_TOO_LATE', '行政许可法 第四十七条第一款');
    spec.given(run([receive, accept, notify])).when(request('2013-09-24', '路人')).thenRejects('APPROVAL_HEARING_PARTY_NOT_NOTIFIED', '第四十七条');
  });

  it('第四十七条: when nobody asks, the due check records the lapse and the decision clocks run again from the day after the window', () => {
    const s = foldDecider(approval, run([receive, accept, notify]));
    expect(approval.dueCheck(s, window).map((e) => e.type)).not.toContain('HearingRightLapsed');
    spec.given(run([receive, accept, notify])).when({ type: 'CheckDue', on: '2013-10-10' }).thenState((x, events) => {
      const from = addDays(window, 1);
      expect(events[0]).toEqual({ type: 'HearingRightLapsed', data: { from, basis: licensingRules.hearingRequest.basis, on: '2013-10-10', channel: 'system', inPerson: false } });
      expect(x.status).toBe('review');
      // 20 working days from acceptance, the days from the notice to the end of the window not counted (第四十五条)
      const counted = cal.workingDaysBetween('2013-09-17', '2013-09-23') - 1; // 09-18 … 09-22 (the notice day starts the pause)
      expect(x.data.clocks.statutory?.dueDate).toBe(cal.addWorkingDays(window, 20 - counted));
      expect(x.data.clocks.statutory?.pauses).toEqual([{ from: '2013-09-23', to: from }]);
    });
  });

  it('第四十八条第一款第一项: the notice of time and place goes out at least 7 working days ahead; 第四十七条: the hearing is within 20 working days of the request', () => {
    const given = run([receive, accept, notify, request('2013-09-24')]);
    const earliest = cal.addWorkingDays('2013-09-25', 7);
    spec.given(given).when(schedule('2013-09-25', cal.addWorkingDays('2013-09-25', 6))).thenRejects('APPROVAL_HEARING_NOTICE_TOO_SHORT', '行政许可法 第四十八条第一款第一项');
    spec.given(given).when(schedule('2013-09-25', earliest)).thenState((s, [e]) => {
      expect(e).toMatchObject({ type: 'HearingScheduled', data: { hearingOn: earliest, announcement: null } });
      expect(s.status).toBe('hearing');
      expect(s.data.hearing).toMatchObject({ noticeOn: '2013-09-25', hearingOn: earliest, place: '中心三楼听证室' });
    });
    const last = cal.addWorkingDays('2013-09-24', 20);
    spec.given(given).when(schedule('2013-09-25', last)).thenState((s) => expect(s.data.hearing?.hearingOn).toBe(last));
    spec.given(given).when(schedule('2013-09-25', cal.nextWorkingDay(last))).thenRejects('APPROVAL_HEARING_TOO_LATE', '第四十七条第一款');
  });

  it('第四十八条第二款: no decision before the hearing is held; held on the notified day, the record is what the decision names, and the clocks exclude the hearing time', () => {
    const hearingOn = cal.addWorkingDays('2013-09-25', 8);
    const given = run([receive, accept, notify, request('2013-09-24'), schedule('2013-09-25', hearingOn)]);
    spec.given(given).when({ type: 'Decide', on: '2013-09-26', channel: 'window', outcome: 'grant' }).thenRejects('APPROVAL_HEARING_PENDING', '第四十八条');
    spec.given(run([receive, accept, notify])).when({ type: 'Decide', on: '2013-09-24', channel: 'window', outcome: 'grant' }).thenRejects('APPROVAL_HEARING_PENDING', '第四十八条');
    spec.given(given).when(hold(cal.nextWorkingDay(hearingOn))).thenRejects('APPROVAL_HEARING_NOT_AS_NOTIFIED', '第四十八条第一款第一项');
    spec.given(given).when(hold(hearingOn)).thenState((s) => {
      expect(s.status).toBe('review');
      expect(s.data.hearing).toMatchObject({ heldOn: hearingOn, record: 'TZ-听证-2013-04' });
      expect(s.data.clocks.hearing?.stoppedOn).toBe(hearingOn);
      const counted = cal.workingDaysBetween('2013-09-17', '2013-09-23') - 1;
      expect(s.data.clocks.statutory?.dueDate).toBe(cal.addWorkingDays(cal.addWorkingDays(hearingOn, -1), 20 - counted));
    });
    spec.given(run([receive, accept, notify, request('2013-09-24'), schedule('2013-09-25', hearingOn), hold(hearingOn)]))
      .when({ type: 'Decide', on: hearingOn, channel: 'window', outcome: 'grant' })
      .thenState((s, [e]) => {
        expect(e).toMatchObject({ type: 'CaseDecided', data: { outcome: 'grant', hearingRecord: 'TZ-听证-2013-04' } });
        expect(s.data.timeline.at(-1)?.detail).toContain('根据听证笔录 TZ-听证-2013-04');
      });
  });

  it('第四十六条: a hearing the organ holds itself needs its public announcement; one hearing per case (our reading)', () => {
    const later = cal.addWorkingDays('2013-09-23', 7);
    spec.given(run([receive, accept])).when(schedule('2013-09-23', later)).thenRejects('APPROVAL_HEARING_NEEDS_ANNOUNCEMENT', '行政许可法 第四十六条');
    spec.given(run([receive, accept])).when(schedule('2013-09-23', later, { announcement: '关于某项目规划许可听证的公告' })).thenState((s) => {
      expect(s.status).toBe('hearing');
      expect(s.data.hearing).toMatchObject({ basis: licensingRules.publicHearing.basis, announcement: '关于某项目规划许可听证的公告' });
      expect(s.data.clocks.statutory).toMatchObject({ dueDate: null, pauses: [{ from: '2013-09-23' }] });
      expect(s.data.clocks.hearing).toBeNull(); // 第四十六条 sets no 20-day limit
    });
    const done = run([receive, accept, schedule('2013-09-23', later, { announcement: '公告' }), hold(later)]);
    spec.given(done).when({ ...notify, on: later }).thenRejects('APPROVAL_HEARING_ALREADY_HELD', '第四十七条');
  });

  it('its own deadlines warn like the other clocks: the hearing not held in 20 working days goes yellow, then red', () => {
    const s = foldDecider(approval, run([receive, accept, notify, request('2013-09-24')]));
    const due = cal.addWorkingDays('2013-09-24', 20);
    const yellow = approval.dueCheck(s, cal.addWorkingDays(due, -2));
    expect(yellow).toContainEqual(expect.objectContaining({ type: 'DeadlineWarned', data: expect.objectContaining({ clock: 'hearing', level: 'yellow', dueDate: due, basis: licensingRules.hearingHeld.basis }) }));
    const red = approval.dueCheck(foldDecider(approval, [...run([receive, accept, notify, request('2013-09-24')]), ...yellow]), cal.nextWorkingDay(due));
    expect(red).toContainEqual(expect.objectContaining({ type: 'DeadlineWarned', data: expect.objectContaining({ clock: 'hearing', level: 'red', dueDate: due }) }));
    // the paused decision clocks never warn meanwhile
    expect([...yellow, ...red].filter((e) => e.type === 'DeadlineWarned' && (e.data.clock === 'statutory' || e.data.clock === 'promised'))).toEqual([]);
  });

  it('the machine and the fast fold agree on a whole hearing; withdrawal stops its clocks', () => {
    const hearingOn = cal.addWorkingDays('2013-09-25', 8);
    const events = run([receive, accept, notify, request('2013-09-24'), schedule('2013-09-25', hearingOn), hold(hearingOn), { type: 'Decide', on: hearingOn, channel: 'window', outcome: 'grant' }]);
    expect(approval.foldWithMachine(events)).toEqual(foldDecider(approval, events));
    spec.given(run([receive, accept, notify, request('2013-09-24')])).when({ type: 'Withdraw', on: '2013-09-26', channel: 'window' }).thenState((s) => {
      expect(s.status).toBe('withdrawn');
      expect(s.data.clocks.hearing?.stoppedOn).toBe('2013-09-26');
    });
  });

  it('第四十六–四十八条: a hearing is not a bare 第四十五条 pause — StartSpecialProcedure with 听证 is refused, naming the hearing commands; the other procedures still pause', () => {
    const start = (procedure: '听证' | '检验'): ApprovalCommand => ({ type: 'StartSpecialProcedure', on: '2013-09-23', channel: 'window', procedure, expectedWorkingDays: 10, notice: '书面告知' });
    spec.given(run([receive, accept])).when(start('听证')).thenRejects('APPROVAL_HEARING_HAS_ITS_OWN_STEPS', '行政许可法 第四十五条');
    const refused = approval.decide(start('听证'), foldDecider(approval, run([receive, accept])));
    expect(refused instanceof Error ? refused.message : '').toMatch(/NotifyHearingRight.*RequestHearing.*ScheduleHearing.*HoldHearing/);
    spec.given(run([receive, accept])).when(start('检验')).thenState((s) => expect(s.status).toBe('specialProcedure'));
  });
});
