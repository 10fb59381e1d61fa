import type { Channel } from '@banshi/core';
import { statutoryClock, type BusinessDate, type Pause, type WorkingCalendar } from '@banshi/calendar';
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
  /** The applicant's in-person visits (到现场次数). */
  readonly visits: number;
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

/** `rule.limit` as a number (rules used for clocks always have one). */
export function limitOf(rule: LicensingRule): number {
  return rule.limit ?? 0;
}

function computeDue(env: ApprovalEnv, c: Omit<ClockFacts, 'dueDate'>): BusinessDate | null {
  if (c.pauses.length === 0) return env.calendar.addWorkingDays(c.start, c.limit + c.extensionDays);
  return statutoryClock({ calendar: env.calendar, start: c.start, limit: c.limit, pauses: c.pauses, extensions: c.extensionDays ? [{ days: c.extensionDays }] : [] }).dueDate;
}

function startClock(env: ApprovalEnv, clock: ClockName, start: BusinessDate, limit: number, basis: string): ClockFacts {
  const facts = { clock, start, limit, extensionDays: 0, pauses: [], stoppedOn: null, basis };
  return { ...facts, dueDate: computeDue(env, facts) };
}

function stop(c: ClockFacts | null, on: BusinessDate): ClockFacts | null {
  return c && c.stoppedOn === null ? { ...c, stoppedOn: on } : c;
}

function pause(env: ApprovalEnv, c: ClockFacts | null, on: BusinessDate): ClockFacts | null {
  if (!c || c.stoppedOn !== null) return c;
  const next = { ...c, pauses: [...c.pauses, { from: on }] };
  return { ...next, dueDate: computeDue(env, next) };
}

