import { DomainError, type Decider } from '@banshi/core';
import { z } from 'zod';
import { assertNever } from '../_lib/assertNever.js';
import { parseCommand } from '../_lib/parseCommand.js';
import { reject } from '../_lib/reject.js';
import { businessDate, identifier, text } from '../_lib/schemas.js';
import { catalogRules } from '../rules/index.js';
import { itemElementsInputSchema, itemLevels, standardKinds, type ItemElements, type ItemElementsInput } from './itemElements.js';
import type { ItemEvent } from './itemEvents.js';
import { cleanupDecisionTypes } from './itemLifecycle.js';
import { applyItemEvent, emptyItemData, itemTable, nextItemStatus, type ItemData, type ItemMachineStatus } from './itemMachine.js';

/**
 * Commands of an `item-<code>` stream, as a zod schema (deciders check every command against it).
 *
 * @example
 * itemCommandSchema.safeParse({ type: 'PublishStandard', code: 'XK-001', standard: 'service', publishedOn: '2013-12-20' }).success; // true
 */
export const itemCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('RegisterItem'), code: identifier, elements: itemElementsInputSchema, effectiveFrom: businessDate }),
  z.strictObject({ type: z.literal('ReviseItem'), code: identifier, elements: itemElementsInputSchema, effectiveFrom: businessDate, reason: text }),
  z.strictObject({ type: z.literal('PublishStandard'), code: identifier, standard: z.enum(standardKinds), publishedOn: businessDate }),
  z.strictObject({
    type: z.literal('DecideCleanup'),
    code: identifier,
    campaignId: identifier,
    decision: z.enum(cleanupDecisionTypes),
    decidedOn: businessDate,
    reason: text,
    toLevel: z.enum(itemLevels).optional(),
    elements: itemElementsInputSchema.optional(),
  }),
]);
/**
 * A command of an `item-<code>` stream.
 *
 * @example
 * const c: ItemCommand = { type: 'PublishStandard', code: 'XK-001', standard: 'service', publishedOn: '2013-12-20' };
 */
export type ItemCommand = z.infer<typeof itemCommandSchema>;

/**
 * What the item decider knows about one item.
 *
 * @example
 * foldDecider(itemDecider, events).status; // 'standardized'
 */
export interface ItemState extends ItemData {
  readonly status: ItemMachineStatus;
}

const initialState: ItemState = { status: 'unregistered', ...emptyItemData };

const eventOf = { RegisterItem: 'ItemRegistered', ReviseItem: 'ItemRevised', PublishStandard: 'ItemStandardPublished', DecideCleanup: 'ItemCleanupDecided' } as const satisfies Record<ItemCommand['type'], ItemEvent['type']>;

/** Applies the element rules of 行政许可法 and fills the statutory default; returns the stored elements. */
function checkElements(input: ItemElementsInput): ItemElements | DomainError {
  if (input.type === '行政许可' && input.legalBasis.length === 0) {
    return reject('CATALOG_ITEM_LICENSING_WITHOUT_BASIS', `行政许可 item "${input.name}" cites no legal basis: add the law or regulation that sets it`, 'licensingNeedsLegalBasis');
  }
  const statutoryLimitDays = input.statutoryLimitDays !== undefined ? input.statutoryLimitDays : input.type === '行政许可' ? catalogRules.licensingDecisionLimit.limit : null;
  const onTheSpot = catalogRules.onTheSpotDecision.limit;
  if (input.handling === '即办件' && input.promisedLimitDays !== onTheSpot) {
    return reject('CATALOG_ITEM_HANDLING_MISMATCH', `即办件 "${input.name}" is decided on the spot: set promisedLimitDays to ${onTheSpot} or make it a 承诺件`, 'onTheSpotDecision');
  }
  if (input.handling === '承诺件' && input.promisedLimitDays === onTheSpot) {
    return reject('CATALOG_ITEM_HANDLING_MISMATCH', `承诺件 "${input.name}" promises no time at all: give its promised working days or make it a 即办件`, 'onTheSpotDecision');
  }
  if (statutoryLimitDays !== null && input.promisedLimitDays > statutoryLimitDays) {
    return reject(
      'CATALOG_ITEM_PROMISE_EXCEEDS_STATUTE',
      `"${input.name}" promises ${input.promisedLimitDays} working days but the statutory limit is ${statutoryLimitDays}: shorten the promise`,
      'promiseWithinStatute',
    );
  }
  const unfounded = input.fees.find((f) => f.basis.trim() === '');
  if (unfounded) return reject('CATALOG_ITEM_FEE_WITHOUT_BASIS', `fee "${unfounded.name}" of "${input.name}" names no legal basis: cite it or drop the fee`, 'feesNeedLegalBasis');
  return { ...input, statutoryLimitDays };
}

