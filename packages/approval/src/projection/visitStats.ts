import { createCompactMap, type Channel, type CompactMap, type Projection, type StoredEvent } from '@banshi/core';
import { countVisit, type VisitTally } from './caseVisits.js';
import { closesCase, DAY_CODES, dateOfDayCode, dayCode, internIndex, MAX_PACKED_VISITS, packDigits, unpackDigits } from './compactCase.js';
import { decisionEventTypes } from './decisionOnTime.js';

/** Per case not yet done: its visits, what the item required, and how far it followed the online pattern. */
interface CaseVisits extends VisitTally {
  /** 到现场次数 the item required (catalog version in force on receipt); `null` when the event did not record it. */
  required: number | null;
  onlineIntake: boolean;
  onlineReview: boolean;
  handledOffline: boolean;
  /** The business year of receipt (`yyyy`), which the case counts in; `null` when the event has no date. */
  year: string | null;
}

/**
 * The visit figures of the cases received in one business year, kept up to date as visits are counted.
 *
 * @example
 * const y: YearVisits = { cases: 3, zero: 1, one: 1, more: 1, withRequired: 3, withinRequired: 2, channels: { window: 2, online: 1 }, onlinePattern: 0 };
 */
export interface YearVisits {
  cases: number;
  zero: number;
  one: number;
  more: number;
  withRequired: number;
  withinRequired: number;
  /** Cases by the channel of their receipt. */
  channels: Partial<Record<Channel, number>>;
  /** Cases delivered online after 网上受理、网上审核、网下办理 (网上反馈). */
  onlinePattern: number;
}

/**
 * State of {@link visitStats}: the figures per year of receipt, and the tally of every case not yet
 * done (packed into one number where it fits, see `compactCase.ts`, in a {@link CompactMap}: about
 * half the bytes of a `Map` entry per case). A case that is `closed` or
 * `withdrawn` is dropped, since no event may follow it, and so is one whose later visits can no
 * longer move a figure: the state grows with the cases in progress and the cases awaiting an
 * evaluation, not with every event of the log.
 *
 * @example
 * const s: VisitStatsState = await foldProjection(store.readAll(), visitStats);
 */
export interface VisitStatsState {
  readonly cases: CompactMap<CaseVisits>;
  /** Figures by the business year of receipt (`null`: receipts without a date). */
  readonly years: Map<string | null, YearVisits>;
  /** The years that packed tallies point into. */
  readonly yearKeys: (string | null)[];
  /** Cases by the channel of their receipt. */
  readonly intakeChannels: Partial<Record<Channel, number>>;
  /** Cases delivered online after 网上受理、网上审核、网下办理 (网上反馈). */
  onlinePattern: number;
}

const types = [
  'CaseReceived',
  'SupplementNotified',
  'SupplementReceived',
  'CaseAccepted',
  'CaseDeemedAccepted',
  'IntakeRefused',
  'CaseDecidedOnSpot',
  'ReviewAssigned',
  'ReviewOpinionRecorded',
  'CaseReturned',
  'CaseResubmitted',
  'SpecialProcedureStarted',
  'SpecialProcedureEnded',
  'ExtensionGranted',
  'CaseDecided',
  'CertificateIssued',
  'CertificateDelivered',
  'EvaluationSubmitted',
  'FollowUpClosed',
  'CaseWithdrawn',
  'RenewalDeemedGranted',
] as const;
const decisions: ReadonlySet<string> = new Set(decisionEventTypes);

const reviewSteps: ReadonlySet<string> = new Set(['CaseAccepted', 'ReviewAssigned', 'ReviewOpinionRecorded']);

/** Packed tally: [year index, day code of the last visit, visits, required + 1 (0: not recorded), flags]. */
const RADICES = [2 ** 16, DAY_CODES, MAX_PACKED_VISITS + 1, 16, 8] as const;
const yearIndexes = new WeakMap<(string | null)[], Map<string | null, number>>();

