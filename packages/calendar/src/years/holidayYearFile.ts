import { z } from 'zod';
import { formatDayNumber, isWeekend, tryDayNumber, weekdayOf } from '../_lib/dayNumber.js';
import { CalendarDataError } from '../errors/index.js';
import type { HolidayArrangement, HolidayNotice, HolidayYear } from './holidayYear.js';

/**
 * The `format` tag of a holiday-year file (version 1). A file without it is refused, so a random
 * JSON document is never read as a calendar.
 *
 * @example
 * holidayYearFormat; // 'banshi.holiday-year/1'
 */
export const holidayYearFormat = 'banshi.holiday-year/1';

const realDate = z.string().refine((s) => tryDayNumber(s) !== undefined, 'expected a real date written yyyy-MM-dd');
const text = z.string().trim().min(1);

const noticeSchema = z
  .object({
    number: text.optional(),
    title: text,
    url: z.url({ protocol: /^https?$/ }),
    issued: realDate.optional(),
  })
  .strict();

const arrangementSchema = z
  .object({
    name: text,
    off: z.tuple([realDate, realDate]),
    work: z.array(realDate),
    notice: z.number().int().min(0).optional(),
    note: z.string().optional(),
  })
  .strict();

/**
 * The zod schema of one year's arrangement as a JSON file (and as the payload of `CalendarYearAdded`): the
 * State Council notice(s), each holiday's span of days off with its name, and the weekend days worked (调休上班).
 * Shape only; {@link holidayYearProblems} checks that the days make sense together.
 *
 * @example
 * holidayYearFileSchema.safeParse({ format: 'banshi.holiday-year/1', year: 2027, notices: [], holidays: [] }).success; // false: no notice
 */
export const holidayYearFileSchema = z
  .object({
    format: z.literal(holidayYearFormat),
    year: z.number().int().min(1970).max(2199),
    sample: z.boolean().optional(),
    notices: z.array(noticeSchema).min(1, 'name the notice the days come from'),
    holidays: z.array(arrangementSchema).min(1, 'a notice sets at least one holiday'),
  })
  .strict();

/**
 * One year as written in a file: {@link HolidayYear} plus the `format` tag.
 *
 * @example
 * const file: HolidayYearFile = toHolidayYearFile(year2026);
 */
export type HolidayYearFile = z.infer<typeof holidayYearFileSchema>;

const within = (date: string, from: number, to: number): boolean => {
  const n = tryDayNumber(date) as number;
  return n >= from && n <= to;
};

/**
 * What is wrong with a year's days, one sentence per problem (empty when nothing is): an off span that ends
 * before it starts or overlaps another holiday, a make-up day on a weekday, inside a span or listed twice, a
 * notice index that names no notice, a date outside the year (only the December before may hold the year's
 * New Year arrangement, as 2008's and 2019's notices did).
 *
 * @example
 * holidayYearProblems({ year: 2027, notices: [n], holidays: [{ name: '元旦', off: ['2027-01-01', '2027-01-03'], work: ['2027-01-04'] }] });
 * // ['元旦: make-up day 2027-01-04 is a Monday, not a Saturday or Sunday']
 */
