import { addDays, YearNotCoveredError, type BusinessDate, type Pause, type WorkingCalendar } from '@banshi/calendar';
import type { ClockName, Handling } from '../events/index.js';
import type { LicensingRule, ResolvedRules } from '../rules/index.js';
import type { ApprovalEnv, CaseClocks, CaseData, ClockFacts } from './caseData.js';

/** A writable copy type, for the fold's one-shape literals. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The statutory decision limit of a handling once the case is accepted, and its extension rule (`null`: the law gives
 * none). An accepted 即办件 is decided under the ordinary 20 working days (第四十二条): only a decision on the spot is
 * immediate (第三十四条, applied by `CaseDecidedOnSpot`). 第四十三条 gives a preliminary review no extension.
 *
 * @example
 * decisionRules(resolveRules(), 'joint').limit.limit;   // 45
 * decisionRules(resolveRules(), 'preliminary').extension; // null
 */
export function decisionRules(rules: ResolvedRules, handling: Handling): { readonly limit: LicensingRule; readonly extension: LicensingRule | null } {
  switch (handling) {
    case 'joint':
      return { limit: rules.jointDecision, extension: rules.jointExtension };
    case 'preliminary':
      return { limit: rules.preliminaryReview, extension: null };
    case 'immediate':
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

export function copyClocks(c: CaseClocks): Mutable<CaseClocks> {
  return { intake: c.intake, statutory: c.statutory, promised: c.promised, certificate: c.certificate, followUp: c.followUp, hearingRequest: c.hearingRequest, hearing: c.hearing };
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
    // Due before the pause starts: it changes nothing (and its dates need no calendar data).
    const due = calendar.addWorkingDays(anchor, remaining);
    if (due < p.from) return due;
    // Working days in (anchor, p.from): counted before the pause starts.
    remaining -= calendar.workingDaysBetween(anchor, p.from) - (calendar.isWorkingDay(p.from) ? 1 : 0);
    if (p.to === undefined) return null;
    anchor = addDays(p.to, -1);
  }
  return calendar.addWorkingDays(anchor, remaining);
}

/**
 * {@link dueDateOf}, total: a year the calendar does not cover gives `{ dueDate: null, missingYear }` instead of an
 * exception, so a fold never throws on missing calendar data (design §7).
 *
 * @example
 * dueOf(mainlandChinaCalendar(), '2026-12-28', 5, []); // { dueDate: null, missingYear: 2027 }
 */
export function dueOf(calendar: WorkingCalendar, start: BusinessDate, total: number, pauses: readonly Pause[]): { readonly dueDate: BusinessDate | null; readonly missingYear: number | null } {
  try {
    return { dueDate: dueDateOf(calendar, start, total, pauses), missingYear: null };
  } catch (e) {
    if (e instanceof YearNotCoveredError) return { dueDate: null, missingYear: e.year };
    throw e;
  }
}

export function clock(
  env: ApprovalEnv,
  name: ClockName,
  start: BusinessDate,
  limit: number,
  extensionDays: number,
  pauses: readonly Pause[],
  stoppedOn: BusinessDate | null,
  basis: string,
): ClockFacts {
  const due = dueOf(env.calendar, start, limit + extensionDays, pauses);
  return { clock: name, start, limit, extensionDays, pauses, dueDate: due.dueDate, missingYear: due.missingYear, stoppedOn, basis };
}

export const startClock = (env: ApprovalEnv, name: ClockName, start: BusinessDate, limit: number, basis: string): ClockFacts => clock(env, name, start, limit, 0, [], null, basis);

export function stop(c: ClockFacts | null, on: BusinessDate): ClockFacts | null {
  return c && c.stoppedOn === null
    ? { clock: c.clock, start: c.start, limit: c.limit, extensionDays: c.extensionDays, pauses: c.pauses, dueDate: c.dueDate, missingYear: c.missingYear, stoppedOn: on, basis: c.basis }
    : c;
}

export function pause(env: ApprovalEnv, c: ClockFacts | null, on: BusinessDate): ClockFacts | null {
  if (!c || c.stoppedOn !== null) return c;
  return clock(env, c.clock, c.start, c.limit, c.extensionDays, [...c.pauses, { from: on }], null, c.basis);
}

export function resume(env: ApprovalEnv, c: ClockFacts | null, on: BusinessDate): ClockFacts | null {
  if (!c || c.stoppedOn !== null) return c;
  const pauses = c.pauses.map((p) => (p.to === undefined ? { from: p.from, to: on } : p));
  return clock(env, c.clock, c.start, c.limit, c.extensionDays, pauses, null, c.basis);
}

export function extend(env: ApprovalEnv, c: ClockFacts | null, days: number): ClockFacts | null {
  return c && clock(env, c.clock, c.start, c.limit, c.extensionDays + days, c.pauses, c.stoppedOn, c.basis);
}

export function stopAll(clocks: CaseClocks, on: BusinessDate): CaseClocks {
  return {
    intake: stop(clocks.intake, on),
    statutory: stop(clocks.statutory, on),
    promised: stop(clocks.promised, on),
    certificate: stop(clocks.certificate, on),
    followUp: stop(clocks.followUp, on),
    hearingRequest: stop(clocks.hearingRequest, on),
    hearing: stop(clocks.hearing, on),
  };
}

/**
 * The decision limit a case runs on once accepted: the item's own statutory limit when another law sets one
 * (第四十二条 法律、法规另有规定的，依照其规定; ordinary and 即办件 handling), else {@link decisionRules}. The extension is
 * that law's (`null` when it gives none).
 *
 * @example
 * caseDecisionLimit(env, { handling: 'standard', statutoryLimit: { days: 30, extensionDays: 0, basis: '某条例 第十二条' } }).limit; // 30
 */
export function caseDecisionLimit(env: ApprovalEnv, d: Pick<CaseData, 'handling' | 'statutoryLimit'>): { readonly limit: number; readonly basis: string; readonly extension: LicensingRule | null } {
  const own = d.statutoryLimit;
  if (own && (d.handling === 'standard' || d.handling === 'immediate')) {
    const rule = env.rules.itemStatutoryLimit;
    const basis = `${own.basis}（${rule.basis}）`;
    return { limit: own.days, basis, extension: own.extensionDays > 0 ? { ...env.rules.extension, limit: own.extensionDays, basis } : null };
  }
  const r = decisionRules(env.rules, d.handling);
  return { limit: limitOf(r.limit), basis: r.limit.basis, extension: r.extension };
}

export function acceptFrom(env: ApprovalEnv, d: CaseData, from: BusinessDate, on: BusinessDate): Mutable<CaseClocks> {
  const rule = caseDecisionLimit(env, d);
  const c = copyClocks(d.clocks);
  c.intake = stop(d.clocks.intake, on);
  c.statutory = startClock(env, 'statutory', from, rule.limit, rule.basis);
  // A 即办件's 0-day promise means "on the spot"; once accepted for ordinary handling it is held to the statutory limit.
  const onTheSpotPromise = d.handling === 'immediate' && d.promisedLimit === 0;
  c.promised = onTheSpotPromise
    ? startClock(env, 'promised', from, rule.limit, `承诺时限（即办件受理后：${env.rules.immediateAccepted.basis}）`)
    : startClock(env, 'promised', from, d.promisedLimit, `承诺时限（${rule.basis} 法定时限内）`);
  return c;
}

/** The clocks of a 即办件 decided on the spot (第三十四条): accepted and decided the same day, limit 0. */
export function decideOnTheSpot(env: ApprovalEnv, d: CaseData, on: BusinessDate): Mutable<CaseClocks> {
  const rule = env.rules.immediate;
  const c = copyClocks(d.clocks);
  c.intake = stop(d.clocks.intake, on);
  c.statutory = stop(startClock(env, 'statutory', on, limitOf(rule), rule.basis), on);
  c.promised = stop(startClock(env, 'promised', on, 0, `承诺时限（${rule.basis}）`), on);
  c.certificate = startClock(env, 'certificate', on, limitOf(env.rules.certificate), env.rules.certificate.basis);
  return c;
}

