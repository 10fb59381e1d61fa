import { assign, setup } from 'xstate';
import type { ApprovalEvent, ApprovalEventType } from '../events/index.js';
import { applyEvent, emptyCaseData, type ApprovalEnv, type CaseData } from '../state/index.js';
import { approvalGuards, type ApprovalGuard } from './approvalGuards.js';

/**
 * Every status of a case, in lifecycle order.
 *
 * @example
 * approvalStatuses.includes('specialProcedure'); // true
 */
export const approvalStatuses = [
  'new',
  'intake',
  'awaitingSupplement',
  'review',
  'returned',
  'specialProcedure',
  'hearingNotice',
  'hearing',
  'decided',
  'certificateIssued',
  'delivered',
  'followUp',
  'closed',
  'refused',
  'withdrawn',
] as const;
/**
 * One of {@link approvalStatuses}.
 *
 * @example
 * const s: ApprovalStatus = 'review';
 */
export type ApprovalStatus = (typeof approvalStatuses)[number];

/**
 * The open statuses: an application the applicant may still withdraw (before a decision).
 *
 * @example
 * openStatuses.includes('review'); // true
 */
export const openStatuses = ['intake', 'awaitingSupplement', 'review', 'returned', 'specialProcedure', 'hearingNotice', 'hearing'] as const satisfies readonly ApprovalStatus[];

type Edge = { readonly target?: ApprovalStatus; readonly guard?: ApprovalGuard; readonly actions: 'apply' };
type On = Partial<Record<ApprovalEventType, Edge | readonly Edge[]>>;

const to = (target: ApprovalStatus, guard?: ApprovalGuard): Edge => (guard ? { target, guard, actions: 'apply' } : { target, actions: 'apply' });
/** A transition that stays in the status and only updates the context. */
const stay = (guard?: ApprovalGuard): Edge => (guard ? { guard, actions: 'apply' } : { actions: 'apply' });

/** What may happen to any open case: the applicant withdraws, or a renewal is deemed granted at expiry (第五十条第二款). */
const whileOpen: On = { CaseWithdrawn: to('withdrawn'), RenewalDeemedGranted: to('decided', 'renewalCase') };
const evaluate: readonly Edge[] = [to('followUp', 'poorRating'), to('closed')];

/** The machine's states: which domain event may follow which status (design §3). */
const states = {
  new: { on: { CaseReceived: to('intake') } },
  intake: {
    on: {
      SupplementNotified: to('awaitingSupplement', 'notYetNotified'),
      CaseAccepted: to('review'),
      CaseDeemedAccepted: to('review'),
      IntakeRefused: to('refused'),
      CaseDecidedOnSpot: to('decided', 'immediateItem'),
      DeadlineWarned: stay(),
      ...whileOpen,
    },
  },
  awaitingSupplement: { on: { SupplementReceived: to('intake'), ...whileOpen } },
  review: {
    on: {
      ReviewAssigned: stay('reviewUnassigned'),
      ReviewOpinionRecorded: stay('opinionPending'),
      CaseReturned: to('returned'),
      SpecialProcedureStarted: to('specialProcedure'),
      ExtensionGranted: stay('notYetExtended'),
      CaseDecided: to('decided', 'reviewConcluded'),
      // 第四十七条: the parties are told of their right to a hearing; 第四十六条: the organ schedules one itself.
      HearingRightNotified: to('hearingNotice', 'noHearingYet'),
      HearingScheduled: to('hearing', 'noHearingYet'),
      DeadlineWarned: stay(),
      ...whileOpen,
    },
  },
  returned: { on: { CaseResubmitted: to('review'), ExtensionGranted: stay('notYetExtended'), DeadlineWarned: stay(), ...whileOpen } },
  specialProcedure: { on: { SpecialProcedureEnded: to('review'), ...whileOpen } },
  hearingNotice: { on: { HearingRequested: to('hearing'), HearingRightLapsed: to('review'), DeadlineWarned: stay(), ...whileOpen } },
  hearing: { on: { HearingScheduled: stay(), HearingHeld: to('review', 'heldAsNotified'), DeadlineWarned: stay(), ...whileOpen } },
  decided: {
    on: {
      CertificateIssued: to('certificateIssued', 'granted'),
      EvaluationSubmitted: [to('followUp', 'deniedPoorRating'), to('closed', 'denied')],
      DeadlineWarned: stay(),
    },
  },
  certificateIssued: { on: { CertificateDelivered: to('delivered'), DeadlineWarned: stay() } },
  delivered: { on: { EvaluationSubmitted: evaluate } },
  refused: { on: { EvaluationSubmitted: evaluate } },
  followUp: { on: { FollowUpClosed: to('closed'), DeadlineWarned: stay() } },
  closed: { type: 'final' },
  withdrawn: { type: 'final' },
} as const satisfies Record<ApprovalStatus, { readonly on?: On; readonly type?: 'final' }>;

/**
 * Builds the approval machine: a flat xstate v5 machine whose events are the domain events and whose context is the
 * case data. Use it through the pure `initialTransition` / `transition` functions (never as a running actor). Its one
 * action folds the event with {@link applyEvent}, so `env` supplies the calendar and rules for due dates.
 *
 * @example
 * const machine = createApprovalMachine({ calendar: mainlandChinaCalendar(), rules: resolveRules() });
 * let [snap] = initialTransition(machine);
 * [snap] = transition(machine, snap, received);
 * snap.value; // 'intake'
 */
export function createApprovalMachine(env: ApprovalEnv | (() => ApprovalEnv)) {
  const getEnv = typeof env === 'function' ? env : () => env;
  const g = approvalGuards;
  return setup({
    types: { context: {} as CaseData, events: {} as ApprovalEvent },
    guards: {
      notYetNotified: ({ context }) => g.notYetNotified(context),
      immediateItem: ({ context }) => g.immediateItem(context),
      reviewUnassigned: ({ context }) => g.reviewUnassigned(context),
      opinionPending: ({ context, event }) => g.opinionPending(context, event),
      reviewConcluded: ({ context }) => g.reviewConcluded(context),
      notYetExtended: ({ context }) => g.notYetExtended(context),
      granted: ({ context }) => g.granted(context),
      noHearingYet: ({ context }) => g.noHearingYet(context),
      heldAsNotified: ({ context, event }) => g.heldAsNotified(context, event),
      renewalCase: ({ context }) => g.renewalCase(context),
      poorRating: ({ context, event }) => g.poorRating(context, event),
      deniedPoorRating: ({ context, event }) => g.deniedPoorRating(context, event),
      denied: ({ context }) => g.denied(context),
    },
    actions: { apply: assign(({ context, event }) => applyEvent(context, event, getEnv())) },
  }).createMachine({ id: 'approval', initial: 'new', context: emptyCaseData, states });
}
