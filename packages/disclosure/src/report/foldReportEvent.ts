import type { RemedyKind } from '../events/index.js';
import type { ApplicantType, Outcome, ProactiveCategory, PublicationChannel, ReviewResult } from '../labels/index.js';
import type { ReceiptChannel, RuleSetId } from '../rules/index.js';
import type { AnnualReportState, ReportItem, ReportRequest } from './reportState.js';

/**
 * The event types the annual report reads; everything else is skipped.
 *
 * @example
 * reportEventTypes.includes('PublicInfoPublished'); // true
 */
export const reportEventTypes = [
  'DisclosureRequestReceived',
  'DisclosureSupplementRequested',
  'DisclosureFeeNoticeIssued',
  'DisclosureFeePaid',
  'DisclosureCostFeeCharged',
  'DisclosureFeeWaived',
  'DisclosureRequestConcluded',
  'DisclosureRemedyFiled',
  'DisclosureRemedyDecided',
  'PublicInfoFormed',
  'PublicInfoReviewed',
  'PublicInfoPublished',
  'PublicInfoRevoked',
  'PublicInfoRepealed',
] as const;

/**
 * The minimum of an event the report reads.
 *
 * @example
 * const e: ReportInputEvent = { type: 'PublicInfoRepealed', stream: 'publicinfo-1', data: { on: '2013-12-01' } };
 */
export interface ReportInputEvent {
  readonly type: string;
  readonly stream: string;
  readonly data: unknown;
}

/**
 * A fresh, empty report state.
 *
 * @example
 * emptyReportState().events; // 0
 */
export function emptyReportState(): AnnualReportState {
  return { requests: new Map(), items: new Map(), events: 0 };
}

function request(state: AnnualReportState, stream: string): ReportRequest {
  let r = state.requests.get(stream);
  if (r === undefined) {
    r = { agency: null, applicant: null, receivedOn: null, ruleSet: null, channel: null, supplementNotices: [], fees: [], conclusions: [], remedies: null };
    state.requests.set(stream, r);
  }
  return r;
}

function item(state: AnnualReportState, stream: string): ReportItem {
  let i = state.items.get(stream);
  if (i === undefined) {
    i = { agency: null, category: null, formedOn: null, repealedOn: null, decisions: 0, feeAmountWan: 0, publications: [], withheldOn: [], revokedOn: [] };
    state.items.set(stream, i);
  }
  return i;
}

type RemedySlot = NonNullable<ReportRequest['remedies']>[string];
function remedy(r: ReportRequest, caseId: string): RemedySlot {
  r.remedies ??= {};
  let c = r.remedies[caseId];
  if (c === undefined) r.remedies[caseId] = c = { kind: null, filedOn: null, decidedOn: null, result: null };
  return c;
}

/**
 * Folds one event into the report state (mutating it): a plain reducer, no machine, no
 * validation — `verifyJsonl` and the store validate at the edges.
 *
 * @example
 * const state = emptyReportState(); for (const e of events) foldReportEvent(state, e);
 */
export function foldReportEvent(state: AnnualReportState, e: ReportInputEvent): AnnualReportState {
  switch (e.type) {
    case 'DisclosureRequestReceived': {
      const d = e.data as { agency: string; applicant: { type: ApplicantType }; receivedOn: string; ruleSet: RuleSetId; channel: ReceiptChannel };
      const r = request(state, e.stream);
      r.channel = d.channel;
      r.agency = d.agency;
      r.applicant = d.applicant.type;
      r.receivedOn = d.receivedOn;
      r.ruleSet = d.ruleSet;
      break;
    }
    case 'DisclosureSupplementRequested':
      request(state, e.stream).supplementNotices.push((e.data as { on: string }).on);
      break;
    case 'DisclosureFeeNoticeIssued':
    case 'DisclosureCostFeeCharged':
    case 'DisclosureFeeWaived': {
      const d = e.data as { on: string; amountFen: number };
      const kind = e.type === 'DisclosureFeeNoticeIssued' ? 'notice' : e.type === 'DisclosureCostFeeCharged' ? 'charged' : 'waived';
      request(state, e.stream).fees.push({ kind, on: d.on, amountFen: d.amountFen, paidOn: kind === 'charged' ? d.on : null });
      break;
    }
    case 'DisclosureFeePaid': {
      const notice = request(state, e.stream).fees.findLast((f) => f.kind === 'notice' && f.paidOn === null);
      if (notice) notice.paidOn = (e.data as { on: string }).on;
      break;
    }
    case 'DisclosureRequestConcluded': {
      const d = e.data as { on: string; outcome: Outcome };
      request(state, e.stream).conclusions.push({ on: d.on, outcome: d.outcome });
      break;
    }
    case 'DisclosureRemedyFiled': {
      const d = e.data as { caseId: string; on: string; kind: RemedyKind };
      const c = remedy(request(state, e.stream), d.caseId);
      c.kind = d.kind;
      c.filedOn = d.on;
      break;
    }
    case 'DisclosureRemedyDecided': {
      const d = e.data as { caseId: string; on: string; result: ReviewResult };
      const c = remedy(request(state, e.stream), d.caseId);
      c.decidedOn = d.on;
      c.result = d.result;
      break;
    }
    case 'PublicInfoFormed': {
      const d = e.data as { agency: string; category: ProactiveCategory; change: 'formed' | 'changed'; formedOn: string; decisions: number; feeAmountWan: number };
      const i = item(state, e.stream);
      if (d.change === 'formed') {
        i.agency = d.agency;
        i.category = d.category;
        i.formedOn = d.formedOn;
        i.decisions = d.decisions;
        i.feeAmountWan = d.feeAmountWan;
      }
      break;
    }
    case 'PublicInfoReviewed': {
      const d = e.data as { on: string; decision: 'publish' | 'withhold' };
      if (d.decision === 'withhold') item(state, e.stream).withheldOn.push(d.on);
      break;
    }
    case 'PublicInfoPublished': {
      const d = e.data as { on: string; channels: PublicationChannel[]; late: boolean };
      item(state, e.stream).publications.push({ on: d.on, channels: d.channels, late: d.late });
      break;
    }
    case 'PublicInfoRevoked':
      item(state, e.stream).revokedOn.push((e.data as { on: string }).on);
      break;
    case 'PublicInfoRepealed':
      item(state, e.stream).repealedOn = (e.data as { on: string }).on;
      break;
    default:
      return state;
  }
  state.events++;
  return state;
}
