import type { Channel, Projection, StoredEvent } from '@banshi/core';
import { decisionOnTime } from './decisionOnTime.js';

/**
 * Per-month figures: received, decided, decided within the statutory and the promised limit.
 *
 * @example
 * summary.months['2013-09']; // { received: 12, decided: 9, onTimeStatutory: 9, onTimePromised: 8, dueDateUnknown: 0 }
 */
export interface MonthFigures {
  received: number;
  decided: number;
  onTimeStatutory: number;
  onTimePromised: number;
  /** Decisions whose due date the calendar could not give (a year without data) and that came in or after that year. */
  dueDateUnknown: number;
}

/**
 * The case-summary read model: cases per month and on time, steps per channel, in-person visits per department.
 *
 * @example
 * const { state } = await runProjection(store, caseSummaryProjection);
 * state.visitsByDepartment['市场监管']; // { cases: 40, visits: 38, atMostOneVisit: 39 }
 */
export interface CaseSummary {
  months: Record<string, MonthFigures>;
  channels: Partial<Record<Channel, number>>;
  visitsByDepartment: Record<string, { cases: number; visits: number; atMostOneVisit: number }>;
  /** Per case stream: department, visits so far and the last visit day (a visit = a business day with an in-person step). */
  cases: Record<string, { department: string; visits: number; lastVisitOn: string | null }>;
}

interface StepData {
  readonly on?: unknown;
  readonly channel?: unknown;
  readonly inPerson?: unknown;
  readonly department?: unknown;
  readonly statutoryDueDate?: unknown;
  readonly promisedDueDate?: unknown;
  readonly missingYear?: unknown;
}

const month = (on: unknown): string => (typeof on === 'string' ? on.slice(0, 7) : 'unknown');
const figures = (s: CaseSummary, m: string): MonthFigures => (s.months[m] ??= { received: 0, decided: 0, onTimeStatutory: 0, onTimePromised: 0, dueDateUnknown: 0 });

/**
 * A plain reducer over approval events (design §3: read models never call the machine). The due dates it compares come
 * from the `CaseDecided` payload, so it needs no calendar either.
 *
 * @example
 * const summary = await foldProjection(store.readAll(), caseSummaryProjection);
 * summary.months['2013-09']?.onTimeStatutory;
 */
export const caseSummaryProjection: Projection<CaseSummary> = {
  name: 'approval.caseSummary',
  init: () => ({ months: {}, channels: {}, visitsByDepartment: {}, cases: {} }),
  apply(state, event: StoredEvent) {
    const data = (event.data ?? {}) as StepData;
    const channel = typeof data.channel === 'string' ? (data.channel as Channel) : event.meta.channel;
    if (channel !== 'system') state.channels[channel] = (state.channels[channel] ?? 0) + 1;
    if (event.type === 'CaseReceived') {
      const department = typeof data.department === 'string' ? data.department : 'unknown';
      figures(state, month(data.on)).received++;
      state.cases[event.stream] = { department, visits: 0, lastVisitOn: null };
      const dept = (state.visitsByDepartment[department] ??= { cases: 0, visits: 0, atMostOneVisit: 0 });
      dept.cases++;
      dept.atMostOneVisit++;
    } else if (event.type === 'CaseDecided' || event.type === 'CaseDecidedOnSpot') {
      const f = figures(state, month(data.on));
      f.decided++;
      const onTime = event.type === 'CaseDecidedOnSpot' ? { statutory: true, promised: true } : decisionOnTime(data as Parameters<typeof decisionOnTime>[0]);
      if (onTime.statutory === true) f.onTimeStatutory++;
      if (onTime.promised === true) f.onTimePromised++;
      if (onTime.statutory === null || onTime.promised === null) f.dueDateUnknown++;
    }
    const c = state.cases[event.stream];
    if (c && data.inPerson === true && data.on !== c.lastVisitOn) {
      const dept = state.visitsByDepartment[c.department];
      c.visits++;
      c.lastVisitOn = typeof data.on === 'string' ? data.on : null;
      if (dept) {
        dept.visits++;
        if (c.visits === 2) dept.atMostOneVisit--;
      }
    }
    return state;
  },
};
