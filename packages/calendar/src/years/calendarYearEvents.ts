import { z } from 'zod';
import type { WorkingCalendar } from '../calendar/workingCalendar.js';
import { mainlandChinaCalendar } from '../calendar/mainlandChinaCalendar.js';
import { CalendarDataError } from '../errors/index.js';
import type { HolidayYear } from './holidayYear.js';
import { holidayYearFileSchema, parseHolidayYear, toHolidayYearFile } from './holidayYearFile.js';

/**
 * The payload of `CalendarYearAdded`: which calendar, the year as its file format writes it, and whether it
 * replaces a year added earlier by mistake (a mid-year change is a revision, not a replacement).
 *
 * @example
 * calendarYearAddedSchema.parse({ calendarId: 'cn', holidayYear: toHolidayYearFile(y2027), replace: false });
 */
export const calendarYearAddedSchema = z
  .object({
    calendarId: z.string().min(1),
    holidayYear: holidayYearFileSchema,
    replace: z.boolean(),
  })
  .strict();

/**
 * A State Council notice added at run time, as an event in the deployment's own log (stream `calendar-<id>`,
 * see {@link calendarStreamId}). Every store — SQLite file, PostgreSQL, JetStream — keeps it with the cases, sync
 * carries it to sub-centers, an export carries it to an analyst, and the hash chain covers it. Shaped as a core
 * event definition (type, schema version, zod payload), so `createEventRegistry([...calendarEvents, …])` takes it.
 *
 * @example
 * const registry = createEventRegistry([...approvalEvents, ...calendarEvents]);
 */
export const CalendarYearAdded = { type: 'CalendarYearAdded', schema: 1, data: calendarYearAddedSchema, upcasters: {} } as const;

/**
 * The calendar's event definitions, for registries.
 *
 * @example
 * calendarEvents.map((d) => d.type); // ['CalendarYearAdded']
 */
export const calendarEvents = [CalendarYearAdded] as const;

/**
 * The stream that holds a calendar's added years.
 *
 * @example
 * calendarStreamId(); // 'calendar-cn'
 */
export function calendarStreamId(calendarId = 'cn'): string {
  return `calendar-${calendarId}`;
}

/**
 * The `CalendarYearAdded` event for a year (what `banshi calendar add-year` appends).
 *
 * @example
 * await store.append(calendarStreamId(), [calendarYearAddedEvent(y2027)]);
 */
export function calendarYearAddedEvent(year: HolidayYear, options: { readonly calendarId?: string; readonly replace?: boolean } = {}) {
  return { type: CalendarYearAdded.type, data: { calendarId: options.calendarId ?? 'cn', holidayYear: toHolidayYearFile(year), replace: options.replace ?? false } };
}

/**
 * The years a calendar stream adds, the latest event per year winning (a revision or a replacement supersedes the
 * earlier file), in year order, each checked with {@link parseHolidayYear}. Throws `CalendarDataError` naming the
 * event that does not hold a valid year.
 *
 * @example
 * const years = calendarYearsFromEvents(await store.readStream(calendarStreamId()));
 * const calendar = mainlandChinaCalendar().withYears(years); // what a service, the CLI and a replay all do
 */
export function calendarYearsFromEvents(events: Iterable<{ readonly type: string; readonly data: unknown; readonly version?: number }>, calendarId = 'cn'): readonly HolidayYear[] {
  const byYear = new Map<number, HolidayYear>();
  let index = 0;
  for (const e of events) {
    index++;
    if (e.type !== CalendarYearAdded.type) continue;
    const parsed = calendarYearAddedSchema.safeParse(e.data);
    if (!parsed.success) {
      throw new CalendarDataError(`${calendarStreamId(calendarId)} event ${e.version ?? index} is not a CalendarYearAdded payload — ${parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ')}`);
    }
    if (parsed.data.calendarId !== calendarId) continue;
    const year = parseHolidayYear(parsed.data.holidayYear);
    byYear.set(year.year, year);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/**
 * Anything that reads a stream: every banshi `EventStore` (memory, SQLite, PostgreSQL, JetStream) fits.
 *
 * @example
 * const source: CalendarYearSource = store;
 */
export interface CalendarYearSource {
  readStream(stream: string): Promise<Iterable<{ readonly type: string; readonly data: unknown; readonly version?: number }>>;
}

/**
 * The calendar a deployment uses: `base` (the built-in mainland-China data by default) with the years added to its
 * own log (`banshi calendar add-year … --to <store>` appends them to stream `calendar-cn`). Call it at start-up and
 * after a `CalendarYearAdded` arrives; build the deciders on the result, so a replay uses the same days.
 *
 * @example
 * const calendar = await loadCalendar(store);
 * const approval = createApprovalDecider({ calendar });
 */
export async function loadCalendar(source: CalendarYearSource, base: WorkingCalendar = mainlandChinaCalendar()): Promise<WorkingCalendar> {
  return base.withYears(calendarYearsFromEvents(await source.readStream(calendarStreamId(base.id)), base.id));
}