function pack(state: VisitStatsState, c: CaseVisits): CaseVisits | number {
  const day = dayCode(c.lastVisitOn);
  if (day === undefined || (c.required !== null && c.required < 0)) return c;
  let index = yearIndexes.get(state.yearKeys);
  if (!index) yearIndexes.set(state.yearKeys, (index = new Map()));
  const flags = (c.onlineIntake ? 1 : 0) | (c.onlineReview ? 2 : 0) | (c.handledOffline ? 4 : 0);
  return packDigits([internIndex(state.yearKeys, index, c.year), day, c.visits, c.required === null ? 0 : c.required + 1, flags], RADICES) ?? c;
}

function unpack(state: VisitStatsState, v: CaseVisits | number | undefined): CaseVisits | undefined {
  if (typeof v !== 'number') return v;
  const [y, day, visits, required, flags] = unpackDigits(v, RADICES) as [number, number, number, number, number];
  return {
    visits,
    lastVisitOn: dateOfDayCode(day),
    required: required === 0 ? null : required - 1,
    onlineIntake: (flags & 1) !== 0,
    onlineReview: (flags & 2) !== 0,
    handledOffline: (flags & 4) !== 0,
    year: state.yearKeys[y] as string | null,
  };
}

const emptyYear = (): YearVisits => ({ cases: 0, zero: 0, one: 0, more: 0, withRequired: 0, withinRequired: 0, channels: {}, onlinePattern: 0 });

function yearOf(state: VisitStatsState, year: string | null): YearVisits {
  let y = state.years.get(year);
  if (!y) state.years.set(year, (y = emptyYear()));
  return y;
}

/**
 * Whether no later event can change a figure through this tally: more than one visit and more than
 * the item required (another visit keeps it in the same buckets), and not received online (only such
 * a case can still count in the online pattern). Its tally is dropped then, as for a closed case.
 */
const settled = (c: CaseVisits): boolean => c.visits >= 2 && (c.required === null || c.visits > c.required) && !c.onlineIntake;

/** Adds (`sign` 1) or takes away (-1) one case's place in its year's visit buckets. */
function tally(y: YearVisits, c: CaseVisits, sign: 1 | -1): void {
  y.cases += sign;
  if (c.visits === 0) y.zero += sign;
  else if (c.visits === 1) y.one += sign;
  else y.more += sign;
  if (c.required !== null) {
    y.withRequired += sign;
    if (c.visits <= c.required) y.withinRequired += sign;
  }
}

/**
 * In-person visits per case (one definition: {@link countVisit}, a business day with an
 * in-person step), the intake channels, and the online pattern of the seed's measures
 * ("网上受理、网上审核、网下办理、网上反馈": received online, reviewed online, decided at the
 * desk, delivered online), summed per year of receipt as the log streams by. A plain reducer;
 * read the figures with {@link visitFigures} and {@link intakeOfYear}.
 *
 * @example
 * const s = await foldProjection(store.readAll(), visitStats);
 * visitFigures(s).atMostOne; // cases with 0 or 1 visit
 */
