import { statutoryClock, type BusinessDate, type Pause, type StatutoryClock, type WorkingCalendar } from '@banshi/calendar';
import { DomainError, type DecideContext, type Decider } from '@banshi/core';
import { nextDay } from '../_lib/dates.js';
import { ruleError } from '../errors/index.js';
import type { RequestEvent } from '../events/index.js';
import { replyOutcomeKeys } from '../labels/index.js';
import {
  citationInForce,
  costFee,
  disclosureRules,
  informationProcessingFee,
  outcomeRules,
  perPageFee,
  perRequestFee,
  receiptDate,
  yuan,
  type CostFeeStandard,
} from '../rules/index.js';
import { parseRequestCommand, type RequestCommand, type RequestCommandType } from './requestCommands.js';
import type { RequestGuard } from './requestGuards.js';
import { initialRequestState, type RequestState } from './requestState.js';
import { evolveRequest, nextRequestStatus, requestTransitions } from './requestTransitions.js';

/**
 * The reply clock of a request (条例 2019 第三十三条 / 2008 第二十四条): started on the receipt
 * date, restarted on a supplement, paused for consultations (2019 第三十二条, 第三十四条; 2008
 * 第二十三条) and fee notices, extended by the working days announced. `null` before receipt, and
 * while a supplement is awaited (no reply is due until it arrives).
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
const clockSteps: ReadonlySet<string> = new Set([
  'RequestSupplement',
  'ReceiveSupplement',
  'ConsultThirdParty',
  'RecordThirdPartyReply',
  'ConsultOrgans',
  'RecordOrgansReply',
  'ExtendReply',
  'DeferReply',
  'IssueFeeNotice',
  'RecordFeePaid',
  'Conclude',
]);

/** The event each command records: the machine says in which status it may. */
const commandEvent = {
  ReceiveRequest: 'DisclosureRequestReceived',
  RequestSupplement: 'DisclosureSupplementRequested',
  ReceiveSupplement: 'DisclosureSupplementReceived',
  ConsultThirdParty: 'DisclosureThirdPartyConsulted',
  RecordThirdPartyReply: 'DisclosureThirdPartyReplied',
  ConsultOrgans: 'DisclosureOrgansConsulted',
  RecordOrgansReply: 'DisclosureOrgansReplied',
  ExtendReply: 'DisclosureReplyExtended',
  DeferReply: 'DisclosureReplyDeferred',
  IssueFeeNotice: 'DisclosureFeeNoticeIssued',
  RecordFeePaid: 'DisclosureFeePaid',
  ChargeCostFee: 'DisclosureCostFeeCharged',
  WaiveFee: 'DisclosureFeeWaived',
  Conclude: 'DisclosureRequestConcluded',
  FileRemedy: 'DisclosureRemedyFiled',
  DecideRemedy: 'DisclosureRemedyDecided',
} as const satisfies Record<Exclude<RequestCommandType, 'CheckDue'>, RequestEvent['type']>;

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
  /** 2008 era: the cost-fee standard published for this agency (2008 第二十七条); without one, no cost fee may be charged. */
  readonly costFeeStandard?: CostFeeStandard;
}

/**
 * The request decider, with the due check and the clock bound to its calendar.
 *
 * @example
 * decider.dueCheck(foldDecider(decider, events), '2020-03-31'); // [DisclosureReplyOverdue]
 */
export interface DisclosureDecider extends Decider<RequestState, RequestCommand, RequestEvent> {
  /** Events the due-check process records on `today`: abandonment, lapsed consultations, unpaid fees, warnings. Idempotent. */
  dueCheck(state: RequestState, today: BusinessDate): readonly RequestEvent[];
  clock(state: RequestState): StatutoryClock | null;
  /** The date the reply is due: the organ's later date under 2019 第三十五条, else the clock's. */
  dueDate(state: RequestState): BusinessDate | null;
}

