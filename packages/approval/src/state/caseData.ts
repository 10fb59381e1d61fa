import type { Channel } from '@banshi/core';
import type { BusinessDate, Pause, WorkingCalendar } from '@banshi/calendar';
import type { AgentAuthorization, ApprovalEvent, ClockName, CompletionRule, Handling, Rating, WarningLevel } from '../events/index.js';
import type { ResolvedRules, SpecialProcedure } from '../rules/index.js';

/**
 * What `evolve` needs besides the events: the working-day calendar and the effective rules.
 *
 * @example
 * const env: ApprovalEnv = { calendar: mainlandChinaCalendar(), rules: resolveRules() };
 */
export interface ApprovalEnv {
  readonly calendar: WorkingCalendar;
  readonly rules: ResolvedRules;
}

/**
 * The facts of one clock and the due date they give. `dueDate` is `null` while a 第四十五条 special procedure runs, and
 * when the due date falls in a year the calendar has no data for: then `missingYear` names it ("due date unknown: 2027
 * calendar not loaded", see {@link describeDue}). Loading the year and folding again fills the date in.
 *
 * @example
 * const c: ClockFacts = { clock: 'statutory', start: '2013-09-16', limit: 20, extensionDays: 0, pauses: [], dueDate: '2013-10-18', missingYear: null, stoppedOn: null, basis: '行政许可法 第四十二条' };
 */
export interface ClockFacts {
  readonly clock: ClockName;
  readonly start: BusinessDate;
  readonly limit: number;
  readonly extensionDays: number;
  readonly pauses: readonly Pause[];
  readonly dueDate: BusinessDate | null;
  /** The year the due date needs and the calendar lacks; `null` when the due date is known (or paused). */
  readonly missingYear: number | null;
  /** The day the step the clock measures ended; `null` while it runs. */
  readonly stoppedOn: BusinessDate | null;
  readonly basis: string;
}

/**
 * Every clock of a case; `null` until it starts.
 *
 * @example
 * state.data.clocks.statutory?.dueDate; // '2013-10-18'
 */
export type CaseClocks = { readonly [K in ClockName]: ClockFacts | null };

/**
 * One line of a case's timeline.
 *
 * @example
 * const t: TimelineEntry = { type: 'CaseReceived', step: '收件', on: '2013-09-16', channel: 'online', inPerson: false, detail: 'XK-001' };
 */
export interface TimelineEntry {
  readonly type: ApprovalEvent['type'];
  readonly step: string;
  readonly on: BusinessDate;
  readonly channel: Channel;
  readonly inPerson: boolean;
  readonly detail: string;
}

/**
 * A joint (or single-department) review: who reviews, how it completes, the opinions so far.
 *
 * @example
 * const r: ReviewFacts = { departments: ['发改', '国土'], rule: { kind: 'all' }, opinions: { 发改: 'approve' } };
 */
export interface ReviewFacts {
  readonly departments: readonly string[];
  readonly rule: CompletionRule;
  readonly opinions: Readonly<Record<string, 'approve' | 'reject'>>;
}

/**
 * A case's hearing (行政许可法 第四十六–四十八条): who was told of the right and when, who asked, the notified time and
 * place, and the record it was decided on. `basis` says which article it was held under (第四十七条 on request, 第四十六条
 * on the organ's own initiative).
 *
 * @example
 * state.data.hearing?.hearingOn; // '2013-10-15'
 */
export interface HearingFacts {
  readonly basis: string;
  readonly parties: readonly string[];
  readonly interest: string | null;
  readonly notifiedOn: BusinessDate | null;
  readonly requestedOn: BusinessDate | null;
  readonly requestedBy: string | null;
  /** The day the notice of time and place went out (第四十八条第一款第一项). */
  readonly noticeOn: BusinessDate | null;
  readonly hearingOn: BusinessDate | null;
  readonly place: string | null;
  readonly presider: string | null;
  readonly announcement: string | null;
  readonly heldOn: BusinessDate | null;
  /** The 听证笔录 (第四十八条第二款: the decision is made on it). */
  readonly record: string | null;
  /** The day the decision clocks ran again when no party asked in time. */
  readonly lapsedFrom: BusinessDate | null;
}

/**
 * An agent (代办) as a case records it: who, and under which written authorisation (行政许可法 第二十九条第二款).
 *
 * @example
 * const a: AgentParty = { name: '郑代办', id: 'p-daiban', authorization: null };
 */
