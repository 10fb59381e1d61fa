import { formatDayNumber, tryDayNumber } from '../_lib/dayNumber.js';
import type { WorkingCalendar } from '../calendar/index.js';
import { parseBusinessDate, type BusinessDate } from '../dates/index.js';
import { InvalidArgumentError, YearNotCoveredError } from '../errors/index.js';

/**
 * A period the law does not count (行政许可法 第四十五条 hearings, testing, expert review;
 * 政府信息公开条例 第三十二条 third-party consultation). Working days d with `from <= d < to`
 * are excluded: the pause starts on `from`, counting resumes on `to`. No `to` = still running.
 *
 * @example
 * const hearing: Pause = { from: '2013-09-23', to: '2013-09-30', reason: '听证' };
 */
export interface Pause {
  readonly from: BusinessDate;
  readonly to?: BusinessDate;
  readonly reason?: string;
}

/**
 * Extra working days granted once (e.g. with the agency head's approval).
 *
 * @example
 * const ext: Extension = { days: 10, reason: '经本行政机关负责人批准' };
 */
export interface Extension {
  readonly days: number;
  readonly reason?: string;
}

/**
 * `normal`, `yellow` (at most `warnWhenLeft` working days left) or `red` (overdue).
 *
 * @example
 * const level: ClockLevel = 'yellow';
 */
export type ClockLevel = 'normal' | 'yellow' | 'red';

/**
 * The state of a clock on one day.
 *
 * @example
 * const s: ClockStatus = clock.at('2013-10-15'); // { dueDate: '2013-10-18', used: 17, left: 3, level: 'yellow', paused: false, ... }
 */
export interface ClockStatus {
  readonly today: BusinessDate;
  /** `null` while paused: the due date is not known until the pause ends. */
  readonly dueDate: BusinessDate | null;
  /** The due date if counting resumed the day after `today` (equals `dueDate` when running). */
  readonly projectedDueDate: BusinessDate;
  /** Counted working days in (start, today], pauses excluded. */
  readonly used: number;
  /** `limit + extensions − used`; negative when overdue. */
  readonly left: number;
  readonly level: ClockLevel;
  readonly paused: boolean;
}

/**
 * The state of a clock on one day, as far as the calendar's data can tell (what {@link StatutoryClock.read}
 * returns; it never throws for a missing year). When the due date needs a year the calendar does not cover, the
 * reading says which (`missingYear`) — "due date unknown: 2027 calendar not loaded" — and still gives `used`,
 * `left` and the level whenever `today` itself is covered: a due date past the data is after `today`, so the
 * clock cannot be red yet. Only when `today` is past the data too is the level `'unknown'`.
 *
 * @example
 * clock.read('2026-12-30'); // { dueDate: null, missingYear: 2027, used: 2, left: 18, level: 'normal', … }
 */
export interface ClockReading {
  readonly today: BusinessDate;
  /** `null` while paused, or when the due date falls in a year without data (`missingYear`). */
  readonly dueDate: BusinessDate | null;
  /** The year whose data the due date needs and the calendar lacks; `null` when nothing is missing. */
  readonly missingYear: number | null;
  /** As in {@link ClockStatus}; `null` when it cannot be computed (no data for the year). */
  readonly projectedDueDate: BusinessDate | null;
  /** Counted working days in (start, today]; `null` when `today` (or the start) is outside the data. */
  readonly used: number | null;
  readonly left: number | null;
  /** `'unknown'` only when the data cannot tell (`today` outside it and the due date unknown or not yet passed). */
  readonly level: ClockLevel | 'unknown';
  readonly paused: boolean;
}

/**
 * Options of {@link statutoryClock}. The limit is a parameter: statutory numbers live with the rules.
 *
 * @example
 * const o: StatutoryClockOptions = { calendar: mainlandChinaCalendar(), start: '2013-09-16', limit: 20 };
 */
export interface StatutoryClockOptions {
  readonly calendar: WorkingCalendar;
  /** The day the clock starts; it is not counted. */
  readonly start: BusinessDate;
  /** Working days allowed (integer ≥ 0). */
  readonly limit: number;
  readonly pauses?: readonly Pause[];
  readonly extensions?: readonly Extension[];
  /** Days the clock restarted (条例 第三十条 supplement received): the latest replaces `start`. */
  readonly restarts?: readonly BusinessDate[];
  /** Yellow when `left <= warnWhenLeft`; default 3. */
  readonly warnWhenLeft?: number;
}

