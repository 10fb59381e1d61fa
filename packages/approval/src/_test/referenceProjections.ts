/**
 * The approval read models as they were before per-case state was compacted (issue #18): every
 * case's tally kept for the whole log, in plain objects. The property test
 * `compactCase.prop.test.ts` folds random histories through these and through the shipped
 * projections and requires the same figures. Test code only; nothing ships it.
 */
import { toShanghaiDate } from '@banshi/calendar';
import type { Channel, StoredEvent } from '@banshi/core';
import { approvalEventTypes } from '../events/index.js';
import { countVisit, decidedWithin, type VisitTally } from '../projection/caseVisits.js';
import { decisionEventOnTime, decisionEventTypes } from '../projection/decisionOnTime.js';
import type { DepartmentFigures, MonthFigures, YearFigures } from '../projection/index.js';

interface StepData {
  readonly on?: unknown;
  readonly channel?: unknown;
  readonly inPerson?: unknown;
  readonly department?: unknown;
}

export interface ReferenceCaseSummary {
  months: Record<string, MonthFigures>;
  years: Record<string, YearFigures>;
  cases: Record<string, VisitTally & { department: string; year: string }>;
}
const approvalTypes: ReadonlySet<string> = new Set(approvalEventTypes);
const figures = (s: ReferenceCaseSummary, m: string): MonthFigures => (s.months[m] ??= { received: 0, decided: 0, onTimeStatutory: 0, onTimePromised: 0, dueDateUnknown: 0 });
const yearOf = (s: ReferenceCaseSummary, y: string): YearFigures => (s.years[y] ??= { channels: {}, visitsByDepartment: {} });
const businessDate = (data: StepData, event: StoredEvent): string => (typeof data.on === 'string' && data.on.length >= 10 ? data.on : toShanghaiDate(event.meta.occurredAt));

export const referenceCaseSummary = {
  init: (): ReferenceCaseSummary => ({ months: {}, years: {}, cases: {} }),
  apply(state: ReferenceCaseSummary, event: StoredEvent): ReferenceCaseSummary {
    if (!approvalTypes.has(event.type)) return state;
    const data = (event.data ?? {}) as StepData;
    const on = businessDate(data, event);
    const channel = typeof data.channel === 'string' ? (data.channel as Channel) : event.meta.channel;
    if (channel !== 'system') {
      const channels = yearOf(state, on.slice(0, 4)).channels;
      channels[channel] = (channels[channel] ?? 0) + 1;
    }
    if (event.type === 'CaseReceived') {
      const department = typeof data.department === 'string' ? data.department : 'unknown';
      const year = on.slice(0, 4);
      figures(state, on.slice(0, 7)).received++;
      state.cases[event.stream] = { department, year, visits: 0, lastVisitOn: null };
      const dept = (yearOf(state, year).visitsByDepartment[department] ??= { cases: 0, visits: 0, atMostOneVisit: 0 });
      dept.cases++;
      dept.atMostOneVisit++;
    } else {
      const onTime = decisionEventOnTime(event);
      if (onTime) {
        const f = figures(state, on.slice(0, 7));
        f.decided++;
        if (onTime.statutory === true) f.onTimeStatutory++;
        if (onTime.promised === true) f.onTimePromised++;
        if (onTime.statutory === null || onTime.promised === null) f.dueDateUnknown++;
      }
    }
    const c = state.cases[event.stream];
    if (c && countVisit(c, data)) {
      const dept = state.years[c.year]?.visitsByDepartment[c.department];
      if (dept) {
        dept.visits++;
        if (c.visits === 2) dept.atMostOneVisit--;
      }
    }
    return state;
  },
};

export interface ReferenceDepartmentOnTime {
  readonly caseDepartment: Map<string, string>;
  readonly departments: Map<string, DepartmentFigures>;
  readonly years: Map<string, Map<string, DepartmentFigures>>;
}

