import type { Projection, StoredEvent } from '@banshi/core';
import { ratingNames, satisfactionRatings, type RatingCounts, type SurveyEvent } from './surveyEvents.js';

/**
 * Survey figures of one group (all, one node, or one subject).
 *
 * @example
 * stats.byNode.get('center')?.returned; // 546
 */
export interface SurveyTally {
  batches: number;
  issued: number;
  returned: number;
  readonly ratings: RatingCounts;
}

/**
 * State of {@link surveyStats}.
 *
 * @example
 * const stats: SurveyStatsState = await foldProjection(store.readAll(), surveyStats);
 */
export interface SurveyStatsState {
  readonly total: SurveyTally;
  readonly byNode: Map<string, SurveyTally>;
  readonly bySubject: Map<string, SurveyTally>;
  /** Which node and subject each batch belongs to. */
  readonly batches: Map<string, { readonly node: string; readonly subject: string }>;
}

const tally = (): SurveyTally => ({ batches: 0, issued: 0, returned: 0, ratings: { 非常满意: 0, 满意: 0, 基本满意: 0, 不满意: 0, 非常不满意: 0 } });
const group = (m: Map<string, SurveyTally>, key: string): SurveyTally => {
  let t = m.get(key);
  if (!t) m.set(key, (t = tally()));
  return t;
};

const types = ['SurveyIssued', 'SurveyFormsReturned'] as const satisfies readonly SurveyEvent['type'][];

/**
 * Satisfaction-survey figures in total, per node and per subject. Read rates with
 * {@link returnRate} and {@link satisfactionRate}.
 *
 * @example
 * const s = await foldProjection(store.readAll(), surveyStats);
 * [s.total.issued, s.total.returned, satisfactionRate(s.total)]; // [614, 546, 1]
 */
export const surveyStats: Projection<SurveyStatsState> = {
  name: 'catalog.surveyStats',
  types,
  init: () => ({ total: tally(), byNode: new Map(), bySubject: new Map(), batches: new Map() }),
  apply(state, stored: StoredEvent) {
    const event = stored as unknown as SurveyEvent;
    switch (event.type) {
      case 'SurveyIssued': {
        const d = event.data;
        state.batches.set(d.surveyId, { node: d.node, subject: d.subject });
        for (const t of [state.total, group(state.byNode, d.node), group(state.bySubject, d.subject)]) {
          t.batches++;
          t.issued += d.forms;
        }
        break;
      }
      case 'SurveyFormsReturned': {
        const batch = state.batches.get(event.data.surveyId);
        if (!batch) break;
        const r = event.data.ratings;
        for (const t of [state.total, group(state.byNode, batch.node), group(state.bySubject, batch.subject)]) {
          for (const name of ratingNames) {
            t.ratings[name] += r[name];
            t.returned += r[name];
          }
        }
        break;
      }
      default:
        break;
    }
    return state;
  },
  snapshot: (state) => structuredClone({ total: state.total, byNode: [...state.byNode], bySubject: [...state.bySubject], batches: [...state.batches] }),
  restore: (snapshot) => {
    const s = structuredClone(snapshot as { total: SurveyTally; byNode: [string, SurveyTally][]; bySubject: [string, SurveyTally][]; batches: [string, { node: string; subject: string }][] });
    return { total: s.total, byNode: new Map(s.byNode), bySubject: new Map(s.bySubject), batches: new Map(s.batches) };
  },
};

/**
 * Forms returned that count as satisfied (非常满意, 满意, 基本满意).
 *
 * @example
 * satisfiedForms(stats.total); // 546
 */
export function satisfiedForms(t: SurveyTally): number {
  let n = 0;
  for (const name of ratingNames) if (satisfactionRatings[name].satisfied) n += t.ratings[name];
  return n;
}

/**
 * Satisfied forms / forms returned, unrounded; 0 when nothing came back.
 *
 * @example
 * satisfactionRate(stats.total); // 1
 */
export function satisfactionRate(t: SurveyTally): number {
  return t.returned === 0 ? 0 : satisfiedForms(t) / t.returned;
}

/**
 * Forms returned / forms issued, unrounded; 0 when none were issued.
 *
 * @example
 * returnRate(stats.total); // 546 / 614 = 0.889
 */
export function returnRate(t: SurveyTally): number {
  return t.issued === 0 ? 0 : t.returned / t.issued;
}
