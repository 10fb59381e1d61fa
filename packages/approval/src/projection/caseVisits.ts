import type { StoredEvent } from '@banshi/core';
import { decisionEventOnTime } from './decisionOnTime.js';

/**
 * What a visit count needs to remember about one case: how many visits so far and the business
 * day of the last one.
 *
 * @example
 * const v: VisitTally = { visits: 0, lastVisitOn: null };
 */
export interface VisitTally {
  visits: number;
  lastVisitOn: string | null;
}

/**
 * The one definition of a visit (到现场次数) in banshi: a business day on which the case has at
 * least one in-person step. Two desks on the same trip are one visit, because the measure
 * ("最多跑一次", at most one trip) counts the applicant's journeys to the hall, not the steps
 * taken there. Counts `step` into `tally` in place and says whether it was a new visit.
 *
 * @example
 * const t = { visits: 0, lastVisitOn: null };
 * countVisit(t, { on: '2013-09-16', inPerson: true }); // true
 * countVisit(t, { on: '2013-09-16', inPerson: true }); // false: same day, same trip
 * t.visits; // 1
 */
export function countVisit(tally: VisitTally, step: { readonly on?: unknown; readonly inPerson?: unknown }): boolean {
  if (step.inPerson !== true || step.on === tally.lastVisitOn) return false;
  tally.visits++;
  tally.lastVisitOn = typeof step.on === 'string' ? step.on : null;
  return true;
}

/**
 * Whether a decision event ({@link decisionEventTypes}) was within the statutory and the promised limit, from the due
 * dates `CaseDecided` carries (a decision on the spot is within both, a renewal deemed granted within neither). `null`
 * for any other event. A due date the calendar could not give counts as within only when {@link decisionOnTime} can prove it.
 *
 * @example
 * decidedWithin(decided); // { statutory: true, promised: false }
 */
export function decidedWithin(event: Pick<StoredEvent, 'type' | 'data'>): { readonly statutory: boolean; readonly promised: boolean } | null {
  const t = decisionEventOnTime(event);
  return t && { statutory: t.statutory === true, promised: t.promised === true };
}