/**
 * A statutory clock: a pure value over its facts and a calendar.
 *
 * @example
 * const c: StatutoryClock = statutoryClock({ calendar: mainlandChinaCalendar(), start: '2013-09-16', limit: 20 });
 * c.dueDate; // '2013-10-18'
 */
export interface StatutoryClock {
  /** The effective start: the latest of `start` and `restarts`. */
  readonly start: BusinessDate;
  /** `limit + sum(extensions)`. */
  readonly total: number;
  /** With every recorded fact; `null` while a pause without `to` is open, or when the due date falls in a year without data. */
  readonly dueDate: BusinessDate | null;
  /** The year the due date needs and the calendar lacks ("due date unknown: 2027 calendar not loaded"); else `null`. */
  readonly missingYear: number | null;
  readonly calendarVersion: string;
  /**
   * The clock as known on `today`: pauses, ends and restarts after `today` are ignored. Fails closed: throws
   * {@link YearNotCoveredError} when the answer needs a year without data (use {@link StatutoryClock.read} where
   * that must not throw — folds, reports, due checks).
   */
  at(today: BusinessDate): ClockStatus;
  /** The same reading, total: a year without data gives `missingYear` / `level: 'unknown'` instead of an exception. */
  read(today: BusinessDate): ClockReading;
}

interface Segment {
  /** Counting runs over working days in (after, through]; `through` undefined = open-ended. */
  readonly after: BusinessDate;
  readonly through?: BusinessDate;
}

interface Evaluation {
  readonly start: BusinessDate;
  readonly segments: readonly Segment[];
  readonly dueDate: BusinessDate | null;
  /** Working days still to count when paused (open pause) — else 0. */
  readonly pausedLeft: number;
  readonly paused: boolean;
  /** The year the computation needed and the calendar lacks. */
  readonly missingYear: number | null;
}

const dayBefore = (date: BusinessDate): BusinessDate => formatDayNumber((tryDayNumber(date) as number) - 1);
const dayAfter = (date: BusinessDate): BusinessDate => formatDayNumber((tryDayNumber(date) as number) + 1);

/** `f()`, or the missing year when it needs a year the calendar does not cover. */
function attempt<T>(f: () => T): { readonly value: T; readonly missingYear: null } | { readonly value: undefined; readonly missingYear: number } {
  try {
    return { value: f(), missingYear: null };
  } catch (e) {
    if (e instanceof YearNotCoveredError) return { value: undefined, missingYear: e.year };
    throw e;
  }
}

/** Walks the counting segments between pauses. Total: where the data runs out it records the missing year instead of throwing. */
function evaluate(cal: WorkingCalendar, start: BusinessDate, total: number, pauses: readonly Pause[]): Evaluation {
  let anchor = start;
  let remaining = total;
  const segments: Segment[] = [];
  for (const p of pauses) {
    if (p.from <= dayAfter(anchor)) {
      // The pause began before counting (re)started: it only pushes the anchor.
      if (p.to === undefined) return { start, segments, dueDate: null, pausedLeft: remaining, paused: true, missingYear: null };
      const last = dayBefore(p.to);
      if (last > anchor) anchor = last;
      continue;
    }
    // Due before the pause starts: the pause (and any day after it) changes nothing.
    const candidate = attempt(() => cal.addWorkingDays(anchor, remaining));
    if (candidate.value !== undefined && candidate.value < p.from) break;
    const through = dayBefore(p.from);
    const counted = attempt(() => cal.workingDaysBetween(anchor, through));
    if (counted.value === undefined) {
      segments.push({ after: anchor });
      return { start, segments, dueDate: null, pausedLeft: 0, paused: false, missingYear: counted.missingYear };
    }
    segments.push({ after: anchor, through });
    remaining -= counted.value;
    if (p.to === undefined) return { start, segments, dueDate: null, pausedLeft: remaining, paused: true, missingYear: null };
    anchor = dayBefore(p.to);
  }
  segments.push({ after: anchor });
  const due = attempt(() => cal.addWorkingDays(anchor, remaining));
  return { start, segments, dueDate: due.value ?? null, pausedLeft: 0, paused: false, missingYear: due.missingYear };
}

function usedBy(cal: WorkingCalendar, segments: readonly Segment[], today: BusinessDate): number {
  let used = 0;
  for (const s of segments) {
    const end = s.through === undefined || s.through > today ? today : s.through;
    if (end > s.after) used += cal.workingDaysBetween(s.after, end);
  }
  return used;
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`${name} must be an integer ≥ 0 working days, got ${String(value)}`);
}

