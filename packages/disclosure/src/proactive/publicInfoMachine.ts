import { setup } from 'xstate';
import type { PublicInfoCommand } from './proactiveDecider.js';

/**
 * Every status of a proactive-disclosure item: the states of {@link publicInfoMachine}.
 *
 * @example
 * publicInfoStatuses.includes('withheld'); // true
 */
export const publicInfoStatuses = ['none', 'formed', 'cleared', 'withheld', 'published', 'revoked', 'repealed'] as const;

/**
 * Status of an item: one of {@link publicInfoStatuses}.
 *
 * @example
 * const s: PublicInfoStatus = 'withheld';
 */
export type PublicInfoStatus = (typeof publicInfoStatuses)[number];

/**
 * The proactive-disclosure lifecycle as an xstate machine over the item commands (design §3):
 * formed or changed → confidentiality review (保密审查) → cleared → published (on more channels
 * later) / withheld → revoked; 规章 and 行政规范性文件 can be repealed, which is final. The single
 * source of truth for which command each status allows and where it leads, used only through
 * xstate's pure `transition`; the review's `decision` picks cleared or withheld. The rules (a legal
 * reason to withhold, which categories are repealed, date order) are the decider's.
 *
 * @example
 * const [next] = transition(publicInfoMachine, publicInfoMachine.resolveState({ value: 'formed' }), { type: 'ReviewInfo', on: '2013-09-05', decision: 'withhold', reason: 'withheldStateSecret' });
 * next.value; // 'withheld'
 */
export const publicInfoMachine = setup({
  types: { events: {} as PublicInfoCommand },
  guards: {
    reviewPublishes: ({ event }) => event.type === 'ReviewInfo' && event.decision === 'publish',
  },
}).createMachine({
  id: 'publicInfo',
  initial: 'none',
  states: {
    none: { on: { FormInfo: 'formed' } },
    formed: { on: { ReviewInfo: [{ target: 'cleared', guard: 'reviewPublishes' }, { target: 'withheld' }], ChangeInfo: 'formed' } },
    cleared: { on: { PublishInfo: 'published', ChangeInfo: 'formed' } },
    withheld: { on: { ChangeInfo: 'formed', RepealInfo: 'repealed' } },
    published: { on: { PublishInfo: 'published', RevokeInfo: 'revoked', ChangeInfo: 'formed', RepealInfo: 'repealed' } },
    revoked: { on: { ChangeInfo: 'formed', RepealInfo: 'repealed' } },
    repealed: { type: 'final' },
  },
});