function resume(env: ApprovalEnv, c: ClockFacts | null, on: BusinessDate): ClockFacts | null {
  if (!c || c.stoppedOn !== null) return c;
  const next = { ...c, pauses: c.pauses.map((p) => (p.to === undefined ? { from: p.from, to: on } : p)) };
  return { ...next, dueDate: computeDue(env, next) };
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

function acceptFrom(env: ApprovalEnv, d: CaseData, from: BusinessDate, on: BusinessDate): CaseClocks {
  const rule = decisionRules(env.rules, d.handling).limit;
  return {
    ...d.clocks,
    intake: stop(d.clocks.intake, on),
    statutory: startClock(env, 'statutory', from, limitOf(rule), rule.basis),
    promised: startClock(env, 'promised', from, d.promisedLimit, `承诺时限（${rule.basis} 法定时限内）`),
  };
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
  let next: CaseData;
  switch (e.type) {
    case 'CaseReceived': {
      const x = e.data;
      detail = `${x.itemCode} ${x.applicant.name}${x.agent ? `（代办：${x.agent.name}）` : ''} @${x.node}`;
      next = {
        ...d,
        caseId: x.caseId,
        itemCode: x.itemCode,
        department: x.department,
        node: x.node,
        applicant: x.applicant.name,
        agent: x.agent?.name ?? null,
        handling: x.handling,
        promisedLimit: x.promisedLimit,
        receivedOn: on,
        renewal: x.renewal,
        clocks: { ...d.clocks, intake: startClock(env, 'intake', on, limitOf(env.rules.intake), env.rules.intake.basis) },
      };
      break;
    }
    case 'SupplementNotified':
      detail = e.data.missing.join('、');
      next = { ...d, supplementNotices: d.supplementNotices + 1, clocks: { ...d.clocks, intake: stop(d.clocks.intake, on) } };
      break;
    case 'SupplementReceived':
      detail = e.data.materials.join('、');
      next = { ...d, clocks: { ...d.clocks, intake: startClock(env, 'intake', on, limitOf(env.rules.intake), env.rules.intake.basis) } };
      break;
    case 'CaseAccepted':
      next = { ...d, acceptance: 'accepted', acceptedFrom: on, clocks: acceptFrom(env, d, on, on) };
      break;
    case 'CaseDeemedAccepted':
      detail = `自 ${e.data.from} 起视为受理（${e.data.basis}）`;
      next = { ...d, acceptance: 'deemed', acceptedFrom: e.data.from, clocks: acceptFrom(env, d, e.data.from, on) };
      break;
    case 'IntakeRefused':
      detail = `${e.data.reasons.join('；')} → ${e.data.competentAgency}`;
      next = { ...d, outcome: null, reasons: e.data.reasons, clocks: stopAll(d.clocks, on) };
      break;
    case 'CaseDecidedOnSpot': {
      const accepted = acceptFrom(env, d, on, on);
      next = {
        ...d,
        acceptance: 'onTheSpot',
        acceptedFrom: on,
        outcome: 'grant',
        decidedOn: on,
        clocks: {
          ...accepted,
          statutory: stop(accepted.statutory, on),
          promised: stop(accepted.promised, on),
          certificate: startClock(env, 'certificate', on, limitOf(env.rules.certificate), env.rules.certificate.basis),
        },
      };
      break;
    }
    case 'ReviewAssigned': {
      const r = e.data.rule;
      detail = `${e.data.departments.join('、')}（${r.kind === 'quorum' ? `${r.n}/${e.data.departments.length}` : r.kind}）`;
      next = { ...d, review: { departments: e.data.departments, rule: r, opinions: {} } };
      break;
    }
    case 'ReviewOpinionRecorded': {
      detail = `${e.data.department}: ${e.data.opinion}`;
      const review = d.review;
      next = review ? { ...d, review: { ...review, opinions: { ...review.opinions, [e.data.department]: e.data.opinion } } } : d;
      break;
    }
    case 'CaseReturned':
      detail = `→ ${e.data.to}: ${e.data.reasons.join('；')}`;
      next = { ...d, returns: d.returns + 1 };
      break;
    case 'CaseResubmitted':
      detail = e.data.note;
      next = { ...d, review: d.review ? { ...d.review, opinions: {} } : null };
      break;
    case 'SpecialProcedureStarted':
      detail = `${e.data.procedure}，预计 ${e.data.expectedWorkingDays} 个工作日`;
      next = {
        ...d,
        specialProcedure: { procedure: e.data.procedure, from: on },
        clocks: { ...d.clocks, statutory: pause(env, d.clocks.statutory, on), promised: pause(env, d.clocks.promised, on) },
      };
      break;
    case 'SpecialProcedureEnded':
      detail = e.data.result;
      next = {
        ...d,
        specialProcedure: null,
        clocks: { ...d.clocks, statutory: resume(env, d.clocks.statutory, on), promised: resume(env, d.clocks.promised, on) },
      };
      break;
    case 'ExtensionGranted': {
      detail = `+${e.data.days}：${e.data.reasons.join('；')}`;
      const s = d.clocks.statutory;
      const extended = s ? { ...s, extensionDays: s.extensionDays + e.data.days } : null;
      next = { ...d, extensions: d.extensions + 1, clocks: { ...d.clocks, statutory: extended && { ...extended, dueDate: computeDue(env, extended) } } };
      break;
    }
    case 'CaseDecided': {
      const grant = e.data.outcome === 'grant';
      detail = grant ? '准予' : `不予：${e.data.reasons.join('；')}`;
      next = {
        ...d,
        outcome: e.data.outcome,
        reasons: e.data.reasons,
        decidedOn: on,
        clocks: {
          ...d.clocks,
          statutory: stop(d.clocks.statutory, on),
          promised: stop(d.clocks.promised, on),
          certificate: grant ? startClock(env, 'certificate', on, limitOf(env.rules.certificate), env.rules.certificate.basis) : d.clocks.certificate,
        },
      };
      break;
    }
    case 'CertificateIssued':
      detail = e.data.certificateNo;
      next = { ...d, certificateNo: e.data.certificateNo };
      break;
    case 'CertificateDelivered':
      next = { ...d, clocks: { ...d.clocks, certificate: stop(d.clocks.certificate, on) } };
      break;
    case 'EvaluationSubmitted': {
      detail = e.data.rating;
      const poor = poorRatings.includes(e.data.rating);
      next = {
        ...d,
        rating: e.data.rating,
        clocks: poor ? { ...d.clocks, followUp: startClock(env, 'followUp', on, limitOf(env.rules.followUp), env.rules.followUp.basis) } : d.clocks,
      };
      break;
    }
    case 'FollowUpClosed':
      detail = e.data.rectification;
      next = { ...d, clocks: { ...d.clocks, followUp: stop(d.clocks.followUp, on) } };
      break;
    case 'CaseWithdrawn':
      detail = e.data.reason;
      next = { ...d, specialProcedure: null, clocks: stopAll(d.clocks, on) };
      break;
    case 'DeadlineWarned':
      detail = `${e.data.clock} ${e.data.level} due ${e.data.dueDate}`;
      next = { ...d, warnings: [...d.warnings, warningKey(e.data.clock, e.data.level, e.data.dueDate)] };
      break;
  }
  return {
    ...next,
    lastOn: d.lastOn === null || on > d.lastOn ? on : d.lastOn,
    visits: e.data.inPerson ? d.visits + 1 : d.visits,
    timeline: [...d.timeline, { type: e.type, step: stepLabels[e.type], on, channel: e.data.channel, inPerson: e.data.inPerson, detail }],
  };
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
