import type { RequestEvent } from '../events/index.js';
import { disclosureRules } from '../rules/index.js';
import type { RequestState } from './requestState.js';

const concludedWith = (e: RequestEvent, outcome: string): boolean => e.type === 'DisclosureRequestConcluded' && e.data.outcome === outcome;

/**
 * The request machine's guards as plain functions of (state before the event, event). The xstate
 * machine and `evolveRequest` (through the table read off the machine) call these same functions.
 *
 * @example
 * requestGuards.notYetExtended(state, extended); // false once the reply period was extended
 */
export const requestGuards = {
  /** 2019 第三十条 / 2008 第二十一条（四）: one 补正 notice. */
  notYetNotified: (s: RequestState) => s.supplement === null,
  /** 2019 第三十三条 / 2008 第二十四条: one extension. */
  notYetExtended: (s: RequestState) => s.extension === null,
  /** 2019 第三十五条: one later reply date. */
  notYetDeferred: (s: RequestState) => s.deferredUntil === null,
  /** A reply (any outcome but the two the due check records). */
  replied: (_s: RequestState, e: RequestEvent) => e.type === 'DisclosureRequestConcluded' && e.data.outcome !== 'otherNoSupplement' && e.data.outcome !== 'otherFeeUnpaid',
  /** 2019 第三十条: silence after the 补正 deadline ends the request; the 2008 text has no such ending. */
  silenceEnds: (s: RequestState, e: RequestEvent) => concludedWith(e, 'otherNoSupplement') && disclosureRules[s.ruleSet].abandonment !== null,
  /** 国办函〔2020〕109号 第六条: an unpaid 信息处理费 ends the request. */
  feeUnpaid: (_s: RequestState, e: RequestEvent) => concludedWith(e, 'otherFeeUnpaid'),
  /** 2008 第二十七条 / 第二十八条: one cost fee (or waiver), with information provided. */
  costFeeOpen: (s: RequestState) => s.fee === null && s.ruleSet === '2008' && (s.outcome === 'granted' || s.outcome === 'partiallyGranted'),
} as const satisfies Record<string, (s: RequestState, e: RequestEvent) => boolean>;

/**
 * A guard name of {@link requestGuards}.
 *
 * @example
 * const g: RequestGuard = 'notYetExtended';
 */
export type RequestGuard = keyof typeof requestGuards;
