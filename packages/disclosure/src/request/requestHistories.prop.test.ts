import { addDays, mainlandChinaCalendar } from '@banshi/calendar';
import { DomainError } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { RequestEvent } from '../events/index.js';
import { outcomeKeys } from '../labels/index.js';
import { annualReport } from '../report/index.js';
import { citationInForce, disclosureRules, outcomeRules, type RuleSetId } from '../rules/index.js';
import type { RequestCommand, RequestCommandType } from './requestCommands.js';
import { createDisclosureDecider } from './requestDecider.js';
import { requestMachine } from './requestMachine.js';
import { requestStatuses, type RequestState, type RequestStatus } from './requestState.js';
import { nextRequestStatus } from './requestTransitions.js';

const calendar = mainlandChinaCalendar();
const decider = createDisclosureDecider({ calendar, costFeeStandard: { document: '闽价费〔2008〕472号', publishedOn: '2008-05-01', searchFen: 500, copyPerPageFen: 20 } });
const head = { id: 'u-9', role: 'officeHead' };
const types: readonly RequestCommandType[] = [
  'RequestSupplement', 'ReceiveSupplement', 'ConsultThirdParty', 'RecordThirdPartyReply', 'ConsultOrgans', 'RecordOrgansReply', 'ExtendReply', 'DeferReply',
  'IssueFeeNotice', 'RecordFeePaid', 'ChargeCostFee', 'WaiveFee', 'Conclude', 'FileRemedy', 'DecideRemedy', 'CheckDue',
];

interface Step { readonly pick: number; readonly gap: number; readonly n: number; readonly flag: boolean; readonly outcome: number; readonly stray: number }

function commandOf(type: RequestCommandType, on: string, s: Step): RequestCommand {
  switch (type) {
    case 'ReceiveRequest':
      return { type, requestId: 'R-1', agency: '市行政服务中心', applicant: { type: s.flag ? 'naturalPerson' : 'commercialEnterprise', name: '张三' }, channel: 'inPerson', submittedOn: on, description: '…' };
    case 'RequestSupplement':
      return s.flag ? { type, on, dueOn: addDays(on, 5 + s.n), items: ['文号'] } : { type, on, items: ['文号'] };
    case 'ReceiveSupplement':
    case 'RecordFeePaid':
      return { type, on };
    case 'ConsultThirdParty':
      return { type, on, thirdParty: '某公司' };
    case 'RecordThirdPartyReply':
    case 'RecordOrgansReply':
      return { type, on, consent: s.flag };
    case 'ConsultOrgans':
      return { type, on, organs: ['市财政局'] };
    case 'ExtendReply':
      return { type, on, days: 1 + (s.n % 20), reason: '信息量大' };
    case 'DeferReply':
      return { type, on, until: addDays(on, 40 + s.n), reasons: '一个月内申请上百件' };
    case 'IssueFeeNotice':
      return { type, on, charge: s.flag ? { method: 'perPage', pages: 1 + s.n * 9 } : { method: 'perRequest', monthlyCount: 1 + s.n * 2, pieces: 1 } };
    case 'ChargeCostFee':
      return { type, on, search: s.flag, pages: s.n, postageFen: 800 };
    case 'WaiveFee':
      return { type, on, search: true, pages: s.n, postageFen: 0, reason: '低保对象' };
    case 'Conclude':
      return { type, on, outcome: outcomeKeys[s.outcome % outcomeKeys.length] ?? 'granted' };
    case 'FileRemedy':
      return { type, caseId: `F-${s.n % 2}`, on, kind: s.flag ? 'review' : 'litigationDirect' };
    case 'DecideRemedy':
      return { type, caseId: `F-${s.n % 2}`, on, result: s.flag ? 'upheld' : 'corrected' };
    case 'CheckDue':
      return { type, today: on };
  }
}

const arbStep = fc.record({ pick: fc.nat(), gap: fc.integer({ min: 0, max: 12 }), n: fc.integer({ min: 0, max: 40 }), flag: fc.boolean(), outcome: fc.nat(), stray: fc.nat() });
/** A receipt day from 2008-05-01 to the end of 2024: both eras, both sides of 2019-05-15 and 2021-01-01. */
const arbHistory = fc.record({ start: fc.integer({ min: 0, max: 6083 }), first: arbStep, steps: fc.array(arbStep, { maxLength: 18 }) });

