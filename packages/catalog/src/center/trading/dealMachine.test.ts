import { describe } from 'vitest';
import { itFoldsLikeTheMachine } from '../../_test/machineAgreement.js';
import { dealDecider } from './dealDecider.js';
import { dealMachine, dealStatuses, type DealStatus } from './dealMachine.js';
import type { DealEvent } from './tradingEvents.js';

const registered: DealEvent = { type: 'DealRegistered', data: { dealId: 'zc-1', category: 'governmentProcurement', title: '办公设备', node: 'center', registeredOn: '2013-03-01', marketPriceFen: 100_000 } };
/** A real decider state in each status, built from events. */
const histories: Record<DealStatus, readonly DealEvent[]> = {
  none: [],
  open: [registered],
  concluded: [registered, { type: 'DealConcluded', data: { dealId: 'zc-1', priceFen: 84_000, concludedOn: '2013-04-01' } }],
  failed: [registered, { type: 'DealFailed', data: { dealId: 'zc-1', reason: '流标', failedOn: '2013-04-01' } }],
};

describe('dealMachine', () => {
  itFoldsLikeTheMachine({ machine: dealMachine, statuses: dealStatuses, finals: ['concluded', 'failed'], decider: dealDecider, histories });
});
