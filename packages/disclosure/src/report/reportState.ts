import type { RemedyKind } from '../events/index.js';
import type { ApplicantType, Outcome, ProactiveCategory, PublicationChannel, ReviewResult } from '../labels/index.js';
import type { ReceiptChannel, RuleSetId } from '../rules/index.js';

/**
 * What the report keeps of one request: enough to place it in any year's table.
 *
 * @example
 * state.requests.get('disclosure-R-1')?.conclusions; // [{ on: '2020-03-30', outcome: 'granted' }]
 */
export interface ReportRequest {
  agency: string | null;
  applicant: ApplicantType | null;
  receivedOn: string | null;
  ruleSet: RuleSetId | null;
  channel: ReceiptChannel | null;
  /** Dates of 补正 notices (2008: 告知作出更改、补充). */
  supplementNotices: string[];
  /** Fees in fen: 2019 信息处理费 notices (paid or not), 2008 cost fees charged or waived. */
  fees: { readonly kind: 'notice' | 'charged' | 'waived'; readonly on: string; readonly amountFen: number; paidOn: string | null }[];
  /** Every conclusion in log order (a consistent log has at most one). */
  conclusions: { readonly on: string; readonly outcome: Outcome }[];
  remedies: Record<string, { kind: RemedyKind | null; filedOn: string | null; decidedOn: string | null; result: ReviewResult | null }> | null;
}

/**
 * What the report keeps of one proactive-disclosure item.
 *
 * @example
 * state.items.get('publicinfo-877')?.publications.length; // 1
 */
export interface ReportItem {
  agency: string | null;
  category: ProactiveCategory | null;
  formedOn: string | null;
  repealedOn: string | null;
  decisions: number;
  feeAmountWan: number;
  publications: { readonly on: string; readonly channels: readonly PublicationChannel[]; readonly late: boolean }[];
  withheldOn: string[];
  revokedOn: string[];
}

/**
 * The running state of the annual-report read model: per request and per item, independent of
 * the year, so one replay answers every year (and N's carry-over equals N+1's 上年结转).
 *
 * @example
 * const { state } = await replayJsonl(chunks, annualReportProjection()); state.requests.size;
 */
export interface AnnualReportState {
  readonly requests: Map<string, ReportRequest>;
  readonly items: Map<string, ReportItem>;
  events: number;
}
