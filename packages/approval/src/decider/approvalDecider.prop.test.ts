import { DomainError, foldDecider } from '@banshi/core';
import fc from 'fast-check';
import { initialTransition, transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { approvalTransitionTable, createApprovalDecider, decisionRules, licensingRules, ratings, specialProcedures, type ApprovalCommand, type ApprovalEvent, type CaseState } from '../index.js';

const approval = createApprovalDecider({ itemLimits: { 'JB-1': { handling: 'immediate' }, 'XK-P': { promised: 6 } } });
const cal = approval.env.calendar;

const kinds = [
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
const arbSeed = fc.record({
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
type Seed = typeof arbSeed extends fc.Arbitrary<infer T> ? T : never;

const departments = ['发改', '国土', '环保'];
const items = ['XK-1', 'XK-P', 'JB-1'];
const handlingsPick = ['standard', 'joint', 'preliminary', undefined] as const;

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
  Extend: 'ExtensionGranted',
  Decide: 'CaseDecided',
  IssueCertificate: 'CertificateIssued',
  DeliverCertificate: 'CertificateDelivered',
  Evaluate: 'EvaluationSubmitted',
  CloseFollowUp: 'FollowUpClosed',
  Withdraw: 'CaseWithdrawn',
  CheckDue: 'DeadlineWarned',
} as const satisfies Record<(typeof kinds)[number], ApprovalEvent['type']>;

function toCommand(seed0: Seed, state: CaseState): ApprovalCommand {
  const allowed = kinds.filter((k) => k !== 'Withdraw' && k !== 'CheckDue' && approvalTransitionTable[state.status][produces[k]] !== undefined);
  const seed = seed0.legal < 7 && allowed.length ? { ...seed0, kind: allowed[seed0.pick % allowed.length] ?? seed0.kind } : seed0;
  const last = state.data.lastOn ?? '2013-09-16';
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
    case 'AssignReview': {
      const n = 1 + (seed.pick % departments.length);
      const rule = seed.pick % 3 === 0 ? { kind: 'all' as const } : seed.pick % 3 === 1 ? { kind: 'any' as const } : { kind: 'quorum' as const, n: Math.min(n, 2) };
      return { type: 'AssignReview', ...base, departments: departments.slice(0, n), rule };
    }
    case 'RecordOpinion':
      return { type: 'RecordOpinion', ...base, department: dept, opinion: seed.grant ? 'approve' : 'reject' };
    case 'Return':
      return { type: 'Return', ...base, to: 'window', reasons: ['退回补充'] };
    case 'Resubmit':
      return { type: 'Resubmit', ...base };
    case 'StartSpecialProcedure':
      return { type: 'StartSpecialProcedure', ...base, procedure: specialProcedures[seed.pick % specialProcedures.length] ?? '听证', expectedWorkingDays: 1 + seed.pick, notice: '书面告知' };
    case 'EndSpecialProcedure':
      return { type: 'EndSpecialProcedure', ...base };
    case 'Extend':
      return { type: 'Extend', ...base, reasons: ['情况复杂'], approvedBy: { id: 'u', role: seed.head ? 'head' : 'clerk' }, applicantToldOn: on };
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
function simulate(seeds: readonly Seed[]): { events: ApprovalEvent[]; state: CaseState; rejections: DomainError[] } {
  let state = approval.initialState;
  const events: ApprovalEvent[] = [];
  const rejections: DomainError[] = [];
  for (const seed of seeds) {
    const r = approval.decide(toCommand(seed, state), state);
    if (r instanceof DomainError) {
      rejections.push(r);
      continue;
    }
    for (const e of r) {
      events.push(e);
      state = approval.evolve(state, e);
    }
  }
  return { events, state, rejections };
}

const arbRun = fc.array(arbSeed, { minLength: 1, maxLength: 40 }).map((seeds) => [{ ...seeds[0], kind: 'Receive' } as Seed, ...seeds]);
const count = (events: readonly ApprovalEvent[], type: ApprovalEvent['type']) => events.filter((e) => e.type === type).length;

describe('approval decider — model-based properties', () => {
  it('at most one supplementation notice and at most one extension', () => {
    fc.assert(
      fc.property(arbRun, (seeds) => {
        const { events } = simulate(seeds);
        expect(count(events, 'SupplementNotified')).toBeLessThanOrEqual(1);
        expect(count(events, 'ExtensionGranted')).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('no decision without acceptance or deemed acceptance; a denial has reasons and remedies; on-the-spot only for 即办件', () => {
    fc.assert(
      fc.property(arbRun, (seeds) => {
        const { events } = simulate(seeds);
        const decidedAt = events.findIndex((e) => e.type === 'CaseDecided');
        if (decidedAt >= 0) expect(events.slice(0, decidedAt).some((e) => e.type === 'CaseAccepted' || e.type === 'CaseDeemedAccepted')).toBe(true);
        for (const e of events) {
          if (e.type === 'CaseDecided' && e.data.outcome === 'deny') {
            expect(e.data.reasons.length).toBeGreaterThan(0);
            expect(e.data.remedies.length).toBeGreaterThan(0);
          }
          if (e.type === 'CaseDecidedOnSpot') expect(events[0]?.type === 'CaseReceived' && events[0].data.handling).toBe('immediate');
        }
        expect(count(events, 'CaseDecided') + count(events, 'CaseDecidedOnSpot')).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('due dates are never earlier than the law allows', () => {
    fc.assert(
      fc.property(arbRun, (seeds) => {
        const { state, events } = simulate(seeds);
        const { clocks, acceptedFrom, handling } = state.data;
        const statutoryRule = decisionRules(approval.env.rules, handling).limit;
        if (clocks.intake?.dueDate) expect(clocks.intake.dueDate >= cal.addWorkingDays(clocks.intake.start, licensingRules.intake.limit)).toBe(true);
        if (clocks.statutory?.dueDate && acceptedFrom) {
          expect(clocks.statutory.start).toBe(acceptedFrom);
          expect(clocks.statutory.dueDate >= cal.addWorkingDays(acceptedFrom, statutoryRule.limit ?? 0)).toBe(true);
        }
        if (clocks.promised?.dueDate && clocks.statutory?.dueDate) expect(clocks.promised.dueDate <= clocks.statutory.dueDate).toBe(true);
        if (clocks.certificate?.dueDate && state.data.decidedOn) expect(clocks.certificate.dueDate).toBe(cal.addWorkingDays(state.data.decidedOn, licensingRules.certificate.limit));
        const deemed = events.find((e) => e.type === 'CaseDeemedAccepted');
        if (deemed) expect(cal.workingDaysBetween(deemed.data.from, deemed.data.on)).toBeGreaterThan(licensingRules.intake.limit);
        for (const e of events) if (e.type === 'CaseDecided' && acceptedFrom) expect(e.data.statutoryDueDate >= cal.addWorkingDays(acceptedFrom, statutoryRule.limit ?? 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('events replayed (also after a JSON round trip) give the same state', () => {
    fc.assert(
      fc.property(arbRun, (seeds) => {
        const { state, events } = simulate(seeds);
        expect(foldDecider(approval, events)).toEqual(state);
        expect(foldDecider(approval, JSON.parse(JSON.stringify(events)) as ApprovalEvent[])).toEqual(state);
      }),
      { numRuns: 200 },
    );
  });

  it('the fast state always equals folding the same events through the machine with transition()', () => {
    const [init] = initialTransition(approval.machine);
    fc.assert(
      fc.property(arbRun, fc.array(fc.nat({ max: 60 }), { maxLength: 4 }), (seeds, noise) => {
        const { events } = simulate(seeds);
        // Also splice in events the machine refuses where they land (a replayed log may hold them): both paths must ignore them alike.
        const mixed = [...events];
        for (const n of noise) if (events.length) mixed.splice(n % (mixed.length + 1), 0, events[n % events.length] as ApprovalEvent);
        let fast = approval.initialState;
        let snap = init;
        for (const e of mixed) {
          fast = approval.evolve(fast, e);
          [snap] = transition(approval.machine, snap, e);
          expect(fast.status).toBe(snap.value);
        }
        expect(fast.data).toEqual(snap.context);
      }),
      { numRuns: 200 },
    );
  });

  it('the due check is idempotent on any day', () => {
    fc.assert(
      fc.property(arbRun, fc.integer({ min: 0, max: 60 }), (seeds, later) => {
        const { state } = simulate(seeds);
        const today = cal.addWorkingDays(state.data.lastOn ?? '2013-09-16', later);
        const first = approval.dueCheck(state, today);
        let after = state;
        for (const e of first) after = approval.evolve(after, e);
        expect(approval.dueCheck(after, today)).toEqual([]);
        expect(new Set(first.map((e) => JSON.stringify(e))).size).toBe(first.length);
      }),
      { numRuns: 300 },
    );
  });

  it('every rejection names its rule with a basis', () => {
    fc.assert(
      fc.property(arbRun, (seeds) => {
        for (const r of simulate(seeds).rejections) expect(r.message).toMatch(/ — (行政许可法|本中心|国办发)/);
      }),
      { numRuns: 200 },
    );
  });
});
