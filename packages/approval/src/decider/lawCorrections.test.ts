import { createMemoryStore, DomainError, foldDecider, handle, type Actor } from '@banshi/core';
import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { approvalRegistry, createApprovalDecider, licensingRules, parseApprovalCommand, type ApprovalCommand, type ApprovalCommandOf, type ApprovalEvent } from '../index.js';

const approval = createApprovalDecider({ itemLimits: { 'JB-1': { handling: 'immediate', promised: 0 } } });
const spec = deciderSpec(approval);
const cal = approval.env.calendar;
const clerk: Actor = { id: 'w-1', role: 'clerk' };
const head: Actor = { id: 'h-1', role: 'head' };
const governmentHead: Actor = { id: 'g-1', role: 'governmentHead' };

function run(commands: readonly ApprovalCommand[], decider = approval, actor: Actor = clerk): ApprovalEvent[] {
  let state = decider.initialState;
  const out: ApprovalEvent[] = [];
  for (const c of commands) {
    const r = decider.decide(c, state, { actor });
    if (r instanceof DomainError) throw r;
    for (const e of r) {
      out.push(e);
      state = decider.evolve(state, e);
    }
  }
  return out;
}
const receive = (over: Partial<ApprovalCommandOf<'Receive'>> = {}): ApprovalCommand => ({
  type: 'Receive', on: '2013-09-16', channel: 'window', caseId: 'C-1', itemCode: 'XK-1', department: '发改',
  applicant: { name: '某公司', kind: 'organization' }, materials: ['申请书'], node: 'center', ...over,
});
const accept: ApprovalCommand = { type: 'Accept', on: '2013-09-17', channel: 'window' };
const extend = (on = '2013-10-14'): ApprovalCommandOf<'Extend'> => ({ type: 'Extend', on, channel: 'window', reasons: ['需现场核查'], applicantToldOn: on });

describe('即办件 accepted instead of decided on the spot (第四十二条, 第三十四条)', () => {
  it('gets the ordinary 20 working days from acceptance; only the on-the-spot decision is immediate', () => {
    spec.given(run([receive({ itemCode: 'JB-1' })])).when(accept).thenState((s) => {
      expect(s.data.clocks.statutory).toMatchObject({ limit: licensingRules.decision.limit, dueDate: cal.addWorkingDays('2013-09-17', 20), basis: '行政许可法 第四十二条' });
      // The item's 0-day promise meant "on the spot"; once accepted it is measured against the statutory limit.
      expect(s.data.clocks.promised).toMatchObject({ limit: 20, dueDate: cal.addWorkingDays('2013-09-17', 20) });
      expect(approval.dueCheck(s, '2013-09-18')).toEqual([]); // not red the next day
    });
    spec.given(run([receive({ itemCode: 'JB-1' })])).when({ type: 'DecideOnSpot', on: '2013-09-16', channel: 'window' }).thenState((s) => {
      expect(s.data.clocks.statutory).toMatchObject({ limit: 0, dueDate: '2013-09-16', stoppedOn: '2013-09-16', basis: '行政许可法 第三十四条' });
    });
  });
  it('after a 补正, the on-the-spot decision is made the day the complete materials arrive (第三十四条)', () => {
    const supplemented = run([receive({ itemCode: 'JB-1' }), { type: 'NotifySupplement', on: '2013-09-16', channel: 'window', missing: ['照片'] }, { type: 'ReceiveSupplement', on: '2013-09-18', channel: 'window', materials: ['照片'] }]);
    spec.given(supplemented).when({ type: 'DecideOnSpot', on: '2013-09-18', channel: 'window' }).thenState((s) => expect(s.data).toMatchObject({ acceptance: 'onTheSpot', decidedOn: '2013-09-18' }));
    spec.given(supplemented).when({ type: 'DecideOnSpot', on: '2013-09-22', channel: 'window' }).thenRejects('APPROVAL_NOT_ON_THE_SPOT', '行政许可法 第三十四条');
  });
  it('an accepted 即办件 may be extended once by the organ head, like any other (第四十二条)', () => {
    spec.given(run([receive({ itemCode: 'JB-1' }), accept])).when(extend(), { actor: head }).thenState((s) => expect(s.data.clocks.statutory?.extensionDays).toBe(10));
  });
});

