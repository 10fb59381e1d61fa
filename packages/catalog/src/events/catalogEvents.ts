import { createEventRegistry, type EventOf } from '@banshi/core';
import { campaignEvents } from '../campaign/campaignEvents.js';
import { nodeEvents } from '../center/nodes/nodeEvents.js';
import { surveyEvents } from '../center/surveys/surveyEvents.js';
import { noticeEvents } from '../center/notices/noticeEvents.js';
import { publicityEvents } from '../center/publicity/publicityEvents.js';
import { dealEvents } from '../center/trading/tradingEvents.js';
import { agencyEvents } from '../intermediary/agencyEvents.js';
import { itemEvents } from '../item/itemEvents.js';

/**
 * Every event type of `@banshi/catalog`: items, campaigns, agencies, surveys, deals, center nodes.
 *
 * @example
 * catalogEvents.map((d) => d.type).includes('ItemCleanupDecided'); // true
 */
export const catalogEvents = [...itemEvents, ...campaignEvents, ...agencyEvents, ...surveyEvents, ...dealEvents, ...noticeEvents, ...publicityEvents, ...nodeEvents] as const;

/**
 * Any event of this package.
 *
 * @example
 * const e: CatalogEvent = { type: 'AgencyPublished', data: { agencyId: 'ag-1', publishedOn: '2013-11-01' } };
 */
export type CatalogEvent = EventOf<typeof catalogEvents>;

/**
 * One registry for all catalog event types: pass it to a store to validate payloads on append.
 *
 * @example
 * const store = createMemoryStore({ registry: catalogRegistry });
 */
export const catalogRegistry = createEventRegistry(catalogEvents);

/**
 * Stream ids of the catalog's aggregates.
 *
 * @example
 * catalogStreams.item('XK-001'); // 'item-XK-001'
 */
export const catalogStreams = {
  item: (code: string) => `item-${code}`,
  campaign: (id: string) => `campaign-${id}`,
  agency: (id: string) => `agency-${id}`,
  survey: (id: string) => `survey-${id}`,
  deal: (id: string) => `deal-${id}`,
  notice: (id: string) => `notice-${id}`,
  publicity: (id: string) => `publicity-${id}`,
  publication: (id: string) => `publication-${id}`,
  center: (id: string) => `center-${id}`,
} as const;
