import { defineEvent, type EventOf } from '@banshi/core';
import { z } from 'zod';
import { businessDate, identifier, text } from '../_lib/schemas.js';
import { itemElementsSchema, itemLevels, standardKinds } from './itemElements.js';
import { cleanupDecisionTypes } from './itemLifecycle.js';

/**
 * An item entered the catalog (`item-<code>` stream); its first version takes effect on `effectiveFrom`.
 *
 * @example
 * { type: 'ItemRegistered', data: { code: 'XK-001', elements, effectiveFrom: '2013-01-01' } }
 */
export const ItemRegistered = defineEvent('ItemRegistered', z.strictObject({ code: identifier, elements: itemElementsSchema, effectiveFrom: businessDate }));

/**
 * A new version of an item's elements takes effect on `effectiveFrom`.
 *
 * @example
 * { type: 'ItemRevised', data: { code: 'XK-001', elements, effectiveFrom: '2013-07-01', reason: '承诺时限压缩' } }
 */
export const ItemRevised = defineEvent('ItemRevised', z.strictObject({ code: identifier, elements: itemElementsSchema, effectiveFrom: businessDate, reason: text }));

/**
 * One of the four standards of the item was published.
 *
 * @example
 * { type: 'ItemStandardPublished', data: { code: 'XK-001', standard: 'process', publishedOn: '2013-12-20' } }
 */
export const ItemStandardPublished = defineEvent('ItemStandardPublished', z.strictObject({ code: identifier, standard: z.enum(standardKinds), publishedOn: businessDate }));

/**
 * A cleanup campaign decided the item's fate. `toLevel` is given exactly for 下放; `elements`
 * (the item as it stands after the decision, in force from `decidedOn`) only for 调整/保留.
 *
 * @example
 * { type: 'ItemCleanupDecided', data: { code: 'XK-001', campaignId: 'tz-2013', decision: 'cancelled', decidedOn: '2013-11-30', reason: '国务院取消' } }
 */
export const ItemCleanupDecided = defineEvent(
  'ItemCleanupDecided',
  z
    .object({
      code: identifier,
      campaignId: identifier,
      decision: z.enum(cleanupDecisionTypes),
      decidedOn: businessDate,
      reason: text,
      toLevel: z.enum(itemLevels).optional(),
      elements: itemElementsSchema.optional(),
    })
    .refine((d) => (d.decision === 'delegated') === (d.toLevel !== undefined), { message: 'toLevel is given for delegated decisions and only for them', path: ['toLevel'] })
    .refine((d) => d.elements === undefined || d.decision === 'adjusted' || d.decision === 'retained', {
      message: 'elements are given only for adjusted or retained items',
      path: ['elements'],
    }),
);

/**
 * The catalog-item event definitions.
 *
 * @example
 * itemEvents.map((d) => d.type); // ['ItemRegistered', 'ItemRevised', 'ItemStandardPublished', 'ItemCleanupDecided']
 */
export const itemEvents = [ItemRegistered, ItemRevised, ItemStandardPublished, ItemCleanupDecided] as const;
/**
 * An event of an `item-<code>` stream.
 *
 * @example
 * const e: ItemEvent = { type: 'ItemStandardPublished', data: { code: 'XK-001', standard: 'process', publishedOn: '2013-12-20' } };
 */
export type ItemEvent = EventOf<typeof itemEvents>;
