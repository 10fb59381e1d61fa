import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { RequestEvent } from '../events/index.js';
import { requestGuards } from './requestGuards.js';
import { requestMachine } from './requestMachine.js';
import { initialRequestState, requestStatuses } from './requestState.js';
import { evolveRequest, requestTransitions } from './requestTransitions.js';

const received: RequestEvent = {
  type: 'DisclosureRequestReceived',
  data: { requestId: 'R-1', agency: '市行政服务中心', applicant: { type: 'naturalPerson', name: '张三' }, channel: 'inPerson', submittedOn: '2013-09-02', receivedOn: '2013-09-02', ruleSet: '2008', description: '…' },
};

describe('requestMachine (design §3: the machine over events is the truth, evolve reads it)', () => {
  it('has one state per status and starts at none', () => {
    expect(Object.keys(requestMachine.root.states)).toEqual([...requestStatuses]);
    expect(initialTransition(requestMachine)[0].value).toBe('none');
  });

  it('its table: which event may follow which status, under which named guard', () => {
    const row = (status: (typeof requestStatuses)[number]) => Object.fromEntries(Object.entries(requestTransitions[status]).map(([t, edges]) => [t, edges?.map((e) => (e.guard ? `${e.target} if ${e.guard}` : e.target))]));
    expect(row('awaitingSupplement')).toEqual({
      DisclosureSupplementReceived: ['received'],
      DisclosureRequestConcluded: ['concluded if silenceEnds'],
      DisclosureRemedyFiled: ['awaitingSupplement'],
      DisclosureRemedyDecided: ['awaitingSupplement'],
    });
    expect(row('concluded')).toEqual({
      DisclosureCostFeeCharged: ['concluded if costFeeOpen'],
      DisclosureFeeWaived: ['concluded if costFeeOpen'],
      DisclosureRemedyFiled: ['concluded'],
      DisclosureRemedyDecided: ['concluded'],
    });
    expect(row('received').DisclosureRequestConcluded).toEqual(['concluded if replied']);
    expect(row('awaitingFee').DisclosureRequestConcluded).toEqual(['concluded if feeUnpaid']);
  });

  it('time-driven endings are events the machine owns: abandonment only where the era has it (2019 第三十条)', () => {
    const notice: RequestEvent = { type: 'DisclosureSupplementRequested', data: { on: '2013-09-04', dueOn: null, items: ['x'] } };
    const abandoned: RequestEvent = { type: 'DisclosureRequestConcluded', data: { on: '2013-10-08', outcome: 'otherNoSupplement', basis: '政府信息公开条例（2019） 第三十条', dueDate: null, late: false } };
    let [snap] = initialTransition(requestMachine);
    let state = initialRequestState;
    for (const e of [received, notice]) {
      [snap] = transition(requestMachine, snap, e);
      state = evolveRequest(state, e);
    }
    expect(snap.can(abandoned)).toBe(false);
    expect(requestGuards.silenceEnds(state, abandoned)).toBe(false);
    expect(evolveRequest(state, abandoned).status).toBe('awaitingSupplement');
    const in2019 = { ...state, ruleSet: '2019' as const };
    expect(requestGuards.silenceEnds(in2019, abandoned)).toBe(true);
  });
});
