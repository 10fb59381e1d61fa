import type { WorkingCalendar } from '@banshi/calendar';
import fc from 'fast-check';
import { approvalTransitionTable, ratings, specialProcedures, type ApprovalCommand, type ApprovalEvent, type CaseState } from '../index.js';

/**
 * The model-based command generator the approval property tests share: a seed picks what to do, the state it meets
 * says when (dates advance on `cal`, the calendar the test holds as the truth) and with which department.
 */
export const kinds = [
  'Receive',
  'NotifySupplement',
  'ReceiveSupplement',
  'Accept',
  'RefuseIntake',
  'DecideOnSpot',
  'AssignReview',
  'RecordOpinion',
  'Return',
  'Resubmit',
  'StartSpecialProcedure',
  'EndSpecialProcedure',
  'NotifyHearingRight',
  'RequestHearing',
  'ScheduleHearing',
  'HoldHearing',
  'Extend',
  'Decide',
  'IssueCertificate',
  'DeliverCertificate',
  'Evaluate',
  'CloseFollowUp',
  'Withdraw',
  'CheckDue',
] as const;

/** A command to be dated and filled in against the state it meets: the model picks what, the state says when. */
export const arbSeed = fc.record({
  kind: fc.constantFrom(...kinds),
  /** Most steps pick a command the machine allows now (model-based); the rest try anything. */
  legal: fc.nat({ max: 9 }),
  advance: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 2 }) }, { weight: 1, arbitrary: fc.integer({ min: -1, max: 12 }) }),
  pick: fc.nat({ max: 20 }),
  head: fc.boolean(),
  grant: fc.boolean(),
  withReasons: fc.boolean(),
  channel: fc.constantFrom('window', 'online', 'mail', 'agent'),
});
export type Seed = typeof arbSeed extends fc.Arbitrary<infer T> ? T : never;

const departments = ['发改', '国土', '环保'];
const items = ['XK-1', 'XK-P', 'JB-1'];
const handlingsPick = ['standard', 'joint', 'preliminary', undefined] as const;

export const produces = {
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
  CheckDue: 'DeadlineWarned',
} as const satisfies Record<(typeof kinds)[number], ApprovalEvent['type']>;

