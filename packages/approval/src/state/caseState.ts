import type { Channel } from '@banshi/core';
import type { BusinessDate, Pause, WorkingCalendar } from '@banshi/calendar';
import { addDays } from '../_lib/addDays.js';
import { poorRatings, type ApprovalEvent, type ClockName, type CompletionRule, type Handling, type Rating } from '../events/index.js';
import type { LicensingRule, ResolvedRules, SpecialProcedure } from '../rules/index.js';

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
 * The facts of one clock and the due date they give. `dueDate` is `null` while a 第四十五条 special procedure runs.
 *
 * @example
 * const c: ClockFacts = { clock: 'statutory', start: '2013-09-16', limit: 20, extensionDays: 0, pauses: [], dueDate: '2013-10-18', stoppedOn: null, basis: '行政许可法 第四十二条' };
 */
export interface ClockFacts {
  readonly clock: ClockName;
  readonly start: BusinessDate;
  readonly limit: number;
  readonly extensionDays: number;
  readonly pauses: readonly Pause[];
  readonly dueDate: BusinessDate | null;
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
  readonly agent: string | null;
  readonly handling: Handling;
  readonly promisedLimit: number;
  /** 到现场次数 the item requires; `null` when the case did not record it. */
  readonly requiredVisits: number | null;
  readonly receivedOn: BusinessDate | null;
  readonly renewal: { readonly licenceNo: string; readonly expiresOn: BusinessDate } | null;
  readonly supplementNotices: number;
  readonly acceptance: 'accepted' | 'deemed' | 'onTheSpot' | null;
  readonly acceptedFrom: BusinessDate | null;
  readonly review: ReviewFacts | null;
  readonly returns: number;
  readonly specialProcedure: { readonly procedure: SpecialProcedure; readonly from: BusinessDate } | null;
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
  agent: null,
  handling: 'standard',
  promisedLimit: 0,
  requiredVisits: null,
  receivedOn: null,
  renewal: null,
  supplementNotices: 0,
  acceptance: null,
  acceptedFrom: null,
  review: null,
  returns: 0,
  specialProcedure: null,
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
  clocks: { intake: null, statutory: null, promised: null, certificate: null, followUp: null },
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
} as const satisfies Record<ApprovalEvent['type'], string>;

/**
 * The statutory decision limit and extension rule of a handling.
 *
 * @example
 * decisionRules(resolveRules(), 'joint').limit.limit; // 45
 */
export function decisionRules(rules: ResolvedRules, handling: Handling): { readonly limit: LicensingRule; readonly extension: LicensingRule } {
  switch (handling) {
    case 'joint':
      return { limit: rules.jointDecision, extension: rules.jointExtension };
    case 'preliminary':
      return { limit: rules.preliminaryReview, extension: rules.extension };
    case 'immediate':
      return { limit: rules.immediate, extension: rules.extension };
    case 'standard':
      return { limit: rules.decision, extension: rules.extension };
  }
}

/**
 * `rule.limit` as a number (rules used for clocks always have one).
 *
 * @example
 * limitOf(licensingRules.decision); // 20
 */
