import { DomainError } from '@banshi/core';
import { getShortestPaths } from '@xstate/graph';
import { initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { approvalStatuses, approvalTransitionTable, buildTransitionTable, createApprovalDecider, createApprovalMachine, type ApprovalCommand, type ApprovalEvent, type ApprovalStatus, type CaseState } from '../index.js';

const approval = createApprovalDecider({ itemLimits: { 'JB-1': { handling: 'immediate' } } });
const cal = approval.env.calendar;
/** The authenticated actor of every step here: an organ head, so extensions of standard cases are allowed. */
const asHead = { actor: { id: 'h', role: 'head' } };

/** Commands worth trying in a state, dated after its last step. */
function candidates(state: CaseState): ApprovalCommand[] {
  const last = state.data.lastOn ?? '2013-09-16';
  const on = state.status === 'new' ? last : cal.nextWorkingDay(last);
  const w = { on, channel: 'window' as const };
  const o = { on, channel: 'online' as const };
  const receive = { type: 'Receive' as const, ...w, caseId: 'P-1', department: '市场监管', applicant: { name: '李四', kind: 'person' as const }, materials: ['申请书'], node: 'center' };
  return [
    { ...receive, itemCode: 'XK-1' },
    { ...receive, itemCode: 'JB-1' },
    { type: 'NotifySupplement', ...w, missing: ['身份证明'] },
    { type: 'ReceiveSupplement', ...o, materials: ['身份证明'] },
    { type: 'Accept', ...o },
    { type: 'RefuseIntake', ...w, reasons: ['不属于本机关职权'], competentAgency: '省厅' },
    { type: 'DecideOnSpot', on: last, channel: 'window' },
    { type: 'AssignReview', ...o, departments: ['发改', '国土'] },
    { type: 'RecordOpinion', ...o, department: '发改', opinion: 'approve' },
    { type: 'RecordOpinion', ...o, department: '国土', opinion: 'reject' },
    { type: 'Return', ...o, to: 'window', reasons: ['材料不清'] },
    { type: 'Resubmit', ...w },
    { type: 'StartSpecialProcedure', ...o, procedure: '检验', expectedWorkingDays: 10, notice: '书面告知：检验预计10个工作日' },
    { type: 'EndSpecialProcedure', ...o, result: '检验合格' },
    { type: 'NotifyHearingRight', ...w, parties: ['李四', '相邻住户'], interest: '相邻采光' },
    { type: 'RequestHearing', ...w, party: '相邻住户' },
    { type: 'ScheduleHearing', ...o, hearingOn: cal.addWorkingDays(on, 8), place: '听证室', presider: '法制科' },
    { type: 'HoldHearing', ...w, on: state.data.hearing?.hearingOn ?? on, record: '听证笔录-1', signedBy: ['李四', '相邻住户'] },
    { type: 'Extend', ...o, reasons: ['需听证后决定'], applicantToldOn: on },
    { type: 'Decide', ...o, outcome: 'grant' },
    { type: 'Decide', ...o, outcome: 'deny', reasons: ['条件不符'], remedies: ['行政复议', '行政诉讼'] },
    { type: 'IssueCertificate', ...w, certificateNo: 'ZS-9' },
    { type: 'DeliverCertificate', ...w },
    { type: 'Evaluate', ...o, rating: '满意' },
    { type: 'Evaluate', ...o, rating: '非常不满意' },
    { type: 'CloseFollowUp', ...o, rectification: '整改完毕' },
    { type: 'Withdraw', ...o },
    ...(state.data.clocks.intake?.dueDate ? [{ type: 'CheckDue' as const, on: cal.addWorkingDays(state.data.clocks.intake.dueDate, 1) }] : []),
  ];
}

/** The event each command produces when allowed (the spec of the decider's command → event mapping). */
const produces = {
  Receive: 'CaseReceived',
  NotifySupplement: 'SupplementNotified',
  ReceiveSupplement: 'SupplementReceived',
  Accept: 'CaseAccepted',
  RefuseIntake: 'IntakeRefused',
  DecideOnSpot: 'CaseDecidedOnSpot',
  AssignReview: 'ReviewAssigned',
  RecordOpinion: 'ReviewOpinionRecorded',
  Return: 'CaseReturned',
  Resubmit: 'CaseResubmitted',
  StartSpecialProcedure: 'SpecialProcedureStarted',
  EndSpecialProcedure: 'SpecialProcedureEnded',
  NotifyHearingRight: 'HearingRightNotified',
  RequestHearing: 'HearingRequested',
  ScheduleHearing: 'HearingScheduled',
  HoldHearing: 'HearingHeld',
  Extend: 'ExtensionGranted',
  Decide: 'CaseDecided',
  IssueCertificate: 'CertificateIssued',
  DeliverCertificate: 'CertificateDelivered',
  Evaluate: 'EvaluationSubmitted',
  CloseFollowUp: 'FollowUpClosed',
  Withdraw: 'CaseWithdrawn',
} as const satisfies Record<Exclude<ApprovalCommand['type'], 'CheckDue'>, ApprovalEvent['type']>;

const commandOf = new WeakMap<ApprovalEvent, ApprovalCommand>();
const asState = (snap: { value: unknown; context: CaseState['data'] }): CaseState => ({ status: snap.value as ApprovalStatus, data: snap.context });

const paths = getShortestPaths(approval.machine, {
  events: (snap) => {
    const state = asState(snap);
    const out: ApprovalEvent[] = [];
    for (const c of candidates(state)) {
      const r = approval.decide(c, state, asHead);
      if (r instanceof DomainError || r.length !== 1) continue;
      const e = r[0] as ApprovalEvent;
      commandOf.set(e, c);
      out.push(e);
    }
    return out;
  },
  serializeState: (snap) => String(snap.value),
});

describe('approval machine', () => {
  it('the transition table is read off the machine and covers every status', () => {
    expect(Object.keys(approvalTransitionTable).sort()).toEqual([...approvalStatuses].sort());
    expect(buildTransitionTable(createApprovalMachine(approval.env))).toEqual(approvalTransitionTable);
    expect(approvalTransitionTable.intake.SupplementNotified).toEqual([{ target: 'awaitingSupplement', guard: 'notYetNotified' }]);
    expect(approvalTransitionTable.closed).toEqual({});
  });

  it('xstate graph: a shortest path reaches every status', () => {
    expect(new Set(paths.map((p) => p.state.value)).size).toBe(approvalStatuses.length);
  });

  it.each(paths.map((p) => [String(p.state.value), p] as const))('the shortest path to %s runs through the decider step by step, equal to the machine', (_status, path) => {
    let state = approval.initialState;
    let [snap] = initialTransition(approval.machine);
    for (const step of path.steps) {
      if ((step.event.type as string) === 'xstate.init') continue; // the graph's first step is the machine's own init event
      const command = commandOf.get(step.event);
      expect(command).toBeDefined();
      const decided = approval.decide(command as ApprovalCommand, state, asHead);
      expect(decided).toEqual([step.event]);
      state = approval.evolve(state, step.event);
      [snap] = transition(approval.machine, snap, step.event);
      expect(state.status).toBe(step.state.value);
      expect(state.status).toBe(snap.value);
      expect(state.data).toEqual(snap.context);
    }
    expect(state.status).toBe(path.state.value);
  });

  it.each(paths.map((p) => [String(p.state.value), p] as const))('in %s, every command the machine does not allow is rejected with its rule and article', (_status, path) => {
    const state = asState(path.state);
    for (const c of candidates(state)) {
      const r = approval.decide(c, state, asHead);
      if (!(r instanceof DomainError)) continue;
      expect(r.message).toMatch(/ — \S/); // every rejection names its rule
      expect(r.code).toMatch(/^[A-Z_]+$/);
    }
    for (const c of candidates(state)) {
      if (c.type === 'CheckDue') continue;
      if (approvalTransitionTable[state.status][produces[c.type]] !== undefined) continue;
      const r = approval.decide(c, state, asHead);
      expect(r).toBeInstanceOf(DomainError);
      const hearingPending = c.type === 'Decide' && (state.status === 'hearingNotice' || state.status === 'hearing');
      expect((r as DomainError).code).toBe(c.type === 'Receive' ? 'APPROVAL_CASE_ALREADY_RECEIVED' : hearingPending ? 'APPROVAL_HEARING_PENDING' : 'APPROVAL_STEP_NOT_ALLOWED');
    }
  });

  it('pure transition(): an event the machine does not accept leaves the snapshot unchanged, as evolve does', () => {
    const [snap] = initialTransition(approval.machine);
    const accepted: ApprovalEvent = { type: 'CaseAccepted', data: { on: '2013-09-16', channel: 'window', inPerson: true } };
    const [next] = transition(approval.machine, snap, accepted);
    expect(next.value).toBe('new');
    expect(approval.evolve(approval.initialState, accepted)).toBe(approval.initialState);
  });
});
