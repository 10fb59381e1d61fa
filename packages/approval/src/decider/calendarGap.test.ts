import { readFileSync } from 'node:fs';
import { createEventRegistry, createMemoryStore, DomainError, foldDecider, handle, type EventStore } from '@banshi/core';
import { calendarEvents, calendarStreamId, calendarYearAddedEvent, loadCalendar, mainlandChinaCalendar, parseHolidayYear } from '@banshi/calendar';
import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { approvalEvents, approvalRegistry, CalendarYearMissingError, createApprovalDecider, decisionOnTime, describeDue, type ApprovalCommand, type ApprovalCommandOf, type ApprovalEvent } from '../index.js';

// The built-in data ends with 2026. The 2027 file is the docs' clearly marked SAMPLE (not the State Council notice).
const sample2027 = parseHolidayYear(JSON.parse(readFileSync(new URL('../../../../docs/calendar/2027.sample.json', import.meta.url), 'utf8')));
const through2026 = mainlandChinaCalendar();
const with2027 = through2026.withYears([sample2027]);
const approval = createApprovalDecider({ calendar: through2026, itemLimits: { 'XK-8': { promised: 8 } } });
const loaded = createApprovalDecider({ calendar: with2027, itemLimits: { 'XK-8': { promised: 8 } } });
const spec = deciderSpec(approval);
const meta = { channel: 'window' as const, actor: { id: 'w-1', role: 'clerk' }, node: 'center' };
const head = { id: 'h-1', role: 'head' };

const receive = (on: string, itemCode = 'XK-1'): ApprovalCommand => ({
  type: 'Receive', on, channel: 'window', caseId: 'TZ-2026-1', itemCode, department: '市场监管',
  applicant: { name: '某公司', kind: 'organization' }, materials: ['申请书'], node: 'center',
});
function run(commands: readonly ApprovalCommand[], decider = approval): ApprovalEvent[] {
  let state = decider.initialState;
  const out: ApprovalEvent[] = [];
  for (const c of commands) {
    const r = decider.decide(c, state);
    if (r instanceof DomainError) throw r;
    for (const e of r) {
      out.push(e);
      state = decider.evolve(state, e);
    }
  }
  return out;
}
async function stored(store: EventStore): Promise<string[]> {
  return (await store.readStream('case-1')).map((e) => `${e.version}:${e.type}`);
}

