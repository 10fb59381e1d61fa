import { DomainError, type Channel, type DecideContext, type Decider } from '@banshi/core';
import { addDays, mainlandChinaCalendar, statutoryClock, type BusinessDate, type ClockReading, type WorkingCalendar } from '@banshi/calendar';
import { initialTransition, transition } from 'xstate';
import type { ApprovalCommand, ApprovalCommandType } from '../commands/index.js';
import { ApprovalConfigError, CalendarYearMissingError, rejection } from '../errors/index.js';
import { clockNames, type ApprovalEvent, type ApprovalEventOf, type ApprovalEventType, type ClockName, type Handling } from '../events/index.js';
import {
  acceptsEventType,
  approvalStatuses,
  approvalTransitionTable,
  createApprovalMachine,
  nextStatus,
  type ApprovalMachine,
  type ApprovalStatus,
  type TransitionTable,
} from '../machine/index.js';
import { resolveRules, type ConfigurableRuleKey, type LicensingRule, type LicensingRuleKey, type ResolvedRules } from '../rules/index.js';
import { applyEvent, caseDecisionLimit, describeDue, dueOf, emptyCaseData, limitOf, reviewOutcome, warningKey, type ApprovalEnv, type ApprovalState, type ClockFacts } from '../state/index.js';

/**
 * An item's own limits from the catalog: its handling, its promised limit (承诺时限, working days) and, when another law
 * sets one, its statutory limit with that law's article (行政许可法 第四十二条: 法律、法规另有规定的，依照其规定) and the
 * extension that law allows (default 0: none).
 *
 * @example
 * const limits: ItemLimits = { 'XK-330100-001': { handling: 'standard', promised: 8, statutory: { days: 30, law: '某条例', article: '第十二条' } } };
 */
export type ItemLimits = Readonly<Record<string, ItemLimit>>;

/**
 * One item's entry of {@link ItemLimits}.
 *
 * @example
 * const l: ItemLimit = { handling: 'standard', promised: 8 };
 */
export interface ItemLimit {
  readonly handling?: Handling;
  readonly promised?: number;
  readonly requiredVisits?: number;
  readonly statutory?: { readonly days: number; readonly extensionDays?: number; readonly law: string; readonly article: string };
}

/**
 * Options of {@link createApprovalDecider}.
 *
 * @example
 * const o: ApprovalDeciderOptions = { calendar: mainlandChinaCalendar(), rules: { followUp: 10 }, itemLimits: { 'XK-1': { promised: 8 } } };
 */
export interface ApprovalDeciderOptions {
  /** Default: `mainlandChinaCalendar()`. */
  readonly calendar?: WorkingCalendar;
  /** Overrides of the configurable (non-statutory) limits. */
  readonly rules?: Partial<Record<ConfigurableRuleKey, number>>;
  readonly itemLimits?: ItemLimits;
  /**
   * Rules a deployment adopts from its own regulations, each off unless given, each citing its basis.
   * `deemedAcceptanceAfterSupplement`: no intake decision within `days` working days of a 补正 supplement deems the
   * case accepted (行政许可法 第三十二条 has no such rule; rule `supplementDeemedAcceptance`).
   */
  readonly localRules?: { readonly deemedAcceptanceAfterSupplement?: { readonly days: number; readonly basis: string } };
}

/**
 * The state of the approval decider: the machine's status and the case data.
 *
 * @example
 * const s: CaseState = foldDecider(approval, events);
 */
export type CaseState = ApprovalState<ApprovalStatus>;

/**
 * What {@link createApprovalDecider} returns: a core `Decider` plus the due check, clock readings and the machine it follows.
 *
 * @example
 * const approval: ApprovalDecider = createApprovalDecider();
 */
export interface ApprovalDecider extends Decider<CaseState, ApprovalCommand, ApprovalEvent> {
  readonly env: ApprovalEnv;
  /** The machine over the same calendar and rules (for pure `transition()` and graph tools). */
  readonly machine: ApprovalMachine;
  readonly table: TransitionTable;
  /**
   * The events the due check appends on `today`: yellow warnings, red overdue, deemed acceptance (第三十二条), a renewal
   * deemed granted when the licence expired undecided (第五十条第二款), a hearing right lapsed when no party asked within
   * the window (第四十七条).
   * Idempotent: after appending them, running it again the same day returns `[]`.
   */
  dueCheck(state: CaseState, today: BusinessDate): readonly ApprovalEvent[];
  /**
   * A clock's reading on `today` (`null` when the clock has not started). Stopped clocks are read on the day they stopped.
   * Total: a due date in a year without calendar data reads `dueDate: null, missingYear` (and `level: 'unknown'` once
   * `today` is past the data too).
   */
  clockStatus(state: CaseState, clock: ClockName, today: BusinessDate): ClockReading | null;
  /**
   * The reference fold: every event through xstate's pure `transition()` (about 30× slower than `evolve`). For
   * verification and benchmarks; it must always equal folding with `evolve`.
   */
  foldWithMachine(events: Iterable<ApprovalEvent>): CaseState;
}

