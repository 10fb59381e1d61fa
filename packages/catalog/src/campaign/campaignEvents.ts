import { defineEvent, type EventOf } from '@banshi/core';
import { z } from 'zod';
import { businessDate, identifier, text } from '../_lib/schemas.js';
import { itemLevels } from '../item/itemElements.js';

/**
 * A cleanup campaign (清理规范) opened for one level's catalog (`campaign-<id>` stream).
 *
 * @example
 * { type: 'CampaignOpened', data: { campaignId: 'tz-2013', name: '2013年行政审批事项清理', level: 'city', openedOn: '2013-03-01' } }
 */
export const CampaignOpened = defineEvent('CampaignOpened', z.strictObject({ campaignId: identifier, name: text, level: z.enum(itemLevels), openedOn: businessDate }));

/**
 * The campaign closed: its results are final.
 *
 * @example
 * { type: 'CampaignClosed', data: { campaignId: 'tz-2013', closedOn: '2013-12-31' } }
 */
export const CampaignClosed = defineEvent('CampaignClosed', z.strictObject({ campaignId: identifier, closedOn: businessDate }));

/**
 * The cleanup-campaign event definitions.
 *
 * @example
 * campaignEvents.length; // 2
 */
export const campaignEvents = [CampaignOpened, CampaignClosed] as const;
/**
 * An event of a `campaign-<id>` stream.
 *
 * @example
 * const e: CampaignEvent = { type: 'CampaignClosed', data: { campaignId: 'tz-2013', closedOn: '2013-12-31' } };
 */
export type CampaignEvent = EventOf<typeof campaignEvents>;