describe('December 2026: limits that reach into 2027, for which the calendar has no data (design §7: a fold is total)', () => {
  it('a case received on 2026-12-28 is recorded, folds with an unknown intake due date, and can still be withdrawn', async () => {
    const store = createMemoryStore({ registry: approvalRegistry });
    const received = await handle(store, 'case-1', receive('2026-12-28'), approval, { meta });
    expect(received.state.data.clocks.intake).toMatchObject({ start: '2026-12-28', limit: 5, dueDate: null, missingYear: 2027, basis: '行政许可法 第三十二条' });
    expect(describeDue(received.state.data.clocks.intake)).toBe('due date unknown: 2027 calendar not loaded');
    const r = await handle(store, 'case-1', { type: 'Withdraw', on: '2026-12-29', channel: 'window' }, approval, { meta });
    expect(r.state.status).toBe('withdrawn');
    expect(await stored(store)).toEqual(['1:CaseReceived', '2:CaseWithdrawn']);
  });

  it('accepting on 2026-12-10 starts a 20-working-day clock (第四十二条) whose due date reads unknown; used and left still read', () => {
    spec
      .given(run([receive('2026-12-09')]))
      .when({ type: 'Accept', on: '2026-12-10', channel: 'window' })
      .thenState((s) => {
        expect(s.status).toBe('review');
        expect(s.data.clocks.statutory).toMatchObject({ start: '2026-12-10', limit: 20, dueDate: null, missingYear: 2027, basis: '行政许可法 第四十二条' });
        expect(approval.clockStatus(s, 'statutory', '2026-12-30')).toMatchObject({ dueDate: null, missingYear: 2027, used: 14, left: 6, level: 'normal' });
        expect(approval.clockStatus(s, 'statutory', '2027-01-05')).toMatchObject({ dueDate: null, missingYear: 2027, used: null, level: 'unknown' });
      });
  });

  it('an intake decision inside 2026 is judged exactly: 5 working days (第三十二条) cannot have run out by 2026-12-31', () => {
    spec.given(run([receive('2026-12-28')])).when({ type: 'NotifySupplement', on: '2026-12-31', channel: 'window', missing: ['营业执照'] }).thenState((s) => expect(s.status).toBe('awaitingSupplement'));
    spec.given(run([receive('2026-12-28')])).when({ type: 'Accept', on: '2026-12-29', channel: 'window' }).thenState((s) => expect(s.data.acceptance).toBe('accepted'));
  });

  it('past the data, a 补正 notice or a refusal needs the date (第三十二条): refused naming 2027, nothing written', async () => {
    const store = createMemoryStore({ registry: approvalRegistry });
    await handle(store, 'case-1', receive('2026-12-28'), approval, { meta });
    for (const cmd of [
      { type: 'NotifySupplement', on: '2027-01-06', channel: 'window', missing: ['营业执照'] },
      { type: 'RefuseIntake', on: '2027-01-06', channel: 'window', reasons: ['不属于本机关职权'], competentAgency: '省厅' },
    ] as const satisfies readonly ApprovalCommand[]) {
      const err = await handle(store, 'case-1', cmd, approval, { meta }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CalendarYearMissingError);
      expect(err).toMatchObject({ code: 'APPROVAL_CALENDAR_YEAR_MISSING', year: 2027, rule: { key: 'intake', basis: '行政许可法 第三十二条' } });
      expect((err as Error).message).toMatch(/needs the 2027 working-day calendar, which is not loaded: load the State Council's notice for 2027 \(banshi calendar add-year 2027\.json --to <store>/);
    }
    expect(await stored(store)).toEqual(['1:CaseReceived']);
  });

  it('past the data, accepting is still recorded (a legal act); once 2027 is loaded a late acceptance counts from receipt (第三十二条)', () => {
    const events = run([receive('2026-12-28'), { type: 'Accept', on: '2027-01-06', channel: 'window' }]);
    const without = foldDecider(approval, events);
    expect(without.data).toMatchObject({ acceptance: 'accepted', acceptedFrom: '2027-01-06' });
    expect(without.data.clocks.statutory).toMatchObject({ dueDate: null, missingYear: 2027 });
    const withYear = foldDecider(loaded, events);
    // 2026-12-28 + 5 working days (12-29, 12-30, 12-31, 01-04, 01-05) = 2027-01-05 < 01-06: already deemed accepted.
    expect(withYear.data.clocks.intake?.dueDate).toBe('2027-01-05');
    expect(withYear.data).toMatchObject({ acceptance: 'deemed', acceptedFrom: '2026-12-28' });
    expect(withYear.data.clocks.statutory).toMatchObject({ start: '2026-12-28', dueDate: with2027.addWorkingDays('2026-12-28', 20), missingYear: null });
    expect(withYear.data.timeline[1]?.detail).toBe('逾期受理：自 2026-12-28 起视为受理（行政许可法 第三十二条（本引擎的解读））');
  });

  it('an extension (第四十二条) before 2027 is allowed: the due date lies in 2027 or later; in 2027 it needs the data', () => {
    const accepted = run([receive('2026-12-09'), { type: 'Accept', on: '2026-12-10', channel: 'window' }]);
    const extend = (on: string): ApprovalCommandOf<'Extend'> => ({ type: 'Extend', on, channel: 'window', reasons: ['需现场核查'], applicantToldOn: on });
    spec.given(accepted).when(extend('2026-12-30'), { actor: head }).thenState((s) => expect(s.data.clocks.statutory).toMatchObject({ extensionDays: 10, dueDate: null, missingYear: 2027 }));
    const err = spec.given(accepted).when(extend('2027-01-04'), { actor: head }).thenRejects('APPROVAL_CALENDAR_YEAR_MISSING', '行政许可法 第四十二条');
    expect(err).toMatchObject({ year: 2027 });
    spec.given(accepted).when({ ...extend('2026-12-30'), applicantToldOn: '2027-01-04' }, { actor: head }).thenRejects('APPROVAL_CALENDAR_YEAR_MISSING');
  });

  it('a decision is recorded with its unknown due dates and the year they need; on time when made before that year', () => {
    const accepted = run([receive('2026-12-09', 'XK-8'), { type: 'Accept', on: '2026-12-10', channel: 'window' }]);
    spec.given(accepted).when({ type: 'Decide', on: '2026-12-30', channel: 'window', outcome: 'grant' }).then([
      { type: 'CaseDecided', data: { outcome: 'grant', reasons: [], remedies: [], statutoryDueDate: null, promisedDueDate: '2026-12-22', missingYear: 2027, on: '2026-12-30', channel: 'window', inPerson: true } },
    ]);
    expect(decisionOnTime({ on: '2026-12-30', statutoryDueDate: null, promisedDueDate: '2026-12-22', missingYear: 2027 })).toEqual({ statutory: true, promised: false });
    expect(decisionOnTime({ on: '2027-01-20', statutoryDueDate: null, promisedDueDate: null, missingYear: 2027 })).toEqual({ statutory: null, promised: null });
  });

  it('the due check warns yellow with the due date unknown, then "unknown" past the data, once each; deems acceptance once the year is loaded', () => {
    const received = run([receive('2026-12-28')]);
    const yellow = approval.dueCheck(foldDecider(approval, received), '2026-12-31');
    expect(yellow).toEqual([
      { type: 'DeadlineWarned', data: { clock: 'intake', level: 'yellow', dueDate: null, left: 2, missingYear: 2027, basis: '行政许可法 第三十二条', on: '2026-12-31', channel: 'system', inPerson: false } },
    ]);
    const afterYellow = [...received, ...yellow];
    const unknown = approval.dueCheck(foldDecider(approval, afterYellow), '2027-01-06');
    expect(unknown).toEqual([
      { type: 'DeadlineWarned', data: { clock: 'intake', level: 'unknown', dueDate: null, left: null, missingYear: 2027, basis: '行政许可法 第三十二条', on: '2027-01-06', channel: 'system', inPerson: false } },
    ]);
    const afterUnknown = [...afterYellow, ...unknown];
    expect(approval.dueCheck(foldDecider(approval, afterUnknown), '2027-01-07')).toEqual([]);
    expect(foldDecider(approval, afterUnknown).data.timeline.at(-1)?.detail).toBe('受理期限：到期日未知（未载入 2027 年日历）');
    // The same log, folded with 2027 loaded: the due check deems the case accepted from the receipt date.
    const deemed = loaded.dueCheck(foldDecider(loaded, afterUnknown), '2027-01-07');
    expect(deemed[0]).toMatchObject({ type: 'CaseDeemedAccepted', data: { from: '2026-12-28', basis: '行政许可法 第三十二条' } });
  });

  it('worked example: received 2026-12-28, then the 2027 notice is added — a replay fills the date in, as if it had been there all along', () => {
    const events = run([receive('2026-12-28', 'XK-8'), { type: 'Accept', on: '2026-12-30', channel: 'window' }]);
    const before = foldDecider(approval, events);
    expect(before.data.clocks.statutory).toMatchObject({ dueDate: null, missingYear: 2027 });
    expect(before.data.clocks.promised).toMatchObject({ dueDate: null, missingYear: 2027 });
    const after = foldDecider(createApprovalDecider({ calendar: through2026.withYears([sample2027]), itemLimits: { 'XK-8': { promised: 8 } } }), events);
    expect(after).toEqual(foldDecider(loaded, events));
    expect(after.data.clocks.intake).toMatchObject({ dueDate: '2027-01-05', missingYear: null, stoppedOn: '2026-12-30' });
    expect(after.data.clocks.promised).toMatchObject({ dueDate: '2027-01-12', missingYear: null }); // 12-31, 01-04 … 01-08, 01-11, 01-12
    expect(after.data.clocks.statutory?.dueDate).toBe('2027-01-28'); // docs/rules.md's worked example
    expect(with2027.version).not.toBe(through2026.version);
  });

  it("the README's worked example, through a store: add-year's event in the store, loadCalendar, fold again", async () => {
    const store = createMemoryStore({ registry: createEventRegistry([...approvalEvents, ...calendarEvents]) });
    await handle(store, 'case-TZ-2026-1', receive('2026-12-28', 'XK-8'), approval, { meta });
    await handle(store, 'case-TZ-2026-1', { type: 'Accept', on: '2026-12-30', channel: 'window' }, approval, { meta });
    const events = await store.readStream('case-TZ-2026-1');
    const before = foldDecider(createApprovalDecider({ itemLimits: { 'XK-8': { promised: 8 } } }), events);
    expect(describeDue(before.data.clocks.statutory)).toBe('due date unknown: 2027 calendar not loaded');
    await store.append(calendarStreamId(), [{ ...calendarYearAddedEvent(sample2027), meta: { actor: { id: 'cli', role: 'calendarAdmin' }, channel: 'system' } }]);
    const calendar = await loadCalendar(store);
    const after = foldDecider(createApprovalDecider({ calendar, itemLimits: { 'XK-8': { promised: 8 } } }), events);
    expect([after.data.clocks.intake?.dueDate, after.data.clocks.promised?.dueDate, after.data.clocks.statutory?.dueDate]).toEqual(['2027-01-05', '2027-01-12', '2027-01-28']);
  });
});
