import { formatDayNumber, tryDayNumber } from '../_lib/dayNumber.js';
import type { WorkingCalendar } from '../calendar/workingCalendar.js';
import type { BusinessDate } from '../dates/index.js';
import { mainlandChinaYears } from '../data/mainlandChinaYears.js';
import { CalendarDataError } from '../errors/index.js';
import type { HolidayArrangement, HolidayNotice, HolidayYear } from './holidayYear.js';
import { holidayYearProblems } from './holidayYearFile.js';

/**
 * A day of another covered year that an added year changes (the New Year days a notice sets in the December
 * before, as 2008's and 2019's did). Due dates computed before the addition move; replays recompute them.
 *
 * @example
 * const c: ChangedDay = { date: '2018-12-29', before: 'off', after: 'working', holiday: '元旦' };
 */
export interface ChangedDay {
  readonly date: BusinessDate;
  readonly before: 'working' | 'off';
  readonly after: 'working' | 'off';
  readonly holiday: string;
}

/**
 * What adding a year would do to a calendar.
 * - `new`: a year the calendar does not cover yet (next to its coverage);
 * - `revision`: a year already loaded, changed by an added notice (mid-year change: 2015, 2019, 2020);
 * - `replacement`: a year added earlier (not built in) replaced with `{ replace: true }` — a correction;
 * - `unchanged`: the same data as loaded; adding it does nothing.
 *
 * @example
 * planYearAddition(mainlandChinaCalendar(), year2027).kind; // 'new'
 */
export interface YearAdditionPlan {
  readonly year: number;
  readonly kind: 'new' | 'revision' | 'replacement' | 'unchanged';
  /** Notices the calendar does not hold yet. */
  readonly addedNotices: readonly HolidayNotice[];
  readonly changedDays: readonly ChangedDay[];
}

const noticeKey = (n: HolidayNotice): string => n.url;
const sameNotice = (a: HolidayNotice, b: HolidayNotice): boolean => a.url === b.url && a.title === b.title && a.number === b.number && a.issued === b.issued;
const arrangementKey = (h: HolidayArrangement, notices: readonly HolidayNotice[]): string =>
  JSON.stringify([h.name, h.off[0], h.off[1], [...h.work].sort(), notices[h.notice ?? 0]?.url ?? '']);

/** Per date, the status a year's data sets explicitly (`off` inside a span, `work` for 调休上班) and the holiday's name. */
function marks(year: HolidayYear): Map<BusinessDate, { status: 'off' | 'working'; holiday: string }> {
  const out = new Map<BusinessDate, { status: 'off' | 'working'; holiday: string }>();
  for (const h of year.holidays) {
    const from = tryDayNumber(h.off[0]);
    const to = tryDayNumber(h.off[1]);
    if (from !== undefined && to !== undefined) for (let n = from; n <= to; n++) out.set(formatDayNumber(n), { status: 'off', holiday: h.name });
    for (const w of h.work) out.set(w, { status: 'working', holiday: h.name });
  }
  return out;
}

const label = (y: HolidayYear, builtIn: boolean): string =>
  `${y.year} (${builtIn ? 'built in' : 'added'}${y.notices.length ? `: ${y.notices.map((n) => n.number ?? n.title).join('、')}` : ''})`;

/**
 * Checks a year against a calendar before it is added, and says what the addition does. Throws
 * {@link CalendarDataError} listing every problem:
 * - the year's own days do not make sense ({@link holidayYearProblems});
 * - it leaves a year uncovered between the data and itself (add the years in order);
 * - a day it sets contradicts another year's explicit data (a day off there is a make-up day here, or the reverse);
 * - it changes a loaded year without a new notice: a mid-year change keeps every notice already loaded, adds the
 *   notice that made the change, and only arrangements citing that new notice may differ;
 * - it would put sample data in place of official data, or replace a built-in year.
 *
 * @example
 * const plan = planYearAddition(mainlandChinaCalendar(), year2027);
 * plan.kind;        // 'new'
 * plan.changedDays; // [] unless its New Year days reach into December 2026
 */