export interface AgentParty {
  readonly name: string;
  readonly id: string | null;
  readonly authorization: AgentAuthorization | null;
}

/**
 * Everything a case knows besides its status (the machine's context).
 *
 * @example
 * state.data.visits; // 1
 */
export interface CaseData {
  readonly caseId: string;
  readonly itemCode: string;
  readonly department: string;
  readonly node: string;
  readonly applicant: string;
  /** The applicant's own account or party id, when the receipt named it (the party on whose behalf an agent files). */
  readonly applicantId: string | null;
  /** The agent's name (代办), or `null` when the applicant filed. */
  readonly agent: string | null;
  /** The agent as a party: its account or party id and its written authorisation (`null` where the log kept only the name). */
  readonly agentParty: AgentParty | null;
  readonly handling: Handling;
  readonly promisedLimit: number;
  /** 到现场次数 the item requires; `null` when the case did not record it. */
  readonly requiredVisits: number | null;
  readonly receivedOn: BusinessDate | null;
  readonly renewal: { readonly licenceNo: string; readonly expiresOn: BusinessDate } | null;
  /** The item's own statutory limit under another law (第四十二条 法律、法规另有规定的); `null`: 第四十二条's. */
  readonly statutoryLimit: { readonly days: number; readonly extensionDays: number; readonly basis: string } | null;
  readonly supplementNotices: number;
  /** The day the complete materials arrived: the receipt, or the latest 补正 supplement (a 即办件 is decided on the spot that day, 第三十四条). */
  readonly materialsCompleteOn: BusinessDate | null;
  readonly acceptance: 'accepted' | 'deemed' | 'onTheSpot' | null;
  readonly acceptedFrom: BusinessDate | null;
  readonly review: ReviewFacts | null;
  readonly returns: number;
  readonly specialProcedure: { readonly procedure: SpecialProcedure; readonly from: BusinessDate; readonly panel: { readonly members: number; readonly quorum: number } | null } | null;
  readonly hearing: HearingFacts | null;
  readonly extensions: number;
  readonly outcome: 'grant' | 'deny' | null;
  readonly reasons: readonly string[];
  readonly decidedOn: BusinessDate | null;
  readonly certificateNo: string | null;
  readonly rating: Rating | null;
  readonly lastOn: BusinessDate | null;
  /** The applicant's in-person visits (到现场次数): business days with at least one in-person step. */
  readonly visits: number;
  readonly lastVisitOn: BusinessDate | null;
  /** `clock:level:dueDate` of every warning appended, so the due check never repeats one. */
  readonly warnings: readonly string[];
  readonly clocks: CaseClocks;
  readonly timeline: readonly TimelineEntry[];
}

/**
 * A case's state: the machine's status and the case data.
 *
 * @example
 * const s: ApprovalState = decider.initialState; // { status: 'new', data: { … } }
 */
export interface ApprovalState<TStatus extends string = string> {
  readonly status: TStatus;
  readonly data: CaseData;
}

/**
 * The data of a case before any event.
 *
 * @example
 * emptyCaseData.visits; // 0
 */
export const emptyCaseData: CaseData = {
  caseId: '',
  itemCode: '',
  department: '',
  node: '',
  applicant: '',
  applicantId: null,
  agent: null,
  agentParty: null,
  handling: 'standard',
  promisedLimit: 0,
  requiredVisits: null,
  receivedOn: null,
  renewal: null,
  statutoryLimit: null,
  supplementNotices: 0,
  materialsCompleteOn: null,
  acceptance: null,
  acceptedFrom: null,
  review: null,
  returns: 0,
  specialProcedure: null,
  hearing: null,
  extensions: 0,
  outcome: null,
  reasons: [],
  decidedOn: null,
  certificateNo: null,
  rating: null,
  lastOn: null,
  visits: 0,
  lastVisitOn: null,
  warnings: [],
  clocks: { intake: null, statutory: null, promised: null, certificate: null, followUp: null, hearingRequest: null, hearing: null },
  timeline: [],
};

/**
 * The Chinese name of the step each event records, for timelines.
 *
 * @example
 * stepLabels.CaseAccepted; // '受理'
 */
