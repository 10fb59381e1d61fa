import { formatDayNumber, tryDayNumber } from '../_lib/dayNumber.js';
import type { WorkingCalendar } from '../calendar/index.js';
import { parseBusinessDate, type BusinessDate } from '../dates/index.js';
import { InvalidArgumentError } from '../errors/index.js';

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
  /** With every recorded fact; `null` while a pause without `to` is open. */
  readonly dueDate: BusinessDate | null;
  readonly calendarVersion: string;
  /** The clock as known on `today`: pauses, ends and restarts after `today` are ignored. */
  at(today: BusinessDate): ClockStatus;
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
}

const dayBefore = (date: BusinessDate): BusinessDate => formatDayNumber((tryDayNumber(date) as number) - 1);
const dayAfter = (date: BusinessDate): BusinessDate => formatDayNumber((tryDayNumber(date) as number) + 1);

function evaluate(cal: WorkingCalendar, start: BusinessDate, total: number, pauses: readonly Pause[]): Evaluation {
  let anchor = start;
  let remaining = total;
  const segments: Segment[] = [];
  for (const p of pauses) {
    if (p.from <= dayAfter(anchor)) {
      // The pause began before counting (re)started: it only pushes the anchor.
      if (p.to === undefined) return { start, segments, dueDate: null, pausedLeft: remaining };
      const last = dayBefore(p.to);
      if (last > anchor) anchor = last;
      continue;
    }
    const through = dayBefore(p.from);
    const counted = cal.workingDaysBetween(anchor, through);
    if (counted >= remaining) break; // due before the pause starts: it changes nothing
    segments.push({ after: anchor, through });
    remaining -= counted;
    if (p.to === undefined) return { start, segments, dueDate: null, pausedLeft: remaining };
    anchor = dayBefore(p.to);
  }
  segments.push({ after: anchor });
  return { start, segments, dueDate: cal.addWorkingDays(anchor, remaining), pausedLeft: 0 };
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

  const at = (today: BusinessDate): ClockStatus => {
    parseBusinessDate(today);
    const known = pauses
      .filter((p) => p.from <= today)
      .map((p): Pause => (p.to === undefined || p.to > today ? { from: p.from } : p));
    const ev = evaluate(cal, latestStart(restarts.filter((r) => r <= today)), total, normalizePauses(known));
    const used = today > ev.start ? usedBy(cal, ev.segments, today) : 0;
    const left = total - used;
    const paused = ev.dueDate === null;
    const projectedDueDate = ev.dueDate ?? cal.addWorkingDays(today, ev.pausedLeft);
    const level: ClockLevel = ev.dueDate !== null && today > ev.dueDate ? 'red' : left <= warnWhenLeft ? 'yellow' : 'normal';
    return { today, dueDate: ev.dueDate, projectedDueDate, used, left, level, paused };
  };

  return { start: full.start, total, dueDate: full.dueDate, calendarVersion: cal.version, at };
}