/** Runs a random history through the decider (as the office head), checking machine–reducer equality at every event. */
function run(h: { readonly start: number; readonly first: Step; readonly steps: readonly Step[] }, reached?: Set<RequestStatus>): { events: RequestEvent[]; state: RequestState } {
  let state = decider.initialState;
  let snapshot = initialTransition(requestMachine)[0];
  let on = addDays('2008-05-01', h.start);
  const events: RequestEvent[] = [];
  const offer = (e: RequestEvent) => {
    expect(snapshot.can(e), `${state.status} × ${e.type}`).toBe(true);
    state = decider.evolve(state, e);
    snapshot = transition(requestMachine, snapshot, e)[0];
    expect(snapshot.value).toBe(state.status);
    expect(snapshot.context).toEqual({ ...state, status: snapshot.context.status });
    reached?.add(state.status);
    events.push(e);
  };
  const first = decider.decide(commandOf('ReceiveRequest', on, h.first), state);
  if (first instanceof DomainError) throw first;
  first.forEach(offer);
  for (const step of h.steps) {
    on = addDays(on, step.gap);
    const stray = events[step.stray % events.length];
    if (stray) expect(snapshot.can(stray), `${state.status} × ${stray.type} again`).toBe(nextRequestStatus(state, stray) !== undefined);
    const result = decider.decide(commandOf(types[step.pick % types.length] ?? 'CheckDue', on, step), state, { actor: head });
    if (!(result instanceof DomainError)) result.forEach(offer);
  }
  return { events, state };
}

const citations = (e: RequestEvent): string[] => ('basis' in e.data && typeof e.data.basis === 'string' ? [e.data.basis] : []);
const textOf: Record<RuleSetId, string> = { '2008': '政府信息公开条例（2008）', '2019': '政府信息公开条例（2019）' };

describe('random request histories in random eras (property)', () => {
  it('machine–reducer equality: the xstate machine and evolveRequest take the same events to the same status and state', () => {
    const reached = new Set<RequestStatus>();
    fc.assert(fc.property(arbHistory, (h) => void run(h, reached)), { numRuns: 400 });
    expect([...reached].sort()).toEqual(requestStatuses.filter((s) => s !== 'none').sort());
  });

  it('never produce an outcome, citation or fee rule that did not exist on the receipt date', () => {
    fc.assert(
      fc.property(arbHistory, (h) => {
        const { events, state } = run(h);
        const era = state.ruleSet;
        const receivedOn = state.receivedOn as string;
        expect(era).toBe(receivedOn >= disclosureRules['2019'].inForceFrom ? '2019' : '2008');
        const other = textOf[era === '2008' ? '2019' : '2008'];
        for (const e of events) {
          for (const basis of citations(e)) {
            expect(citationInForce(basis, receivedOn), `${e.type}: ${basis} on ${receivedOn}`).toBe(true);
            expect(basis, `${e.type} cites the other text`).not.toContain(other);
          }
          if (e.type === 'DisclosureRequestConcluded') expect(outcomeRules[era][e.data.outcome], `${e.data.outcome} under ${era}`).toBeDefined();
          if (e.type === 'DisclosureFeeNoticeIssued') expect(era === '2019' && receivedOn >= '2021-01-01').toBe(true);
          if (e.type === 'DisclosureCostFeeCharged' || e.type === 'DisclosureFeeWaived') expect(era).toBe('2008');
          if (e.type === 'DisclosureReplyExtended') expect(e.data.days).toBeLessThanOrEqual(disclosureRules[era].replyExtension.limit);
          if (e.type === 'DisclosureOrgansConsulted' || e.type === 'DisclosureReplyDeferred') expect(era).toBe('2019');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('every era’s report of every year the history touches passes its own arithmetic checks', () => {
    fc.assert(
      fc.property(fc.array(arbHistory, { minLength: 1, maxLength: 4 }), (hs) => {
        const log = hs.flatMap((h, i) => run(h).events.map((e) => ({ ...e, stream: `disclosure-R-${i}` })));
        const years = new Set(log.map((e) => Number((('on' in e.data ? e.data.on : 'receivedOn' in e.data ? e.data.receivedOn : '2008') as string).slice(0, 4))));
        for (const year of years) {
          const r = annualReport(log, { year });
          expect(r.checks.filter((c) => !c.ok), `${year} (${r.format})`).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
