import { nextStatusIn, readTransitionTable, type TransitionTable } from '@banshi/core';
import { assign, setup } from 'xstate';
import { assertNever } from '../_lib/assertNever.js';
import { standardKinds, type ItemElements, type StandardKind } from './itemElements.js';
import type { ItemEvent } from './itemEvents.js';
import { cleanupDecisionTypes, itemStatuses, type CleanupDecision, type ItemStatus } from './itemLifecycle.js';

/**
 * The item machine's statuses: `unregistered` (nothing in the stream yet) and {@link itemStatuses}.
 *
 * @example
 * itemMachineStatuses[0]; // 'unregistered'
 */
export const itemMachineStatuses = ['unregistered', ...itemStatuses] as const;
/**
 * One of {@link itemMachineStatuses}.
 *
 * @example
 * const s: ItemMachineStatus = 'unregistered';
 */
export type ItemMachineStatus = (typeof itemMachineStatuses)[number];

/**
 * What the item machine (its context) and the item decider fold from an item's events; the
 * status is the machine's.
 *
 * @example
 * const d: ItemData = { code: 'XK-001', elements, effectiveFrom: '2013-01-01', standards: ['service'], campaigns: [] };
 */
export interface ItemData {
  readonly code: string | null;
  readonly elements: ItemElements | null;
  /** When the version in force took effect (or the last decision date). */
  readonly effectiveFrom: string | null;
  readonly standards: readonly StandardKind[];
  /** Campaigns that already decided this item. */
  readonly campaigns: readonly string[];
}

/**
 * An item stream before its first event.
 *
 * @example
 * emptyItemData.standards; // []
 */
export const emptyItemData: ItemData = { code: null, elements: null, effectiveFrom: null, standards: [], campaigns: [] };

/**
 * Folds one event into the item's data (the status is the machine's).
 *
 * @example
 * applyItemEvent(emptyItemData, registered).code; // 'XK-001'
 */
export function applyItemEvent(data: ItemData, event: ItemEvent): ItemData {
  switch (event.type) {
    case 'ItemRegistered':
      return { ...data, code: event.data.code, elements: event.data.elements, effectiveFrom: event.data.effectiveFrom };
    case 'ItemRevised':
      return { ...data, elements: event.data.elements, effectiveFrom: event.data.effectiveFrom };
    case 'ItemStandardPublished':
      return data.standards.includes(event.data.standard) ? data : { ...data, standards: [...data.standards, event.data.standard] };
    case 'ItemCleanupDecided':
      return { ...data, elements: event.data.elements ?? data.elements, effectiveFrom: event.data.decidedOn, campaigns: [...data.campaigns, event.data.campaignId] };
    default:
      return assertNever(event, 'item event');
  }
}

const decisionIs =
  (decision: CleanupDecision) =>
  (_data: ItemData, event: ItemEvent): boolean =>
    event.type === 'ItemCleanupDecided' && event.data.decision === decision;

/**
 * The item machine's named guards, shared with `evolve` (through {@link nextItemStatus}): the
 * fourth of the four standards makes a registered item standardized, and a cleanup decision
 * leads to the status it names.
 *
 * @example
 * itemGuards.completesStandards({ ...emptyItemData, standards: ['service', 'guide', 'fees'] }, publishedProcess); // true
 */
export const itemGuards = {
  completesStandards: (data: ItemData, event: ItemEvent): boolean =>
    event.type === 'ItemStandardPublished' && standardKinds.every((k) => k === event.data.standard || data.standards.includes(k)),
  decidedCancelled: decisionIs('cancelled'),
  decidedDelegated: decisionIs('delegated'),
  decidedAdjusted: decisionIs('adjusted'),
  decidedRetained: decisionIs('retained'),
} as const;
/**
 * The name of one of {@link itemGuards}.
 *
 * @example
 * const g: ItemGuard = 'completesStandards';
 */