/** Which event each step command produces (the machine says in which status it may). */
const commandEvents = {
  Receive: 'CaseReceived',
  NotifySupplement: 'SupplementNotified',
  ReceiveSupplement: 'SupplementReceived',
  Accept: 'CaseAccepted',
  RefuseIntake: 'IntakeRefused',
  DecideOnSpot: 'CaseDecidedOnSpot',
  AssignReview: 'ReviewAssigned',
  RecordOpinion: 'ReviewOpinionRecorded',
  Return: 'CaseReturned',
  Resubmit: 'CaseResubmitted',
  StartSpecialProcedure: 'SpecialProcedureStarted',
  EndSpecialProcedure: 'SpecialProcedureEnded',
  NotifyHearingRight: 'HearingRightNotified',
  RequestHearing: 'HearingRequested',
  ScheduleHearing: 'HearingScheduled',
  HoldHearing: 'HearingHeld',
  Extend: 'ExtensionGranted',
  Decide: 'CaseDecided',
  IssueCertificate: 'CertificateIssued',
  DeliverCertificate: 'CertificateDelivered',
  Evaluate: 'EvaluationSubmitted',
  CloseFollowUp: 'FollowUpClosed',
  Withdraw: 'CaseWithdrawn',
} as const satisfies Record<Exclude<ApprovalCommandType, 'CheckDue'>, ApprovalEventType>;
type StepCommand = Exclude<ApprovalCommand, { type: 'CheckDue' }>;

/** The rule quoted when the machine does not allow a command in the current status. */
const commandRules = {
  Receive: 'intake',
  NotifySupplement: 'intake',
  ReceiveSupplement: 'intake',
  Accept: 'intake',
  RefuseIntake: 'intake',
  DecideOnSpot: 'immediate',
  AssignReview: 'decision',
  RecordOpinion: 'decision',
  Return: 'decision',
  Resubmit: 'decision',
  StartSpecialProcedure: 'specialProcedures',
  EndSpecialProcedure: 'specialProcedures',
  NotifyHearingRight: 'hearingRequest',
  RequestHearing: 'hearingRequest',
  ScheduleHearing: 'hearingNotice',
  HoldHearing: 'hearingRecord',
  Extend: 'extension',
  Decide: 'decision',
  IssueCertificate: 'certificate',
  DeliverCertificate: 'certificate',
  Evaluate: 'followUp',
  CloseFollowUp: 'followUp',
  Withdraw: 'withdrawal',
} as const satisfies Record<StepCommand['type'], LicensingRuleKey>;

/** Clock readings a decider keeps (see `readClock`); past this it starts afresh. */
const MAX_MEMO_READINGS = 4096;

const commandsFor = (table: TransitionTable, status: ApprovalStatus): string =>
  (Object.keys(commandEvents) as StepCommand['type'][]).filter((c) => table[status][commandEvents[c]] !== undefined).join(', ') || 'none (the case is closed)';

/**
 * Builds the approval decider (design §3): `decide` checks every rule with its article and returns events or a
 * `DomainError`; `evolve` is the fast fold — the machine's transition table for the status, {@link applyEvent} for the data.
 *
 * @example
 * const approval = createApprovalDecider({ itemLimits: { 'XK-1': { promised: 8 } } });
 * const r = await handle(store, 'case-1', { type: 'Accept', on: '2013-09-17', channel: 'window' }, approval);
 */
