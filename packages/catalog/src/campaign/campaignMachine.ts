import { setup } from 'xstate';
import { lifecycleTable } from '../_lib/lifecycleTable.js';
import type { CampaignCommand } from './campaignDecider.js';
import type { CampaignEvent } from './campaignEvents.js';

/**
 * A campaign's statuses: none (never opened) → open → closed.
 *
 * @example
 * campaignStatuses.includes('open'); // true
 */
export const campaignStatuses = ['none', 'open', 'closed'] as const;
/**
 * One of {@link campaignStatuses}.
 *
 * @example
 * const s: CampaignStatus = 'open';
 */
export type CampaignStatus = (typeof campaignStatuses)[number];

const record = (event: CampaignEvent['type']) => ({ type: 'record', params: { event } }) as const;

/**
 * The campaign lifecycle as an xstate machine over the campaign commands (design §3): the single
 * source of truth for which command a campaign accepts in which status, where it leads and which
 * event it records (the `record` action). Used only through xstate's pure `transition`; a closed
 * campaign is final.
 *
 * @example
 * const [next] = transition(campaignMachine, campaignMachine.resolveState({ value: 'open' }), { type: 'CloseCampaign', campaignId: 'tz-2013', closedOn: '2013-12-31' });
 * next.value; // 'closed'
 */
export const campaignMachine = setup({
  types: { events: {} as CampaignCommand },
  actions: { record: (_, _params: { event: CampaignEvent['type'] }) => undefined },
}).createMachine({
  id: 'campaign',
  initial: 'none',
  states: {
    none: { on: { OpenCampaign: { target: 'open', actions: record('CampaignOpened') } } },
    open: { on: { CloseCampaign: { target: 'closed', actions: record('CampaignClosed') } } },
    closed: { type: 'final' },
  },
});

/**
 * Which command each campaign status accepts, read off {@link campaignMachine} once at module load.
 *
 * @example
 * campaignLifecycle.open; // ['CloseCampaign']
 */
export const campaignLifecycle = lifecycleTable(campaignMachine, campaignStatuses);
