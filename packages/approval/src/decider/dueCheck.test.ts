import { DomainError, foldDecider } from '@banshi/core';
import { addDays, statutoryClock } from '@banshi/calendar';
import { describe, expect, it } from 'vitest';
import { createApprovalDecider, licensingRules, type ApprovalCommand, type ApprovalEvent, type ClockFacts } from '../index.js';
import { limitOf } from '../state/index.js';
import { runCommands } from '../_test/runCommands.js';

const approval = createApprovalDecider({ itemLimits: { 'XK-PROMISE': { promised: 8 } } });
const cal = approval.env.calendar;

const run = (commands: readonly ApprovalCommand[]): ApprovalEvent[] => runCommands(approval, commands);
const receive: ApprovalCommand = {
  type: 'Receive',
  on: '2013-09-16',
  channel: 'online',
  caseId: 'TZ-1',
  itemCode: 'XK-PROMISE',
  department: '住建',
  applicant: { name: '张三', kind: 'person' },
  materials: ['申请书'],
  node: 'center',
};
/** Appends the due check's events and checks that a second run the same day appends nothing. */
function check(events: readonly ApprovalEvent[], today: string): { events: ApprovalEvent[]; appended: readonly ApprovalEvent[] } {
  const state = foldDecider(approval, events);
  const appended = approval.dueCheck(state, today);
  const after = [...events, ...appended];
  expect(approval.dueCheck(foldDecider(approval, after), today)).toEqual([]);
  return { events: after, appended };
}