export function holidayYearProblems(year: HolidayYear): string[] {
  const problems: string[] = [];
  const first = (tryDayNumber(`${year.year - 1}-12-01`) ?? 0) as number;
  const last = (tryDayNumber(`${year.year}-12-31`) ?? 0) as number;
  const spans: { name: string; from: number; to: number }[] = [];
  const worked = new Map<number, string>();
  const weekday = (n: number) => ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][weekdayOf(n)] as string;
  for (const h of year.holidays) {
    const from = tryDayNumber(h.off[0]);
    const to = tryDayNumber(h.off[1]);
    if (from === undefined || to === undefined) {
      problems.push(`${h.name}: days off ${h.off[0]}…${h.off[1]} are not real dates`);
      continue;
    }
    if (to < from) problems.push(`${h.name}: days off end ${h.off[1]} before they start ${h.off[0]}`);
    for (const d of h.off) if (!within(d, first, last)) problems.push(`${h.name}: ${d} is outside ${year.year} (only the December before may hold its New Year days)`);
    for (const s of spans) if (from <= s.to && s.from <= to) problems.push(`${h.name}: days off ${h.off[0]}…${h.off[1]} overlap ${s.name}`);
    spans.push({ name: h.name, from, to });
    if (h.notice !== undefined && (h.notice >= year.notices.length || h.notice < 0)) problems.push(`${h.name}: notice ${h.notice} names no notice (the year has ${year.notices.length})`);
    for (const w of h.work) {
      const n = tryDayNumber(w);
      if (n === undefined) {
        problems.push(`${h.name}: make-up day ${w} is not a real date`);
        continue;
      }
      if (!isWeekend(n)) problems.push(`${h.name}: make-up day ${w} is a ${weekday(n)}, not a Saturday or Sunday`);
      if (!within(w, first, last)) problems.push(`${h.name}: make-up day ${w} is outside ${year.year} (only the December before may hold its New Year days)`);
      const twice = worked.get(n);
      if (twice !== undefined) problems.push(`${h.name}: make-up day ${w} is listed twice (also under ${twice})`);
      worked.set(n, h.name);
    }
  }
  for (const [n, name] of worked) {
    for (const s of spans) if (n >= s.from && n <= s.to) problems.push(`${name}: make-up day ${formatDayNumber(n)} is inside the days off of ${s.name}`);
  }
  if (year.notices.length === 0) problems.push('no notice: name the State Council notice the days come from');
  return problems;
}

const toYear = (file: HolidayYearFile): HolidayYear => {
  const notices: HolidayNotice[] = file.notices.map((n) => ({
    title: n.title,
    url: n.url,
    ...(n.number !== undefined ? { number: n.number } : {}),
    ...(n.issued !== undefined ? { issued: n.issued } : {}),
  }));
  const holidays: HolidayArrangement[] = file.holidays.map((h) => ({
    name: h.name,
    off: [h.off[0], h.off[1]] as const,
    work: [...h.work],
    ...(h.notice !== undefined ? { notice: h.notice } : {}),
    ...(h.note !== undefined ? { note: h.note } : {}),
  }));
  return { year: file.year, notices, holidays, ...(file.sample ? { sample: true } : {}) };
};

/**
 * Reads one year's arrangement from parsed JSON (a file written to the format, or a `CalendarYearAdded` payload):
 * checks the shape, then the days ({@link holidayYearProblems}). Throws {@link CalendarDataError} listing every
 * problem with its place; returns the year ready for `calendar.withYears([...])`.
 *
 * @example
 * const y2027 = parseHolidayYear(JSON.parse(readFileSync('2027.json', 'utf8')));
 * const calendar = mainlandChinaCalendar().withYears([y2027]);
 */
export function parseHolidayYear(input: unknown): HolidayYear {
  const parsed = holidayYearFileSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`);
    throw new CalendarDataError(`the holiday-year file does not match ${holidayYearFormat} — ${issues.join('; ')}`);
  }
  const year = toYear(parsed.data);
  const problems = holidayYearProblems(year);
  if (problems.length > 0) throw new CalendarDataError(`${year.year}: ${problems.join('; ')}`);
  return year;
}

/**
 * A year as the file format writes it (the inverse of {@link parseHolidayYear}).
 *
 * @example
 * JSON.stringify(toHolidayYearFile(year2026), null, 2); // what `banshi calendar add-year` reads
 */
export function toHolidayYearFile(year: HolidayYear): HolidayYearFile {
  return {
    format: holidayYearFormat,
    year: year.year,
    ...(year.sample ? { sample: true } : {}),
    notices: year.notices.map((n) => ({ ...(n.number !== undefined ? { number: n.number } : {}), title: n.title, url: n.url, ...(n.issued !== undefined ? { issued: n.issued } : {}) })),
    holidays: year.holidays.map((h) => ({
      name: h.name,
      off: [h.off[0], h.off[1]] as [string, string],
      work: [...h.work],
      ...(h.notice !== undefined ? { notice: h.notice } : {}),
      ...(h.note !== undefined ? { note: h.note } : {}),
    })),
  };
}