export function toCommand(seed0: Seed, state: CaseState, cal: WorkingCalendar, start = '2013-09-16'): ApprovalCommand {
  const allowed = kinds.filter((k) => k !== 'Withdraw' && k !== 'CheckDue' && approvalTransitionTable[state.status][produces[k]] !== undefined);
  const seed = seed0.legal < 7 && allowed.length ? { ...seed0, kind: allowed[seed0.pick % allowed.length] ?? seed0.kind } : seed0;
  const last = state.data.lastOn ?? start;
  const on = seed.advance < 0 ? cal.addWorkingDays(last, -1) : seed.advance === 0 ? last : cal.addWorkingDays(last, seed.advance);
  const base = { on, channel: seed.channel };
  const review = state.data.review;
  const pending = review ? review.departments.filter((d) => review.opinions[d] === undefined) : [];
  const dept = (seed.legal < 7 && pending.length ? pending[seed.pick % pending.length] : departments[seed.pick % departments.length]) as string;
  switch (seed.kind) {
    case 'Receive':
      return {
        type: 'Receive',
        ...base,
        caseId: 'C',
        itemCode: items[seed.pick % items.length] as string,
        department: '市场监管',
        applicant: { name: '王五', kind: 'person' },
        materials: ['申请书'],
        node: 'center',
        ...(seed.pick % 3 === 2 ? {} : { handling: handlingsPick[seed.pick % handlingsPick.length] ?? 'standard' }),
      };
    case 'NotifySupplement':
      return { type: 'NotifySupplement', ...base, missing: ['补充材料'] };
    case 'ReceiveSupplement':
      return { type: 'ReceiveSupplement', ...base, materials: ['补充材料'] };
    case 'Accept':
      return { type: 'Accept', ...base };
    case 'RefuseIntake':
      return { type: 'RefuseIntake', ...base, reasons: ['不属于本机关'], competentAgency: '省厅' };
    case 'DecideOnSpot':
      return { type: 'DecideOnSpot', ...base };
    case 'AssignReview':
      return { type: 'AssignReview', ...base, departments: departments.slice(0, 1 + (seed.pick % departments.length)) };
    case 'RecordOpinion':
      return { type: 'RecordOpinion', ...base, department: dept, opinion: seed.grant ? 'approve' : 'reject' };
    case 'Return':
      return { type: 'Return', ...base, to: 'window', reasons: ['退回补充'] };
    case 'Resubmit':
      return { type: 'Resubmit', ...base };
    case 'StartSpecialProcedure': {
      // 听证 runs through its own commands (NotifyHearingRight …); StartSpecialProcedure refuses it.
      const others = specialProcedures.filter((p) => p !== '听证');
      const procedure = others[seed.pick % others.length] ?? '检验';
      const panel = procedure === '专家评审' && seed.grant ? { panel: { members: 5, quorum: 3 } } : {};
      return { type: 'StartSpecialProcedure', ...base, procedure, expectedWorkingDays: 1 + seed.pick, notice: '书面告知', ...panel };
    }
    case 'EndSpecialProcedure':
      return state.data.specialProcedure?.panel ? { type: 'EndSpecialProcedure', ...base, votes: { approve: seed.pick % 6, reject: 5 - (seed.pick % 6) } } : { type: 'EndSpecialProcedure', ...base };
    case 'NotifyHearingRight':
      return { type: 'NotifyHearingRight', ...base, parties: ['王五', '相邻住户'], interest: '相邻采光' };
    case 'RequestHearing':
      return { type: 'RequestHearing', ...base, party: seed.legal < 7 ? (state.data.hearing?.parties[seed.pick % 2] ?? '王五') : '路人' };
    case 'ScheduleHearing':
      // Mostly at least the 7 working days' notice (第四十八条), sometimes too short or past the 20 days (第四十七条).
      return { type: 'ScheduleHearing', ...base, hearingOn: cal.addWorkingDays(on, seed.legal < 7 ? 7 + (seed.pick % 10) : seed.pick), place: '听证室', presider: '法制科', ...(seed.grant ? { announcement: '公告' } : {}) };
    case 'HoldHearing':
      return { type: 'HoldHearing', ...base, on: seed.legal < 7 ? (state.data.hearing?.hearingOn ?? on) : on, record: '听证笔录', signedBy: ['王五'] };
    case 'Extend':
      return { type: 'Extend', ...base, reasons: ['情况复杂'], applicantToldOn: on };
    case 'Decide':
      return seed.grant
        ? { type: 'Decide', ...base, outcome: 'grant' }
        : { type: 'Decide', ...base, outcome: 'deny', ...(seed.withReasons ? { reasons: ['不符合条件'], remedies: ['行政复议'] } : {}) };
    case 'IssueCertificate':
      return { type: 'IssueCertificate', ...base, certificateNo: 'ZS' };
    case 'DeliverCertificate':
      return { type: 'DeliverCertificate', ...base };
    case 'Evaluate':
      return { type: 'Evaluate', ...base, rating: ratings[seed.pick % ratings.length] ?? '满意' };
    case 'CloseFollowUp':
      return { type: 'CloseFollowUp', ...base, rectification: '已整改' };
    case 'Withdraw':
      return { type: 'Withdraw', ...base };
    case 'CheckDue':
      return { type: 'CheckDue', on };
  }
}

/** Runs the seeds; returns the events appended and the state built step by step. */

/** A run: a receipt, then up to 40 more seeds. */
export const arbRun = fc.array(arbSeed, { minLength: 1, maxLength: 40 }).map((seeds) => [{ ...seeds[0], kind: 'Receive' } as Seed, ...seeds]);

/**
 * The authenticated actor of a seed's command: mostly the approver the law names for an extension (本级人民政府负责人 for
 * joint handling, the organ head otherwise), sometimes a clerk — so the property tests also meet refused extensions.
 */
export function actorOf(seed: Seed, state: CaseState): { readonly id: string; readonly role: string } {
  if (!seed.head) return { id: 'w-1', role: 'clerk' };
  return state.data.handling === 'joint' ? { id: 'g-1', role: 'governmentHead' } : { id: 'h-1', role: 'head' };
}