export function createApprovalDecider(options: ApprovalDeciderOptions = {}): ApprovalDecider {
  const calendar = options.calendar ?? mainlandChinaCalendar();
  const rules: ResolvedRules = resolveRules(options.rules);
  const env: ApprovalEnv = { calendar, rules };
  const itemLimits = options.itemLimits ?? {};
  for (const [code, l] of Object.entries(itemLimits)) {
    if (l.promised !== undefined && (!Number.isInteger(l.promised) || l.promised < 0)) throw new ApprovalConfigError(`itemLimits.${code}.promised must be an integer ≥ 0 working days`);
    const s = l.statutory;
    if (s !== undefined) {
      if (!Number.isInteger(s.days) || s.days < 1) throw new ApprovalConfigError(`itemLimits.${code}.statutory.days must be an integer ≥ 1 working days (the limit the other law sets)`);
      if (s.extensionDays !== undefined && (!Number.isInteger(s.extensionDays) || s.extensionDays < 0)) throw new ApprovalConfigError(`itemLimits.${code}.statutory.extensionDays must be an integer ≥ 0 working days`);
      if (s.law.trim() === '' || s.article.trim() === '') throw new ApprovalConfigError(`itemLimits.${code}.statutory needs the law and the article that set the limit (第四十二条: 法律、法规另有规定的，依照其规定)`);
    }
  }
  const local = options.localRules?.deemedAcceptanceAfterSupplement;
  if (local !== undefined && (!Number.isInteger(local.days) || local.days < 1 || typeof local.basis !== 'string' || local.basis.trim() === '')) {
    throw new ApprovalConfigError('localRules.deemedAcceptanceAfterSupplement needs days (an integer ≥ 1 working days) and the basis of the local regulation that sets it');
  }
  const supplementRule = local ? { days: local.days, basis: local.basis } : null;
  const table = approvalTransitionTable;
  const machine = createApprovalMachine(env);
  const initialState: CaseState = { status: 'new', data: emptyCaseData };

  const evolve = (state: CaseState, event: ApprovalEvent): CaseState => {
    const status = nextStatus(state, event, table);
    if (status === undefined) return state; // the machine ignores an event it does not accept; so do we
    return { status, data: applyEvent(state.data, event, env) };
  };

  const clockOf = (facts: ClockFacts) =>
    statutoryClock({ calendar, start: facts.start, limit: facts.limit, pauses: facts.pauses, extensions: facts.extensionDays ? [{ days: facts.extensionDays }] : [], warnWhenLeft: limitOf(rules.warning) });

  // A reading depends only on the clock's start, limit, extension days and pauses and the day read (calendar and
  // rules are this decider's): cases received on one day share it, so each business day builds it once, not per read.
  const readings = new Map<string, ClockReading>();
  const readClock = (facts: ClockFacts, day: BusinessDate): ClockReading => {
    let key = `${facts.start}|${String(facts.limit)}|${String(facts.extensionDays)}|${day}`;
    for (const p of facts.pauses) key += `|${p.from}~${p.to ?? ''}`;
    let r = readings.get(key);
    if (r === undefined) {
      r = Object.freeze(clockOf(facts).read(day));
      if (readings.size >= MAX_MEMO_READINGS) readings.clear();
      readings.set(key, r);
    }
    return r;
  };

  const clockStatus = (state: CaseState, clock: ClockName, today: BusinessDate): ClockReading | null => {
    const facts = state.data.clocks[clock];
    if (!facts) return null;
    return readClock(facts, facts.stoppedOn !== null && facts.stoppedOn < today ? facts.stoppedOn : today);
  };

  /**
   * Whether `date` is after a clock's due date: `true` / `false`, or the missing year when the calendar cannot tell. A
   * due date past the data lies in its missing year or later, so any day before that year is still in time.
   */
  const pastDue = (facts: ClockFacts | null, date: BusinessDate): boolean | number => {
    if (!facts) return false;
    if (facts.dueDate !== null) return date > facts.dueDate;
    if (facts.missingYear === null) return false; // paused: a 第四十五条 procedure runs
    return date < `${String(facts.missingYear).padStart(4, '0')}-01-01` ? false : facts.missingYear;
  };

  const system = (on: BusinessDate) => ({ on, channel: 'system' as const, inPerson: false });

  const dueStep = (state: CaseState, today: BusinessDate): ApprovalEvent | undefined => {
    const d = state.data;
    const renewal = d.renewal;
    if (renewal && today > renewal.expiresOn && acceptsEventType(state.status, 'RenewalDeemedGranted', table)) {
      return { type: 'RenewalDeemedGranted', data: { licenceNo: renewal.licenceNo, expiresOn: renewal.expiresOn, from: addDays(renewal.expiresOn, 1), basis: rules.renewalDeemed.basis, ...system(today) } };
    }
    const intake = d.clocks.intake;
    if (state.status === 'intake' && intake && intake.stoppedOn === null && intake.dueDate !== null && today > intake.dueDate) {
      return { type: 'CaseDeemedAccepted', data: { from: intake.start, basis: intake.basis, ...system(today) } };
    }
    const window = d.clocks.hearingRequest;
    if (state.status === 'hearingNotice' && window && window.stoppedOn === null && window.dueDate !== null && today > window.dueDate) {
      return { type: 'HearingRightLapsed', data: { from: addDays(window.dueDate, 1), basis: window.basis, ...system(today) } };
    }
    if (!acceptsEventType(state.status, 'DeadlineWarned', table)) return undefined;
    for (const name of clockNames) {
      const facts = d.clocks[name];
      if (!facts || facts.stoppedOn !== null || (facts.dueDate === null && facts.missingYear === null)) continue;
      const s = readClock(facts, today);
      if (s.level === 'normal' || s.paused) continue;
      const missingYear = s.dueDate === null ? (s.missingYear ?? Number(today.slice(0, 4))) : null;
      if (d.warnings.includes(warningKey(name, s.level, s.dueDate, missingYear))) continue;
      if (s.level === 'yellow' && d.warnings.includes(warningKey(name, 'red', s.dueDate, missingYear))) continue;
      return { type: 'DeadlineWarned', data: { clock: name, level: s.level, dueDate: s.dueDate, left: s.left, missingYear, basis: facts.basis, ...system(today) } };
    }
    return undefined;
  };

  const dueCheck = (state: CaseState, today: BusinessDate): readonly ApprovalEvent[] => {
    if (state.status === 'new' || (state.data.lastOn !== null && today < state.data.lastOn)) return [];
    const out: ApprovalEvent[] = [];
    let s = state;
    for (let e = dueStep(s, today); e !== undefined; e = dueStep(s, today)) {
      out.push(e);
      s = evolve(s, e);
    }
    return out;
  };

  const notAllowed = (cmd: StepCommand, status: ApprovalStatus, rule: LicensingRule): DomainError =>
    rejection('APPROVAL_STEP_NOT_ALLOWED', `${cmd.type} is not allowed while the case is ${status}; allowed now: ${commandsFor(table, status)}`, rule);

  const build = (cmd: StepCommand, state: CaseState, context: DecideContext): ApprovalEvent | DomainError => {
    const d = state.data;
    const base = { on: cmd.on, channel: cmd.channel as Channel, inPerson: cmd.inPerson ?? cmd.channel === 'window' };
    /** 第三十二条: an intake decision after the 5 working days is refused (the case is deemed accepted); `number`: the calendar cannot tell. */
    const intakeOpen = (): DomainError | number | undefined => {
      const intake = d.clocks.intake;
      if (!intake || intake.stoppedOn !== null) return undefined; // no running intake period (e.g. after a 补正 without a local rule)
      const past = pastDue(intake, cmd.on);
      if (past === true) {
        return rejection(
          'APPROVAL_INTAKE_PERIOD_EXPIRED',
          `no intake decision within ${String(rules.intake.limit)} working days (due ${intake?.dueDate ?? ''}): the application is deemed accepted from ${intake?.start ?? ''}; run the due check (CheckDue) and continue with review`,
          rules.intake,
        );
      }
      return past === false ? undefined : past;
    };
    /** The step needs a date the calendar cannot give: refused, naming the year to load; nothing is written. */
    const needsYear = (year: number, what: string, rule: LicensingRule): DomainError => new CalendarYearMissingError(year, what, rule);
    switch (cmd.type) {
      case 'Receive': {
        const item = itemLimits[cmd.itemCode] ?? {};
        const handling = cmd.handling ?? item.handling ?? 'standard';
        // The catalog version in force on receipt (receiveTermsOf) wins over a limit configured for the item code.
        const own = cmd.statutoryLimit ?? item.statutory;
        const statutoryLimit = own ? { days: own.days, extensionDays: own.extensionDays ?? 0, basis: `${own.law} ${own.article}` } : undefined;
        const statutory = caseDecisionLimit(env, { handling, statutoryLimit: statutoryLimit ?? null });
        const promisedLimit = cmd.promisedLimit ?? item.promised ?? statutory.limit;
        if (promisedLimit > statutory.limit) {
          return rejection('APPROVAL_PROMISE_EXCEEDS_STATUTORY_LIMIT', `promised limit ${String(promisedLimit)} exceeds the statutory ${String(statutory.limit)} working days; promise at most that`, {
            ...rules.decision,
            limit: statutory.limit,
            basis: statutory.basis,
          });
        }
        const authorization = cmd.agent?.authorization;
        if (authorization && (cmd.on < authorization.signedOn || cmd.on > authorization.validUntil || authorization.signedOn > authorization.validUntil)) {
          return rejection(
            'APPROVAL_AGENT_NOT_AUTHORIZED',
            `the agent's ${authorization.document} ${authorization.ref} runs ${authorization.signedOn}–${authorization.validUntil}, which does not cover the receipt on ${cmd.on}: file with a valid authorisation, or have the applicant file in person`,
            rules.agentAuthorization,
          );
        }
        if (cmd.renewal) {
          const latest = addDays(cmd.renewal.expiresOn, -limitOf(rules.renewal));
          if (cmd.on > latest) {
            return rejection('APPROVAL_RENEWAL_TOO_LATE', `a renewal of ${cmd.renewal.licenceNo} must be applied for by ${latest} (${String(rules.renewal.limit)} days before expiry on ${cmd.renewal.expiresOn}); file a new application instead`, rules.renewal);
          }
        }
        return {
          type: 'CaseReceived',
          data: {
            caseId: cmd.caseId,
            itemCode: cmd.itemCode,
            department: cmd.department,
            applicant: cmd.applicant,
            agent: cmd.agent ?? null,
            materials: cmd.materials,
            handling,
            promisedLimit,
            requiredVisits: cmd.requiredVisits ?? item.requiredVisits ?? null,
            node: cmd.node,
            renewal: cmd.renewal ?? null,
            ...(statutoryLimit ? { statutoryLimit } : {}),
            ...base,
          },
        };
      }
      case 'NotifySupplement': {
        if (d.supplementNotices > 0) {
          return rejection('APPROVAL_SUPPLEMENT_ALREADY_NOTIFIED', '补正 already notified once: everything missing must be told in one notice; accept or refuse the application now', rules.intake);
        }
        const open = intakeOpen();
        if (typeof open === 'number') return needsYear(open, `a 补正 notice on ${cmd.on} (whether the ${String(rules.intake.limit)}-working-day intake period has run out)`, rules.intake);
        return open ?? { type: 'SupplementNotified', data: { missing: cmd.missing, ...base } };
      }
      case 'ReceiveSupplement':
        return { type: 'SupplementReceived', data: { materials: cmd.materials, deemedAcceptance: supplementRule, ...base } };
      case 'Accept': {
        // Accepting is a legal act: when the calendar cannot tell whether the intake period has run out, it is recorded, and the fold counts it from the receipt date if it had.
        const open = intakeOpen();
        return typeof open === 'object' ? open : { type: 'CaseAccepted', data: base };
      }
      case 'RefuseIntake': {
        const open = intakeOpen();
        if (typeof open === 'number') return needsYear(open, `a refusal on ${cmd.on} (whether the ${String(rules.intake.limit)}-working-day intake period has run out)`, rules.intake);
        return open ?? { type: 'IntakeRefused', data: { reasons: cmd.reasons, competentAgency: cmd.competentAgency, ...base } };
      }
      case 'DecideOnSpot': {
        if (d.handling !== 'immediate') return rejection('APPROVAL_NOT_AN_IMMEDIATE_ITEM', `${d.itemCode} is not an immediate item (即办件); accept it and decide within the statutory limit`, rules.immediate);
        const start = d.materialsCompleteOn;
        if (cmd.on !== start) return rejection('APPROVAL_NOT_ON_THE_SPOT', `an on-the-spot decision must be made the day the complete materials arrived (${start ?? '—'}); accept and decide instead`, rules.immediate);
        return { type: 'CaseDecidedOnSpot', data: base };
      }
      case 'AssignReview':
        if (d.review) return rejection('APPROVAL_REVIEW_ALREADY_ASSIGNED', `review is already assigned to ${d.review.departments.join('、')}; record their opinions`, rules.decision);
        // Every reviewing department decides its own part: one rejection blocks the grant (第二十六条, 第四十二条第二款).
        return { type: 'ReviewAssigned', data: { departments: cmd.departments, rule: { kind: 'all' }, ...base } };
      case 'RecordOpinion':
        if (!d.review?.departments.includes(cmd.department)) {
          return rejection('APPROVAL_DEPARTMENT_NOT_ASSIGNED', `${cmd.department} is not one of the reviewing departments (${d.review?.departments.join('、') ?? 'none assigned'}); assign review first`, rules.decision);
        }
        if (d.review.opinions[cmd.department] !== undefined) return rejection('APPROVAL_OPINION_ALREADY_RECORDED', `${cmd.department} has already given its opinion`, rules.decision);
        return { type: 'ReviewOpinionRecorded', data: { department: cmd.department, opinion: cmd.opinion, comment: cmd.comment ?? '', ...base } };
      case 'Return':
        return { type: 'CaseReturned', data: { to: cmd.to, reasons: cmd.reasons, ...base } };
      case 'Resubmit':
        return { type: 'CaseResubmitted', data: { note: cmd.note ?? '', ...base } };
      case 'StartSpecialProcedure': {
        if (cmd.procedure === '听证') {
          return rejection(
            'APPROVAL_HEARING_HAS_ITS_OWN_STEPS',
            'a hearing is not a bare pause (第四十六–四十八条): tell the parties of their right (NotifyHearingRight), record a request (RequestHearing), send the notice of time and place (ScheduleHearing; with an announcement for a hearing the organ holds itself, 第四十六条) and hold it (HoldHearing) — those steps pause the clocks (第四十五条); nothing was written',
            rules.hearingPause,
          );
        }
        const panel = cmd.panel ?? null;
        if (panel && cmd.procedure !== '专家评审') return rejection('APPROVAL_PANEL_INVALID', `only 专家评审 has a panel vote, not ${cmd.procedure}`, rules.expertPanel);
        if (panel && panel.quorum > panel.members) return rejection('APPROVAL_PANEL_INVALID', `a panel of ${String(panel.members)} cannot reach ${String(panel.quorum)} votes; lower the quorum`, rules.expertPanel);
        return { type: 'SpecialProcedureStarted', data: { procedure: cmd.procedure, expectedWorkingDays: cmd.expectedWorkingDays, notice: cmd.notice, panel, ...base } };
      }
      case 'EndSpecialProcedure': {
        const panel = d.specialProcedure?.panel ?? null;
        const votes = cmd.votes;
        if (votes && !panel) return rejection('APPROVAL_PANEL_INVALID', `the running ${d.specialProcedure?.procedure ?? 'procedure'} has no panel: record its result without votes`, rules.expertPanel);
        if (votes && panel && votes.approve + votes.reject > panel.members) {
          return rejection('APPROVAL_PANEL_INVALID', `${String(votes.approve + votes.reject)} votes from a panel of ${String(panel.members)}; count the votes again`, rules.expertPanel);
        }
        const advice = votes && panel ? { members: panel.members, quorum: panel.quorum, approve: votes.approve, reject: votes.reject, favourable: votes.approve >= panel.quorum } : null;
        return { type: 'SpecialProcedureEnded', data: { result: cmd.result ?? '', advice, ...base } };
      }
      case 'NotifyHearingRight':
        if (d.hearing) return rejection('APPROVAL_HEARING_ALREADY_HELD', `this case already had its hearing procedure (${d.hearing.basis}); decide on its record`, rules.hearingRequest);
        return { type: 'HearingRightNotified', data: { parties: cmd.parties, interest: cmd.interest, ...base } };
      case 'RequestHearing': {
        const h = d.hearing;
        if (!h?.parties.includes(cmd.party)) {
          return rejection('APPROVAL_HEARING_PARTY_NOT_NOTIFIED', `${cmd.party} is not one of the parties told of the right to a hearing (${h?.parties.join('、') ?? 'none'}); name one of them`, rules.hearingRequest);
        }
        const window = d.clocks.hearingRequest;
        // Asking is the party's legal act: when the calendar cannot tell whether the window has closed, it is recorded.
        if (pastDue(window, cmd.on) === true) {
          return rejection(
            'APPROVAL_HEARING_REQUEST_TOO_LATE',
            `a hearing must be requested within ${String(rules.hearingRequest.limit)} working days of being told on ${h.notifiedOn ?? '—'} (by ${window?.dueDate ?? '—'}); ${cmd.on} is too late, the right has lapsed — run the due check (CheckDue)`,
            rules.hearingRequest,
          );
        }
        return { type: 'HearingRequested', data: { party: cmd.party, ...base } };
      }
      case 'ScheduleHearing': {
        const requested = d.hearing?.requestedOn != null;
        const announcement = cmd.announcement ?? null;
        if (!requested && announcement === null) {
          return rejection('APPROVAL_HEARING_NEEDS_ANNOUNCEMENT', 'a hearing nobody asked for is one the organ holds itself (第四十六条): announce it to the public (announcement), or tell the parties of their right first (NotifyHearingRight)', rules.publicHearing);
        }
        const notice = rules.hearingNotice;
        const earliest = dueOf(calendar, cmd.on, limitOf(notice), []);
        if (earliest.dueDate === null) return needsYear(earliest.missingYear ?? Number(cmd.on.slice(0, 4)) + 1, `a hearing notice sent on ${cmd.on} (the ${String(notice.limit)} working days' notice)`, notice);
        if (cmd.hearingOn < earliest.dueDate) {
          return rejection('APPROVAL_HEARING_NOTICE_TOO_SHORT', `a notice sent on ${cmd.on} allows a hearing on ${earliest.dueDate} at the earliest (${String(notice.limit)} working days' notice), not ${cmd.hearingOn}; choose a later day or send the notice earlier`, notice);
        }
        if (requested) {
          const held = rules.hearingHeld;
          const late = pastDue(d.clocks.hearing, cmd.hearingOn);
          if (typeof late === 'number') return needsYear(late, `a hearing on ${cmd.hearingOn} (whether it is within ${String(held.limit)} working days of the request)`, held);
          if (late) {
            return rejection('APPROVAL_HEARING_TOO_LATE', `the hearing requested on ${d.hearing?.requestedOn ?? '—'} must be held by ${d.clocks.hearing?.dueDate ?? '—'} (${String(held.limit)} working days), not on ${cmd.hearingOn}`, held);
          }
        }
        return { type: 'HearingScheduled', data: { hearingOn: cmd.hearingOn, place: cmd.place, presider: cmd.presider, announcement, ...base } };
      }
      case 'HoldHearing': {
        const on = d.hearing?.hearingOn ?? null;
        if (on !== cmd.on) {
          return rejection(
            'APPROVAL_HEARING_NOT_AS_NOTIFIED',
            on === null ? 'no hearing has been notified: send the notice of its time and place first (ScheduleHearing)' : `the hearing was notified for ${on}, not ${cmd.on}: hold it then, or send a new notice (ScheduleHearing) ${String(rules.hearingNotice.limit)} working days ahead`,
            rules.hearingNotice,
          );
        }
        return { type: 'HearingHeld', data: { record: cmd.record, signedBy: cmd.signedBy, ...base } };
      }
      case 'Extend': {
        if ('approvedBy' in cmd) {
          return rejection('APPROVAL_AUTHORITY_FROM_BODY', 'the command names its own approver (approvedBy): authority comes from the authenticated actor — send the command as the approver (meta.actor) and drop approvedBy', rules.authority);
        }
        const { limit, basis, extension: ext } = caseDecisionLimit(env, d);
        if (!ext) {
          return rejection(
            'APPROVAL_NO_EXTENSION',
            `${basis} gives this ${d.handling} review no extension: finish within its ${String(limit)} working days`,
            d.statutoryLimit ? rules.itemStatutoryLimit : rules.preliminaryNoExtension,
          );
        }
        if (d.extensions > 0) return rejection('APPROVAL_EXTENSION_ALREADY_GRANTED', 'the decision period was already extended once; decide within the extended period', ext);
        const approver = ext.approver;
        const actor = context.actor;
        if (approver && actor?.role !== approver.role) {
          return rejection(
            approver.role === 'governmentHead' ? 'APPROVAL_EXTENSION_NEEDS_GOVERNMENT_HEAD' : 'APPROVAL_EXTENSION_NEEDS_HEAD',
            `an extension needs the approval of ${approver.title} (role '${approver.role}'), not ${actor ? `'${actor.role}'` : 'an anonymous command'}: send it as that authenticated actor (meta.actor)`,
            ext,
          );
        }
        const statutory = d.clocks.statutory;
        const due = describeDue(statutory);
        const late = pastDue(statutory, cmd.on);
        if (typeof late === 'number') return needsYear(late, `an extension on ${cmd.on} (whether it comes before the due date)`, ext);
        if (late || !statutory) return rejection('APPROVAL_EXTENSION_AFTER_DUE_DATE', `an extension must be granted on or before the due date (${due}); the case is overdue`, ext);
        const toldLate = pastDue(statutory, cmd.applicantToldOn);
        if (typeof toldLate === 'number') return needsYear(toldLate, `telling the applicant on ${cmd.applicantToldOn} (whether it comes before the due date)`, ext);
        if (cmd.applicantToldOn < cmd.on || toldLate) {
          return rejection('APPROVAL_EXTENSION_REASONS_NOT_TOLD', `tell the applicant the reasons between ${cmd.on} and the due date (${due}) (applicantToldOn)`, ext);
        }
        const approvedBy = { id: actor?.id ?? '', role: actor?.role ?? '' };
        return { type: 'ExtensionGranted', data: { days: limitOf(ext), reasons: cmd.reasons, approvedBy, applicantToldOn: cmd.applicantToldOn, ...base } };
      }
      case 'Decide': {
        if (d.renewal && cmd.on > d.renewal.expiresOn) {
          return rejection(
            'APPROVAL_RENEWAL_DEEMED_GRANTED',
            `${d.renewal.licenceNo} expired on ${d.renewal.expiresOn} without a decision on its renewal: it is deemed renewed; run the due check (CheckDue) to record it`,
            rules.renewalDeemed,
          );
        }
        const reasons = cmd.reasons ?? [];
        const remedies = cmd.remedies ?? [];
        if (d.review) {
          const outcome = reviewOutcome(d.review);
          if (outcome === 'pending') return rejection('APPROVAL_REVIEW_NOT_CONCLUDED', `the ${d.review.rule.kind} review of ${d.review.departments.join('、')} has not concluded; record the remaining opinions`, rules.decision);
          if (outcome === 'rejected' && cmd.outcome === 'grant') return rejection('APPROVAL_REVIEW_NOT_APPROVED', 'the review did not approve under its completion rule; deny with reasons, or return the case', rules.decision);
        }
        if (cmd.outcome === 'deny' && (reasons.length === 0 || remedies.length === 0)) {
          return rejection('APPROVAL_DENIAL_NEEDS_REASONS', 'a denial must state its reasons and the remedies (行政复议、行政诉讼) open to the applicant', rules.denial);
        }
        // Deciding is a legal act: a due date the calendar cannot give is recorded as unknown, with the year it needs.
        const { statutory, promised } = d.clocks;
        const statutoryDueDate = statutory ? statutory.dueDate : cmd.on;
        const promisedDueDate = promised ? promised.dueDate : cmd.on;
        const missingYear = statutory?.missingYear ?? promised?.missingYear ?? null;
        // 第四十八条第二款: the decision rests on the hearing record; the event names it.
        const record = d.hearing?.record ?? null;
        return { type: 'CaseDecided', data: { outcome: cmd.outcome, reasons, remedies, statutoryDueDate, promisedDueDate, missingYear, ...(record === null ? {} : { hearingRecord: record }), ...base } };
      }
      case 'IssueCertificate':
        if (d.outcome !== 'grant') return rejection('APPROVAL_CERTIFICATE_FOR_DENIAL', 'a certificate is issued only for a granted licence', rules.certificate);
        return { type: 'CertificateIssued', data: { certificateNo: cmd.certificateNo, ...base } };
      case 'DeliverCertificate':
        return { type: 'CertificateDelivered', data: base };
      case 'Evaluate':
        return { type: 'EvaluationSubmitted', data: { rating: cmd.rating, comment: cmd.comment ?? '', ...base } };
      case 'CloseFollowUp':
        return { type: 'FollowUpClosed', data: { rectification: cmd.rectification, ...base } };
      case 'Withdraw':
        return { type: 'CaseWithdrawn', data: { reason: cmd.reason ?? '', ...base } };
    }
  };

  const decide = (cmd: ApprovalCommand, state: CaseState, context: DecideContext = {}): readonly ApprovalEvent[] | DomainError => {
    if (cmd.type === 'CheckDue') {
      if (state.data.lastOn !== null && cmd.on < state.data.lastOn) {
        return rejection('APPROVAL_DATE_BEFORE_PREVIOUS_STEP', `the due check on ${cmd.on} is before the last step (${state.data.lastOn}); check on a later day`, rules.chronology);
      }
      return dueCheck(state, cmd.on);
    }
    if (cmd.type === 'Receive' && state.status !== 'new') {
      return rejection('APPROVAL_CASE_ALREADY_RECEIVED', `case ${state.data.caseId} was already received on ${state.data.receivedOn ?? '—'}; use a new case id for a new application`, rules.intake);
    }
    if (cmd.type === 'Decide' && (state.status === 'hearingNotice' || state.status === 'hearing')) {
      const h = state.data.hearing;
      return rejection(
        'APPROVAL_HEARING_PENDING',
        state.status === 'hearing'
          ? `the hearing ${h?.hearingOn ? `notified for ${h.hearingOn}` : 'requested'} has not been held: the decision is made on its record — hold it (HoldHearing) first`
          : `the parties may still ask for a hearing until ${state.data.clocks.hearingRequest?.dueDate ?? 'the window closes'}: wait for a request or for the window to close (CheckDue)`,
        rules.hearingRecord,
      );
    }
    if (!acceptsEventType(state.status, commandEvents[cmd.type], table)) return notAllowed(cmd, state.status, rules[commandRules[cmd.type]]);
    if (state.data.lastOn !== null && cmd.on < state.data.lastOn) {
      return rejection('APPROVAL_DATE_BEFORE_PREVIOUS_STEP', `${cmd.type} on ${cmd.on} is before the previous step (${state.data.lastOn}); record steps in date order`, rules.chronology);
    }
    const event = build(cmd, state, context);
    if (event instanceof DomainError) return event;
    // Context guards (joint-review rule, once-only rules …) are the machine's; a command that passes the checks above but not them is still refused.
    if (nextStatus(state, event, table) === undefined) return notAllowed(cmd, state.status, rules[commandRules[cmd.type]]);
    return [event];
  };

  const foldWithMachine = (events: Iterable<ApprovalEvent>): CaseState => {
    let [snap] = initialTransition(machine);
    for (const e of events) [snap] = transition(machine, snap, e);
    return { status: snap.value as ApprovalStatus, data: snap.context };
  };

  return { initialState, decide, evolve, env, machine, table, dueCheck, clockStatus, foldWithMachine };
}

/**
 * Narrows an approval event by type.
 *
 * @example
 * if (isApprovalEvent(e, 'CaseDecided')) e.data.outcome;
 */
export function isApprovalEvent<T extends ApprovalEventType>(event: { readonly type: string }, type: T): event is ApprovalEventOf<T> {
  return event.type === type;
}

/**
 * Whether `status` is one of the machine's statuses (for input from outside).
 *
 * @example
 * isApprovalStatus('review'); // true
 */
export function isApprovalStatus(status: string): status is ApprovalStatus {
  return (approvalStatuses as readonly string[]).includes(status);
}
