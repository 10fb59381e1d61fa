import { poorRatings, type ApprovalEvent } from '../events/index.js';
import { reviewOutcome, type CaseData } from '../state/index.js';

/**
 * The machine's guards as plain functions of (context before the event, event). The xstate machine and the fast
 * transition table call these same functions, so both paths judge context identically.
 *
 * @example
 * approvalGuards.notYetNotified(state.data, event); // false after one 补正 notice
 */
export const approvalGuards = {
  /** 行政许可法 第三十二条: 一次性告知补正 — only once. */
  notYetNotified: (d: CaseData) => d.supplementNotices === 0,
  /** 行政许可法 第三十四条: only 即办件 are decided on the spot. */
  immediateItem: (d: CaseData) => d.handling === 'immediate',
  reviewUnassigned: (d: CaseData) => d.review === null,
  opinionPending: (d: CaseData, e: ApprovalEvent) =>
    e.type === 'ReviewOpinionRecorded' && d.review !== null && d.review.departments.includes(e.data.department) && d.review.opinions[e.data.department] === undefined,
  reviewConcluded: (d: CaseData) => d.review === null || reviewOutcome(d.review) !== 'pending',
  /** 行政许可法 第四十二条: extension once. */
  notYetExtended: (d: CaseData) => d.extensions === 0,
  granted: (d: CaseData) => d.outcome === 'grant',
  /** 第四十六、四十七条: one hearing per case (our reading). */
  noHearingYet: (d: CaseData) => d.hearing === null,
  /** 第四十八条第一款第一项: a hearing is held at the time notified. */
  heldAsNotified: (d: CaseData, e: ApprovalEvent) => e.type === 'HearingHeld' && d.hearing !== null && d.hearing.hearingOn === e.data.on,
  /** 行政许可法 第五十条第二款: only a renewal can be deemed renewed. */
  renewalCase: (d: CaseData) => d.renewal !== null,
  poorRating: (_d: CaseData, e: ApprovalEvent) => e.type === 'EvaluationSubmitted' && poorRatings.includes(e.data.rating),
  deniedPoorRating: (d: CaseData, e: ApprovalEvent) => d.outcome === 'deny' && e.type === 'EvaluationSubmitted' && poorRatings.includes(e.data.rating),
  denied: (d: CaseData) => d.outcome === 'deny',
} as const satisfies Record<string, (d: CaseData, e: ApprovalEvent) => boolean>;

/**
 * A guard name of {@link approvalGuards}.
 *
 * @example
 * const g: ApprovalGuard = 'notYetExtended';
 */
export type ApprovalGuard = keyof typeof approvalGuards;