describe('dueCheck', () => {
  it('deems the case accepted from the receipt date after 5 working days without an intake decision (第三十二条)', () => {
    const received = run([receive]);
    expect(check(received, '2013-09-24').appended.map((e) => e.type)).toEqual(['DeadlineWarned']); // intake clock yellow on its last day
    const { events, appended } = check(received, '2013-09-25');
    expect(appended[0]).toMatchObject({ type: 'CaseDeemedAccepted', data: { from: '2013-09-16', basis: '行政许可法 第三十二条', channel: 'system' } });
    const s = foldDecider(approval, events);
    expect(s.status).toBe('review');
    expect(s.data.acceptance).toBe('deemed');
    expect(s.data.clocks.statutory).toMatchObject({ start: '2013-09-16', dueDate: cal.addWorkingDays('2013-09-16', 20) });
  });

  it('a very late due check deems acceptance and warns in the same run, and is still idempotent', () => {
    const { appended } = check(run([receive]), '2013-10-08');
    expect(appended.map((e) => (e.type === 'DeadlineWarned' ? `${e.data.clock}:${e.data.level}` : e.type))).toEqual(['CaseDeemedAccepted', 'promised:red']);
  });

  it('yellow, then red, once each per due date, for both clocks', () => {
    const accepted = run([receive, { type: 'Accept', on: '2013-09-17', channel: 'online' }]);
    const promisedDue = cal.addWorkingDays('2013-09-17', 8);
    const statutoryDue = cal.addWorkingDays('2013-09-17', 20);
    expect(check(accepted, '2013-09-18').appended).toEqual([]);
    const y = check(accepted, cal.addWorkingDays(promisedDue, -2));
    expect(y.appended).toEqual([
      { type: 'DeadlineWarned', data: { clock: 'promised', level: 'yellow', dueDate: promisedDue, left: 2, missingYear: null, basis: expect.stringContaining('承诺时限') as string, on: cal.addWorkingDays(promisedDue, -2), channel: 'system', inPerson: false } },
    ]);
    const r = check(y.events, cal.nextWorkingDay(promisedDue));
    expect(r.appended.map((e) => e.type === 'DeadlineWarned' && `${e.data.clock}:${e.data.level}`)).toEqual(['promised:red']);
    const late = check(r.events, cal.nextWorkingDay(statutoryDue));
    expect(late.appended.map((e) => e.type === 'DeadlineWarned' && `${e.data.clock}:${e.data.level}:${e.data.dueDate}`)).toEqual([`statutory:red:${statutoryDue}`]);
  });

  it('an extension moves the due date, so a new warning may follow', () => {
    const accepted = run([receive, { type: 'Accept', on: '2013-09-17', channel: 'online' }]);
    const due = cal.addWorkingDays('2013-09-17', 20);
    const y1 = check(accepted, cal.addWorkingDays(due, -1)).events;
    const state = foldDecider(approval, y1);
    const granted = approval.decide({ type: 'Extend', on: cal.addWorkingDays(due, -1), channel: 'online', reasons: ['专家意见分歧'], applicantToldOn: cal.addWorkingDays(due, -1) }, state, { actor: { id: 'h', role: 'head' } });
    if (granted instanceof DomainError) throw granted;
    const extended = [...y1, ...granted];
    const newDue = cal.addWorkingDays('2013-09-17', 30);
    expect(foldDecider(approval, extended).data.clocks.statutory?.dueDate).toBe(newDue);
    expect(check(extended, cal.addWorkingDays(newDue, -1)).appended.filter((e) => e.type === 'DeadlineWarned' && e.data.clock === 'statutory')).toHaveLength(1);
  });

  it('nothing while a special procedure pauses the clocks; nothing for finished cases or dates before the last step', () => {
    const paused = run([
      receive,
      { type: 'Accept', on: '2013-09-17', channel: 'online' },
      { type: 'StartSpecialProcedure', on: '2013-09-18', channel: 'mail', procedure: '检测', expectedWorkingDays: 30, notice: '书面告知：检测预计30个工作日' },
    ]);
    expect(approval.dueCheck(foldDecider(approval, paused), '2013-12-20')).toEqual([]);
    const withdrawn = run([receive, { type: 'Withdraw', on: '2013-09-17', channel: 'online' }]);
    expect(approval.dueCheck(foldDecider(approval, withdrawn), '2013-12-20')).toEqual([]);
    expect(approval.dueCheck(foldDecider(approval, run([receive])), '2013-09-01')).toEqual([]);
    expect(approval.decide({ type: 'CheckDue', on: '2013-09-01' }, foldDecider(approval, run([receive])))).toBeInstanceOf(DomainError);
  });

  it('warns on the certificate clock (第四十四条) and the 差评 follow-up clock', () => {
    const decided = run([receive, { type: 'Accept', on: '2013-09-17', channel: 'online' }, { type: 'Decide', on: '2013-09-18', channel: 'online', outcome: 'grant' }]);
    const certDue = cal.addWorkingDays('2013-09-18', 10);
    const late = check(decided, cal.nextWorkingDay(certDue)).appended;
    expect(late).toEqual([expect.objectContaining({ data: expect.objectContaining({ clock: 'certificate', level: 'red', basis: '行政许可法 第四十四条' }) as unknown })]);
  });

  it('clockStatus reads stopped clocks on the day they stopped', () => {
    const s = foldDecider(approval, run([receive, { type: 'Accept', on: '2013-09-17', channel: 'online' }, { type: 'Decide', on: '2013-09-18', channel: 'online', outcome: 'grant' }]));
    expect(approval.clockStatus(s, 'statutory', '2014-01-10')).toMatchObject({ used: 1, level: 'normal' });
    expect(approval.clockStatus(s, 'followUp', '2014-01-10')).toBeNull();
  });
});

describe('clockStatus', () => {
  it('reads each clock as a freshly built statutory clock does, every day, paused or extended, however often it is read', () => {
    const fresh = (f: ClockFacts, day: string) =>
      statutoryClock({ calendar: cal, start: f.start, limit: f.limit, pauses: f.pauses, extensions: f.extensionDays ? [{ days: f.extensionDays }] : [], warnWhenLeft: limitOf(licensingRules.warning) }).read(f.stoppedOn !== null && f.stoppedOn < day ? f.stoppedOn : day);
    const accepted: ApprovalCommand[] = [receive, { type: 'Accept', on: '2013-09-17', channel: 'online' }];
    const special: ApprovalCommand = { type: 'StartSpecialProcedure', on: '2013-09-23', channel: 'window', procedure: '检验', expectedWorkingDays: 5, notice: '告知书' };
    const cases = [accepted, [...accepted, special], [...accepted, special, { type: 'EndSpecialProcedure', on: '2013-09-26', channel: 'window' } as ApprovalCommand]];
    for (const commands of cases) {
      const state = foldDecider(approval, run(commands));
      for (let day = '2013-09-17', i = 0; i < 40; day = addDays(day, 1), i++) {
        for (let again = 0; again < 2; again++) {
          for (const name of ['statutory', 'promised'] as const) {
            const f = state.data.clocks[name];
            if (f) expect(approval.clockStatus(state, name, day)).toEqual(fresh(f, day));
          }
        }
      }
    }
  });
});