describe('who approves an extension: the authenticated actor, by article (第四十二条)', () => {
  it('standard handling: 本行政机关负责人 (role head), +10', () => {
    spec.given(run([receive(), accept])).when(extend(), { actor: head }).thenState((s, [e]) => {
      expect(e).toMatchObject({ type: 'ExtensionGranted', data: { days: 10, approvedBy: head } });
      expect(s.data.clocks.statutory?.dueDate).toBe(cal.addWorkingDays('2013-09-17', 30));
    });
    spec.given(run([receive(), accept])).when(extend(), { actor: clerk }).thenRejects('APPROVAL_EXTENSION_NEEDS_HEAD', '行政许可法 第四十二条');
    spec.given(run([receive(), accept])).when(extend(), { actor: governmentHead }).thenRejects('APPROVAL_EXTENSION_NEEDS_HEAD');
    spec.given(run([receive(), accept])).when(extend()).thenRejects('APPROVAL_EXTENSION_NEEDS_HEAD');
  });

  it('joint handling: 本级人民政府负责人 (role governmentHead), +15; the organ head is refused with the article (第四十二条第二款)', () => {
    const joint = run([receive({ handling: 'joint' }), accept]);
    spec.given(joint).when(extend(), { actor: governmentHead }).thenState((s, [e]) => {
      expect(e).toMatchObject({ data: { days: 15, approvedBy: governmentHead } });
      expect(s.data.clocks.statutory?.dueDate).toBe(cal.addWorkingDays('2013-09-17', 60));
    });
    const err = spec.given(joint).when(extend(), { actor: head }).thenRejects('APPROVAL_EXTENSION_NEEDS_GOVERNMENT_HEAD', '行政许可法 第四十二条第二款');
    expect(err.message).toMatch(/本级人民政府负责人 \(role 'governmentHead'\), not 'head'/);
  });

  it('authority in a command body is refused: approvedBy.role head from a clerk gets nothing (design §7)', async () => {
    expect(() => parseApprovalCommand({ ...extend(), approvedBy: { id: 'h-1', role: 'head' } })).toThrow(/approvedBy/);
    const store = createMemoryStore({ registry: approvalRegistry });
    for (const c of [receive(), accept]) await handle(store, 'case-1', c, approval, { meta: { actor: clerk } });
    const forged = { ...extend(), approvedBy: { id: 'h-1', role: 'head' } } as ApprovalCommand;
    await expect(handle(store, 'case-1', forged, approval, { meta: { actor: clerk } })).rejects.toMatchObject({ code: 'APPROVAL_AUTHORITY_FROM_BODY' });
    await expect(handle(store, 'case-1', extend(), approval, { meta: { actor: clerk } })).rejects.toMatchObject({ code: 'APPROVAL_EXTENSION_NEEDS_HEAD' });
    const granted = await handle(store, 'case-1', extend(), approval, { meta: { actor: head } });
    expect(granted.events[0]).toMatchObject({ data: { approvedBy: head }, meta: { actor: head } });
  });
});

describe('第四十三条 preliminary review by a lower organ has no extension', () => {
  it('an extension is refused with the article', () => {
    spec.given(run([receive({ handling: 'preliminary' }), accept])).when(extend(), { actor: head }).thenRejects('APPROVAL_NO_EXTENSION', '行政许可法 第四十三条');
  });
});

