import type { ApprovalEvent } from '../events/index.js';
import { poorRatings } from '../events/index.js';
import { acceptFrom, copyClocks, decideOnTheSpot, extend, limitOf, pause, resume, startClock, stop, stopAll, type Mutable } from './caseClocks.js';
import { clockLabels, describeDueZh, emptyCaseData, stepLabels, warningKey, warningLabels, type ApprovalEnv, type CaseClocks, type CaseData, type HearingFacts } from './caseData.js';


/** Copies the data with every field listed: a literal of one fixed shape stays fast in V8 (a spread of a spread does not). */
function copyData(d: CaseData): Mutable<CaseData> {
  return {
    caseId: d.caseId,
    itemCode: d.itemCode,
    department: d.department,
    node: d.node,
    applicant: d.applicant,
    applicantId: d.applicantId,
    agent: d.agent,
    agentParty: d.agentParty,
    handling: d.handling,
    promisedLimit: d.promisedLimit,
    requiredVisits: d.requiredVisits,
    receivedOn: d.receivedOn,
    renewal: d.renewal,
    statutoryLimit: d.statutoryLimit,
    supplementNotices: d.supplementNotices,
    materialsCompleteOn: d.materialsCompleteOn,
    acceptance: d.acceptance,
    acceptedFrom: d.acceptedFrom,
    review: d.review,
    returns: d.returns,
    specialProcedure: d.specialProcedure,
    hearing: d.hearing,
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


const noHearing: HearingFacts = {
  basis: '',
  parties: [],
  interest: null,
  notifiedOn: null,
  requestedOn: null,
  requestedBy: null,
  noticeOn: null,
  hearingOn: null,
  place: null,
  presider: null,
  announcement: null,
  heldOn: null,
  record: null,
  lapsedFrom: null,
};

/** The decision clocks (法定时限 and 承诺时限) paused or resumed for a 第四十五条 period. */
function decisionClocks(env: ApprovalEnv, d: CaseData, on: string, how: typeof pause | typeof resume): Mutable<CaseClocks> {
  const c = copyClocks(d.clocks);
  c.statutory = how(env, d.clocks.statutory, on);
  c.promised = how(env, d.clocks.promised, on);
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
      const auth = x.agent?.authorization;
      detail = `${x.itemCode} ${x.applicant.name}${x.agent ? `（代办：${x.agent.name}${auth ? `，${auth.document} ${auth.ref}，有效期至 ${auth.validUntil}` : ''}）` : ''} @${x.node}${x.statutoryLimit ? `；法定时限 ${x.statutoryLimit.days} 个工作日（${x.statutoryLimit.basis}）` : ''}`;
      n.caseId = x.caseId;
      n.itemCode = x.itemCode;
      n.department = x.department;
      n.node = x.node;
      n.applicant = x.applicant.name;
      n.applicantId = x.applicant.id ?? null;
      n.agent = x.agent?.name ?? null;
      n.agentParty = x.agent ? { name: x.agent.name, id: x.agent.id ?? null, authorization: x.agent.authorization ?? null } : null;
      n.handling = x.handling;
      n.promisedLimit = x.promisedLimit;
      n.requiredVisits = x.requiredVisits;
      n.receivedOn = on;
      n.materialsCompleteOn = on;
      n.renewal = x.renewal;
      n.statutoryLimit = x.statutoryLimit ?? null;
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
      n.materialsCompleteOn = on;
      // 第三十二条 deems nothing accepted after a supplement; only a local rule recorded in the event starts a new intake clock.
      const rule = e.data.deemedAcceptance;
      if (rule) {
        const c = copyClocks(d.clocks);
        c.intake = startClock(env, 'intake', on, rule.days, rule.basis);
        n.clocks = c;
      }
      break;
    }
    case 'CaseAccepted': {
      // An acceptance after the intake period (recorded while that period's end was unknown, or imported) counts from
      // the receipt date: 第三十二条 had already deemed the application accepted then.
      const intake = d.clocks.intake;
      const late = intake !== null && intake.stoppedOn === null && intake.dueDate !== null && on > intake.dueDate;
      const from = late ? intake.start : on;
      if (late) detail = `逾期受理：自 ${from} 起视为受理（${env.rules.lateAcceptance.basis}）`;
      n.acceptance = late ? 'deemed' : 'accepted';
      n.acceptedFrom = from;
      n.clocks = acceptFrom(env, d, from, on);
      break;
    }
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
    case 'CaseDecidedOnSpot':
      n.acceptance = 'onTheSpot';
      n.acceptedFrom = on;
      n.outcome = 'grant';
      n.decidedOn = on;
      n.clocks = decideOnTheSpot(env, d, on);
      break;
    case 'ReviewAssigned': {
      const r = e.data.rule;
      detail = `${e.data.departments.join('、')}（${r.kind === 'quorum' ? `${r.n}/${e.data.departments.length} 个部门同意` : r.kind === 'all' ? '各部门均同意' : '任一部门同意'}）`;
      n.review = { departments: e.data.departments, rule: r, opinions: {} };
      break;
    }
    case 'ReviewOpinionRecorded': {
      detail = `${e.data.department}：${e.data.opinion === 'approve' ? '同意' : '不同意'}`;
      const review = d.review;
      if (review) n.review = { departments: review.departments, rule: review.rule, opinions: { ...review.opinions, [e.data.department]: e.data.opinion } };
      break;
    }
    case 'CaseReturned':
      detail = `退回${e.data.to === 'window' ? '窗口' : '申请人'}：${e.data.reasons.join('；')}`;
      n.returns = d.returns + 1;
      break;
    case 'CaseResubmitted':
      detail = e.data.note;
      n.review = d.review ? { departments: d.review.departments, rule: d.review.rule, opinions: {} } : null;
      break;
    case 'SpecialProcedureStarted': {
      const panel = e.data.panel;
      detail = `${e.data.procedure}，预计 ${e.data.expectedWorkingDays} 个工作日${panel ? `（${panel.members} 人，${panel.quorum} 人赞成为通过，仅供参考）` : ''}`;
      n.specialProcedure = { procedure: e.data.procedure, from: on, panel };
      n.clocks = decisionClocks(env, d, on, pause);
      break;
    }
    case 'SpecialProcedureEnded': {
      const a = e.data.advice;
      detail = a ? `${e.data.result}（${d.specialProcedure?.procedure ?? '专家评审'} ${a.approve}/${a.members} 赞成，需 ${a.quorum}：${a.favourable ? '通过' : '不通过'}，仅供参考）` : e.data.result;
      n.specialProcedure = null;
      n.clocks = decisionClocks(env, d, on, resume);
      break;
    }
    case 'HearingRightNotified': {
      const rule = env.rules.hearingRequest;
      detail = `${e.data.parties.join('、')}：${e.data.interest}（${rule.basis}，${String(rule.limit)} 个工作日内可申请听证）`;
      n.hearing = { ...noHearing, basis: rule.basis, parties: e.data.parties, interest: e.data.interest, notifiedOn: on };
      const c = decisionClocks(env, d, on, pause);
      c.hearingRequest = startClock(env, 'hearingRequest', on, limitOf(rule), rule.basis);
      n.clocks = c;
      break;
    }
    case 'HearingRequested': {
      const rule = env.rules.hearingHeld;
      detail = e.data.party;
      n.hearing = { ...(d.hearing ?? noHearing), requestedOn: on, requestedBy: e.data.party };
      const c = copyClocks(d.clocks);
      c.hearingRequest = stop(d.clocks.hearingRequest, on);
      c.hearing = startClock(env, 'hearing', on, limitOf(rule), rule.basis);
      n.clocks = c;
      break;
    }
    case 'HearingScheduled': {
      const x = e.data;
      detail = `${x.hearingOn} ${x.place}，主持人 ${x.presider}${x.announcement ? `；公告：${x.announcement}` : ''}`;
      // Scheduled without a request: a hearing the organ holds under 第四十六条; the decision clocks pause from its notice.
      const own = d.hearing === null;
      n.hearing = { ...(d.hearing ?? { ...noHearing, basis: env.rules.publicHearing.basis }), noticeOn: on, hearingOn: x.hearingOn, place: x.place, presider: x.presider, announcement: x.announcement };
      if (own) n.clocks = decisionClocks(env, d, on, pause);
      break;
    }
    case 'HearingHeld': {
      detail = `听证笔录 ${e.data.record}（${e.data.signedBy.join('、')} 签字确认）`;
      n.hearing = { ...(d.hearing ?? noHearing), heldOn: on, record: e.data.record };
      const c = decisionClocks(env, d, on, resume);
      c.hearing = stop(d.clocks.hearing, on);
      n.clocks = c;
      break;
    }
    case 'HearingRightLapsed': {
      detail = `无人申请听证，自 ${e.data.from} 起恢复计时（${e.data.basis}）`;
      n.hearing = { ...(d.hearing ?? noHearing), lapsedFrom: e.data.from };
      const c = decisionClocks(env, d, e.data.from, resume);
      c.hearingRequest = stop(d.clocks.hearingRequest, on);
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
      detail = `${grant ? '准予' : `不予：${e.data.reasons.join('；')}`}${e.data.hearingRecord ? `（根据听证笔录 ${e.data.hearingRecord}）` : ''}`;
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
    case 'RenewalDeemedGranted': {
      detail = `${e.data.licenceNo} 有效期 ${e.data.expiresOn} 届满前未作决定，自 ${e.data.from} 起视为准予延续（${e.data.basis}）`;
      n.outcome = 'grant';
      n.decidedOn = on;
      n.specialProcedure = null;
      const c = stopAll(d.clocks, on) as Mutable<CaseClocks>;
      // The renewed licence is issued like any grant (第四十四条; our reading for a deemed grant).
      c.certificate = startClock(env, 'certificate', on, limitOf(env.rules.certificate), env.rules.certificate.basis);
      n.clocks = c;
      break;
    }
    case 'DeadlineWarned':
      detail = `${clockLabels[e.data.clock]}${e.data.level === 'unknown' ? '' : warningLabels[e.data.level]}：${describeDueZh(e.data)}`;
      n.warnings = [...d.warnings, warningKey(e.data.clock, e.data.level, e.data.dueDate, e.data.missingYear)];
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

