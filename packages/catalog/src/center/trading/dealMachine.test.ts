import { DomainError, foldDecider } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { dealDecider, type DealCommand } from './dealDecider.js';
import { dealLifecycle, dealMachine, dealStatuses, type DealStatus } from './dealMachine.js';
import type { DealEvent } from './tradingEvents.js';

const registered: DealEvent = { type: 'DealRegistered', data: { dealId: 'zc-1', category: 'governmentProcurement', title: '办公设备', node: 'center', registeredOn: '2013-03-01', budgetFen: 100_000 } };
/** A real decider state in each status, built from events. */
const histories: Record<DealStatus, readonly DealEvent[]> = {
  none: [],
  open: [registered],
  concluded: [registered, { type: 'DealConcluded', data: { dealId: 'zc-1', priceFen: 84_000, concludedOn: '2013-04-01' } }],
  failed: [registered, { type: 'DealFailed', data: { dealId: 'zc-1', reason: '流标', failedOn: '2013-04-01' } }],
};
const commands: readonly DealCommand[] = [
  { type: 'RegisterDeal', dealId: 'zc-1', category: 'governmentProcurement', title: '办公设备', node: 'center', registeredOn: '2013-03-01', budgetFen: 100_000 },
  { type: 'ConcludeDeal', dealId: 'zc-1', priceFen: 84_000, concludedOn: '2013-04-01' },
  { type: 'FailDeal', dealId: 'zc-1', reason: '流标', failedOn: '2013-04-01' },
];

describe('dealMachine', () => {
  it('covers every status, and concluded and failed deals are final', () => {
    expect(Object.keys(dealMachine.root.states).sort()).toEqual([...dealStatuses].sort());
    expect([dealMachine.root.states.concluded?.type, dealMachine.root.states.failed?.type]).toEqual(['final', 'final']);
    expect([dealLifecycle.concluded, dealLifecycle.failed]).toEqual([[], []]);
  });

  for (const status of dealStatuses) {
    it(`in ${status}: the table allows exactly what transition() accepts, and the decider agrees on the event and the next status`, () => {
      const state = foldDecider(dealDecider, histories[status]);
      expect(state.status).toBe(status);
      for (const command of commands) {
        const [next, actions] = transition(dealMachine, dealMachine.resolveState({ value: status }), command);
        const allowed = dealLifecycle[status].includes(command.type);
        expect(actions.length > 0, `${status} × ${command.type}`).toBe(allowed);
        const result = dealDecider.decide(command, state);
        if (!allowed) {
          expect(next.value).toBe(status);
          expect(result).toBeInstanceOf(DomainError);
          continue;
        }
        if (result instanceof DomainError) throw new Error(`${status} × ${command.type}: ${result.message}`);
        expect(actions.map((a) => (a.params as { event: string }).event)).toEqual(result.map((e) => e.type));
        expect(next.value, `${status} × ${command.type}`).toBe(foldDecider(dealDecider, [...histories[status], ...result]).status);
      }
    });
  }
});