export const visitStats: Projection<VisitStatsState> = {
  name: 'approval.visitStats',
  types,
  init: () => ({ cases: createCompactMap<CaseVisits>(), years: new Map(), yearKeys: [], intakeChannels: {}, onlinePattern: 0 }),
  apply(state, event: StoredEvent) {
    const d = (event.data ?? {}) as { on?: unknown; channel?: unknown; inPerson?: unknown; requiredVisits?: unknown };
    const channel = typeof d.channel === 'string' ? (d.channel as Channel) : event.meta.channel;
    // Only these can change a tally or read its flags; any other event leaves the packed number as it is.
    const reads =
      d.inPerson === true ||
      (channel === 'online' && (reviewSteps.has(event.type) || event.type === 'CertificateDelivered')) ||
      (channel === 'system' && decisions.has(event.type));
    let c = event.type === 'CaseReceived' || !reads ? undefined : unpack(state, state.cases.get(event.stream));
    const closes = closesCase(event);
    if (closes) state.cases.delete(event.stream);
    let changed = false;
    if (event.type === 'CaseReceived') {
      const year = typeof d.on === 'string' && /^\d{4}-/.test(d.on) ? d.on.slice(0, 4) : null;
      c = { visits: 0, lastVisitOn: null, required: typeof d.requiredVisits === 'number' ? d.requiredVisits : null, onlineIntake: channel === 'online', onlineReview: false, handledOffline: false, year };
      const y = yearOf(state, year);
      tally(y, c, 1);
      y.channels[channel] = (y.channels[channel] ?? 0) + 1;
      state.intakeChannels[channel] = (state.intakeChannels[channel] ?? 0) + 1;
      changed = true;
    }
    if (!c) return state;
    const before = c.visits;
    if (countVisit(c, d)) {
      const y = yearOf(state, c.year);
      tally(y, { ...c, visits: before }, -1);
      tally(y, c, 1);
      changed = true;
    }
    if (reviewSteps.has(event.type) && channel === 'online' && !c.onlineReview) {
      c.onlineReview = true;
      changed = true;
    }
    // 网下办理: the decision was made off the online system (a renewal deemed granted by law included, 第五十条第二款).
    if (decisions.has(event.type) && channel === 'system' && !c.handledOffline) {
      c.handledOffline = true;
      changed = true;
    }
    if (event.type === 'CertificateDelivered' && channel === 'online' && c.onlineIntake && c.onlineReview && c.handledOffline) {
      state.onlinePattern++;
      yearOf(state, c.year).onlinePattern++;
    }
    if (changed && !closes) {
      if (settled(c)) state.cases.delete(event.stream);
      else state.cases.set(event.stream, pack(state, c));
    }
    return state;
  },
  snapshot: (state) => ({
    cases: [...state.cases].map(([k, v]) => [k, typeof v === 'number' ? v : { ...v }]),
    years: [...state.years].map(([y, v]) => [y, { ...v, channels: { ...v.channels } }]),
    yearKeys: [...state.yearKeys],
    intakeChannels: { ...state.intakeChannels },
    onlinePattern: state.onlinePattern,
  }),
  restore: (snapshot) => {
    const s = snapshot as { cases: [string, CaseVisits | number][]; years: [string | null, YearVisits][]; yearKeys: (string | null)[]; intakeChannels: Partial<Record<Channel, number>>; onlinePattern: number };
    return {
      cases: s.cases.reduce((m, [k, v]) => m.set(k, typeof v === 'number' ? v : { ...v }), createCompactMap<CaseVisits>()),
      years: new Map(s.years.map(([y, v]) => [y, { ...v, channels: { ...v.channels } }])),
      yearKeys: [...s.yearKeys],
      intakeChannels: { ...s.intakeChannels },
      onlinePattern: s.onlinePattern,
    };
  },
};

const sumYears = (state: VisitStatsState, year: number | undefined): YearVisits[] => (year === undefined ? [...state.years.values()] : [state.years.get(String(year)) ?? emptyYear()]);

/**
 * The visit figures: cases with 0, 1 and more visits, and against the item's required visits;
 * of the cases received in `year`, or of all cases.
 *
 * @example
 * visitFigures(state); // { cases: 400, zero: 230, one: 160, more: 10, atMostOne: 390, withRequired: 400, withinRequired: 395 }
 */
export function visitFigures(state: VisitStatsState, year?: number): { cases: number; zero: number; one: number; more: number; atMostOne: number; withRequired: number; withinRequired: number } {
  const f = { cases: 0, zero: 0, one: 0, more: 0, atMostOne: 0, withRequired: 0, withinRequired: 0 };
  for (const y of sumYears(state, year)) {
    f.cases += y.cases;
    f.zero += y.zero;
    f.one += y.one;
    f.more += y.more;
    f.withRequired += y.withRequired;
    f.withinRequired += y.withinRequired;
  }
  f.atMostOne = f.zero + f.one;
  return f;
}

/**
 * The cases received in `year` by the channel of their receipt, and how many of them were delivered
 * online after 网上受理、网上审核、网下办理 (网上反馈).
 *
 * @example
 * intakeOfYear(state, 2013); // { channels: { window: 73, agent: 22, mail: 5 }, onlinePattern: 0 }
 */
export function intakeOfYear(state: VisitStatsState, year: number): { channels: Partial<Record<Channel, number>>; onlinePattern: number } {
  const y = state.years.get(String(year));
  return { channels: { ...y?.channels }, onlinePattern: y?.onlinePattern ?? 0 };
}