const guardRefusals: Partial<Record<RequestGuard, 'DISCLOSURE_SUPPLEMENT_ALREADY_NOTIFIED' | 'DISCLOSURE_EXTENSION_ALREADY_GRANTED'>> = {
  notYetNotified: 'DISCLOSURE_SUPPLEMENT_ALREADY_NOTIFIED',
  notYetExtended: 'DISCLOSURE_EXTENSION_ALREADY_GRANTED',
};

/**
 * The decider of disclosure requests (依申请公开), each judged under the text of the 条例 in force
 * on its receipt date and nothing else. `decide` validates the command
 * (`InvalidDisclosureCommandError`), asks `requestMachine` (through its table) whether the event it
 * would record may follow the status, then the statutory rules of the request's era; a rejection is
 * a `DomainError` naming the rule with its article. Authority (extensions, fee waivers) comes from
 * the authenticated actor in `context`, never from the command.
 *
 * @example
 * const decider = createDisclosureDecider({ calendar: mainlandChinaCalendar() });
 * await handle(store, requestStream('R-1'), { type: 'ReceiveRequest', requestId: 'R-1', agency: '市行政服务中心',
 *   applicant: { type: 'naturalPerson', name: '张三' }, channel: 'inPerson', submittedOn: '2020-03-02', description: '…' }, decider);
 */
