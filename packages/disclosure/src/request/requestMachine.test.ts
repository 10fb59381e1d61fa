import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { requestCommandSchema, type RequestCommand, type RequestCommandType } from './requestCommands.js';
import { requestMachine, requestStatuses } from './requestMachine.js';
import { allows, requestTransitions } from './requestTransitions.js';

/** One valid command of every type; typed so that a new command type without a sample fails to compile. */
const samples: { readonly [T in RequestCommandType]: Extract<RequestCommand, { type: T }> } = {
  ReceiveRequest: { type: 'ReceiveRequest', requestId: 'R-1', agency: '市行政服务中心', applicant: { type: 'naturalPerson', name: '张三' }, channel: 'inPerson', submittedOn: '2020-03-02', description: '审批事项目录' },
  RequestSupplement: { type: 'RequestSupplement', on: '2020-03-04', dueOn: '2020-03-20', items: ['身份证明'] },
  ReceiveSupplement: { type: 'ReceiveSupplement', on: '2020-03-10' },
  ConsultThirdParty: { type: 'ConsultThirdParty', on: '2020-03-05', thirdParty: '某公司' },
  RecordThirdPartyReply: { type: 'RecordThirdPartyReply', on: '2020-03-12', consent: true },
  ExtendReply: { type: 'ExtendReply', on: '2020-03-25', approvedBy: { id: 'u-9', role: 'officeHead' }, reason: '需要调档' },
  IssueFeeNotice: { type: 'IssueFeeNotice', on: '2020-03-06', amountYuan: 100, payBy: '2020-03-20' },
  RecordFeePaid: { type: 'RecordFeePaid', on: '2020-03-09' },
  Conclude: { type: 'Conclude', on: '2020-03-20', outcome: 'granted' },
  FileRemedy: { type: 'FileRemedy', caseId: 'F-1', on: '2020-04-01', kind: 'review' },
  DecideRemedy: { type: 'DecideRemedy', caseId: 'F-1', on: '2020-05-01', result: 'upheld' },
  CheckDue: { type: 'CheckDue', today: '2020-03-31' },
};
const types = Object.keys(samples) as RequestCommandType[];

describe('requestMachine (design §3: the machine says which command each status allows)', () => {
  it('has one state per status, starts at none, and has a sample for every command type', () => {
    expect(Object.keys(requestMachine.root.states)).toEqual([...requestStatuses]);
    expect(initialTransition(requestMachine)[0].value).toBe('none');
    expect(types.sort()).toEqual(requestCommandSchema.options.map((o) => o.shape.type.value).sort());
  });

  for (const status of requestStatuses) {
    it(`in ${status}: requestTransitions and allows() say exactly what transition() says, for every command type`, () => {
      const snapshot = requestMachine.resolveState({ value: status });
      for (const type of types) {
        const command = samples[type];
        const [next] = transition(requestMachine, snapshot, command);
        const target = requestTransitions[status][type];
        expect(allows(status, type), `${status} × ${type}`).toBe(snapshot.can(command));
        if (target !== undefined) {
          expect(snapshot.can(command), `${status} × ${type}`).toBe(true);
          expect(next.value, `${status} × ${type}`).toBe(target);
        } else {
          expect(next.value, `${status} × ${type}`).toBe(status);
        }
      }
    });
  }

  it('handles CheckDue in every status without naming a target (its events decide), and lists it in no status row', () => {
    for (const status of requestStatuses) {
      const snapshot = requestMachine.resolveState({ value: status });
      expect(snapshot.can(samples.CheckDue)).toBe(true);
      expect(transition(requestMachine, snapshot, samples.CheckDue)[0].value).toBe(status);
      expect(Object.hasOwn(requestTransitions[status], 'CheckDue')).toBe(false);
    }
  });

  it('derives the same table the package published before the machine (no behaviour change)', () => {
    expect(requestTransitions).toEqual({
      none: { ReceiveRequest: 'received' },
      received: {
        RequestSupplement: 'awaitingSupplement',
        ConsultThirdParty: 'consulting',
        ExtendReply: 'received',
        IssueFeeNotice: 'awaitingFee',
        Conclude: 'concluded',
        FileRemedy: 'received',
        DecideRemedy: 'received',
      },
      awaitingSupplement: { ReceiveSupplement: 'received', FileRemedy: 'awaitingSupplement', DecideRemedy: 'awaitingSupplement' },
      consulting: { RecordThirdPartyReply: 'received', ExtendReply: 'consulting', FileRemedy: 'consulting', DecideRemedy: 'consulting' },
      awaitingFee: { RecordFeePaid: 'received', FileRemedy: 'awaitingFee', DecideRemedy: 'awaitingFee' },
      concluded: { FileRemedy: 'concluded', DecideRemedy: 'concluded' },
    });
    expect(allows('concluded', 'Conclude')).toBe(false);
    expect(allows('concluded', 'CheckDue')).toBe(true);
    expect(allows('received', 'NoSuchCommand')).toBe(false);
  });
});