export function limitOf(rule: LicensingRule): number {
  return rule.limit ?? 0;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Copies the data with every field listed: a literal of one fixed shape stays fast in V8 (a spread of a spread does not). */
function copyData(d: CaseData): Mutable<CaseData> {
  return {
    caseId: d.caseId,
    itemCode: d.itemCode,
    department: d.department,
    node: d.node,
    applicant: d.applicant,
    agent: d.agent,
    handling: d.handling,
    promisedLimit: d.promisedLimit,
    requiredVisits: d.requiredVisits,
    receivedOn: d.receivedOn,
    renewal: d.renewal,
    supplementNotices: d.supplementNotices,
    acceptance: d.acceptance,
    acceptedFrom: d.acceptedFrom,
    review: d.review,
    returns: d.returns,
    specialProcedure: d.specialProcedure,
    extensions: d.extensions,
    outcome: d.outcome,
    reasons: d.reasons,
    decidedOn: d.decidedOn,
    certificateNo: d.certificateNo,
    rating: d.rating,
    lastOn: d.lastOn,
    visits: d.visits,
    lastVisitOn: d.lastVisitOn,
    warnings: d.warnings,
    clocks: d.clocks,
    timeline: d.timeline,
  };
}

function copyClocks(c: CaseClocks): Mutable<CaseClocks> {
  return { intake: c.intake, statutory: c.statutory, promised: c.promised, certificate: c.certificate, followUp: c.followUp };
}

/**
 * The due date of a clock's facts, with the calendar's O(1) primitives: the same answer as `statutoryClock(...).dueDate`
 * (a property test checks it) without building a clock. Pauses arrive in order and do not overlap (the machine allows one
 * special procedure at a time).
 *
 * @example
 * dueDateOf(calendar, '2013-09-16', 20, [{ from: '2013-09-23', to: '2013-09-25' }]); // '2013-10-22'
 */
export function dueDateOf(calendar: WorkingCalendar, start: BusinessDate, total: number, pauses: readonly Pause[]): BusinessDate | null {
  let anchor = start;
  let remaining = total;
  for (const p of pauses) {
    if (p.from <= addDays(anchor, 1)) {
      // The pause began before counting (re)started: it only moves the anchor.
      if (p.to === undefined) return null;
      const last = addDays(p.to, -1);
      if (last > anchor) anchor = last;
      continue;
    }
    // Working days in (anchor, p.from): counted before the pause starts.
    const counted = calendar.workingDaysBetween(anchor, p.from) - (calendar.isWorkingDay(p.from) ? 1 : 0);
    if (counted >= remaining) break; // due before the pause starts: it changes nothing
    remaining -= counted;
    if (p.to === undefined) return null;
    anchor = addDays(p.to, -1);
  }
  return calendar.addWorkingDays(anchor, remaining);
}

function clock(
  env: ApprovalEnv,
  name: ClockName,
  start: BusinessDate,
  limit: number,
  extensionDays: number,
  pauses: readonly Pause[],
  stoppedOn: BusinessDate | null,
  basis: string,
): ClockFacts {
  return { clock: name, start, limit, extensionDays, pauses, dueDate: dueDateOf(env.calendar, start, limit + extensionDays, pauses), stoppedOn, basis };
}

const startClock = (env: ApprovalEnv, name: ClockName, start: BusinessDate, limit: number, basis: string): ClockFacts => clock(env, name, start, limit, 0, [], null, basis);

function stop(c: ClockFacts | null, on: BusinessDate): ClockFacts | null {
  return c && c.stoppedOn === null ? { clock: c.clock, start: c.start, limit: c.limit, extensionDays: c.extensionDays, pauses: c.pauses, dueDate: c.dueDate, stoppedOn: on, basis: c.basis } : c;
}

function pause(env: ApprovalEnv, c: ClockFacts | null, on: BusinessDate): ClockFacts | null {
  if (!c || c.stoppedOn !== null) return c;
  return clock(env, c.clock, c.start, c.limit, c.extensionDays, [...c.pauses, { from: on }], null, c.basis);
}

function resume(env: ApprovalEnv, c: ClockFacts | null, on: BusinessDate): ClockFacts | null {
  if (!c || c.stoppedOn !== null) return c;
  const pauses = c.pauses.map((p) => (p.to === undefined ? { from: p.from, to: on } : p));
  return clock(env, c.clock, c.start, c.limit, c.extensionDays, pauses, null, c.basis);
}

function extend(env: ApprovalEnv, c: ClockFacts | null, days: number): ClockFacts | null {
  return c && clock(env, c.clock, c.start, c.limit, c.extensionDays + days, c.pauses, c.stoppedOn, c.basis);
}

function stopAll(clocks: CaseClocks, on: BusinessDate): CaseClocks {
  return {
    intake: stop(clocks.intake, on),
    statutory: stop(clocks.statutory, on),
    promised: stop(clocks.promised, on),
    certificate: stop(clocks.certificate, on),
    followUp: stop(clocks.followUp, on),
  };
}

function acceptFrom(env: ApprovalEnv, d: CaseData, from: BusinessDate, on: BusinessDate): Mutable<CaseClocks> {
  const rule = decisionRules(env.rules, d.handling).limit;
  const c = copyClocks(d.clocks);
  c.intake = stop(d.clocks.intake, on);
  c.statutory = startClock(env, 'statutory', from, limitOf(rule), rule.basis);
  c.promised = startClock(env, 'promised', from, d.promisedLimit, `承诺时限（${rule.basis} 法定时限内）`);
  return c;
}

/**
 * Folds one event into the case data: plain code, no machine, no validation. Both the fast `evolve` and the machine's
 * `assign` call it, so their contexts cannot drift apart. Call it only with events the machine accepts in the current status.
 *
 * @example
 * const data = applyEvent(emptyCaseData, received, env);
 */
export function applyEvent(d: CaseData, e: ApprovalEvent, env: ApprovalEnv): CaseData {
  const on = e.data.on;
  let detail = '';
  const n = copyData(d);
  switch (e.type) {
    case 'CaseReceived': {
      const x = e.data;
      detail = `${x.itemCode} ${x.applicant.name}${x.agent ? `（代办：${x.agent.name}）` : ''} @${x.node}`;
      n.caseId = x.caseId;
      n.itemCode = x.itemCode;
      n.department = x.department;
      n.node = x.node;
      n.applicant = x.applicant.name;
      n.agent = x.agent?.name ?? null;
      n.handling = x.handling;
      n.promisedLimit = x.promisedLimit;
      n.requiredVisits = x.requiredVisits;
      n.receivedOn = on;
      n.renewal = x.renewal;
      n.clocks = { ...emptyCaseData.clocks, intake: startClock(env, 'intake', on, limitOf(env.rules.intake), env.rules.intake.basis) };
      break;
    }
    case 'SupplementNotified': {
      detail = e.data.missing.join('、');
      n.supplementNotices = d.supplementNotices + 1;
      const c = copyClocks(d.clocks);
      c.intake = stop(d.clocks.intake, on);
      n.clocks = c;
      break;
    }
    case 'SupplementReceived': {
      detail = e.data.materials.join('、');
      const c = copyClocks(d.clocks);
      c.intake = startClock(env, 'intake', on, limitOf(env.rules.intake), env.rules.intake.basis);
      n.clocks = c;
      break;
    }
    case 'CaseAccepted':
      n.acceptance = 'accepted';
      n.acceptedFrom = on;
      n.clocks = acceptFrom(env, d, on, on);
      break;
    case 'CaseDeemedAccepted':
      detail = `自 ${e.data.from} 起视为受理（${e.data.basis}）`;
      n.acceptance = 'deemed';
      n.acceptedFrom = e.data.from;
      n.clocks = acceptFrom(env, d, e.data.from, on);
      break;
    case 'IntakeRefused':
      detail = `${e.data.reasons.join('；')} → ${e.data.competentAgency}`;
      n.reasons = e.data.reasons;
      n.clocks = stopAll(d.clocks, on);
      break;
    case 'CaseDecidedOnSpot': {
      const c = acceptFrom(env, d, on, on);
      c.statutory = stop(c.statutory, on);
      c.promised = stop(c.promised, on);
      c.certificate = startClock(env, 'certificate', on, limitOf(env.rules.certificate), env.rules.certificate.basis);
      n.acceptance = 'onTheSpot';
      n.acceptedFrom = on;
      n.outcome = 'grant';
      n.decidedOn = on;
      n.clocks = c;
      break;
    }
    case 'ReviewAssigned': {
      const r = e.data.rule;
      detail = `${e.data.departments.join('、')}（${r.kind === 'quorum' ? `${r.n}/${e.data.departments.length}` : r.kind}）`;
      n.review = { departments: e.data.departments, rule: r, opinions: {} };
      break;
    }
    case 'ReviewOpinionRecorded': {
      detail = `${e.data.department}: ${e.data.opinion}`;
      const review = d.review;
      if (review) n.review = { departments: review.departments, rule: review.rule, opinions: { ...review.opinions, [e.data.department]: e.data.opinion } };
      break;
    }
    case 'CaseReturned':
      detail = `→ ${e.data.to}: ${e.data.reasons.join('；')}`;
      n.returns = d.returns + 1;
      break;
    case 'CaseResubmitted':
      detail = e.data.note;
      n.review = d.review ? { departments: d.review.departments, rule: d.review.rule, opinions: {} } : null;
      break;
    case 'SpecialProcedureStarted': {
      detail = `${e.data.procedure}，预计 ${e.data.expectedWorkingDays} 个工作日`;
      n.specialProcedure = { procedure: e.data.procedure, from: on };
      const c = copyClocks(d.clocks);
      c.statutory = pause(env, d.clocks.statutory, on);
      c.promised = pause(env, d.clocks.promised, on);
      n.clocks = c;
      break;
    }
    case 'SpecialProcedureEnded': {
      detail = e.data.result;
      n.specialProcedure = null;
      const c = copyClocks(d.clocks);
      c.statutory = resume(env, d.clocks.statutory, on);
      c.promised = resume(env, d.clocks.promised, on);
      n.clocks = c;
      break;
    }
    case 'ExtensionGranted': {
      detail = `+${e.data.days}：${e.data.reasons.join('；')}`;
      n.extensions = d.extensions + 1;
      const c = copyClocks(d.clocks);
      c.statutory = extend(env, d.clocks.statutory, e.data.days);
      n.clocks = c;
      break;
    }
    case 'CaseDecided': {
      const grant = e.data.outcome === 'grant';
      detail = grant ? '准予' : `不予：${e.data.reasons.join('；')}`;
      n.outcome = e.data.outcome;
      n.reasons = e.data.reasons;
      n.decidedOn = on;
      const c = copyClocks(d.clocks);
      c.statutory = stop(d.clocks.statutory, on);
      c.promised = stop(d.clocks.promised, on);
      if (grant) c.certificate = startClock(env, 'certificate', on, limitOf(env.rules.certificate), env.rules.certificate.basis);
      n.clocks = c;
      break;
    }
    case 'CertificateIssued':
      detail = e.data.certificateNo;
      n.certificateNo = e.data.certificateNo;
      break;
    case 'CertificateDelivered': {
      const c = copyClocks(d.clocks);
      c.certificate = stop(d.clocks.certificate, on);
      n.clocks = c;
      break;
    }
    case 'EvaluationSubmitted':
      detail = e.data.rating;
      n.rating = e.data.rating;
      if (poorRatings.includes(e.data.rating)) {
        const c = copyClocks(d.clocks);
        c.followUp = startClock(env, 'followUp', on, limitOf(env.rules.followUp), env.rules.followUp.basis);
        n.clocks = c;
      }
      break;
    case 'FollowUpClosed': {
      detail = e.data.rectification;
      const c = copyClocks(d.clocks);
      c.followUp = stop(d.clocks.followUp, on);
      n.clocks = c;
      break;
    }
    case 'CaseWithdrawn':
      detail = e.data.reason;
      n.specialProcedure = null;
      n.clocks = stopAll(d.clocks, on);
      break;
    case 'DeadlineWarned':
      detail = `${e.data.clock} ${e.data.level} due ${e.data.dueDate}`;
      n.warnings = [...d.warnings, warningKey(e.data.clock, e.data.level, e.data.dueDate)];
      break;
  }
  if (d.lastOn === null || on > d.lastOn) n.lastOn = on;
  if (e.data.inPerson && on !== d.lastVisitOn) {
    n.visits = d.visits + 1;
    n.lastVisitOn = on;
  }
  n.timeline = [...d.timeline, { type: e.type, step: stepLabels[e.type], on, channel: e.data.channel, inPerson: e.data.inPerson, detail }];
  return n;
}

/**
 * The key under which a warning is remembered (one per clock, level and due date).
 *
 * @example
 * warningKey('statutory', 'yellow', '2013-10-18'); // 'statutory:yellow:2013-10-18'
 */
export function warningKey(clock: ClockName, level: 'yellow' | 'red', dueDate: BusinessDate): string {
  return `${clock}:${level}:${dueDate}`;
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
