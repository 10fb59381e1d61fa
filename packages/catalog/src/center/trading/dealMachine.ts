import { setup } from 'xstate';
import { lifecycleTable } from '../../_lib/lifecycleTable.js';
import type { DealCommand } from './dealDecider.js';
import type { DealEvent } from './tradingEvents.js';

/**
 * A trading deal's statuses: none (not registered) → open → concluded | failed.
 *
 * @example
 * dealStatuses.includes('failed'); // true
 */
export const dealStatuses = ['none', 'open', 'concluded', 'failed'] as const;
/**
 * One of {@link dealStatuses}.
 *
 * @example
 * const s: DealStatus = 'concluded';
 */
export type DealStatus = (typeof dealStatuses)[number];

const record = (event: DealEvent['type']) => ({ type: 'record', params: { event } }) as const;

/**
 * The deal lifecycle as an xstate machine over the deal commands (design §3): register, then
 * conclude or fail once (both final). The single source of truth for which command a deal accepts
 * in which status, where it leads and which event it records (the `record` action); used only
 * through xstate's pure `transition`.
 *
 * @example
 * const [next] = transition(dealMachine, dealMachine.resolveState({ value: 'open' }), { type: 'FailDeal', dealId: 'zc-1', reason: '流标', failedOn: '2013-04-10' });
 * next.value; // 'failed'
 */
export const dealMachine = setup({
  types: { events: {} as DealCommand },
  actions: { record: (_, _params: { event: DealEvent['type'] }) => undefined },
}).createMachine({
  id: 'deal',
  initial: 'none',
  states: {
    none: { on: { RegisterDeal: { target: 'open', actions: record('DealRegistered') } } },
    open: {
      on: {
        ConcludeDeal: { target: 'concluded', actions: record('DealConcluded') },
        FailDeal: { target: 'failed', actions: record('DealFailed') },
      },
    },
    concluded: { type: 'final' },
    failed: { type: 'final' },
  },
});

/**
 * Which command each deal status accepts, read off {@link dealMachine} once at module load; the
 * deal decider checks it.
 *
 * @example
 * dealLifecycle.open; // ['ConcludeDeal', 'FailDeal']
 */
export const dealLifecycle = lifecycleTable(dealMachine, dealStatuses);
