/**
 * The approval read models keep per-case state only while a case may still change a figure, and
 * pack it into one number (issue #18). These properties fold random multi-case histories, written
 * by the decider so that every stream is one the machine allows, through the shipped projections
 * and through the reference folds that kept every case in full (`_test/referenceProjections.ts`),
 * and require the same figures; also across a snapshot and restore.
 */
import { DomainError, type StoredEvent } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actorOf, arbRun, toCommand, type Seed } from '../_test/commandModel.js';
import { referenceCaseSummary, referenceDepartmentOnTime, referenceIntakeOfYear, referenceVisitFigures, referenceVisitStats, type ReferenceVisitStats } from '../_test/referenceProjections.js';
import { caseFlowOfYear, caseFlowProjection, caseSummaryOfYear, caseSummaryProjection, createApprovalDecider, departmentOnTime, departmentRates, intakeOfYear, visitFigures, visitStats, type ApprovalEvent, type VisitStatsState } from '../index.js';
import { dateOfDayCode, dayCode, packDigits, unpackDigits } from './compactCase.js';

const approval = createApprovalDecider({ itemLimits: { 'JB-1': { handling: 'immediate', requiredVisits: 0 }, 'XK-P': { promised: 6 }, 'XK-1': { requiredVisits: 1 } } });
const cal = approval.env.calendar;
const departments = ['住建', '交通', '市场监管'];
const starts = ['2013-09-16', '2013-12-23', '2014-03-03'];

/** One case's events as the decider writes them (refused commands are skipped). */
function simulate(seeds: readonly Seed[], start: string): ApprovalEvent[] {
  let state = approval.initialState;
  const events: ApprovalEvent[] = [];
  for (const seed of seeds) {
    const r = approval.decide(toCommand(seed, state, cal, start), state, { actor: actorOf(seed, state) });
    if (r instanceof DomainError) continue;
    for (const e of r) {
      events.push(e);
      state = approval.evolve(state, e);
    }
  }
  return events;
}

/** Several cases, their events interleaved as `picks` says, as stored events. */
const arbLog = fc
  .record({
    runs: fc.array(fc.record({ seeds: arbRun, start: fc.nat({ max: 2 }), department: fc.nat({ max: 2 }), visitEvery: fc.nat({ max: 3 }) }), { minLength: 1, maxLength: 6 }),
    picks: fc.array(fc.nat({ max: 5 }), { maxLength: 300 }),
  })
  .map(({ runs, picks }) => {
    const cases = runs.map((r, i) => ({
      stream: `case-${i}`,
      // Some cases come in person at every few steps, whatever the decider's default, so visits pile up.
      events: simulate(r.seeds, starts[r.start] as string).map((e, k) => {
        const data = { ...(e.data as Record<string, unknown>) };
        if (e.type === 'CaseReceived') data.department = departments[r.department];
        if (r.visitEvery > 0 && k % r.visitEvery === 0) data.inPerson = true;
        return { type: e.type, data };
      }),
    }));
    const log: StoredEvent[] = [];
    const next = cases.map(() => 0);
    let position = 0;
    const push = (i: number) => {
      const c = cases[i];
      const e = c?.events[next[i] as number];
      if (!c || !e) return;
      next[i] = (next[i] as number) + 1;
      const data = e.data as { on?: string; channel?: string };
      position++;
      log.push({
        id: `e${position}`,
        stream: c.stream,
        version: next[i] as number,
        position,
        type: e.type,
        schema: 1,
        data: e.data,
        meta: { occurredAt: `${data.on ?? '2013-09-16'}T02:00:00.000Z`, recordedAt: `${data.on ?? '2013-09-16'}T02:00:00.000Z`, actor: { id: 'a', role: 'clerk' }, channel: (data.channel ?? 'system') as 'system', node: 'center' },
        hash: '',
      } as unknown as StoredEvent);
    };
    for (const p of picks) push(p % cases.length);
    for (let i = 0; i < cases.length; i++) while ((next[i] as number) < (cases[i]?.events.length ?? 0)) push(i);
    return log;
  });

const fold = <S>(p: { init(): S; apply(s: S, e: StoredEvent): S; types?: readonly string[] | undefined }, log: readonly StoredEvent[], from?: S): S => {
  const types = p.types ? new Set<string>(p.types) : null;
  return log.reduce((s, e) => (types && !types.has(e.type) ? s : p.apply(s, e)), from ?? p.init());
};

function visitsAgree(shipped: VisitStatsState, reference: ReferenceVisitStats, log: readonly StoredEvent[]): void {
  expect(visitFigures(shipped)).toEqual(referenceVisitFigures(reference));
  const years = new Set(log.map((e) => Number(String((e.data as { on?: string }).on ?? '2013').slice(0, 4))));
  for (const y of [...years, 2012]) {
    expect(visitFigures(shipped, y)).toEqual(referenceVisitFigures(reference, y));
    expect(intakeOfYear(shipped, y)).toEqual(referenceIntakeOfYear(reference, y));
  }
  expect(shipped.intakeChannels).toEqual(reference.intakeChannels);
  expect(shipped.onlinePattern).toBe(reference.onlinePattern);
}

