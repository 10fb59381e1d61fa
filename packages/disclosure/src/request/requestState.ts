import type { BusinessDate, Pause } from '@banshi/calendar';
import { nextDay } from '../_lib/dates.js';
import type { RemedyKind, RequestEvent } from '../events/index.js';
import type { ApplicantType, Outcome, ReviewResult } from '../labels/index.js';
import type { RuleSetId } from '../rules/index.js';

/**
 * Every status of a disclosure request, in lifecycle order: the states of `requestMachine`.
 *
 * @example
 * requestStatuses.includes('consulting'); // true
 */
export const requestStatuses = ['none', 'received', 'awaitingSupplement', 'consulting', 'awaitingFee', 'concluded'] as const;

/**
 * The status of a request: one of {@link requestStatuses}.
 *
 * @example
 * const s: RequestStatus = 'awaitingSupplement';
 */
export type RequestStatus = (typeof requestStatuses)[number];

/**
 * A pause of the reply clock that is still open (third party or other organs consulted, fee unpaid).
 *
 * @example
 * foldDecider(decider, [received, consulted]).openPause; // { kind: 'thirdParty', from: '2020-03-06', until: '2020-03-26' }
 */
export interface OpenPause {
  readonly kind: 'thirdParty' | 'organs' | 'fee';
  readonly from: BusinessDate;
  /** Third party or organs: their reply deadline (null when the text sets none). Fee: the payment deadline. */
  readonly until: BusinessDate | null;
}

/**
 * The state of one disclosure request, folded from its stream.
 *
 * @example
 * foldDecider(decider, events).status; // 'concluded'
 */
export interface RequestState {
  readonly status: RequestStatus;
  readonly requestId: string;
  readonly agency: string;
  readonly applicantType: ApplicantType | null;
  readonly receivedOn: BusinessDate | null;
  /** Date of the latest step that moves the reply clock; later steps may not be dated before it. */
  readonly lastStepOn: BusinessDate | null;
  readonly ruleSet: RuleSetId;
  readonly supplement: { readonly notifiedOn: BusinessDate; readonly dueOn: BusinessDate | null; readonly receivedOn: BusinessDate | null } | null;
  /** Closed pauses of the reply clock (consultations, fee notices). */
  readonly pauses: readonly Pause[];
  readonly openPause: OpenPause | null;
  /** The extension as announced: its working days and the new due date the applicant was told. */
  readonly extension: { readonly on: BusinessDate; readonly days: number; readonly dueDate: BusinessDate } | null;
  /** 2019 第三十五条: the later reply date the organ set. */
  readonly deferredUntil: BusinessDate | null;
  /** Due dates already warned about, so the due check records each warning once. */
  readonly warnedDueSoon: BusinessDate | null;
  readonly warnedOverdue: BusinessDate | null;
  readonly outcome: Outcome | null;
  readonly concludedOn: BusinessDate | null;
  /** 2019 信息处理费 notice, or 2008 cost fee charged or waived, in fen. */
  readonly fee: { readonly kind: 'notice' | 'charged' | 'waived'; readonly amountFen: number; readonly paidOn: BusinessDate | null } | null;
  readonly remedies: Readonly<Record<string, { readonly kind: RemedyKind; readonly filedOn: BusinessDate; readonly result: ReviewResult | null }>>;
}

/**
 * A request before it is received.
 *
 * @example
 * initialRequestState.status; // 'none'
 */
export const initialRequestState: RequestState = {
  status: 'none',
  requestId: '',
  agency: '',
  applicantType: null,
  receivedOn: null,
  lastStepOn: null,
  ruleSet: '2019',
  supplement: null,
  pauses: [],
  openPause: null,
  extension: null,
  deferredUntil: null,
  warnedDueSoon: null,
  warnedOverdue: null,
  outcome: null,
  concludedOn: null,
  fee: null,
  remedies: {},
};

const stepless = new Set<RequestEvent['type']>(['DisclosureReplyDueSoon', 'DisclosureReplyOverdue', 'DisclosureRemedyFiled', 'DisclosureRemedyDecided', 'DisclosureCostFeeCharged', 'DisclosureFeeWaived']);

