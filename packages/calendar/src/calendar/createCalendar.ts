import {
  daysFromCivil,
  formatDayNumber,
  isWeekend,
  tryDayNumber,
} from '../_lib/dayNumber.js';
import { fnv1a64 } from '../_lib/fnv1a64.js';
import type { BusinessDate } from '../dates/index.js';
import {
  CalendarDataError,
  InvalidArgumentError,
  InvalidDateError,
  OutOfRangeError,
  YearNotCoveredError,
} from '../errors/index.js';
import { mainlandChinaYears } from '../data/mainlandChinaYears.js';
import type { DayEntry, HolidayNotice, HolidayYear, YearInfo } from '../years/holidayYear.js';
import { planYearAddition } from '../years/planYearAddition.js';
import type { WorkingCalendar } from './workingCalendar.js';

/**
 * A local change layered on top of the national data: a regional holiday, an emergency
 * closure, an office's own closed days (`closed`) or an extra working day (`open`).
 * Later overrides win over earlier ones and over the national data.
 *
 * @example
 * const typhoon: CalendarOverride = { kind: 'closed', from: '2013-10-07', to: '2013-10-08', reason: '台风停止办公' };
 */
export interface CalendarOverride {
  readonly kind: 'closed' | 'open';
  readonly from: BusinessDate;
  /** Inclusive; defaults to `from`. */
  readonly to?: BusinessDate;
  readonly reason: string;
}

/**
 * Options of {@link createCalendar}.
 *
 * @example
 * const options: CalendarOptions = { uncoveredYears: 'weekends-only', tableYears: { from: 2000, to: 2040 } };
 */
export interface CalendarOptions {
  readonly id?: string;
  /** Start from the mainland-China data 2007–2026 (default) or from nothing. */
  readonly base?: 'mainland-china' | 'none';
  /** Extra or replacement year data (a year given here replaces the built-in year). */
  readonly years?: readonly HolidayYear[];
  readonly overrides?: readonly CalendarOverride[];
  /** `error` (default): fail closed outside the data. `weekends-only`: Saturdays and Sundays off there. */
  readonly uncoveredYears?: 'error' | 'weekends-only';
  /** Extent of the table when `uncoveredYears` is `weekends-only` (default 1970–2099). */
  readonly tableYears?: { readonly from: number; readonly to: number };
}

const STATUS_DEFAULT = 0;
const STATUS_OFF = 1;
const STATUS_WORK = 2;

const builtInYears = mainlandChinaYears;

/**
 * Builds a working-day calendar: merges the year data, applies overrides, and precomputes the
 * prefix-sum tables that make every query O(1). Throws {@link CalendarDataError} on bad data.
 *
 * @example
 * const cal = createCalendar({ overrides: [{ kind: 'closed', from: '2013-10-08', reason: '台风' }] });
 * cal.addWorkingDays('2013-09-16', 20); // '2013-10-21'
 */
