import type { PublicInfoEvent } from '../events/index.js';
import type { PublicInfoState } from './publicInfoState.js';

/**
 * The item machine's guards as plain functions of (state before the event, event), shared by the
 * xstate machine and `evolvePublicInfo`.
 *
 * @example
 * publicInfoGuards.repealable(state); // true for 规章 and 行政规范性文件
 */
export const publicInfoGuards = {
  /** The confidentiality review (保密审查) cleared the item. */
  reviewPublishes: (_s: PublicInfoState, e: PublicInfoEvent) => e.type === 'PublicInfoReviewed' && e.data.decision === 'publish',
  /** Only 规章 and 行政规范性文件 are repealed (table 二's 本年废止件数). */
  repealable: (s: PublicInfoState) => s.category === 'rule' || s.category === 'normativeDocument',
} as const satisfies Record<string, (s: PublicInfoState, e: PublicInfoEvent) => boolean>;

/**
 * A guard name of {@link publicInfoGuards}.
 *
 * @example
 * const g: PublicInfoGuard = 'repealable';
 */
export type PublicInfoGuard = keyof typeof publicInfoGuards;
