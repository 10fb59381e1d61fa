import { describe, expect, it } from 'vitest';
import { itAgreesWithMachine } from '../../_test/machineAgreement.js';
import { dealDecider, type DealCommand } from './dealDecider.js';
import { dealLifecycle, dealMachine, dealStatuses, type DealStatus } from './dealMachine.js';
import type { DealEvent } from './tradingEvents.js';

const registered: DealEvent = { type: 'DealRegistered', data: { dealId: 'zc-1', category: 'governmentProcurement', title: '办公设备', node: 'center', registeredOn: '2013-03-01', marketPriceFen: 100_000 } };
/** A real decider state in each status, built from events. */
const histories: Record<DealStatus, readonly DealEvent[]> = {
  none: [],
  open: [registered],
  concluded: [registered, { type: 'DealConcluded', data: { dealId: 'zc-1', priceFen: 84_000, concludedOn: '2013-04-01' } }],
  failed: [registered, { type: 'DealFailed', data: { dealId: 'zc-1', reason: '流标', failedOn: '2013-04-01' } }],
};
const commands: readonly DealCommand[] = [
  { type: 'RegisterDeal', dealId: 'zc-1', category: 'governmentProcurement', title: '办公设备', node: 'center', registeredOn: '2013-03-01', marketPriceFen: 100_000 },
  { type: 'ConcludeDeal', dealId: 'zc-1', priceFen: 84_000, concludedOn: '2013-04-01' },
  { type: 'FailDeal', dealId: 'zc-1', reason: '流标', failedOn: '2013-04-01' },
];

describe('dealMachine', () => {
  it('covers every status, and concluded and failed deals are final', () => {
    expect(Object.keys(dealMachine.root.states).sort()).toEqual([...dealStatuses].sort());
    expect([dealMachine.root.states.concluded?.type, dealMachine.root.states.failed?.type]).toEqual(['final', 'final']);
    expect([dealLifecycle.concluded, dealLifecycle.failed]).toEqual([[], []]);
  });

  itAgreesWithMachine({ machine: dealMachine, statuses: dealStatuses, lifecycle: dealLifecycle, decider: dealDecider, histories, commands });
});