export function planYearAddition(calendar: WorkingCalendar, year: HolidayYear, options: { readonly replace?: boolean; readonly builtIn?: readonly HolidayYear[] } = {}): YearAdditionPlan {
  const problems = holidayYearProblems(year);
  const existing = calendar.holidayYears.find((y) => y.year === year.year);
  const builtIn = existing !== undefined && (options.builtIn ?? mainlandChinaYears).includes(existing);
  const { from, to } = calendar.coveredYears;
  const hasCoverage = Number.isInteger(from) && Number.isInteger(to);
  if (!existing && hasCoverage) {
    if (year.year > to + 1) problems.push(`adding ${year.year} would leave ${to + 1}${year.year - 1 > to + 1 ? `–${year.year - 1}` : ''} uncovered (the data ends with ${to}): add the years in order`);
    if (year.year < from - 1) problems.push(`adding ${year.year} would leave ${year.year + 1}${from - 1 > year.year + 1 ? `–${from - 1}` : ''} uncovered (the data starts with ${from}): add the years in order`);
  }

  // Days this year sets against the days other loaded years set explicitly (New Year spans reach into December).
  const mine = marks(year);
  const changedDays: ChangedDay[] = [];
  for (const other of calendar.holidayYears) {
    if (other.year === year.year) continue;
    const theirs = marks(other);
    for (const [date, m] of mine) {
      const t = theirs.get(date);
      if (t && t.status !== m.status) problems.push(`${date} is ${m.status === 'off' ? 'a day off' : 'a make-up working day'} (${m.holiday}) here but ${t.status === 'off' ? 'a day off' : 'a make-up working day'} (${t.holiday}) in the loaded ${label(other, (options.builtIn ?? mainlandChinaYears).includes(other))}`);
    }
  }
  const firstDay = tryDayNumber(`${year.year}-01-01`) as number;
  for (const [date, m] of mine) {
    if ((tryDayNumber(date) as number) >= firstDay) continue;
    const covered = hasCoverage && Number(date.slice(0, 4)) >= from && Number(date.slice(0, 4)) <= to;
    if (!covered) continue;
    const before = calendar.isWorkingDay(date) ? 'working' : 'off';
    if (before !== m.status) changedDays.push({ date, before, after: m.status, holiday: m.holiday });
  }

  changedDays.sort((a, b) => (a.date < b.date ? -1 : 1));
  let kind: YearAdditionPlan['kind'] = 'new';
  let addedNotices: readonly HolidayNotice[] = year.notices;
  if (existing) {
    const oldNotices = new Map(existing.notices.map((n) => [noticeKey(n), n]));
    addedNotices = year.notices.filter((n) => !oldNotices.has(noticeKey(n)));
    const oldArrangements = new Set(existing.holidays.map((h) => arrangementKey(h, existing.notices)));
    const newArrangements = new Set(year.holidays.map((h) => arrangementKey(h, year.notices)));
    const identical =
      addedNotices.length === 0 &&
      existing.notices.length === year.notices.length &&
      year.notices.every((n) => { const o = oldNotices.get(noticeKey(n)); return o !== undefined && sameNotice(o, n); }) &&
      oldArrangements.size === newArrangements.size &&
      [...oldArrangements].every((k) => newArrangements.has(k)) &&
      (existing.sample === true) === (year.sample === true);
    if (identical) kind = 'unchanged';
    else if (year.sample && !existing.sample) problems.push(`${year.year} is loaded from official data; a sample file cannot replace it`);
    else if (options.replace) {
      if (builtIn) problems.push(`${label(existing, true)} is built in and cannot be replaced; a mid-year change adds its notice to the year's data instead`);
      kind = 'replacement';
    } else {
      kind = 'revision';
      const where = label(existing, builtIn);
      for (const n of existing.notices) {
        const kept = year.notices.find((m) => noticeKey(m) === noticeKey(n));
        if (!kept) problems.push(`the file drops the notice ${n.number ?? n.title} of the loaded ${where}; a mid-year change keeps it and adds its own`);
        else if (!sameNotice(kept, n)) problems.push(`the file changes the loaded notice ${n.number ?? n.title} (${where})`);
      }
      if (addedNotices.length === 0) {
        problems.push(`the file changes the loaded ${where} without a new notice: a change needs the notice that made it (or, for a year added by mistake, { replace: true } / --replace)`);
      } else {
        const added = new Set(addedNotices.map(noticeKey));
        for (const h of year.holidays) {
          if (oldArrangements.has(arrangementKey(h, year.notices))) continue;
          if (!added.has(year.notices[h.notice ?? 0]?.url ?? '')) problems.push(`${h.name} differs from the loaded ${where} but cites a notice already loaded; cite the new notice that changed it`);
        }
        for (const h of existing.holidays) {
          if (newArrangements.has(arrangementKey(h, existing.notices))) continue;
          const replaced = year.holidays.some((n) => n.name === h.name && added.has(year.notices[n.notice ?? 0]?.url ?? ''));
          if (!replaced) problems.push(`${h.name} of the loaded ${where} is missing from the file; only an arrangement a new notice replaces may change`);
        }
      }
    }
  }
  if (problems.length > 0) throw new CalendarDataError(`cannot add ${year.year}: ${problems.join('; ')}`);
  return { year: year.year, kind, addedNotices: kind === 'unchanged' ? [] : addedNotices, changedDays };
}