function notAllowed(state: ItemState, command: ItemCommand): DomainError {
  switch (state.status) {
    case 'unregistered':
      return reject('CATALOG_ITEM_NOT_REGISTERED', `item ${command.code} is not in the catalog: register it first (RegisterItem)`, 'registerFirst');
    case 'cancelled':
    case 'delegated':
      return reject('CATALOG_ITEM_NOT_IN_CATALOG', `item ${state.code ?? command.code} was ${state.status} and left this catalog: register it anew at its new level`, 'decisionEndsItem');
    case 'registered':
    case 'standardized':
    case 'adjusted':
    case 'retained':
      return reject('CATALOG_ITEM_ALREADY_REGISTERED', `item ${command.code} is already registered: revise it with ReviseItem`, 'registerFirst');
    default:
      return assertNever(state.status, 'item status');
  }
}

function outOfOrder(state: ItemState, date: string): DomainError | undefined {
  if (state.effectiveFrom !== null && date < state.effectiveFrom) {
    return reject('CATALOG_ITEM_VERSION_OUT_OF_ORDER', `item ${state.code ?? ''} has a version in force since ${state.effectiveFrom}: date the change ${state.effectiveFrom} or later, not ${date}`, 'versionsInOrder');
  }
  return undefined;
}

/**
 * Decider of an `item-<code>` stream: registration, revisions, the four standards and cleanup decisions.
 *
 * @example
 * const r = await handle(store, 'item-XK-001', { type: 'RegisterItem', code: 'XK-001', elements, effectiveFrom: '2013-01-01' }, itemDecider);
 */
export const itemDecider: Decider<ItemState, ItemCommand, ItemEvent> = {
  initialState,
  decide(input, state) {
    const command = parseCommand(itemCommandSchema, input);
    if (command instanceof DomainError) return command;
    if (itemTable[state.status][eventOf[command.type]] === undefined) return notAllowed(state, command);
    if (state.code !== null && command.code !== state.code) {
      return reject('CATALOG_ITEM_CODE_MISMATCH', `command names item ${command.code} but this stream holds item ${state.code}: send it to item-${command.code}`, 'registerFirst');
    }
    switch (command.type) {
      case 'RegisterItem': {
        const elements = checkElements(command.elements);
        if (elements instanceof DomainError) return elements;
        return [{ type: 'ItemRegistered', data: { code: command.code, elements, effectiveFrom: command.effectiveFrom } }];
      }
      case 'ReviseItem': {
        const late = outOfOrder(state, command.effectiveFrom);
        if (late) return late;
        const elements = checkElements(command.elements);
        if (elements instanceof DomainError) return elements;
        return [{ type: 'ItemRevised', data: { code: command.code, elements, effectiveFrom: command.effectiveFrom, reason: command.reason } }];
      }
      case 'PublishStandard':
        return [{ type: 'ItemStandardPublished', data: { code: command.code, standard: command.standard, publishedOn: command.publishedOn } }];
      case 'DecideCleanup': {
        if (state.campaigns.includes(command.campaignId)) {
          return reject('CATALOG_ITEM_ALREADY_DECIDED_IN_CAMPAIGN', `item ${command.code} already has a decision in campaign ${command.campaignId}: one decision per campaign`, 'oneDecisionPerCampaign');
        }
        const late = outOfOrder(state, command.decidedOn);
        if (late) return late;
        const current = state.elements as ItemElements;
        const { decision } = command;
        if (decision === 'delegated') {
          if (command.toLevel === undefined || itemLevels.indexOf(command.toLevel) <= itemLevels.indexOf(current.level)) {
            return reject('CATALOG_ITEM_DELEGATION_NOT_LOWER', `下放 of ${command.code} must name a level below ${current.level} in toLevel`, 'delegateDownward');
          }
        } else if (command.toLevel !== undefined) {
          return reject('CATALOG_ITEM_DELEGATION_NOT_LOWER', `toLevel is only for 下放 (delegated), not ${decision}: drop it`, 'delegateDownward');
        }
        if (command.elements !== undefined && (decision === 'cancelled' || decision === 'delegated')) {
          return reject('CATALOG_ITEM_NOT_IN_CATALOG', `a ${decision} item has no elements after the decision: drop elements`, 'decisionEndsItem');
        }
        const base = { code: command.code, campaignId: command.campaignId, decision, decidedOn: command.decidedOn, reason: command.reason };
        if (command.toLevel !== undefined) return [{ type: 'ItemCleanupDecided', data: { ...base, toLevel: command.toLevel } }];
        if (command.elements !== undefined) {
          const elements = checkElements(command.elements);
          if (elements instanceof DomainError) return elements;
          return [{ type: 'ItemCleanupDecided', data: { ...base, elements } }];
        }
        return [{ type: 'ItemCleanupDecided', data: base }];
      }
      default:
        return assertNever(command, 'item command');
    }
  },
  evolve(state, event) {
    // As the machine does: an event it does not take changes nothing (a fold is total, never throws).
    const status = nextItemStatus(state.status, state, event);
    return status === undefined ? state : { ...applyItemEvent(state, event), status };
  },
};
