import type { Channel, Projection, StoredEvent } from '@banshi/core';
import { countVisit, type VisitTally } from './caseVisits.js';
import { decisionEventTypes } from './decisionOnTime.js';

/** Per case: its visits, what the item required, and how far it followed the online pattern. */
interface CaseVisits extends VisitTally {
  /** 到现场次数 the item required (catalog version in force on receipt); `null` when the event did not record it. */
  required: number | null;
  onlineIntake: boolean;
  onlineReview: boolean;
  handledOffline: boolean;
  /** The business year of receipt (`yyyy`), which the case counts in; `null` when the event has no date. */
  year?: string | null;
  /** The channel of receipt. */
  channel?: Channel;
  /** Delivered online after 网上受理、网上审核、网下办理. */
  onlinePattern?: boolean;
}

/**
 * State of {@link visitStats}.
 *
 * @example
 * const s: VisitStatsState = await foldProjection(store.readAll(), visitStats);
 */
export interface VisitStatsState {
  readonly cases: Map<string, CaseVisits>;
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

/**
 * In-person visits per case (one definition: {@link countVisit}, a business day with an
 * in-person step), the intake channels, and the online pattern of the seed's measures
 * ("网上受理、网上审核、网下办理、网上反馈": received online, reviewed online, decided at the
 * desk, delivered online). A plain reducer; read the figures with {@link visitFigures}.
 *
 * @example
 * const s = await foldProjection(store.readAll(), visitStats);
 * visitFigures(s).atMostOne; // cases with 0 or 1 visit
 */
export const visitStats: Projection<VisitStatsState> = {
  name: 'approval.visitStats',
  types,
  init: () => ({ cases: new Map(), intakeChannels: {}, onlinePattern: 0 }),
  apply(state, event: StoredEvent) {
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
  snapshot: (state) => ({ cases: [...state.cases].map(([k, v]) => [k, { ...v }]), intakeChannels: { ...state.intakeChannels }, onlinePattern: state.onlinePattern }),
  restore: (snapshot) => {
    const s = snapshot as { cases: [string, CaseVisits][]; intakeChannels: Partial<Record<Channel, number>>; onlinePattern: number };
    return { cases: new Map(s.cases.map(([k, v]) => [k, { ...v }])), intakeChannels: { ...s.intakeChannels }, onlinePattern: s.onlinePattern };
  },
};

/**
 * The visit figures: cases with 0, 1 and more visits, and against the item's required visits.
 *
 * @example
 * visitFigures(state); // { cases: 400, zero: 230, one: 160, more: 10, atMostOne: 390, withRequired: 400, withinRequired: 395 }
 */
export function visitFigures(state: VisitStatsState, year?: number): { cases: number; zero: number; one: number; more: number; atMostOne: number; withRequired: number; withinRequired: number } {
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

/**
 * The cases received in `year` by the channel of their receipt, and how many of them were delivered
 * online after 网上受理、网上审核、网下办理 (网上反馈).
 *
 * @example
 * intakeOfYear(state, 2013); // { channels: { window: 73, agent: 22, mail: 5 }, onlinePattern: 0 }
 */
export function intakeOfYear(state: VisitStatsState, year: number): { channels: Partial<Record<Channel, number>>; onlinePattern: number } {
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
