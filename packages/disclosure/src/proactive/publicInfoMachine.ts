import { assign, setup } from 'xstate';
import type { PublicInfoEvent } from '../events/index.js';
import { publicInfoGuards as g, type PublicInfoGuard } from './publicInfoGuards.js';
import { applyPublicInfoEvent, initialPublicInfoState, type PublicInfoState, type PublicInfoStatus } from './publicInfoState.js';

type Edge = { readonly target?: PublicInfoStatus; readonly guard?: PublicInfoGuard; readonly actions: 'apply' };
const to = (target: PublicInfoStatus, guard?: PublicInfoGuard): Edge => (guard ? { target, guard, actions: 'apply' } : { target, actions: 'apply' });

const changed = { PublicInfoFormed: to('formed') } as const;
const repeal = { PublicInfoRepealed: to('repealed', 'repealable') } as const;

/**
 * The proactive-disclosure lifecycle as a flat xstate machine over the item's events (design §3):
 * formed or changed → confidentiality review (保密审查) → cleared → published (on more channels
 * later) / withheld → revoked; 规章 and 行政规范性文件 can be repealed, which is final. Its context is
 * the item state; its guards are {@link publicInfoGuards}. Use it through the pure `transition`.
 *
 * @example
 * let [snap] = initialTransition(publicInfoMachine);
 * [snap] = transition(publicInfoMachine, snap, formed);
 * snap.value; // 'formed'
 */
export const publicInfoMachine = setup({
  types: { context: {} as PublicInfoState, events: {} as PublicInfoEvent },
  guards: {
    reviewPublishes: ({ context, event }) => g.reviewPublishes(context, event),
    repealable: ({ context }) => g.repealable(context),
  },
  actions: { apply: assign(({ context, event }) => applyPublicInfoEvent(context, event)) },
}).createMachine({
  id: 'publicInfo',
  initial: 'none',
  context: initialPublicInfoState,
  states: {
    none: { on: { PublicInfoFormed: to('formed') } },
    formed: { on: { PublicInfoReviewed: [to('cleared', 'reviewPublishes'), to('withheld')], ...changed } },
    cleared: { on: { PublicInfoPublished: to('published'), ...changed } },
    withheld: { on: { ...changed, ...repeal } },
    published: { on: { PublicInfoPublished: to('published'), PublicInfoRevoked: to('revoked'), ...changed, ...repeal } },
    revoked: { on: { ...changed, ...repeal } },
    repealed: { type: 'final' },
  } satisfies Record<PublicInfoStatus, { readonly on?: Partial<Record<PublicInfoEvent['type'], Edge | readonly Edge[]>>; readonly type?: 'final' }>,
});