export const stepLabels = {
  CaseReceived: '收件',
  SupplementNotified: '一次性告知补正',
  SupplementReceived: '补正材料收件',
  CaseAccepted: '受理',
  IntakeRefused: '不予受理',
  CaseDeemedAccepted: '视为受理',
  CaseDecidedOnSpot: '即办（当场办结）',
  ReviewAssigned: '审查分派',
  ReviewOpinionRecorded: '审查意见',
  CaseReturned: '退回',
  CaseResubmitted: '重新提交',
  SpecialProcedureStarted: '特别程序开始',
  SpecialProcedureEnded: '特别程序结束',
  ExtensionGranted: '延期',
  CaseDecided: '决定',
  CertificateIssued: '制证',
  CertificateDelivered: '送达',
  EvaluationSubmitted: '评价',
  FollowUpClosed: '差评整改',
  CaseWithdrawn: '撤回',
  DeadlineWarned: '预警',
  RenewalDeemedGranted: '视为准予延续',
  HearingRightNotified: '告知听证权利',
  HearingRequested: '申请听证',
  HearingScheduled: '听证通知',
  HearingHeld: '举行听证',
  HearingRightLapsed: '听证申请期满',
} as const satisfies Record<ApprovalEvent['type'], string>;

/**
 * The key under which a warning is remembered (one per clock, level and due date — or, for a due date the calendar
 * cannot give yet, the missing year).
 *
 * @example
 * warningKey('statutory', 'yellow', '2013-10-18'); // 'statutory:yellow:2013-10-18'
 * warningKey('statutory', 'unknown', null, 2027);  // 'statutory:unknown:2027?'
 */
export function warningKey(clock: ClockName, level: WarningLevel, dueDate: BusinessDate | null, missingYear: number | null = null): string {
  return `${clock}:${level}:${dueDate ?? `${String(missingYear)}?`}`;
}

/**
 * How a clock's due date reads for people: the date, "paused", or "due date unknown: 2027 calendar not loaded".
 *
 * @example
 * describeDue(state.data.clocks.statutory); // 'due date unknown: 2027 calendar not loaded'
 */
export function describeDue(facts: Pick<ClockFacts, 'dueDate' | 'missingYear'> | null): string {
  if (!facts) return 'not started';
  if (facts.dueDate !== null) return `due ${facts.dueDate}`;
  if (facts.missingYear !== null) return `due date unknown: ${facts.missingYear} calendar not loaded`;
  return 'paused (第四十五条)';
}

/**
 * The clocks of a case as a Chinese reader names them (the timeline's warnings use them).
 *
 * @example
 * clockLabels.statutory; // '法定期限'
 */
export const clockLabels = { intake: '受理期限', statutory: '法定期限', promised: '承诺期限', certificate: '制证送达期限', followUp: '差评整改期限', hearingRequest: '听证申请期限', hearing: '听证组织期限' } as const satisfies Record<ClockName, string>;

/**
 * Warning levels as a Chinese reader names them.
 *
 * @example
 * warningLabels.red; // '红灯（已超期）'
 */
export const warningLabels = { yellow: '黄灯（临近期限）', red: '红灯（已超期）', unknown: '期限未知' } as const satisfies Record<WarningLevel, string>;

/**
 * {@link describeDue} in Chinese, for the timeline a Chinese reader sees.
 *
 * @example
 * describeDueZh({ dueDate: '2013-10-18', missingYear: null }); // '2013-10-18 到期'
 * describeDueZh({ dueDate: null, missingYear: 2027 }); // '到期日未知（未载入 2027 年日历）'
 */
export function describeDueZh(facts: Pick<ClockFacts, 'dueDate' | 'missingYear'> | null): string {
  if (!facts) return '未起算';
  if (facts.dueDate !== null) return `${facts.dueDate} 到期`;
  if (facts.missingYear !== null) return `到期日未知（未载入 ${facts.missingYear} 年日历）`;
  return '暂停计时（第四十五条）';
}

/**
 * Where a review stands under its completion rule: approved, rejected (approval can no longer be reached) or pending.
 *
 * @example
 * reviewOutcome({ departments: ['A', 'B'], rule: { kind: 'any' }, opinions: { A: 'approve' } }); // 'approved'
 */
export function reviewOutcome(review: ReviewFacts): 'approved' | 'rejected' | 'pending' {
  const total = review.departments.length;
  const needed = review.rule.kind === 'all' ? total : review.rule.kind === 'any' ? 1 : review.rule.n;
  let approvals = 0;
  let given = 0;
  for (const dept of review.departments) {
    const o = review.opinions[dept];
    if (o === undefined) continue;
    given++;
    if (o === 'approve') approvals++;
  }
  if (approvals >= needed) return 'approved';
  if (approvals + (total - given) < needed) return 'rejected';
  return 'pending';
}

