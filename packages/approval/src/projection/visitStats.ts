import type { Channel, Projection, StoredEvent } from '@banshi/core';
import { countVisit, type VisitTally } from './caseVisits.js';

/** Per case: its visits, what the item required, and how far it followed the online pattern. */
interface CaseVisits extends VisitTally {
  /** 到现场次数 the item required (catalog version in force on receipt); `null` when the event did not record it. */
  required: number | null;
  onlineIntake: boolean;
  onlineReview: boolean;
  handledOffline: boolean;
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
] as const;

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
      c = { visits: 0, lastVisitOn: null, required: typeof d.requiredVisits === 'number' ? d.requiredVisits : null, onlineIntake: channel === 'online', onlineReview: false, handledOffline: false };
      state.cases.set(event.stream, c);
      state.intakeChannels[channel] = (state.intakeChannels[channel] ?? 0) + 1;
    }
    if (!c) return state;
    countVisit(c, d);
    if (reviewSteps.has(event.type) && channel === 'online') c.onlineReview = true;
    if (event.type === 'CaseDecided' && channel === 'system') c.handledOffline = true;
    if (event.type === 'CertificateDelivered' && channel === 'online' && c.onlineIntake && c.onlineReview && c.handledOffline) state.onlinePattern++;
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
export function visitFigures(state: VisitStatsState): { cases: number; zero: number; one: number; more: number; atMostOne: number; withRequired: number; withinRequired: number } {
  let zero = 0;
  let one = 0;
  let more = 0;
  let withRequired = 0;
  let withinRequired = 0;
  for (const c of state.cases.values()) {
    if (c.visits === 0) zero++;
    else if (c.visits === 1) one++;
    else more++;
    if (c.required !== null) {
      withRequired++;
      if (c.visits <= c.required) withinRequired++;
    }
  }
  return { cases: state.cases.size, zero, one, more, atMostOne: zero + one, withRequired, withinRequired };
}