/**
 * Folds one event into the request's data, leaving `status` alone: the machine decides the status
 * (`evolveRequest` reads it off the machine's table). Pure and total.
 *
 * @example
 * applyRequestEvent(initialRequestState, received).receivedOn; // '2020-03-02'
 */
export function applyRequestEvent(state: RequestState, event: RequestEvent): RequestState {
  const next = applyData(state, event);
  if (event.type === 'DisclosureRequestReceived') return { ...next, lastStepOn: event.data.receivedOn };
  if (stepless.has(event.type)) return next;
  const on = (event.data as { on: BusinessDate }).on;
  return state.lastStepOn === null || on > state.lastStepOn ? { ...next, lastStepOn: on } : next;
}

function closePause(state: RequestState, on: BusinessDate, reason: string): RequestState {
  const from = state.openPause?.from ?? nextDay(on);
  return { ...state, openPause: null, pauses: [...state.pauses, { from, to: nextDay(on), reason }] };
}

function applyData(state: RequestState, event: RequestEvent): RequestState {
  switch (event.type) {
    case 'DisclosureRequestReceived': {
      const d = event.data;
      return { ...state, requestId: d.requestId, agency: d.agency, applicantType: d.applicant.type, receivedOn: d.receivedOn, ruleSet: d.ruleSet };
    }
    case 'DisclosureSupplementRequested':
      return { ...state, supplement: { notifiedOn: event.data.on, dueOn: event.data.dueOn, receivedOn: null } };
    case 'DisclosureSupplementReceived':
      return { ...state, supplement: state.supplement && { ...state.supplement, receivedOn: event.data.on } };
    case 'DisclosureThirdPartyConsulted':
      return { ...state, openPause: { kind: 'thirdParty', from: nextDay(event.data.on), until: event.data.replyDueOn } };
    case 'DisclosureOrgansConsulted':
      return { ...state, openPause: { kind: 'organs', from: nextDay(event.data.on), until: event.data.replyDueOn } };
    case 'DisclosureFeeNoticeIssued':
      return { ...state, openPause: { kind: 'fee', from: nextDay(event.data.on), until: event.data.payBy }, fee: { kind: 'notice', amountFen: event.data.amountFen, paidOn: null } };
    case 'DisclosureThirdPartyReplied':
    case 'DisclosureOrgansReplied':
      return closePause(state, event.data.on, event.type);
    case 'DisclosureFeePaid':
      return { ...closePause(state, event.data.on, event.type), fee: state.fee && { ...state.fee, paidOn: event.data.on } };
    case 'DisclosureReplyExtended':
      return { ...state, extension: { on: event.data.on, days: event.data.days, dueDate: event.data.dueDate } };
    case 'DisclosureReplyDeferred':
      return { ...state, deferredUntil: event.data.until };
    case 'DisclosureCostFeeCharged':
      return { ...state, fee: { kind: 'charged', amountFen: event.data.amountFen, paidOn: event.data.on } };
    case 'DisclosureFeeWaived':
      return { ...state, fee: { kind: 'waived', amountFen: event.data.amountFen, paidOn: null } };
    case 'DisclosureReplyDueSoon':
      return { ...state, warnedDueSoon: event.data.dueDate };
    case 'DisclosureReplyOverdue':
      return { ...state, warnedOverdue: event.data.dueDate };
    case 'DisclosureRequestConcluded':
      return { ...state, outcome: event.data.outcome, concludedOn: event.data.on, openPause: null };
    case 'DisclosureRemedyFiled':
      return { ...state, remedies: { ...state.remedies, [event.data.caseId]: { kind: event.data.kind, filedOn: event.data.on, result: null } } };
    case 'DisclosureRemedyDecided': {
      const r = state.remedies[event.data.caseId];
      return r ? { ...state, remedies: { ...state.remedies, [event.data.caseId]: { ...r, result: event.data.result } } } : state;
    }
  }
}
