import { setup } from 'xstate';
import { lifecycleTable } from '../_lib/lifecycleTable.js';
import type { ItemCommand } from './itemDecider.js';
import { standardKinds, type StandardKind } from './itemElements.js';
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
 * What the item machine's guards read: the standards already published (the fourth one makes a
 * registered item standardized). The machine never assigns it; callers put the decider state's
 * standards into the snapshot they probe.
 *
 * @example
 * itemMachine.resolveState({ value: 'registered', context: { standards: ['service', 'guide'] } });
 */
export interface ItemMachineContext {
  readonly standards: readonly StandardKind[];
}

const record = (event: ItemEvent['type']) => ({ type: 'record', params: { event } }) as const;

/** The commands an item in this level's catalog accepts; `self` is where revisions and further standards leave it. */
function inCatalog(self: Exclude<ItemStatus, CleanupDecision> | 'adjusted' | 'retained') {
  const stay = { target: self, actions: record('ItemStandardPublished') } as const;
  return {
    on: {
      ReviseItem: { target: self, actions: record('ItemRevised') },
      PublishStandard: self === 'registered' ? [{ target: 'standardized', guard: 'completesStandards', actions: record('ItemStandardPublished') } as const, stay] : stay,
      DecideCleanup: cleanupDecisionTypes.map((decision) => ({ target: decision, guard: { type: 'decisionIs', params: { decision } }, actions: record('ItemCleanupDecided') }) as const),
    },
  } as const;
}

/**
 * The item lifecycle as an xstate machine over the item commands (design §3): registered →
 * standardized (the fourth of the four standards) → cancelled / delegated / adjusted / retained,
 * a decision possibly before standardization. 取消/下放 are final at this level; an adjusted or
 * retained item can be revised, standardized and decided again in a later campaign. The single
 * source of truth for which command is allowed in which status, where it leads and which event it
 * records (the `record` action); used only through xstate's pure `transition`.
 *
 * @example
 * const [next] = transition(itemMachine, itemMachine.resolveState({ value: 'registered', context: { standards: [] } }), { type: 'DecideCleanup', code: 'XK-001', campaignId: 'tz-2013', decision: 'delegated', decidedOn: '2013-09-30', reason: '下放区县', toLevel: 'county' });
 * next.value; // 'delegated'
 */
export const itemMachine = setup({
  types: { context: {} as ItemMachineContext, events: {} as ItemCommand },
  guards: {
    completesStandards: ({ context, event }) => event.type === 'PublishStandard' && standardKinds.every((k) => k === event.standard || context.standards.includes(k)),
    decisionIs: ({ event }, params: { decision: CleanupDecision }) => event.type === 'DecideCleanup' && event.decision === params.decision,
  },
  actions: { record: (_, _params: { event: ItemEvent['type'] }) => undefined },
}).createMachine({
  id: 'item',
  initial: 'unregistered',
  context: { standards: [] },
  states: {
    unregistered: { on: { RegisterItem: { target: 'registered', actions: record('ItemRegistered') } } },
    registered: inCatalog('registered'),
    standardized: inCatalog('standardized'),
    adjusted: inCatalog('adjusted'),
    retained: inCatalog('retained'),
    cancelled: { type: 'final' },
    delegated: { type: 'final' },
  },
});

/**
 * Which command each item status accepts, read off {@link itemMachine} once at module load; the
 * item decider checks it.
 *
 * @example
 * itemLifecycle.cancelled; // []
 */
export const itemLifecycle = lifecycleTable(itemMachine, itemMachineStatuses);