describe('compacted per-case state gives the figures of the full fold', () => {
  it('case summary, department on-time rates and visit statistics equal the reference folds on random histories', () => {
    fc.assert(
      fc.property(arbLog, (log) => {
        const summary = fold(caseSummaryProjection, log);
        const reference = fold({ ...referenceCaseSummary, types: caseSummaryProjection.types }, log);
        expect(summary.months).toEqual(reference.months);
        expect(summary.years).toEqual(reference.years);
        // The flow alone (what the center report reads) keeps nothing per case and gives the same months and channels.
        const flow = fold(caseFlowProjection, log);
        expect(Object.keys(flow).sort()).toEqual(['months', 'years']);
        expect(flow.months).toEqual(reference.months);
        expect(Object.fromEntries(Object.entries(flow.years).map(([y, f]) => [y, f.channels]))).toEqual(Object.fromEntries(Object.entries(reference.years).map(([y, f]) => [y, f.channels])));
        for (const y of [2012, 2013, 2014]) {
          const { visitsByDepartment: _visits, ...ofYear } = caseSummaryOfYear(summary, y);
          expect(caseFlowOfYear(flow, y)).toEqual(ofYear);
        }
        const onTime = fold(departmentOnTime, log);
        const onTimeReference = fold({ ...referenceDepartmentOnTime, types: departmentOnTime.types }, log);
        expect(departmentRates(onTime)).toEqual(departmentRates({ ...onTimeReference }));
        for (const y of [2013, 2014]) expect(departmentRates(onTime, y)).toEqual(departmentRates(onTimeReference, y));
        visitsAgree(fold(visitStats, log), fold({ ...referenceVisitStats, types: visitStats.types }, log), log);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps nothing for a case once it is closed or withdrawn, and at most one number for the others', () => {
    fc.assert(
      fc.property(arbLog, (log) => {
        const done = new Set(log.filter((e) => e.type === 'CaseWithdrawn' || e.type === 'FollowUpClosed' || (e.type === 'EvaluationSubmitted' && !['不满意', '非常不满意'].includes((e.data as { rating: string }).rating))).map((e) => e.stream));
        const summary = fold(caseSummaryProjection, log);
        const visits = fold(visitStats, log);
        for (const stream of done) {
          expect(summary.cases[stream]).toBeUndefined();
          expect(visits.cases.has(stream)).toBe(false);
        }
        for (const v of [...Object.values(summary.cases), ...visits.cases.values()]) expect(typeof v).toBe('number');
        const decidedOrOver = new Set(log.filter((e) => ['CaseDecided', 'CaseDecidedOnSpot', 'RenewalDeemedGranted', 'IntakeRefused', 'CaseWithdrawn'].includes(e.type)).map((e) => e.stream));
        for (const stream of decidedOrOver) expect(fold(departmentOnTime, log).caseDepartment.has(stream)).toBe(false);
        // A case received off line with two visits or more, past what its item required, can move no visit figure: nothing kept.
        const full = fold({ ...referenceVisitStats, types: visitStats.types }, log);
        for (const [stream, c] of full.cases) if (!c.onlineIntake && c.visits >= 2 && (c.required === null || c.visits > c.required)) expect(visits.cases.has(stream), stream).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('resumes visit statistics from a JSON snapshot taken anywhere with the same figures', () => {
    fc.assert(
      fc.property(arbLog, fc.nat(), (log, cut) => {
        const at = cut % (log.length + 1);
        const first = fold(visitStats, log.slice(0, at));
        const restored = visitStats.restore?.(JSON.parse(JSON.stringify(visitStats.snapshot?.(first)))) as VisitStatsState;
        visitsAgree(fold(visitStats, log.slice(at), restored), fold({ ...referenceVisitStats, types: visitStats.types }, log), log);
        const summaryHalf = JSON.parse(JSON.stringify(fold(caseSummaryProjection, log.slice(0, at)))) as ReturnType<typeof caseSummaryProjection.init>;
        expect(fold(caseSummaryProjection, log.slice(at), summaryHalf).years).toEqual(fold(caseSummaryProjection, log).years);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps a tally that does not pack (an odd date, many visits) as an object, with the same figures', () => {
    const ev = (type: string, on: string, inPerson: boolean, k: number): StoredEvent =>
      ({ id: `x${k}`, stream: 'case-x', version: k, position: k, type, schema: 1, data: { on, channel: 'window', inPerson, department: '住建', requiredVisits: 20 }, meta: { occurredAt: '2013-09-16T02:00:00.000Z', channel: 'window' }, hash: '' }) as unknown as StoredEvent;
    const days = Array.from({ length: 18 }, (_, i) => cal.addWorkingDays('2013-09-16', i));
    const log = [ev('CaseReceived', '2013-09-16', true, 1), ...days.map((d, i) => ev('ReviewOpinionRecorded', d, true, i + 2)), ev('CaseAccepted', '2013-9-30', true, 30), ev('CaseAccepted', '2013-9-30', true, 31)];
    const summary = fold(caseSummaryProjection, log);
    expect(summary.years).toEqual(fold({ ...referenceCaseSummary, types: caseSummaryProjection.types }, log).years);
    expect(typeof summary.cases['case-x']).toBe('object');
    const visits = fold(visitStats, log);
    visitsAgree(visits, fold({ ...referenceVisitStats, types: visitStats.types }, log), log);
    expect(typeof visits.cases.get('case-x')).toBe('object');
  });

  it('packs days and digits so that they read back the same', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const on = d.toISOString().slice(0, 10);
        expect(dateOfDayCode(dayCode(on) as number)).toBe(on);
      }),
    );
    for (const odd of ['1899-12-31', '2013-02-30', '2013-9-16', '2013-09-16T00', 'x'.repeat(10)]) expect(dayCode(odd), odd).toBeUndefined();
    expect(dayCode(null)).toBe(0);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 2 ** 12 }), { minLength: 1, maxLength: 4 }).chain((radices) => fc.tuple(fc.constant(radices), fc.tuple(...radices.map((r) => fc.nat({ max: r - 1 }))))), ([radices, digits]) => {
        expect(unpackDigits(packDigits(digits, radices) as number, radices)).toEqual(digits);
      }),
    );
    expect(packDigits([2], [2])).toBeUndefined();
    expect(packDigits([0, 0], [2 ** 30, 2 ** 30])).toBeUndefined();
  });
});
