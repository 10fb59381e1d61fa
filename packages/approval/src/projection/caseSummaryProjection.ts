import { toShanghaiDate } from '@banshi/calendar';
import type { Channel, Projection, StoredEvent } from '@banshi/core';
import { approvalEventTypes } from '../events/index.js';
import { countVisit, type VisitTally } from './caseVisits.js';
import { closesCase, DAY_CODES, dateOfDayCode, dayCode, internIndex, MAX_PACKED_VISITS, packDigits, unpackDigits } from './compactCase.js';
import { decisionEventOnTime } from './decisionOnTime.js';

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
 * In-person visits of the cases one department received in a year.
 *
 * @example
 * const v: DepartmentVisits = { cases: 40, visits: 38, atMostOneVisit: 39 };
 */
export interface DepartmentVisits {
  cases: number;
  visits: number;
  atMostOneVisit: number;
}

/**
 * The case flow: cases received and decided per month (and on time), and per year the approval
 * steps per channel (by the step's business date). It needs nothing per case, so its state does
 * not grow with the log; {@link caseSummaryProjection} adds the visits per department.
 *
 * @example
 * const flow = await foldProjection(store.readAll(), caseFlowProjection);
 * flow.years['2013']?.channels.online; // 6
 */
export interface CaseFlow {
  months: Record<string, MonthFigures>;
  years: Record<string, { channels: Partial<Record<Channel, number>> }>;
}

/**
 * One year of the case summary: approval steps per channel (by the step's business date) and
 * in-person visits per department (by the year the case was received).
 *
 * @example
 * summary.years['2013']?.channels.online; // 6
 */
export interface YearFigures {
  channels: Partial<Record<Channel, number>>;
  visitsByDepartment: Record<string, DepartmentVisits>;
}

/**
 * The case-summary read model: cases per month and on time, and per year the steps per channel
 * and the in-person visits per department. Only approval events count (a log also holds items,
 * agencies, deals and disclosures); read one year with {@link caseSummaryOfYear}.
 *
 * @example
 * const { state } = await runProjection(store, caseSummaryProjection);
 * caseSummaryOfYear(state, 2013).visitsByDepartment['市场监管']; // { cases: 40, visits: 38, atMostOneVisit: 39 }
 */
export interface CaseSummary extends CaseFlow {
  years: Record<string, YearFigures>;
  /**
   * Per case stream that is not done yet (not `closed` or `withdrawn`): department, year of
   * receipt, visits so far and the last visit day (a visit = a business day with an in-person
   * step), packed into one number where it fits (`compactCase.ts`), else as an object. A case
   * that is done is dropped: no event may follow it.
   */
  cases: Record<string, number | CaseTally>;
  /** The `year NUL department` pairs that packed tallies point into. */
  groups?: string[];
}

/**
 * What the summary keeps of one case until it is done.
 *
 * @example
 * const t: CaseTally = { department: '住建', year: '2013', visits: 1, lastVisitOn: '2013-09-16' };
 */
export type CaseTally = VisitTally & { department: string; year: string };

/** Packed tally: [index into `groups`, day code of the last visit, visits]. */
const RADICES = [2 ** 24, DAY_CODES, MAX_PACKED_VISITS + 1] as const;
const groupIndexes = new WeakMap<string[], Map<string, number>>();

function packTally(state: CaseSummary, c: CaseTally): number | CaseTally {
  const day = dayCode(c.lastVisitOn);
  if (day === undefined) return c;
  const groups = (state.groups ??= []);
  let index = groupIndexes.get(groups);
  if (!index) groupIndexes.set(groups, (index = new Map()));
  return packDigits([internIndex(groups, index, `${c.year}\u0000${c.department}`), day, c.visits], RADICES) ?? c;
}

