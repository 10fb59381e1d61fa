import { nextStatusIn, readTransitionTable, type TransitionTable } from '@banshi/core';
import { setup } from 'xstate';
import type { AgencyEvent } from './agencyEvents.js';

/**
 * An agency's statuses in the register, from nothing submitted to delisted.
 *
 * @example
 * agencyStatuses.includes('published'); // true
 */
export const agencyStatuses = ['none', 'submitted', 'returned', 'approved', 'published', 'delisted'] as const;
/**
 * One of {@link agencyStatuses}.
 *
 * @example
 * const s: AgencyStatus = 'published';
 */
export type AgencyStatus = (typeof agencyStatuses)[number];

/**
 * The agency lifecycle as an xstate machine over the agency events (design §3): submitted →
 * approved / returned; returned → submitted again; approved → published (公示) → updated /
 * delisted. Delisting is final. The single source of truth for which event may follow which
 * status: the agency decider's `decide` and `evolve` read its table ({@link agencyTable}).
 *
 * @example
 * const [next] = transition(agencyMachine, agencyMachine.resolveState({ value: 'submitted' }), { type: 'AgencyApproved', data: { agencyId: 'ag-1', reviewer: 'zhang', approvedOn: '2013-10-15' } });
 * next.value; // 'approved'
 */
export const agencyMachine = setup({ types: { events: {} as AgencyEvent } }).createMachine({
  id: 'agency',
  initial: 'none',
  states: {
    none: { on: { AgencySubmitted: 'submitted' } },
    submitted: { on: { AgencyApproved: 'approved', AgencyReturned: 'returned' } },
    returned: { on: { AgencySubmitted: 'submitted' } },
    approved: { on: { AgencyPublished: 'published', AgencyDelisted: 'delisted' } },
    published: { on: { AgencyUpdated: 'published', AgencyDelisted: 'delisted' } },
    delisted: { type: 'final' },
  },
});

/**
 * The transition table read off {@link agencyMachine} once at module load (core's `readTransitionTable`).
 *
 * @example
 * Object.keys(agencyTable.approved); // ['AgencyPublished', 'AgencyDelisted']
 */
export const agencyTable: TransitionTable<AgencyStatus, AgencyEvent['type']> = readTransitionTable(agencyMachine, agencyStatuses);

/**
 * Where an event of `type` leads from `status` per the machine, or `undefined` when the machine refuses it.
 *
 * @example
 * nextAgencyStatus('published', 'AgencyUpdated'); // 'published'
 */
export const nextAgencyStatus = (status: AgencyStatus, type: AgencyEvent['type']): AgencyStatus | undefined => nextStatusIn(agencyTable, status, type, () => true);
