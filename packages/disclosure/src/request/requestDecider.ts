import { statutoryClock, type BusinessDate, type Pause, type StatutoryClock, type WorkingCalendar } from '@banshi/calendar';
import { DomainError, type Decider } from '@banshi/core';
import { nextDay } from '../_lib/dates.js';
import { ruleError } from '../errors/index.js';
import type { RemedyKind, RequestEvent } from '../events/index.js';
import { outcomes, replyOutcomeKeys, type ApplicantType, type Outcome, type ReviewResult } from '../labels/index.js';
import { disclosureRules, otherRules, receiptDate, ruleSetFor, type RuleSetId } from '../rules/index.js';
import { parseRequestCommand, type RequestCommand } from './requestCommands.js';
import type { RequestStatus } from './requestMachine.js';
import { allows, requestTransitions } from './requestTransitions.js';

/**
 * A pause of the reply clock that is still open (third party consulted, fee unpaid).
 *
 * @example
 * foldDecider(decider, [received, consulted]).openPause; // { kind: 'thirdParty', from: '2020-03-06', until: '2020-03-26' }
 */
export interface OpenPause {
  readonly kind: 'thirdParty' | 'fee';
  readonly from: BusinessDate;
  /** Third party: its reply deadline (null when the text sets none). Fee: the payment deadline. */
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
  readonly supplement: { readonly notifiedOn: BusinessDate; readonly dueOn: BusinessDate; readonly receivedOn: BusinessDate | null } | null;
  /** Closed pauses of the reply clock (条例 第三十二条 consultations, fee notices). */
  readonly pauses: readonly Pause[];
  readonly openPause: OpenPause | null;
  readonly extension: { readonly on: BusinessDate; readonly days: number } | null;
  /** Due dates already warned about, so the due check records each warning once. */
  readonly warnedDueSoon: BusinessDate | null;
  readonly warnedOverdue: BusinessDate | null;
  readonly outcome: Outcome | null;
  readonly concludedOn: BusinessDate | null;
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
  warnedDueSoon: null,
  warnedOverdue: null,
  outcome: null,
  concludedOn: null,
  remedies: {},
};

/**
 * Folds one request event into the state. Pure; read models use plain reducers instead.
 *
 * @example
 * const s = evolveRequest(initialRequestState, received);
 */
export function evolveRequest(state: RequestState, event: RequestEvent): RequestState {
  const next = evolveStatus(state, event);
  switch (event.type) {
    case 'DisclosureRequestReceived':
      return { ...next, lastStepOn: event.data.receivedOn };
    case 'DisclosureReplyDueSoon':
    case 'DisclosureReplyOverdue':
    case 'DisclosureRemedyFiled':
    case 'DisclosureRemedyDecided':
      return next;
    default:
      return state.lastStepOn === null || event.data.on > state.lastStepOn ? { ...next, lastStepOn: event.data.on } : next;
  }
}

function evolveStatus(state: RequestState, event: RequestEvent): RequestState {
  switch (event.type) {
    case 'DisclosureRequestReceived': {
      const d = event.data;
      return { ...state, status: 'received', requestId: d.requestId, agency: d.agency, applicantType: d.applicant.type, receivedOn: d.receivedOn, ruleSet: d.ruleSet };
    }
    case 'DisclosureSupplementRequested':
      return { ...state, status: 'awaitingSupplement', supplement: { notifiedOn: event.data.on, dueOn: event.data.dueOn, receivedOn: null } };
    case 'DisclosureSupplementReceived':
      return { ...state, status: 'received', supplement: state.supplement && { ...state.supplement, receivedOn: event.data.on } };
    case 'DisclosureThirdPartyConsulted':
      return { ...state, status: 'consulting', openPause: { kind: 'thirdParty', from: nextDay(event.data.on), until: event.data.replyDueOn } };
    case 'DisclosureFeeNoticeIssued':
      return { ...state, status: 'awaitingFee', openPause: { kind: 'fee', from: nextDay(event.data.on), until: event.data.payBy } };
    case 'DisclosureThirdPartyReplied':
    case 'DisclosureFeePaid': {
      const from = state.openPause?.from ?? nextDay(event.data.on);
      return { ...state, status: 'received', openPause: null, pauses: [...state.pauses, { from, to: nextDay(event.data.on), reason: event.type }] };
    }
    case 'DisclosureReplyExtended':
      return { ...state, extension: { on: event.data.on, days: event.data.days } };
    case 'DisclosureReplyDueSoon':
      return { ...state, warnedDueSoon: event.data.dueDate };
    case 'DisclosureReplyOverdue':
      return { ...state, warnedOverdue: event.data.dueDate };
    case 'DisclosureRequestConcluded':
      return { ...state, status: 'concluded', outcome: event.data.outcome, concludedOn: event.data.on, openPause: null };
    case 'DisclosureRemedyFiled':
      return { ...state, remedies: { ...state.remedies, [event.data.caseId]: { kind: event.data.kind, filedOn: event.data.on, result: null } } };
    case 'DisclosureRemedyDecided': {
      const r = state.remedies[event.data.caseId];
      return r ? { ...state, remedies: { ...state.remedies, [event.data.caseId]: { ...r, result: event.data.result } } } : state;
    }
  }
}