export const referenceDepartmentOnTime = {
  init: (): ReferenceDepartmentOnTime => ({ caseDepartment: new Map(), departments: new Map(), years: new Map() }),
  apply(state: ReferenceDepartmentOnTime, event: StoredEvent): ReferenceDepartmentOnTime {
    if (event.type === 'CaseReceived') {
      const d = (event.data ?? {}) as { department?: unknown };
      state.caseDepartment.set(event.stream, typeof d.department === 'string' ? d.department : 'unknown');
      return state;
    }
    const within = decidedWithin(event);
    if (within === null) return state;
    const department = state.caseDepartment.get(event.stream) ?? 'unknown';
    const on = (event.data as { on?: unknown } | null)?.on;
    const year = typeof on === 'string' && /^\d{4}-/.test(on) ? on.slice(0, 4) : null;
    let byDepartment = year === null ? undefined : state.years.get(year);
    if (year !== null && !byDepartment) state.years.set(year, (byDepartment = new Map()));
    for (const table of byDepartment ? [state.departments, byDepartment] : [state.departments]) {
      let f = table.get(department);
      if (!f) table.set(department, (f = { decided: 0, onTimeStatutory: 0, onTimePromised: 0 }));
      f.decided++;
      if (within.statutory) f.onTimeStatutory++;
      if (within.promised) f.onTimePromised++;
    }
    return state;
  },
};

interface CaseVisits extends VisitTally {
  required: number | null;
  onlineIntake: boolean;
  onlineReview: boolean;
  handledOffline: boolean;
  year?: string | null;
  channel?: Channel;
  onlinePattern?: boolean;
}
export interface ReferenceVisitStats {
  readonly cases: Map<string, CaseVisits>;
  readonly intakeChannels: Partial<Record<Channel, number>>;
  onlinePattern: number;
}
const decisions: ReadonlySet<string> = new Set(decisionEventTypes);
const reviewSteps: ReadonlySet<string> = new Set(['CaseAccepted', 'ReviewAssigned', 'ReviewOpinionRecorded']);

export const referenceVisitStats = {
  init: (): ReferenceVisitStats => ({ cases: new Map(), intakeChannels: {}, onlinePattern: 0 }),
  apply(state: ReferenceVisitStats, event: StoredEvent): ReferenceVisitStats {
    const d = (event.data ?? {}) as { on?: unknown; channel?: unknown; inPerson?: unknown; requiredVisits?: unknown };
    const channel = typeof d.channel === 'string' ? (d.channel as Channel) : event.meta.channel;
    let c = state.cases.get(event.stream);
    if (event.type === 'CaseReceived') {
      const year = typeof d.on === 'string' && /^\d{4}-/.test(d.on) ? d.on.slice(0, 4) : null;
      c = { visits: 0, lastVisitOn: null, required: typeof d.requiredVisits === 'number' ? d.requiredVisits : null, onlineIntake: channel === 'online', onlineReview: false, handledOffline: false, year, channel };
      state.cases.set(event.stream, c);
      state.intakeChannels[channel] = (state.intakeChannels[channel] ?? 0) + 1;
    }
    if (!c) return state;
    countVisit(c, d);
    if (reviewSteps.has(event.type) && channel === 'online') c.onlineReview = true;
    // 网下办理: the decision was made off the online system (a renewal deemed granted by law included, 第五十条第二款).
    if (decisions.has(event.type) && channel === 'system') c.handledOffline = true;
    if (event.type === 'CertificateDelivered' && channel === 'online' && c.onlineIntake && c.onlineReview && c.handledOffline) {
      state.onlinePattern++;
      c.onlinePattern = true;
    }
    return state;
  },
};

/** `visitFigures` as it was: a walk over every case kept. */
export function referenceVisitFigures(state: ReferenceVisitStats, year?: number) {
  const only = year === undefined ? null : String(year);
  let cases = 0;
  let zero = 0;
  let one = 0;
  let more = 0;
  let withRequired = 0;
  let withinRequired = 0;
  for (const c of state.cases.values()) {
    if (only !== null && c.year !== only) continue;
    cases++;
    if (c.visits === 0) zero++;
    else if (c.visits === 1) one++;
    else more++;
    if (c.required !== null) {
      withRequired++;
      if (c.visits <= c.required) withinRequired++;
    }
  }
  return { cases, zero, one, more, atMostOne: zero + one, withRequired, withinRequired };
}

/** `intakeOfYear` as it was. */
export function referenceIntakeOfYear(state: ReferenceVisitStats, year: number) {
  const only = String(year);
  const channels: Partial<Record<Channel, number>> = {};
  let onlinePattern = 0;
  for (const c of state.cases.values()) {
    if (c.year !== only) continue;
    if (c.channel !== undefined) channels[c.channel] = (channels[c.channel] ?? 0) + 1;
    if (c.onlinePattern) onlinePattern++;
  }
  return { channels, onlinePattern };
}
