import { nextStatusIn, readTransitionTable, type TransitionTable } from '@banshi/core';
import { setup } from 'xstate';
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

/**
 * The campaign lifecycle as an xstate machine over the campaign events (design §3): the single
 * source of truth for which event may follow which status. The decider's `decide` and `evolve`
 * read its table ({@link campaignTable}); a closed campaign is final.
 *
 * @example
 * const [next] = transition(campaignMachine, campaignMachine.resolveState({ value: 'open' }), { type: 'CampaignClosed', data: { campaignId: 'tz-2013', closedOn: '2013-12-31' } });
 * next.value; // 'closed'
 */
export const campaignMachine = setup({ types: { events: {} as CampaignEvent } }).createMachine({
  id: 'campaign',
  initial: 'none',
  states: {
    none: { on: { CampaignOpened: 'open' } },
    open: { on: { CampaignClosed: 'closed' } },
    closed: { type: 'final' },
  },
});

/**
 * The transition table read off {@link campaignMachine} once at module load (core's `readTransitionTable`).
 *
 * @example
 * campaignTable.open.CampaignClosed; // [{ target: 'closed', guard: undefined }]
 */
export const campaignTable: TransitionTable<CampaignStatus, CampaignEvent['type']> = readTransitionTable(campaignMachine, campaignStatuses);

/**
 * Where an event of `type` leads from `status` per the machine, or `undefined` when the machine refuses it.
 *
 * @example
 * nextCampaignStatus('none', 'CampaignOpened'); // 'open'
 */
export const nextCampaignStatus = (status: CampaignStatus, type: CampaignEvent['type']): CampaignStatus | undefined => nextStatusIn(campaignTable, status, type, () => true);