export function createCalendar(options: CalendarOptions = {}): WorkingCalendar {
  const mode = options.uncoveredYears ?? 'error';
  const byYear = new Map<number, HolidayYear>();
  if ((options.base ?? 'mainland-china') === 'mainland-china') for (const y of builtInYears) byYear.set(y.year, y);
  for (const y of options.years ?? []) {
    if (!Number.isInteger(y.year)) throw new CalendarDataError(`year ${String(y.year)} is not an integer`);
    byYear.set(y.year, y);
  }
  const years = [...byYear.values()].sort((a, b) => a.year - b.year);
  const first = years[0];
  const last = years[years.length - 1];
  if (mode === 'error') {
    if (!first || !last) throw new CalendarDataError('no year data and uncoveredYears is "error": nothing would be covered');
    for (let i = 1; i < years.length; i++) {
      const prev = years[i - 1];
      const cur = years[i];
      if (prev && cur && cur.year !== prev.year + 1) {
        throw new CalendarDataError(`years ${prev.year + 1}–${cur.year - 1} are missing between ${prev.year} and ${cur.year}`);
      }
    }
  }
  const coveredFrom = first?.year ?? Number.NaN;
  const coveredTo = last?.year ?? Number.NaN;
  const covered = new Set(years.map((y) => y.year));
  const tableYears = options.tableYears ?? { from: 1970, to: 2099 };
  const tableFrom = mode === 'error' ? coveredFrom : Math.min(tableYears.from, first?.year ?? Infinity);
  const tableTo = mode === 'error' ? coveredTo : Math.max(tableYears.to, last?.year ?? -Infinity);
  if (!Number.isInteger(tableFrom) || !Number.isInteger(tableTo) || tableFrom > tableTo || tableFrom < 1 || tableTo > 9999) {
    throw new CalendarDataError(`table years ${tableFrom}–${tableTo} are not a valid range`);
  }
  const day0 = daysFromCivil(tableFrom, 1, 1);
  const size = daysFromCivil(tableTo, 12, 31) - day0 + 1;

  const status = new Uint8Array(size);
  const offName = new Map<number, string>();
  const workName = new Map<number, string>();
  const noticesByYear = new Map<number, HolidayNotice[]>();
  const addNotice = (year: number, notice: HolidayNotice | undefined): void => {
    if (!notice) return;
    const list = noticesByYear.get(year) ?? [];
    if (!list.includes(notice)) list.push(notice);
    noticesByYear.set(year, list);
  };
  const dayIndexOf = (date: string, where: string): number => {
    const n = tryDayNumber(date);
    if (n === undefined) throw new CalendarDataError(`${where}: ${JSON.stringify(date)} is not a yyyy-MM-dd date`);
    return n - day0;
  };

  for (const y of years) {
    for (const h of y.holidays) {
      const where = `${y.year} ${h.name}`;
      const notice = y.notices[h.notice ?? 0];
      const from = dayIndexOf(h.off[0], where);
      const to = dayIndexOf(h.off[1], where);
      if (to < from) throw new CalendarDataError(`${where}: days off end ${h.off[1]} before they start ${h.off[0]}`);
      for (let i = Math.max(from, 0); i <= Math.min(to, size - 1); i++) {
        if (status[i] === STATUS_WORK) throw new CalendarDataError(`${where}: ${formatDayNumber(i + day0)} is both a day off and a make-up day`);
        status[i] = STATUS_OFF;
        offName.set(i, h.name);
        addNotice(Number(formatDayNumber(i + day0).slice(0, 4)), notice);
      }
      for (const w of h.work) {
        const i = dayIndexOf(w, where);
        if (!isWeekend(i + day0)) throw new CalendarDataError(`${where}: make-up day ${w} is not a Saturday or Sunday`);
        if (i < 0 || i >= size) continue;
        if (status[i] === STATUS_OFF) throw new CalendarDataError(`${where}: ${w} is both a day off and a make-up day`);
        status[i] = STATUS_WORK;
        workName.set(i, h.name);
        addNotice(Number(w.slice(0, 4)), notice);
      }
    }
    addNotice(y.year, y.notices[0]);
  }

  const tableRange = { from: formatDayNumber(day0), to: formatDayNumber(day0 + size - 1) };
  const outside = (date: string): never => {
    const year = Number(date.slice(0, 4));
    if (mode === 'error') throw new YearNotCoveredError(year, { from: coveredFrom, to: coveredTo });
    throw new OutOfRangeError(date, tableRange);
  };

  for (const o of options.overrides ?? []) {
    const where = `override "${o.reason}"`;
    const fromN = tryDayNumber(o.from);
    const toN = tryDayNumber(o.to ?? o.from);
    if (fromN === undefined) throw new InvalidDateError(o.from);
    if (toN === undefined) throw new InvalidDateError(o.to);
    if (toN < fromN) throw new CalendarDataError(`${where}: ends ${o.to ?? ''} before it starts ${o.from}`);
    if (fromN - day0 < 0) outside(o.from);
    if (toN - day0 >= size) outside(o.to ?? o.from);
    for (let i = fromN - day0; i <= toN - day0; i++) {
      status[i] = o.kind === 'closed' ? STATUS_OFF : STATUS_WORK;
      (o.kind === 'closed' ? offName : workName).set(i, o.reason);
      (o.kind === 'closed' ? workName : offName).delete(i);
    }
  }

  // The tables: per day index its date string, working flag, working days up to and including it.
  const dates: string[] = new Array<string>(size);
  const index = new Map<string, number>();
  const isWork = new Uint8Array(size);
  const cum = new Int32Array(size);
  const before = new Int32Array(size);
  let count = 0;
  const canonical: string[] = [`banshi-calendar/1`, `mode=${mode}`, `table=${tableRange.from}..${tableRange.to}`, `covered=${[...covered].join(',')}`];
  for (let i = 0; i < size; i++) {
    const date = formatDayNumber(day0 + i);
    dates[i] = date;
    index.set(date, i);
    const s = status[i];
    const working = s === STATUS_WORK || (s === STATUS_DEFAULT && !isWeekend(day0 + i));
    if (s !== STATUS_DEFAULT) canonical.push(`${date}=${s === STATUS_WORK ? 'work' : 'off'}`);
    before[i] = count;
    if (working) {
      isWork[i] = 1;
      count++;
    }
    cum[i] = count;
  }
  const workingIdx = new Int32Array(count);
  for (let i = 0, k = 0; i < size; i++) if (isWork[i] === 1) workingIdx[k++] = i;
  const workCount = count;

  const id = options.id ?? ((options.base ?? 'mainland-china') === 'mainland-china' ? 'cn' : 'custom');
  const version = `${id}@fnv1a64:${fnv1a64(canonical.join('\n'))}`;

  const indexOf = (date: BusinessDate): number => {
    const i = index.get(date);
    if (i !== undefined) return i;
    if (typeof date !== 'string' || tryDayNumber(date) === undefined) throw new InvalidDateError(date);
    return outside(date);
  };
  const beyond = (date: BusinessDate, n: number): never => {
    if (mode === 'error') {
      // n = 0 looks forward too (the start day or the next working day).
      throw new YearNotCoveredError(n >= 0 ? coveredTo + 1 : coveredFrom - 1, { from: coveredFrom, to: coveredTo });
    }
    throw new OutOfRangeError(`${n} working days from ${date}`, tableRange);
  };

  const addWorkingDays = (date: BusinessDate, n: number): BusinessDate => {
    const i = indexOf(date);
    if ((n | 0) !== n) throw new InvalidArgumentError(`n must be a 32-bit integer number of working days, got ${String(n)}`);
    const k = n > 0 ? (cum[i] as number) + n - 1 : (before[i] as number) + n;
    if (k < 0 || k >= workCount) return beyond(date, n);
    return dates[workingIdx[k] as number] as string;
  };

  const yearInfo = (year: number): YearInfo => {
    if (!Number.isInteger(year)) throw new InvalidArgumentError(`year must be an integer, got ${String(year)}`);
    const fromI = daysFromCivil(year, 1, 1) - day0;
    const toI = daysFromCivil(year, 12, 31) - day0;
    if (fromI < 0 || toI >= size) outside(`${String(year).padStart(4, '0')}-01-01`);
    const daysOff: DayEntry[] = [];
    const makeUpDays: DayEntry[] = [];
    for (let i = fromI; i <= toI; i++) {
      const off = status[i] === STATUS_OFF ? offName.get(i) : undefined;
      if (off !== undefined) daysOff.push({ date: dates[i] as string, name: off });
      const work = status[i] === STATUS_WORK ? workName.get(i) : undefined;
      if (work !== undefined) makeUpDays.push({ date: dates[i] as string, name: work });
    }
    const workingDays = (cum[toI] as number) - (before[fromI] as number);
    return {
      year,
      source: covered.has(year) ? 'notice' : 'weekends-only',
      sample: byYear.get(year)?.sample === true,
      workingDays,
      daysOff,
      makeUpDays,
      notices: covered.has(year) ? (noticesByYear.get(year) ?? []) : [],
    };
  };

  const calendar: WorkingCalendar = {
    id,
    version,
    holidayYears: years,
    withYears: (added, addOptions = {}) => {
      let next: WorkingCalendar = calendar;
      const extra: HolidayYear[] = [...(options.years ?? [])];
      for (const y of added) {
        const plan = planYearAddition(next, y, addOptions);
        if (plan.kind === 'unchanged') continue;
        extra.push(y);
        next = createCalendar({ ...options, years: extra });
      }
      return next;
    },
    coverage: tableRange,
    coveredYears: { from: coveredFrom, to: coveredTo },
    isWorkingDay: (date) => isWork[indexOf(date)] === 1,
    addWorkingDays,
    workingDaysBetween: (a, b) => {
      const ia = indexOf(a);
      const ib = indexOf(b);
      return (cum[ib] as number) - (cum[ia] as number);
    },
    nextWorkingDay: (date) => addWorkingDays(date, 1),
    previousWorkingDay: (date) => addWorkingDays(date, -1),
    yearInfo,
  };
  return calendar;
}