describe('joint review (联合办理): each department decides its own part (第二十六条, 第四十二条第二款)', () => {
  const assigned = () => run([receive({ handling: 'joint' }), accept, { type: 'AssignReview', on: '2013-09-18', channel: 'online', departments: ['发改', '国土', '环保'] }]);
  const opinion = (department: string, o: 'approve' | 'reject'): ApprovalCommand => ({ type: 'RecordOpinion', on: '2013-09-22', channel: 'online', department, opinion: o });
  it('one rejection blocks the grant, whatever the others say; a denial is then possible', () => {
    let events = assigned();
    for (const [d, o] of [['发改', 'approve'], ['国土', 'reject'], ['环保', 'approve']] as const) {
      const r = approval.decide(opinion(d, o), foldDecider(approval, events), { actor: clerk });
      if (r instanceof DomainError) throw r;
      events = [...events, ...r];
    }
    spec.given(events).when({ type: 'Decide', on: '2013-09-23', channel: 'online', outcome: 'grant' }).thenRejects('APPROVAL_REVIEW_NOT_APPROVED', '行政许可法 第四十二条');
    spec.given(events).when({ type: 'Decide', on: '2013-09-23', channel: 'online', outcome: 'deny', reasons: ['国土部分不予许可'], remedies: ['行政复议'] }).thenState((s) => expect(s.data.outcome).toBe('deny'));
  });
  it('"any" and "quorum" completion rules are no longer accepted in a command', () => {
    expect(() => parseApprovalCommand({ type: 'AssignReview', on: '2013-09-18', channel: 'online', departments: ['发改', '国土'], rule: { kind: 'any' } })).toThrow(/rule/);
    spec.given(assigned().slice(0, 2)).when({ type: 'AssignReview', on: '2013-09-18', channel: 'online', departments: ['发改', '国土'] }).thenState((_s, [e]) => {
      expect(e).toMatchObject({ type: 'ReviewAssigned', data: { rule: { kind: 'all' } } });
    });
  });
  it('n-of-m belongs to an expert panel (专家评审): its time is a 第四十五条 pause and its vote does not decide', () => {
    const started = run([receive(), accept, { type: 'StartSpecialProcedure', on: '2013-09-23', channel: 'mail', procedure: '专家评审', expectedWorkingDays: 5, notice: '书面告知：专家评审预计5个工作日', panel: { members: 5, quorum: 3 } }]);
    spec.given(started).when({ type: 'EndSpecialProcedure', on: '2013-09-27', channel: 'mail', result: '评审意见', votes: { approve: 2, reject: 3 } }).thenState((s, [e]) => {
      expect(e).toMatchObject({ type: 'SpecialProcedureEnded', data: { advice: { members: 5, quorum: 3, approve: 2, reject: 3, favourable: false } } });
      expect(s.data.timeline.at(-1)?.detail).toBe('评审意见（专家评审 2/5 赞成，需 3：不通过，仅供参考）');
      expect(s.data.clocks.statutory?.dueDate).toBe(cal.addWorkingDays(cal.addWorkingDays('2013-09-17', 20), cal.workingDaysBetween('2013-09-22', '2013-09-26')));
      const grant = approval.decide({ type: 'Decide', on: '2013-09-30', channel: 'online', outcome: 'grant' }, s, { actor: clerk });
      expect(grant).not.toBeInstanceOf(DomainError);
    });
    spec.given(started).when({ type: 'EndSpecialProcedure', on: '2013-09-27', channel: 'mail', votes: { approve: 4, reject: 3 } }).thenRejects('APPROVAL_PANEL_INVALID', '行政许可法 第四十五条');
    spec.given(run([receive(), accept])).when({ type: 'StartSpecialProcedure', on: '2013-09-23', channel: 'mail', procedure: '检测', expectedWorkingDays: 5, notice: '书面告知', panel: { members: 5, quorum: 3 } }).thenRejects('APPROVAL_PANEL_INVALID');
  });
});

describe('after a 补正, no deemed acceptance by default (第三十二条 has none)', () => {
  const supplemented = (decider = approval) => run([receive(), { type: 'NotifySupplement', on: '2013-09-17', channel: 'window', missing: ['场地证明'] }, { type: 'ReceiveSupplement', on: '2013-09-23', channel: 'window', materials: ['场地证明'] }], decider);
  it('the due check never deems the case accepted after the supplement, and acceptance later is not refused', () => {
    const s = foldDecider(approval, supplemented());
    expect(s.data.clocks.intake?.stoppedOn).toBe('2013-09-17');
    expect(approval.dueCheck(s, '2013-11-01')).toEqual([]);
    spec.given(supplemented()).when({ ...accept, on: '2013-10-30' }).thenState((x) => expect(x.data).toMatchObject({ acceptance: 'accepted', acceptedFrom: '2013-10-30' }));
  });
  it('a deployment may configure it as a local rule, citing its own basis', () => {
    const local = createApprovalDecider({ localRules: { deemedAcceptanceAfterSupplement: { days: 5, basis: '某省行政许可条例 第十二条' } } });
    const events = supplemented(local);
    expect(events.at(-1)).toMatchObject({ type: 'SupplementReceived', data: { deemedAcceptance: { days: 5, basis: '某省行政许可条例 第十二条' } } });
    const s = foldDecider(local, events);
    expect(s.data.clocks.intake).toMatchObject({ start: '2013-09-23', limit: 5, basis: '某省行政许可条例 第十二条', stoppedOn: null });
    expect(local.dueCheck(s, cal.addWorkingDays('2013-09-23', 6))[0]).toMatchObject({ type: 'CaseDeemedAccepted', data: { from: '2013-09-23', basis: '某省行政许可条例 第十二条' } });
    // The rule is in the event: the same log folds the same way under a decider without it.
    expect(foldDecider(approval, events)).toEqual(s);
    expect(() => createApprovalDecider({ localRules: { deemedAcceptanceAfterSupplement: { days: 0, basis: 'x' } } })).toThrow(/APPROVAL_CONFIG|days/);
  });
});
