import { nextStatusIn, readTransitionTable, type TransitionTable } from '@banshi/core';
import { setup } from 'xstate';
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

/**
 * The deal lifecycle as an xstate machine over the deal events (design §3): registered, then
 * concluded or failed once (both final). The single source of truth for which event may follow
 * which status: the deal decider's `decide` and `evolve` read its table ({@link dealTable}).
 *
 * @example
 * const [next] = transition(dealMachine, dealMachine.resolveState({ value: 'open' }), { type: 'DealFailed', data: { dealId: 'zc-1', reason: '流标', failedOn: '2013-04-10' } });
 * next.value; // 'failed'
 */
export const dealMachine = setup({ types: { events: {} as DealEvent } }).createMachine({
  id: 'deal',
  initial: 'none',
  states: {
    none: { on: { DealRegistered: 'open' } },
    open: { on: { DealConcluded: 'concluded', DealFailed: 'failed' } },
    concluded: { type: 'final' },
    failed: { type: 'final' },
  },
});

/**
 * The transition table read off {@link dealMachine} once at module load (core's `readTransitionTable`).
 *
 * @example
 * dealTable.open.DealFailed; // [{ target: 'failed', guard: undefined }]
 */
export const dealTable: TransitionTable<DealStatus, DealEvent['type']> = readTransitionTable(dealMachine, dealStatuses);

/**
 * Where an event of `type` leads from `status` per the machine, or `undefined` when the machine refuses it.
 *
 * @example
 * nextDealStatus('open', 'DealConcluded'); // 'concluded'
 */
export const nextDealStatus = (status: DealStatus, type: DealEvent['type']): DealStatus | undefined => nextStatusIn(dealTable, status, type, () => true);