/**
 * The reply clock of a request (条例 2019 第三十三条 / 2008 第二十四条): started on the receipt
 * date, restarted on a supplement (第三十条), paused for third-party consultation (第三十二条) and
 * fee notices, extended once. `null` before receipt, and while a supplement is awaited (no reply
 * is due until it arrives).
 *
 * @example
 * replyClock(state, mainlandChinaCalendar())?.dueDate; // '2020-04-01'
 */
export function replyClock(state: RequestState, calendar: WorkingCalendar, warnWhenLeft?: number): StatutoryClock | null {
  if (state.receivedOn === null || state.status === 'awaitingSupplement') return null;
  const rules = disclosureRules[state.ruleSet];
  const pauses: Pause[] = [...state.pauses];
  if (state.openPause) pauses.push({ from: state.openPause.from });
  const restart = state.supplement?.receivedOn;
  return statutoryClock({
    calendar,
    start: state.receivedOn,
    limit: rules.reply.limit,
    pauses,
    extensions: state.extension ? [{ days: state.extension.days, reason: rules.replyExtension.basis }] : [],
    ...(restart ? { restarts: [restart] } : {}),
    ...(warnWhenLeft === undefined ? {} : { warnWhenLeft }),
  });
}

/** Commands that move the reply clock: they must come in date order. */
const clockSteps: ReadonlySet<string> = new Set(['RequestSupplement', 'ReceiveSupplement', 'ConsultThirdParty', 'RecordThirdPartyReply', 'ExtendReply', 'IssueFeeNotice', 'RecordFeePaid', 'Conclude']);

/**
 * Options of {@link createDisclosureDecider}.
 *
 * @example
 * createDisclosureDecider({ calendar: mainlandChinaCalendar(), warnWhenLeft: 5 });
 */
export interface DisclosureDeciderOptions {
  readonly calendar: WorkingCalendar;
  /** The due check warns when at most this many working days are left (default 3). */
  readonly warnWhenLeft?: number;
}

/**
 * The request decider, with the due check and the clock bound to its calendar.
 *
 * @example
 * decider.dueCheck(foldDecider(decider, events), '2020-03-31'); // [DisclosureReplyOverdue]
 */
export interface DisclosureDecider extends Decider<RequestState, RequestCommand, RequestEvent> {
  /** Events the due-check process records on `today`: abandonment, lapsed consultations, warnings. Idempotent. */
  dueCheck(state: RequestState, today: BusinessDate): readonly RequestEvent[];
  clock(state: RequestState): StatutoryClock | null;
}

/**
 * The decider of disclosure requests (依申请公开) under both texts of the 条例. `decide`
 * validates the command (`InvalidDisclosureCommandError`), checks the status against
 * `requestMachine` (through its derived {@link requestTransitions}), then the statutory rules; a rejection is a `DomainError` naming
 * the rule with its article.
 *
 * @example
 * const decider = createDisclosureDecider({ calendar: mainlandChinaCalendar() });
 * await handle(store, requestStream('R-1'), { type: 'ReceiveRequest', requestId: 'R-1', agency: '市行政服务中心',
 *   applicant: { type: 'naturalPerson', name: '张三' }, channel: 'inPerson', submittedOn: '2020-03-02', description: '…' }, decider);
 */