export type ItemGuard = keyof typeof itemGuards;

const guardOf = { cancelled: 'decidedCancelled', delegated: 'decidedDelegated', adjusted: 'decidedAdjusted', retained: 'decidedRetained' } as const satisfies Record<CleanupDecision, ItemGuard>;

/** The events an item in this level's catalog takes; `self` is where revisions and further standards leave it. */
function inCatalog(self: Exclude<ItemStatus, 'cancelled' | 'delegated'>) {
  const stay = { target: self, actions: 'apply' } as const;
  return {
    on: {
      ItemRevised: stay,
      ItemStandardPublished: self === 'registered' ? [{ target: 'standardized', guard: 'completesStandards', actions: 'apply' } as const, stay] : stay,
      ItemCleanupDecided: cleanupDecisionTypes.map((decision) => ({ target: decision, guard: guardOf[decision], actions: 'apply' }) as const),
    },
  } as const;
}

/**
 * The item lifecycle as an xstate machine over the item events (design §3): registered →
 * standardized (the fourth of the four standards) → cancelled / delegated / adjusted / retained,
 * a decision possibly before standardization. 取消/下放 are final at this level; an adjusted or
 * retained item can be revised, standardized and decided again in a later campaign. Its context
 * is the item's {@link ItemData}. The single source of truth for which event may follow which
 * status: the item decider's `decide` and `evolve` read its table ({@link itemTable}).
 *
 * @example
 * const [next] = transition(itemMachine, itemMachine.resolveState({ value: 'registered', context: data }), { type: 'ItemCleanupDecided', data: { code: 'XK-001', campaignId: 'tz-2013', decision: 'delegated', decidedOn: '2013-09-30', reason: '下放区县', toLevel: 'county' } });
 * next.value; // 'delegated'
 */
export const itemMachine = setup({
  types: { context: {} as ItemData, events: {} as ItemEvent },
  guards: {
    completesStandards: ({ context, event }) => itemGuards.completesStandards(context, event),
    decidedCancelled: ({ context, event }) => itemGuards.decidedCancelled(context, event),
    decidedDelegated: ({ context, event }) => itemGuards.decidedDelegated(context, event),
    decidedAdjusted: ({ context, event }) => itemGuards.decidedAdjusted(context, event),
    decidedRetained: ({ context, event }) => itemGuards.decidedRetained(context, event),
  },
  actions: { apply: assign(({ context, event }) => applyItemEvent(context, event)) },
}).createMachine({
  id: 'item',
  initial: 'unregistered',
  context: emptyItemData,
  states: {
    unregistered: { on: { ItemRegistered: { target: 'registered', actions: 'apply' } } },
    registered: inCatalog('registered'),
    standardized: inCatalog('standardized'),
    adjusted: inCatalog('adjusted'),
    retained: inCatalog('retained'),
    cancelled: { type: 'final' },
    delegated: { type: 'final' },
  },
});

/**
 * The transition table read off {@link itemMachine} once at module load (core's `readTransitionTable`).
 *
 * @example
 * itemTable.registered.ItemStandardPublished; // [{ target: 'standardized', guard: 'completesStandards' }, { target: 'registered', guard: undefined }]
 */
export const itemTable: TransitionTable<ItemMachineStatus, ItemEvent['type'], ItemGuard> = readTransitionTable(itemMachine, itemMachineStatuses, Object.keys(itemGuards) as ItemGuard[]);

/**
 * Where `event` leads from `status` per the machine (its guards judged on `data`), or `undefined` when the machine refuses it.
 *
 * @example
 * nextItemStatus('unregistered', emptyItemData, registered); // 'registered'
 */
export const nextItemStatus = (status: ItemMachineStatus, data: ItemData, event: ItemEvent): ItemMachineStatus | undefined =>
  nextStatusIn(itemTable, status, event.type, (guard) => itemGuards[guard](data, event));