function unpackTally(state: CaseSummary, v: number | CaseTally | undefined): CaseTally | undefined {
  if (typeof v !== 'number') return v;
  const [g, day, visits] = unpackDigits(v, RADICES) as [number, number, number];
  const key = (state.groups as string[])[g] as string;
  const cut = key.indexOf('\u0000');
  return { department: key.slice(cut + 1), year: key.slice(0, cut), visits, lastVisitOn: dateOfDayCode(day) };
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

const approvalTypes: ReadonlySet<string> = new Set(approvalEventTypes);
const figures = (s: CaseFlow, m: string): MonthFigures => (s.months[m] ??= { received: 0, decided: 0, onTimeStatutory: 0, onTimePromised: 0, dueDateUnknown: 0 });
const yearOf = (s: CaseSummary, y: string): YearFigures => (s.years[y] ??= { channels: {}, visitsByDepartment: {} });
/** The step's business date, else the Shanghai date of the instant it occurred (a system step such as a warning). */
const businessDate = (data: StepData, event: StoredEvent): string => (typeof data.on === 'string' && data.on.length >= 10 ? data.on : toShanghaiDate(event.meta.occurredAt));

/** Counts an approval event into the flow figures (its channel, a receipt or a decision in its month); `year` gives the year's figures, created if new. */
function countFlow(state: CaseFlow, event: StoredEvent, data: StepData, on: string, year: (y: string) => { channels: Partial<Record<Channel, number>> }): void {
  const channel = typeof data.channel === 'string' ? (data.channel as Channel) : event.meta.channel;
  if (channel !== 'system') {
    const channels = year(on.slice(0, 4)).channels;
    channels[channel] = (channels[channel] ?? 0) + 1;
  }
  if (event.type === 'CaseReceived') {
    figures(state, on.slice(0, 7)).received++;
    return;
  }
  const onTime = decisionEventOnTime(event);
  if (onTime) {
    const f = figures(state, on.slice(0, 7));
    f.decided++;
    if (onTime.statutory === true) f.onTimeStatutory++;
    if (onTime.promised === true) f.onTimePromised++;
    if (onTime.statutory === null || onTime.promised === null) f.dueDateUnknown++;
  }
}

/**
 * The case flow alone ({@link CaseFlow}): what the center report reads of the cases. Unlike
 * {@link caseSummaryProjection} it keeps nothing per case (the visits per department need each
 * case's tally until it is closed, and a case delivered without an evaluation is never closed), so
 * a replay of a province's log holds the same few figures after 1M events as after 10M (issue #18).
 * Read one year with {@link caseFlowOfYear}.
 *
 * @example
 * const flow = await foldProjection(store.readAll(), caseFlowProjection);
 * caseFlowOfYear(flow, 2013).months['2013-09']?.received; // 12
 */
export const caseFlowProjection: Projection<CaseFlow> = {
  name: 'approval.caseFlow',
  types: approvalEventTypes,
  init: () => ({ months: {}, years: {} }),
  apply(state, event: StoredEvent) {
    if (!approvalTypes.has(event.type)) return state;
    const data = (event.data ?? {}) as StepData;
    countFlow(state, event, data, businessDate(data, event), (y) => (state.years[y] ??= { channels: {} }));
    return state;
  },
};

/**
 * A plain reducer over approval events (design §3: read models never call the machine). The due dates it compares come
 * from the `CaseDecided` payload, so it needs no calendar either. Events of other packages are ignored, also when a
 * caller feeds them to `apply` directly.
 *
 * @example
 * const summary = await foldProjection(store.readAll(), caseSummaryProjection);
 * summary.months['2013-09']?.onTimeStatutory;
 */
export const caseSummaryProjection: Projection<CaseSummary> = {
  name: 'approval.caseSummary',
  types: approvalEventTypes,
  init: () => ({ months: {}, years: {}, cases: {}, groups: [] }),
  apply(state, event: StoredEvent) {
    if (!approvalTypes.has(event.type)) return state;
    const data = (event.data ?? {}) as StepData;
    const on = businessDate(data, event);
    countFlow(state, event, data, on, (y) => yearOf(state, y));
    if (event.type === 'CaseReceived') {
      const department = typeof data.department === 'string' ? data.department : 'unknown';
      const year = on.slice(0, 4);
      state.cases[event.stream] = packTally(state, { department, year, visits: 0, lastVisitOn: null });
      const dept = (yearOf(state, year).visitsByDepartment[department] ??= { cases: 0, visits: 0, atMostOneVisit: 0 });
      dept.cases++;
      dept.atMostOneVisit++;
    }
    // Only an in-person step can count a visit: the others leave the packed tally as it is.
    const c = data.inPerson === true ? unpackTally(state, state.cases[event.stream]) : undefined;
    if (c && countVisit(c, data)) {
      const dept = state.years[c.year]?.visitsByDepartment[c.department];
      if (dept) {
        dept.visits++;
        if (c.visits === 2) dept.atMostOneVisit--;
      }
      state.cases[event.stream] = packTally(state, c);
    }
    if (closesCase(event)) delete state.cases[event.stream];
    return state;
  },
};

/**
 * One year of a {@link CaseFlow}: its months (in order) and its approval steps per channel. What
 * the center report prints of the cases.
 *
 * @example
 * caseFlowOfYear(flow, 2013); // { year: 2013, months: { '2013-09': … }, channels: { window: 3, online: 6 } }
 */
export function caseFlowOfYear(flow: CaseFlow, year: number): { year: number; months: Record<string, MonthFigures>; channels: Partial<Record<Channel, number>> } {
  const prefix = `${year}-`;
  const months = Object.fromEntries(
    Object.entries(flow.months)
      .filter(([m]) => m.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return { year, months, channels: { ...flow.years[String(year)]?.channels } };
}

/**
 * One year of a {@link CaseSummary}: its months, its approval steps per channel and the visits of
 * the cases received in it. What `banshi replay --report approval --year` prints.
 *
 * @example
 * caseSummaryOfYear(summary, 2013); // { year: 2013, months: { '2013-09': … }, channels: { window: 3, online: 6 }, visitsByDepartment: { 住建: … } }
 */
export function caseSummaryOfYear(summary: CaseSummary, year: number): { year: number } & YearFigures & { months: Record<string, MonthFigures> } {
  return { ...caseFlowOfYear(summary, year), visitsByDepartment: { ...summary.years[String(year)]?.visitsByDepartment } };
}