export function createDisclosureDecider(options: DisclosureDeciderOptions): DisclosureDecider {
  const { calendar, warnWhenLeft, costFeeStandard } = options;
  const clock = (s: RequestState) => replyClock(s, calendar, warnWhenLeft);
  const dueDate = (s: RequestState): BusinessDate | null => s.deferredUntil ?? clock(s)?.dueDate ?? null;

  function dueCheck(state: RequestState, today: BusinessDate): readonly RequestEvent[] {
    const rules = disclosureRules[state.ruleSet];
    switch (state.status) {
      case 'none':
      case 'concluded':
        return [];
      case 'awaitingSupplement': {
        const sup = state.supplement;
        if (rules.abandonment === null || !sup || sup.dueOn === null || today <= sup.dueOn) return [];
        return [{ type: 'DisclosureRequestConcluded', data: { on: nextDay(sup.dueOn), outcome: 'otherNoSupplement', basis: rules.abandonment.basis, dueDate: null, late: false } }];
      }
      case 'awaitingFee': {
        const until = state.openPause?.until;
        if (!until || today <= until) return [];
        return [{ type: 'DisclosureRequestConcluded', data: { on: nextDay(until), outcome: 'otherFeeUnpaid', basis: outcomeRules[state.ruleSet].otherFeeUnpaid ?? rules.fees.basis, dueDate: null, late: false } }];
      }
      case 'consulting': {
        const p = state.openPause;
        if (!p?.until || today <= p.until) return [];
        // 2019 第三十四条: the organs' silence is consent; 第三十二条: a third party's silence decides nothing.
        return p.kind === 'organs' ? [{ type: 'DisclosureOrgansReplied', data: { on: p.until, consent: true, lapsed: true } }] : [{ type: 'DisclosureThirdPartyReplied', data: { on: p.until, consent: null, lapsed: true } }];
      }
      case 'received': {
        if (state.deferredUntil !== null) {
          const due = state.deferredUntil;
          return today > due && state.warnedOverdue !== due ? [{ type: 'DisclosureReplyOverdue', data: { on: today, dueDate: due } }] : [];
        }
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

  function notAllowed(command: RequestCommand, state: RequestState): DomainError {
    const allowed = (Object.keys(commandEvent) as (keyof typeof commandEvent)[]).filter((c) => requestTransitions[state.status][commandEvent[c]] !== undefined);
    return ruleError('DISCLOSURE_NOT_ALLOWED', `${command.type} is not allowed while the request is ${state.status} (allowed: ${[...allowed, 'CheckDue'].join(', ')})`);
  }

  function notInEra(state: RequestState, what: string): DomainError {
    return ruleError('DISCLOSURE_NOT_IN_ERA', `the request was received on ${String(state.receivedOn)} under the ${state.ruleSet} text, which has no ${what}`, { key: 'ruleSet', basis: disclosureRules[state.ruleSet].title });
  }

  function decideValid(command: RequestCommand, state: RequestState, context: DecideContext | undefined): readonly RequestEvent[] | DomainError {
    if (command.type === 'CheckDue') return dueCheck(state, command.today);
    if (requestTransitions[state.status][commandEvent[command.type]] === undefined) {
      if (command.type === 'ReceiveRequest') return ruleError('DISCLOSURE_ALREADY_RECEIVED', `request ${state.requestId} was already received`);
      if (command.type === 'RequestSupplement' && state.supplement !== null) {
        return ruleError('DISCLOSURE_SUPPLEMENT_ALREADY_NOTIFIED', 'the supplement notice (补正) was already sent once', { key: 'supplementNotice', basis: disclosureRules[state.ruleSet].supplementNotice.basis });
      }
      return notAllowed(command, state);
    }
    const rules = disclosureRules[state.ruleSet];
    if ('on' in command && state.receivedOn !== null && command.on < state.receivedOn) {
      return ruleError('DISCLOSURE_DATE_BEFORE_RECEIPT', `${command.type} on ${command.on} is before the receipt date ${state.receivedOn}`, { key: 'receiptDate', basis: rules.receiptDate.basis });
    }
    if (clockSteps.has(command.type) && 'on' in command && state.lastStepOn !== null && command.on < state.lastStepOn) {
      return ruleError('DISCLOSURE_DATE_OUT_OF_ORDER', `${command.type} on ${command.on} is before the last recorded step on ${state.lastStepOn}`);
    }
    const received = state.receivedOn as BusinessDate;
    switch (command.type) {
      case 'ReceiveRequest': {
        const facts = { channel: command.channel, submittedOn: command.submittedOn, ...(command.signedOn ? { signedOn: command.signedOn } : {}), ...(command.confirmedOn ? { confirmedOn: command.confirmedOn } : {}) };
        const { receivedOn, ruleSet } = receiptDate(facts);
        calendar.isWorkingDay(receivedOn); // fails closed on a year without calendar data, before anything is recorded
        return [
          {
            type: 'DisclosureRequestReceived',
            data: { requestId: command.requestId, agency: command.agency, applicant: command.applicant, channel: command.channel, submittedOn: command.submittedOn, receivedOn, ruleSet, description: command.description },
          },
        ];
      }
      case 'RequestSupplement': {
        const rule = rules.supplementNotice;
        const limit = rule.limit;
        if (limit !== null && calendar.workingDaysBetween(received, command.on) > limit) {
          return ruleError('DISCLOSURE_SUPPLEMENT_NOTICE_LATE', `the supplement notice on ${command.on} is more than ${limit} working days after receipt on ${received}`, { key: 'supplementNotice', basis: rule.basis });
        }
        if (rules.abandonment === null) {
          if (command.dueOn !== undefined) return notInEra(state, `deadline for the supplement (${rule.basis} only says to tell the applicant what to change); omit dueOn`);
          return [{ type: 'DisclosureSupplementRequested', data: { on: command.on, dueOn: null, items: command.items, basis: rule.basis } }];
        }
        if (command.dueOn === undefined || command.dueOn <= command.on) {
          return ruleError('DISCLOSURE_NOT_ALLOWED', `the supplement notice needs a deadline (dueOn) after the notice ${command.on}`, { key: 'supplementNotice', basis: rule.basis });
        }
        return [{ type: 'DisclosureSupplementRequested', data: { on: command.on, dueOn: command.dueOn, items: command.items, basis: rule.basis } }];
      }
      case 'ReceiveSupplement': {
        const due = state.supplement?.dueOn ?? null;
        if (rules.abandonment !== null && due !== null && command.on > due) {
          return ruleError('DISCLOSURE_NOT_ALLOWED', `the supplement arrived on ${command.on}, after its deadline ${due}: the request counts as abandoned`, { key: 'abandonment', basis: rules.abandonment.basis });
        }
        return [{ type: 'DisclosureSupplementReceived', data: { on: command.on } }];
      }
      case 'ConsultThirdParty': {
        const limit = rules.thirdPartyConsultation.limit;
        return [{ type: 'DisclosureThirdPartyConsulted', data: { on: command.on, thirdParty: command.thirdParty, replyDueOn: limit === null ? null : calendar.addWorkingDays(command.on, limit) } }];
      }
      case 'RecordThirdPartyReply':
        if (state.openPause?.kind !== 'thirdParty') return ruleError('DISCLOSURE_NOT_ALLOWED', 'no third party is being consulted: record the organs’ reply with RecordOrgansReply');
        return [{ type: 'DisclosureThirdPartyReplied', data: { on: command.on, consent: command.consent, lapsed: false } }];
      case 'ConsultOrgans': {
        const joint = rules.jointInformation;
        if (joint === null) return notInEra(state, 'consultation of the organs that made the information jointly (2019 第三十四条)');
        return [{ type: 'DisclosureOrgansConsulted', data: { on: command.on, organs: command.organs, replyDueOn: calendar.addWorkingDays(command.on, joint.limit) } }];
      }
      case 'RecordOrgansReply':
        if (state.openPause?.kind !== 'organs') return ruleError('DISCLOSURE_NOT_ALLOWED', 'no organs are being consulted: record the third party’s reply with RecordThirdPartyReply');
        if (state.openPause.until !== null && command.on > state.openPause.until) {
          return ruleError('DISCLOSURE_NOT_ALLOWED', `the organs' time ran out on ${state.openPause.until}: their silence is consent (the due check records it)`, { key: 'jointInformation', basis: disclosureRules['2019'].jointInformation.basis });
        }
        return [{ type: 'DisclosureOrgansReplied', data: { on: command.on, consent: command.consent, lapsed: false } }];
      case 'ExtendReply': {
        const ext = rules.replyExtension;
        const actor = context?.actor;
        if (actor?.role !== ext.approver) {
          return ruleError('DISCLOSURE_EXTENSION_NOT_HEAD', `the extension was asked by ${actor ? `role "${actor.role}"` : 'no authenticated actor'}, but it needs the role "${ext.approver}"`, { key: 'replyExtension', basis: ext.basis });
        }
        if (command.days > ext.limit) {
          return ruleError('DISCLOSURE_EXTENSION_TOO_LONG', `an extension of ${command.days} working days is longer than the ${ext.limit} the ${state.ruleSet} text allows`, { key: 'replyExtension', basis: ext.basis });
        }
        const due = clock(state)?.at(command.on);
        if (due && due.dueDate !== null && command.on > due.dueDate) {
          return ruleError('DISCLOSURE_EXTENSION_AFTER_DUE', `the reply was due on ${due.dueDate}, the extension came on ${command.on}`, { key: 'replyExtension', basis: ext.basis });
        }
        const extended = clock({ ...state, extension: { on: command.on, days: command.days, dueDate: command.on } });
        const announced = extended ? (extended.dueDate ?? extended.at(command.on).projectedDueDate) : command.on;
        return [{ type: 'DisclosureReplyExtended', data: { on: command.on, days: command.days, approvedBy: { id: actor.id, role: actor.role }, reason: command.reason, dueDate: announced } }];
      }
      case 'DeferReply': {
        const bulk = rules.excessiveRequests;
        if (bulk === null) return notInEra(state, 'later reply date for bulk or repeated requests (2019 第三十五条)');
        const due = dueDate(state);
        if (due !== null && command.until <= due) {
          return ruleError('DISCLOSURE_NOT_ALLOWED', `a later reply date must be after the statutory due date ${due}, got ${command.until}: reply within the period instead`, { key: 'excessiveRequests', basis: bulk.basis });
        }
        return [{ type: 'DisclosureReplyDeferred', data: { on: command.on, until: command.until, reasons: command.reasons, basis: bulk.basis } }];
      }
      case 'IssueFeeNotice': {
        const fees = rules.fees;
        if (fees.kind !== 'informationProcessing') {
          return ruleError('DISCLOSURE_FEE_WITHOUT_BASIS', `the ${state.ruleSet} text has no 信息处理费: only cost fees charged with the information (ChargeCostFee)`, { key: 'fees', basis: fees.basis });
        }
        const t = informationProcessingFee;
        if (received < t.inForceFrom) {
          return ruleError('DISCLOSURE_FEE_WITHOUT_BASIS', `no 信息处理费 for a request received on ${received}: ${t.document} applies from ${t.inForceFrom}, and until then 第四十二条 allows no fee`, { key: 'fees', basis: fees.basis });
        }
        const c = command.charge;
        if (c.method === 'perRequest' && c.pieces > c.monthlyCount) {
          return ruleError('DISCLOSURE_NOT_ALLOWED', `the request counts as ${c.pieces} pieces but the applicant's monthly count is ${c.monthlyCount}: the count includes this request`, { key: 'perRequest', basis: t.perRequest.basis });
        }
        const amountFen = c.method === 'perRequest' ? perRequestFee(c.monthlyCount, c.pieces) : perPageFee(c.pages);
        const basis = `${fees.basis.split('；')[0] ?? fees.basis}；${c.method === 'perRequest' ? t.perRequest.basis : t.perPage.basis}`;
        if (amountFen === 0) {
          return ruleError('DISCLOSURE_FEE_WITHOUT_BASIS', c.method === 'perRequest' ? `the applicant's ${c.monthlyCount}th request this month is within the free 10` : `${c.pages} pages are within the free 30`, { key: c.method, basis });
        }
        const quantity = c.method === 'perRequest' ? { monthlyCount: c.monthlyCount, pieces: c.pieces } : { pages: c.pages };
        return [{ type: 'DisclosureFeeNoticeIssued', data: { on: command.on, method: c.method, quantity, amountFen, payBy: calendar.addWorkingDays(command.on, t.payment.limit), basis } }];
      }
      case 'RecordFeePaid':
        if (state.openPause?.until && command.on > state.openPause.until) {
          return ruleError('DISCLOSURE_NOT_ALLOWED', `the fee was paid on ${command.on}, after its deadline ${state.openPause.until}: the request is no longer processed`, { key: 'payment', basis: informationProcessingFee.payment.basis });
        }
        return [{ type: 'DisclosureFeePaid', data: { on: command.on } }];
      case 'ChargeCostFee':
      case 'WaiveFee': {
        const fees = rules.fees;
        if (fees.kind !== 'costRecovery') return ruleError('DISCLOSURE_FEE_WITHOUT_BASIS', `the ${state.ruleSet} text charges no cost fees: 行政机关依申请提供政府信息，不收取费用`, { key: 'fees', basis: fees.basis });
        if (state.fee !== null) return ruleError('DISCLOSURE_NOT_ALLOWED', `the cost fee was already ${state.fee.kind}`, { key: 'fees', basis: fees.basis });
        if (state.outcome !== 'granted' && state.outcome !== 'partiallyGranted') {
          return ruleError('DISCLOSURE_FEE_WITHOUT_BASIS', `cost fees are charged only when information is provided, not for ${String(state.outcome)}`, { key: 'fees', basis: fees.basis });
        }
        if (costFeeStandard === undefined || costFeeStandard.publishedOn > received) {
          return ruleError(
            'DISCLOSURE_FEE_WITHOUT_BASIS',
            costFeeStandard === undefined ? 'no published fee standard is configured for this agency (costFeeStandard)' : `the fee standard ${costFeeStandard.document} was published on ${costFeeStandard.publishedOn}, after the request was received on ${received}`,
            { key: 'fees', basis: fees.basis },
          );
        }
        const amountFen = costFee(costFeeStandard, command);
        if (amountFen === 0) return ruleError('DISCLOSURE_FEE_WITHOUT_BASIS', 'nothing was searched, copied or posted: there is no cost to charge', { key: 'fees', basis: fees.basis });
        if (command.type === 'ChargeCostFee') {
          return [{ type: 'DisclosureCostFeeCharged', data: { on: command.on, search: command.search, pages: command.pages, postageFen: command.postageFen, amountFen, standard: costFeeStandard.document, basis: fees.basis } }];
        }
        const actor = context?.actor;
        if (actor?.role !== fees.waiver.approver) {
          return ruleError('DISCLOSURE_NOT_AUTHORIZED', `a waiver of ${yuan(amountFen)} 元 needs the role "${fees.waiver.approver}", asked by ${actor ? `role "${actor.role}"` : 'no authenticated actor'}`, { key: 'waiver', basis: fees.waiver.basis });
        }
        if (state.applicantType !== 'naturalPerson') {
          return ruleError('DISCLOSURE_FEE_WITHOUT_BASIS', `the hardship waiver is for citizens (公民), the applicant is a ${String(state.applicantType)}`, { key: 'waiver', basis: fees.waiver.basis });
        }
        return [{ type: 'DisclosureFeeWaived', data: { on: command.on, amountFen, approvedBy: { id: actor.id, role: actor.role }, reason: command.reason, standard: costFeeStandard.document, basis: fees.waiver.basis } }];
      }
      case 'Conclude': {
        if (!replyOutcomeKeys.includes(command.outcome)) {
          return ruleError('DISCLOSURE_NOT_ALLOWED', `${command.outcome} is recorded by the due check when its deadline passes, not by a reply`, { key: command.outcome, basis: outcomeRules[state.ruleSet][command.outcome] ?? rules.title });
        }
        const basis = outcomeRules[state.ruleSet][command.outcome];
        if (basis === undefined || !citationInForce(basis, received)) {
          return notInEra(state, `outcome ${command.outcome} (it knows ${Object.keys(outcomeRules[state.ruleSet]).join(', ')})`);
        }
        const due = dueDate(state);
        return [{ type: 'DisclosureRequestConcluded', data: { on: command.on, outcome: command.outcome, basis, dueDate: due, late: due !== null && command.on > due } }];
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
    }
  }

  /** The machine has the last word: every decided event must be one it takes, guards included. */
  function machineCheck(command: RequestCommand, state: RequestState, events: readonly RequestEvent[]): readonly RequestEvent[] | DomainError {
    let s = state;
    for (const e of events) {
      if (nextRequestStatus(s, e) === undefined) {
        const edges = requestTransitions[s.status][e.type] ?? [];
        const failed = edges.map((edge) => edge.guard).find((g): g is RequestGuard => g !== undefined);
        const code = failed === undefined ? undefined : guardRefusals[failed];
        const rules = disclosureRules[s.ruleSet];
        if (code === 'DISCLOSURE_SUPPLEMENT_ALREADY_NOTIFIED') return ruleError(code, 'the supplement notice (补正) was already sent once', { key: 'supplementNotice', basis: rules.supplementNotice.basis });
        if (code === 'DISCLOSURE_EXTENSION_ALREADY_GRANTED') return ruleError(code, `the reply period was already extended on ${String(s.extension?.on)}`, { key: 'replyExtension', basis: rules.replyExtension.basis });
        if (failed === 'notYetDeferred') return ruleError('DISCLOSURE_NOT_ALLOWED', `a later reply date was already set (${String(s.deferredUntil)})`, { key: 'excessiveRequests', basis: disclosureRules['2019'].excessiveRequests.basis });
        return notAllowed(command, s);
      }
      s = evolveRequest(s, e);
    }
    return events;
  }

  return {
    initialState: initialRequestState,
    evolve: evolveRequest,
    decide(command, state, context) {
      try {
        const parsed = parseRequestCommand(command);
        const result = decideValid(parsed, state, context);
        return result instanceof DomainError ? result : machineCheck(parsed, state, result);
      } catch (err) {
        if (err instanceof DomainError) return err;
        throw err;
      }
    },
    dueCheck,
    clock,
    dueDate,
  };
}
