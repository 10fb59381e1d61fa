import { mainlandChinaCalendar } from '@banshi/calendar';
import { DomainError } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { replyOutcomeKeys } from '../labels/index.js';
import { requestCommandSchema, type RequestCommand, type RequestCommandType } from './requestCommands.js';
import { createDisclosureDecider } from './requestDecider.js';
import { requestMachine, requestStatuses, type RequestStatus } from './requestMachine.js';

const decider = createDisclosureDecider({ calendar: mainlandChinaCalendar() });
const addDays = (d: string, n: number): string => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)) + n)).toISOString().slice(0, 10);
const types = requestCommandSchema.options.map((o) => o.shape.type.value);
/** The codes a decider gives for a command its status does not allow. */
const statusRejections = ['DISCLOSURE_NOT_ALLOWED', 'DISCLOSURE_ALREADY_RECEIVED', 'DISCLOSURE_SUPPLEMENT_ALREADY_NOTIFIED'];

function commandOf(type: RequestCommandType, on: string, flag: boolean, outcome: (typeof replyOutcomeKeys)[number]): RequestCommand {
  switch (type) {
    case 'ReceiveRequest':
      return { type, requestId: 'R-1', agency: '市行政服务中心', applicant: { type: 'naturalPerson', name: '张三' }, channel: 'inPerson', submittedOn: '2020-03-02', description: '审批事项目录' };
    case 'RequestSupplement':
      return { type, on, dueOn: addDays(on, 30), items: ['身份证明'] };
    case 'ReceiveSupplement':
    case 'RecordFeePaid':
      return { type, on };
    case 'ConsultThirdParty':
      return { type, on, thirdParty: '某公司' };
    case 'RecordThirdPartyReply':
      return { type, on, consent: flag };
    case 'ExtendReply':
      return { type, on, approvedBy: { id: 'u-9', role: flag ? 'officeHead' : 'clerk' }, reason: '需要调档' };
    case 'IssueFeeNotice':
      return { type, on, amountYuan: 100, payBy: addDays(on, 30) };
    case 'Conclude':
      return { type, on, outcome };
    case 'FileRemedy':
      return { type, caseId: 'F-1', on, kind: flag ? 'review' : 'litigationDirect' };
    case 'DecideRemedy':
      return { type, caseId: flag ? 'F-1' : 'F-2', on, result: 'upheld' };
    case 'CheckDue':
      return { type, today: on };
  }
}

// Steps stay within two weeks of receipt, inside every deadline (补正 and fee: 30 days, consultation:
// 15 working days), so CheckDue only warns: its date-driven endings are not the machine's (see requestMachine).
// Each step picks, four times in five, among the types the machine accepts now, otherwise among all
// types (so refusals are checked too).
const arbSteps = fc.array(fc.record({ pick: fc.nat(), anyType: fc.integer({ min: 0, max: 4 }), gap: fc.integer({ min: 0, max: 1 }), flag: fc.boolean(), outcome: fc.constantFrom(...replyOutcomeKeys) }), { maxLength: 14 });

describe('requestMachine and the request decider agree (property)', () => {
  it('folding the commands the decider accepts gives, at every step, the status transition() steps the machine to; what the machine refuses the decider refuses for the status', () => {
    const reached = new Set<RequestStatus>();
    fc.assert(
      fc.property(arbSteps, (steps) => {
        let state = decider.initialState;
        let snapshot = initialTransition(requestMachine)[0];
        let on = '2020-03-02';
        for (const step of steps) {
          on = addDays(on, step.gap);
          const current = snapshot;
          const candidates = step.anyType === 0 ? types : types.filter((t) => current.can(commandOf(t, on, step.flag, step.outcome)));
          const command = commandOf(candidates[step.pick % candidates.length] ?? 'CheckDue', on, step.flag, step.outcome); // CheckDue is accepted everywhere
          const result = decider.decide(command, state);
          if (!snapshot.can(command)) {
            expect(result, `${state.status} × ${command.type}`).toBeInstanceOf(DomainError);
            expect(statusRejections).toContain((result as DomainError).code);
            continue;
          }
          if (result instanceof DomainError) continue; // a statutory rule, not the status, refused it
          state = result.reduce(decider.evolve, state);
          snapshot = transition(requestMachine, snapshot, command)[0];
          expect(state.status, `after ${command.type}`).toBe(snapshot.value);
          reached.add(state.status);
        }
      }),
      { numRuns: 300 },
    );
    expect([...reached].sort()).toEqual([...requestStatuses].sort());
  });
});
