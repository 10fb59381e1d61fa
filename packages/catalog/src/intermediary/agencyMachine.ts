import { setup } from 'xstate';
import { lifecycleTable } from '../_lib/lifecycleTable.js';
import type { AgencyCommand } from './agencyDecider.js';
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

const record = (event: AgencyEvent['type']) => ({ type: 'record', params: { event } }) as const;
const delist = { DelistAgency: { target: 'delisted', actions: record('AgencyDelisted') } } as const;

/**
 * The agency lifecycle as an xstate machine over the agency commands (design §3): submitted →
 * approved / returned; returned → submitted again; approved → published (公示) → updated / delisted.
 * The single source of truth for which command the register accepts in which status, where it
 * leads and which event it records (the `record` action); used only through xstate's pure
 * `transition`. Delisting is final.
 *
 * @example
 * const [next] = transition(agencyMachine, agencyMachine.resolveState({ value: 'submitted' }), { type: 'ApproveAgency', agencyId: 'ag-1', reviewer: 'zhang', approvedOn: '2013-10-15' });
 * next.value; // 'approved'
 */
export const agencyMachine = setup({
  types: { events: {} as AgencyCommand },
  actions: { record: (_, _params: { event: AgencyEvent['type'] }) => undefined },
}).createMachine({
  id: 'agency',
  initial: 'none',
  states: {
    none: { on: { SubmitAgency: { target: 'submitted', actions: record('AgencySubmitted') } } },
    submitted: {
      on: {
        ApproveAgency: { target: 'approved', actions: record('AgencyApproved') },
        ReturnAgency: { target: 'returned', actions: record('AgencyReturned') },
      },
    },
    returned: { on: { SubmitAgency: { target: 'submitted', actions: record('AgencySubmitted') } } },
    approved: { on: { PublishAgency: { target: 'published', actions: record('AgencyPublished') }, ...delist } },
    published: { on: { UpdateAgency: { target: 'published', actions: record('AgencyUpdated') }, ...delist } },
    delisted: { type: 'final' },
  },
});

/**
 * Which command each agency status accepts, read off {@link agencyMachine} once at module load;
 * the agency decider checks it.
 *
 * @example
 * agencyLifecycle.approved; // ['PublishAgency', 'DelistAgency']
 */
export const agencyLifecycle = lifecycleTable(agencyMachine, agencyStatuses);