export function createDisclosureDecider(options: DisclosureDeciderOptions): DisclosureDecider {
  const { calendar, warnWhenLeft } = options;
  const clock = (s: RequestState) => replyClock(s, calendar, warnWhenLeft);

  function dueCheck(state: RequestState, today: BusinessDate): readonly RequestEvent[] {
    switch (state.status) {
      case 'none':
      case 'concluded':
        return [];
      case 'awaitingSupplement': {
        const sup = state.supplement;
        if (!sup || today <= sup.dueOn) return [];
        const basis = disclosureRules[state.ruleSet].supplementRestartsClock.basis;
        return [{ type: 'DisclosureRequestConcluded', data: { on: nextDay(sup.dueOn), outcome: 'otherNoSupplement', basis, dueDate: null, late: false } }];
      }
      case 'awaitingFee': {
        const until = state.openPause?.until;
        if (!until || today <= until) return [];
        return [{ type: 'DisclosureRequestConcluded', data: { on: nextDay(until), outcome: 'otherFeeUnpaid', basis: otherRules.feeNotice.basis, dueDate: null, late: false } }];
      }
      case 'consulting': {
        const until = state.openPause?.until;
        if (!until || today <= until) return [];
        return [{ type: 'DisclosureThirdPartyReplied', data: { on: until, consent: null, lapsed: true } }];
      }
      case 'received': {
        const c = clock(state);
        if (!c || c.dueDate === null) return [];
        const at = c.at(today);
        if (at.level === 'red' && state.warnedOverdue !== c.dueDate) return [{ type: 'DisclosureReplyOverdue', data: { on: today, dueDate: c.dueDate } }];
        if (at.level === 'yellow' && state.warnedDueSoon !== c.dueDate && state.warnedOverdue !== c.dueDate) {
          return [{ type: 'DisclosureReplyDueSoon', data: { on: today, dueDate: c.dueDate, left: at.left } }];
        }
        return [];
      }
    }
  }

  function decideValid(command: RequestCommand, state: RequestState): readonly RequestEvent[] | DomainError {
    if (!allows(state.status, command.type)) {
      if (command.type === 'ReceiveRequest') return ruleError('DISCLOSURE_ALREADY_RECEIVED', `request ${state.requestId} was already received`);
      if (command.type === 'RequestSupplement' && state.supplement) {
        return ruleError('DISCLOSURE_SUPPLEMENT_ALREADY_NOTIFIED', 'the supplement notice (补正) was already sent once', { key: 'supplementNotice', basis: disclosureRules[state.ruleSet].supplementNotice.basis });
      }
      const allowed = Object.keys(requestTransitions[state.status]).join(', ');
      return ruleError('DISCLOSURE_NOT_ALLOWED', `${command.type} is not allowed while the request is ${state.status} (allowed: ${allowed || 'nothing'})`);
    }
    const rules = disclosureRules[state.ruleSet];
    if ('on' in command && state.receivedOn !== null && command.on < state.receivedOn) {
      return ruleError('DISCLOSURE_DATE_BEFORE_RECEIPT', `${command.type} on ${command.on} is before the receipt date ${state.receivedOn}`, { key: 'receiptDate', basis: rules.receiptDate.basis });
    }
    if (clockSteps.has(command.type) && 'on' in command && state.lastStepOn !== null && command.on < state.lastStepOn) {
      return ruleError('DISCLOSURE_DATE_OUT_OF_ORDER', `${command.type} on ${command.on} is before the last recorded step on ${state.lastStepOn}`);
    }
    switch (command.type) {
      case 'ReceiveRequest': {
        const facts = { channel: command.channel, submittedOn: command.submittedOn, ...(command.signedOn ? { signedOn: command.signedOn } : {}), ...(command.confirmedOn ? { confirmedOn: command.confirmedOn } : {}) };
        const { receivedOn } = receiptDate(facts);
        calendar.isWorkingDay(receivedOn); // fails closed on a year without calendar data, before anything is recorded
        return [
          {
            type: 'DisclosureRequestReceived',
            data: {
              requestId: command.requestId,
              agency: command.agency,
              applicant: command.applicant,
              channel: command.channel,
              submittedOn: command.submittedOn,
              receivedOn,
              ruleSet: ruleSetFor(receivedOn).id,
              description: command.description,
            },
          },
        ];
      }
      case 'RequestSupplement': {
        if (state.supplement) return ruleError('DISCLOSURE_SUPPLEMENT_ALREADY_NOTIFIED', 'the supplement notice (补正) was already sent once', { key: 'supplementNotice', basis: rules.supplementNotice.basis });
        const limit = rules.supplementNotice.limit;
        if (limit !== null && calendar.workingDaysBetween(state.receivedOn as BusinessDate, command.on) > limit) {
          return ruleError('DISCLOSURE_SUPPLEMENT_NOTICE_LATE', `the supplement notice on ${command.on} is more than ${limit} working days after receipt on ${String(state.receivedOn)}`, { key: 'supplementNotice', basis: rules.supplementNotice.basis });
        }
        if (command.dueOn <= command.on) return ruleError('DISCLOSURE_NOT_ALLOWED', `the supplement deadline ${command.dueOn} must be after the notice ${command.on}`, { key: 'supplementNotice', basis: rules.supplementNotice.basis });
        return [{ type: 'DisclosureSupplementRequested', data: { on: command.on, dueOn: command.dueOn, items: command.items } }];
      }
      case 'ReceiveSupplement':
        if (state.supplement && command.on > state.supplement.dueOn) {
          return ruleError('DISCLOSURE_NOT_ALLOWED', `the supplement arrived on ${command.on}, after its deadline ${state.supplement.dueOn}: the request counts as abandoned`, { key: 'supplementRestartsClock', basis: rules.supplementRestartsClock.basis });
        }
        return [{ type: 'DisclosureSupplementReceived', data: { on: command.on } }];
      case 'ConsultThirdParty': {
        const limit = rules.thirdPartyConsultation.limit;
        return [{ type: 'DisclosureThirdPartyConsulted', data: { on: command.on, thirdParty: command.thirdParty, replyDueOn: limit === null ? null : calendar.addWorkingDays(command.on, limit) } }];
      }
      case 'RecordThirdPartyReply':
        return [{ type: 'DisclosureThirdPartyReplied', data: { on: command.on, consent: command.consent, lapsed: false } }];
      case 'ExtendReply': {
        const ext = rules.replyExtension;
        if (state.extension) return ruleError('DISCLOSURE_EXTENSION_ALREADY_GRANTED', `the reply period was already extended on ${state.extension.on}`, { key: 'replyExtension', basis: ext.basis });
        if (command.approvedBy.role !== ext.approver) {
          return ruleError('DISCLOSURE_EXTENSION_NOT_HEAD', `approved by role "${command.approvedBy.role}", but an extension needs the role "${ext.approver}"`, { key: 'replyExtension', basis: ext.basis });
        }
        const due = clock(state)?.at(command.on);
        if (due && due.dueDate !== null && command.on > due.dueDate) {
          return ruleError('DISCLOSURE_EXTENSION_AFTER_DUE', `the reply was due on ${due.dueDate}, the extension came on ${command.on}`, { key: 'replyExtension', basis: ext.basis });
        }
        const extended = clock({ ...state, extension: { on: command.on, days: ext.limit } });
        return [{ type: 'DisclosureReplyExtended', data: { on: command.on, days: ext.limit, approvedBy: command.approvedBy, reason: command.reason, dueDate: extended ? (extended.dueDate ?? extended.at(command.on).projectedDueDate) : command.on } }];
      }
      case 'IssueFeeNotice':
        if (command.payBy <= command.on) return ruleError('DISCLOSURE_NOT_ALLOWED', `the payment deadline ${command.payBy} must be after the notice ${command.on}`, { key: 'feeNotice', basis: otherRules.feeNotice.basis });
        return [{ type: 'DisclosureFeeNoticeIssued', data: { on: command.on, amountYuan: command.amountYuan, payBy: command.payBy } }];
      case 'RecordFeePaid':
        if (state.openPause?.until && command.on > state.openPause.until) {
          return ruleError('DISCLOSURE_NOT_ALLOWED', `the fee was paid on ${command.on}, after its deadline ${state.openPause.until}: the request is no longer processed`, { key: 'feeNotice', basis: otherRules.feeNotice.basis });
        }
        return [{ type: 'DisclosureFeePaid', data: { on: command.on } }];
      case 'Conclude': {
        if (!replyOutcomeKeys.includes(command.outcome)) {
          return ruleError('DISCLOSURE_NOT_ALLOWED', `${command.outcome} is recorded by the due check when its deadline passes, not by a reply`, { key: command.outcome, basis: outcomes[command.outcome].basis });
        }
        const c = clock(state);
        const dueDate = c?.dueDate ?? null;
        return [{ type: 'DisclosureRequestConcluded', data: { on: command.on, outcome: command.outcome, basis: outcomes[command.outcome].basis, dueDate, late: dueDate !== null && command.on > dueDate } }];
      }
      case 'FileRemedy':
        if (state.remedies[command.caseId]) return ruleError('DISCLOSURE_NOT_ALLOWED', `case ${command.caseId} was already filed`);
        return [{ type: 'DisclosureRemedyFiled', data: { caseId: command.caseId, on: command.on, kind: command.kind } }];
      case 'DecideRemedy': {
        const r = state.remedies[command.caseId];
        if (!r) return ruleError('DISCLOSURE_UNKNOWN_CASE', `case ${command.caseId} was not filed on request ${state.requestId}`);
        if (r.result !== null) return ruleError('DISCLOSURE_NOT_ALLOWED', `case ${command.caseId} was already decided (${r.result})`);
        if (command.on < r.filedOn) return ruleError('DISCLOSURE_NOT_ALLOWED', `case ${command.caseId} cannot be decided on ${command.on}, before it was filed on ${r.filedOn}`);
        return [{ type: 'DisclosureRemedyDecided', data: { caseId: command.caseId, on: command.on, result: command.result } }];
      }
      case 'CheckDue':
        return dueCheck(state, command.today);
    }
  }

  return {
    initialState: initialRequestState,
    evolve: evolveRequest,
    decide(command, state) {
      let parsed: RequestCommand;
      try {
        parsed = parseRequestCommand(command);
        return decideValid(parsed, state);
      } catch (err) {
        if (err instanceof DomainError) return err;
        throw err;
      }
    },
    dueCheck,
    clock,
  };
}
