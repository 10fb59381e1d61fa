import { addDays, mainlandChinaCalendar } from '@banshi/calendar';
import { DomainError } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicantTypeKeys, outcomeKeys, replyOutcomeKeys } from '../labels/index.js';
import { createDisclosureDecider, type RequestCommand, type RequestState } from '../request/index.js';
import { annualReport } from './annualReport.js';
import type { ReportInputEvent } from './foldReportEvent.js';

const decider = createDisclosureDecider({ calendar: mainlandChinaCalendar() });
const YEARS = [2017, 2018, 2019, 2020, 2021, 2022, 2023];

const stepKinds = ['supplement', 'supplementIn', 'consult', 'thirdPartyReply', 'extend', 'fee', 'pay', 'conclude', 'check', 'remedy', 'remedyDecided'] as const;
const arbStep = fc.record({ gap: fc.integer({ min: 0, max: 45 }), kind: fc.constantFrom(...stepKinds), outcome: fc.constantFrom(...replyOutcomeKeys), flag: fc.boolean() });
const arbRequest = fc.record({ applicant: fc.constantFrom(...applicantTypeKeys), offset: fc.integer({ min: 0, max: 365 * 6 }), steps: fc.array(arbStep, { maxLength: 8 }) });

function command(kind: (typeof stepKinds)[number], on: string, outcome: (typeof replyOutcomeKeys)[number], flag: boolean, i: number): RequestCommand {
  switch (kind) {
    case 'supplement':
      return { type: 'RequestSupplement', on, dueOn: addDays(on, 15), items: ['x'] };
    case 'supplementIn':
      return { type: 'ReceiveSupplement', on };
    case 'consult':
      return { type: 'ConsultThirdParty', on, thirdParty: 't' };
    case 'thirdPartyReply':
      return { type: 'RecordThirdPartyReply', on, consent: flag };
    case 'extend':
      return { type: 'ExtendReply', on, days: flag ? 20 : 5, reason: 'r' };
    case 'fee':
      return { type: 'IssueFeeNotice', on, charge: flag ? { method: 'perPage', pages: 40 } : { method: 'perRequest', monthlyCount: 12, pieces: 1 } };
    case 'pay':
      return { type: 'RecordFeePaid', on };
    case 'conclude':
      return { type: 'Conclude', on, outcome };
    case 'check':
      return { type: 'CheckDue', today: on };
    case 'remedy':
      return { type: 'FileRemedy', caseId: `c${i}`, on, kind: flag ? 'review' : 'litigationDirect' };
    case 'remedyDecided':
      return { type: 'DecideRemedy', caseId: `c${i - 1}`, on, result: flag ? 'upheld' : 'corrected' };
  }
}

type RandomRequest = typeof arbRequest extends fc.Arbitrary<infer T> ? T : never;

/** Drives the decider with random commands (rejected ones are dropped, as `handle` would) and returns the log. */
function history(requests: readonly RandomRequest[]): ReportInputEvent[] {
  const log: ReportInputEvent[] = [];
  requests.forEach((r, n) => {
    const stream = `disclosure-R${n}`;
    let state: RequestState = decider.initialState;
    const apply = (cmd: RequestCommand) => {
      const out = decider.decide(cmd, state, { actor: { id: 'h', role: 'officeHead' } });
      if (out instanceof DomainError) return;
      for (const e of out) {
        state = decider.evolve(state, e);
        log.push({ type: e.type, stream, data: e.data });
      }
    };
    let on = addDays('2017-01-02', r.offset);
    apply({ type: 'ReceiveRequest', requestId: `R${n}`, agency: 'A', applicant: { type: r.applicant, name: 'n' }, channel: 'inPerson', submittedOn: on, description: 'd' });
    r.steps.forEach((s, i) => {
      on = addDays(on, s.gap);
      apply(command(s.kind, on, s.outcome, s.flag, i));
    });
  });
  return log;
}

const arbLog = fc.array(arbRequest, { maxLength: 25 }).map(history);

describe('annual report properties (random request histories through the decider)', () => {
  it('the random histories reach every kind of ending (the properties below are not vacuous)', () => {
    const outcomesSeen = new Set(fc.sample(arbLog, { numRuns: 200, seed: 7 }).flatMap((log) => log.filter((e) => e.type === 'DisclosureRequestConcluded').map((e) => (e.data as { outcome: string }).outcome)));
    expect(outcomesSeen).toContain('otherNoSupplement');
    expect(outcomesSeen).toContain('otherFeeUnpaid');
    expect(outcomesSeen.size).toBeGreaterThan(10);
  });

  it('every check holds in every year', () => {
    fc.assert(
      fc.property(arbLog, (log) => {
        for (const year of YEARS) {
          const r = annualReport(log, { year });
          expect(r.checks.filter((c) => !c.ok)).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a request never ends in two outcome rows: across all years, outcome rows = concluded requests', () => {
    fc.assert(
      fc.property(arbLog, (log) => {
        const concluded = new Set(log.filter((e) => e.type === 'DisclosureRequestConcluded').map((e) => e.stream));
        const perStream = new Map<string, number>();
        for (const e of log) if (e.type === 'DisclosureRequestConcluded') perStream.set(e.stream, (perStream.get(e.stream) ?? 0) + 1);
        expect([...perStream.values()].every((n) => n === 1)).toBe(true);
        let rows = 0;
        for (const year of YEARS) rows += annualReport(log, { year }).summary.concluded;
        expect(rows).toBe(concluded.size);
        const r = annualReport(log, { year: 2022 });
        if (r.format !== '2021') throw new Error('2022 has the 2021 format');
        expect(outcomeKeys.reduce((n, o) => n + (r.requests[o][6] ?? 0), 0)).toBe(r.summary.concluded);
      }),
      { numRuns: 60 },
    );
  });

  it('结转下年度 of year N equals 上年结转 of year N+1, column by column', () => {
    fc.assert(
      fc.property(arbLog, (log) => {
        for (const year of YEARS.slice(0, -1)) {
          const [r, next] = [annualReport(log, { year }), annualReport(log, { year: year + 1 })];
          expect(r.summary.carryForward).toBe(next.summary.carriedOver);
          if (r.format !== '2008' && next.format !== '2008') expect(r.requests.carryForward).toEqual(next.requests.carriedOver);
        }
      }),
      { numRuns: 60 },
    );
  });
});
