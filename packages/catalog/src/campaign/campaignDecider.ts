import { DomainError, type Decider } from '@banshi/core';
import { z } from 'zod';
import { assertNever } from '../_lib/assertNever.js';
import { parseCommand } from '../_lib/parseCommand.js';
import { reject } from '../_lib/reject.js';
import { businessDate, identifier, text } from '../_lib/schemas.js';
import { itemLevels } from '../item/itemElements.js';
import type { CampaignEvent } from './campaignEvents.js';
import { nextCampaignStatus, type CampaignStatus } from './campaignMachine.js';

/**
 * Commands of a `campaign-<id>` stream.
 *
 * @example
 * campaignCommandSchema.parse({ type: 'CloseCampaign', campaignId: 'tz-2013', closedOn: '2013-12-31' });
 */
export const campaignCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('OpenCampaign'), campaignId: identifier, name: text, level: z.enum(itemLevels), openedOn: businessDate }),
  z.strictObject({ type: z.literal('CloseCampaign'), campaignId: identifier, closedOn: businessDate }),
]);
/**
 * A command of a `campaign-<id>` stream.
 *
 * @example
 * const c: CampaignCommand = { type: 'CloseCampaign', campaignId: 'tz-2013', closedOn: '2013-12-31' };
 */
export type CampaignCommand = z.infer<typeof campaignCommandSchema>;

/**
 * What the campaign decider knows.
 *
 * @example
 * foldDecider(campaignDecider, events).status; // 'open'
 */
export interface CampaignState {
  readonly status: CampaignStatus;
  readonly campaignId: string | null;
  readonly openedOn: string | null;
}

const eventOf = { OpenCampaign: 'CampaignOpened', CloseCampaign: 'CampaignClosed' } as const satisfies Record<CampaignCommand['type'], CampaignEvent['type']>;

/**
 * Decider of a `campaign-<id>` stream: opens and closes a cleanup campaign. Decisions on items
 * are taken on the items' own streams (`DecideCleanup` naming this campaign).
 *
 * @example
 * await handle(store, 'campaign-tz-2013', { type: 'OpenCampaign', campaignId: 'tz-2013', name: '2013清理', level: 'city', openedOn: '2013-03-01' }, campaignDecider);
 */
export const campaignDecider: Decider<CampaignState, CampaignCommand, CampaignEvent> = {
  initialState: { status: 'none', campaignId: null, openedOn: null },
  decide(input, state) {
    const command = parseCommand(campaignCommandSchema, input);
    if (command instanceof DomainError) return command;
    if (nextCampaignStatus(state.status, eventOf[command.type]) === undefined) {
      if (state.status === 'none') return reject('CATALOG_CAMPAIGN_NOT_OPENED', `campaign ${command.campaignId} was never opened: open it first (OpenCampaign)`, 'campaignOpen');
      if (state.status === 'open') return reject('CATALOG_CAMPAIGN_ALREADY_OPENED', `campaign ${command.campaignId} is already open: use a new id for a new campaign`, 'campaignOpen');
      return reject('CATALOG_CAMPAIGN_CLOSED', `campaign ${command.campaignId} is closed: its results are final; open a new campaign`, 'campaignOpen');
    }
    if (state.campaignId !== null && state.campaignId !== command.campaignId) {
      return reject('CATALOG_CAMPAIGN_NOT_OPENED', `this stream holds campaign ${state.campaignId}, not ${command.campaignId}: send the command to campaign-${command.campaignId}`, 'campaignOpen');
    }
    switch (command.type) {
      case 'OpenCampaign':
        return [{ type: 'CampaignOpened', data: { campaignId: command.campaignId, name: command.name, level: command.level, openedOn: command.openedOn } }];
      case 'CloseCampaign':
        if (state.openedOn !== null && command.closedOn < state.openedOn) {
          return reject('CATALOG_CAMPAIGN_DATE_ORDER', `campaign ${command.campaignId} opened on ${state.openedOn}: close it on that day or later, not ${command.closedOn}`, 'campaignOpen');
        }
        return [{ type: 'CampaignClosed', data: { campaignId: command.campaignId, closedOn: command.closedOn } }];
      default:
        return assertNever(command, 'campaign command');
    }
  },
  evolve(state, event) {
    // As the machine does: an event it does not take changes nothing (a fold is total, never throws).
    const status = nextCampaignStatus(state.status, event.type);
    if (status === undefined) return state;
    switch (event.type) {
      case 'CampaignOpened':
        return { status, campaignId: event.data.campaignId, openedOn: event.data.openedOn };
      case 'CampaignClosed':
        return { ...state, status };
      default:
        return assertNever(event, 'campaign event');
    }
  },
};