/** Sorted by `from`, overlapping or touching pauses merged. */
function normalizePauses(pauses: readonly Pause[]): Pause[] {
  const sorted = [...pauses].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Pause[] = [];
  for (const p of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && (prev.to === undefined || p.from <= prev.to)) {
      if (prev.to !== undefined && (p.to === undefined || p.to > prev.to)) merged[merged.length - 1] = p.to === undefined ? { from: prev.from } : { from: prev.from, to: p.to };
    } else merged.push(p.to === undefined ? { from: p.from } : { from: p.from, to: p.to });
  }
  return merged;
}

/**
 * Builds a statutory clock. The due date is the `(limit + extensions)`-th counted working day
 * after the effective start (start not counted; paused days not counted). With `limit` 0 the
 * due date is the start itself when it is a working day, else the next working day.
 *
 * @example
 * const clock = statutoryClock({ calendar: mainlandChinaCalendar(), start: '2013-09-16', limit: 20,
 *   pauses: [{ from: '2013-09-23', to: '2013-09-25' }], extensions: [{ days: 10 }] });
 * clock.dueDate;                 // '2013-11-05'
 * clock.at('2013-10-08').level;  // 'normal'
 */
export function statutoryClock(options: StatutoryClockOptions): StatutoryClock {
  const cal = options.calendar;
  checkCount('limit', options.limit);
  const warnWhenLeft = options.warnWhenLeft ?? 3;
  if (!Number.isInteger(warnWhenLeft)) throw new InvalidArgumentError(`warnWhenLeft must be an integer, got ${String(warnWhenLeft)}`);
  let total = options.limit;
  for (const e of options.extensions ?? []) {
    checkCount('extension days', e.days);
    total += e.days;
  }
  parseBusinessDate(options.start);
  const restarts = (options.restarts ?? []).map((r) => parseBusinessDate(r));
  for (const p of options.pauses ?? []) {
    parseBusinessDate(p.from);
    if (p.to !== undefined && parseBusinessDate(p.to) < p.from) {
      throw new InvalidArgumentError(`pause ends ${p.to} before it starts ${p.from}; a pause covers from <= d < to`);
    }
  }
  const pauses = normalizePauses(options.pauses ?? []);
  const latestStart = (known: readonly BusinessDate[]): BusinessDate => known.reduce((a, b) => (b > a ? b : a), options.start);

  const full = evaluate(cal, latestStart(restarts), total, pauses);

  const read = (today: BusinessDate): ClockReading => {
    parseBusinessDate(today);
    const known = pauses
      .filter((p) => p.from <= today)
      .map((p): Pause => (p.to === undefined || p.to > today ? { from: p.from } : p));
    const ev = evaluate(cal, latestStart(restarts.filter((r) => r <= today)), total, normalizePauses(known));
    const counted = today > ev.start ? attempt(() => usedBy(cal, ev.segments, today)) : { value: 0, missingYear: null };
    const used = counted.value ?? null;
    const left = used === null ? null : total - used;
    const projected = ev.paused ? attempt(() => cal.addWorkingDays(today, ev.pausedLeft)) : { value: ev.dueDate ?? undefined, missingYear: ev.missingYear };
    const missingYear = ev.missingYear ?? (ev.paused ? projected.missingYear : null);
    let level: ClockLevel | 'unknown';
    if (ev.dueDate !== null && today > ev.dueDate) level = 'red';
    else if (left === null) level = 'unknown';
    else level = left <= warnWhenLeft ? 'yellow' : 'normal';
    return { today, dueDate: ev.dueDate, missingYear, projectedDueDate: projected.value ?? null, used, left, level, paused: ev.paused };
  };

  const at = (today: BusinessDate): ClockStatus => {
    const r = read(today);
    if (r.level === 'unknown' || r.used === null || r.left === null || r.projectedDueDate === null || (r.dueDate === null && !r.paused)) {
      throw new YearNotCoveredError(r.missingYear ?? Number(today.slice(0, 4)), cal.coveredYears);
    }
    return { today: r.today, dueDate: r.dueDate, projectedDueDate: r.projectedDueDate, used: r.used, left: r.left, level: r.level, paused: r.paused };
  };

  return { start: full.start, total, dueDate: full.dueDate, missingYear: full.missingYear, calendarVersion: cal.version, at, read };
}
