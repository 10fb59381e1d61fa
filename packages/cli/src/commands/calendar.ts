import {
  CalendarDataError,
  CalendarError,
  InvalidArgumentError,
  InvalidDateError,
  calendarEvents,
  calendarStreamId,
  calendarYearAddedEvent,
  calendarYearsFromEvents,
  createCalendar,
  loadCalendar,
  mainlandChinaCalendar,
  parseBusinessDate,
  parseHolidayYear,
  planYearAddition,
  type HolidayYear,
  type WorkingCalendar,
} from '@banshi/calendar';
import { createEventRegistry, type StoredEvent } from '@banshi/core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIO, Command } from '../command.js';
import { UsageError } from '../command.js';
import { renderHelp } from '../help.js';
import { outputFormat, printJson } from '../_lib/output.js';
import { openStore, parseSourceSpec, readSource } from '../_lib/eventSource.js';

const synopsis = `banshi calendar add START N        the N-th working day after START (START not counted)
banshi calendar add                read "START N" lines from stdin, print one due date per line
banshi calendar between A B        working days in (A, B]; negative when B is before A
banshi calendar year YYYY          days off, make-up working days and the working-day count
banshi calendar add-year FILE --to STORE
                                   check a holiday-year file (format banshi.holiday-year/1: the State Council
                                   notice, days off with holiday names, weekend days worked) and append it to the
                                   store's calendar-cn stream, where every service, replay and sync reads it
Dates are Asia/Shanghai business dates written yyyy-MM-dd.`;

const calendarOptions: readonly (readonly [string, string])[] = [
  ['--from STORE|LOG', 'also use the years added to that store (sqlite:…, postgres://…) or log (.jsonl)'],
  ['--to STORE', 'add-year: the store to write to (sqlite:path or postgres://…)'],
  ['--dry-run', 'add-year: check and report, write nothing'],
  ['--replace', 'add-year: replace a year added earlier by mistake (built-in years cannot be)'],
  ['--sample', 'add-year: accept a file marked "sample": true (docs and tests, never production)'],
  ['--actor ID', 'add-year: who adds the year (recorded in the event; default cli)'],
  ['--weekends-only', 'outside the State Council data, treat only Saturdays and Sundays as days off'],
  ['--format text|json', 'add, between, year: plain text (default) or banshi.calendar/1'],
];


const valueFlags = ['--from', '--to', '--actor', '--format'] as const;
const booleanFlags = ['--weekends-only', '--dry-run', '--replace', '--sample', '--help', '-h'] as const;

interface Parsed {
  readonly args: string[];
  readonly values: Partial<Record<(typeof valueFlags)[number], string>>;
  readonly flags: Set<string>;
}

/** Flags anywhere; a negative number (`-20`) is an argument, not a flag. */
function parse(argv: readonly string[]): Parsed {
  const args: string[] = [];
  const values: Partial<Record<(typeof valueFlags)[number], string>> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('-') || /^-\d/.test(a)) {
      args.push(a);
      continue;
    }
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if ((valueFlags as readonly string[]).includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value; see banshi calendar --help`);
      values[name as (typeof valueFlags)[number]] = value;
    } else if ((booleanFlags as readonly string[]).includes(name) && inline === undefined) flags.add(name);
    else throw new UsageError(`unknown option ${a}; see banshi calendar --help`);
  }
  return { args, values, flags };
}

function parseCount(text: string | undefined, what: string): number {
  if (text === undefined || !/^[+-]?\d+$/.test(text)) throw new UsageError(`${what} must be an integer number of working days, got ${JSON.stringify(text ?? '')}`);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || Math.abs(n) > 1_000_000) throw new UsageError(`${what} is out of range: ${text}`);
  return n;
}

function parseDate(text: string | undefined, what: string): string {
  if (text === undefined) throw new UsageError(`missing ${what} (yyyy-MM-dd)`);
  return parseBusinessDate(text);
}

function expectArgs(args: readonly string[], count: number, sub: string): void {
  if (args.length !== count) throw new UsageError(`calendar ${sub} takes ${count} argument${count === 1 ? '' : 's'}, got ${args.length}; see banshi calendar --help`);
}

async function addFromStdin(cal: WorkingCalendar, io: CliIO): Promise<void> {
  let lineNo = 0;
  for await (const raw of io.stdinLines()) {
    lineNo++;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const parts = line.split(/\s+/);
    try {
      if (parts.length !== 2) throw new UsageError(`expected "START N", got ${JSON.stringify(line)}`);
      io.stdout(`${cal.addWorkingDays(parseDate(parts[0], 'START'), parseCount(parts[1], 'N'))}\n`);
    } catch (e) {
      if (e instanceof Error) e.message = `stdin line ${lineNo}: ${e.message}`;
      throw e;
    }
  }
}

function printYear(cal: WorkingCalendar, yearText: string | undefined, io: CliIO, json = false): void {
  if (yearText === undefined || !/^\d{4}$/.test(yearText)) throw new UsageError(`YYYY must be a four-digit year, got ${JSON.stringify(yearText ?? '')}`);
  const info = cal.yearInfo(Number(yearText));
  if (json) return printJson(io, 'calendar', { operation: 'year', ...info, calendarVersion: cal.version });
  const notices = info.notices.map((n) => n.number ?? n.title).join('; ');
  const lines = [`${info.year}: ${info.workingDays} working days (${info.source === 'notice' ? notices : 'weekends only, no State Council data'})`];
  if (info.sample) lines.push('SAMPLE DATA — not a State Council notice');
  lines.push(`days off (${info.daysOff.length}):`, ...info.daysOff.map((d) => `  ${d.date}  ${d.name}`));
  lines.push(`make-up working days, 调休上班 (${info.makeUpDays.length}):`, ...info.makeUpDays.map((d) => `  ${d.date}  ${d.name}`));
  io.stdout(lines.join('\n') + '\n');
}

/** The built-in calendar plus the years a store or log adds (stream calendar-cn). */
async function calendarFrom(from: string | undefined, base: WorkingCalendar): Promise<WorkingCalendar> {
  if (from === undefined) return base;
  const spec = parseSourceSpec(from, '--from');
  if (spec.kind !== 'jsonl') {
    const store = await openStore(spec, { mustExist: true });
    try {
      return await loadCalendar(store, base);
    } finally {
      await store.close();
    }
  }
  const stream = calendarStreamId(base.id);
  const events: StoredEvent[] = [];
  for await (const batch of readSource(spec)) for (const e of batch) if (e.stream === stream) events.push(e);
  return base.withYears(calendarYearsFromEvents(events, base.id));
}

function readYearFile(path: string | undefined, io: CliIO): HolidayYear {
  if (path === undefined) throw new UsageError('add-year needs the holiday-year file: banshi calendar add-year FILE --to STORE');
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): give the holiday-year file of the State Council notice, e.g. banshi calendar add-year 2027.json --to sqlite:center.db`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not JSON (${(e as Error).message}): write the holiday-year file as one JSON object in format banshi.holiday-year/1 (banshi calendar --help names its fields)`);
  }
  return parseHolidayYear(json);
}

async function addYear(parsed: Parsed, io: CliIO): Promise<number> {
  const [, file, ...extra] = parsed.args;
  if (extra.length > 0) throw new UsageError(`add-year takes one file, got ${parsed.args.length - 1}; see banshi calendar --help`);
  const year = readYearFile(file, io);
  if (year.sample && !parsed.flags.has('--sample')) {
    throw new CalendarDataError(`${file ?? ''} is marked "sample": true — illustrative days, not a State Council notice; pass --sample only for docs and tests`);
  }
  const dryRun = parsed.flags.has('--dry-run');
  const to = parsed.values['--to'];
  if (to === undefined && !dryRun) throw new UsageError('add-year needs --to STORE (sqlite:path or postgres://…), the store whose services read the year; or --dry-run to only check the file');
  const spec = to === undefined ? undefined : parseSourceSpec(to, '--to');
  if (spec?.kind === 'jsonl') throw new UsageError(`${to ?? ''} is a JSONL log: add the year to the store it was exported from (sqlite:… or postgres://…), then export again`);
  const base = mainlandChinaCalendar();
  const store = spec ? await openStore(spec, { mustExist: spec.kind === 'sqlite', registry: createEventRegistry(calendarEvents) }) : undefined;
  try {
    const stream = calendarStreamId(base.id);
    const history = store ? await store.readStream(stream) : [];
    const current = base.withYears(calendarYearsFromEvents(history, base.id));
    const replace = parsed.flags.has('--replace');
    const plan = planYearAddition(current, year, { replace });
    const lines = [`${year.year}: ${plan.kind === 'unchanged' ? 'already loaded with exactly these days' : plan.kind}${year.sample ? ' (SAMPLE DATA)' : ''}`];
    for (const n of plan.addedNotices) lines.push(`  notice: ${n.number ?? '(no number)'} ${n.title} ${n.url}`);
    const next = plan.kind === 'unchanged' ? current : current.withYears([year], { replace });
    lines.push(`  working days in ${year.year}: ${next.yearInfo(year.year).workingDays}`);
    for (const c of plan.changedDays) lines.push(`  changes ${c.date} (${c.holiday}): ${c.before} → ${c.after} — due dates across it move; replay to recompute them`);
    lines.push(`  calendar version: ${current.version}${next.version !== current.version ? ` → ${next.version}` : ' (unchanged)'}`);
    if (plan.kind === 'unchanged') lines.push('  nothing written');
    else if (dryRun || !store) lines.push('  dry run: nothing written');
    else {
      const actor = { id: parsed.values['--actor'] ?? 'cli', role: 'calendarAdmin' };
      const event = calendarYearAddedEvent(year, { calendarId: base.id, replace: plan.kind === 'replacement' });
      const result = await store.append(stream, [{ ...event, meta: { actor, channel: 'system', calendarVersion: next.version } }], {
        expectedVersion: history.length === 0 ? 'no-stream' : history.length,
      });
      const e = result.events[0];
      lines.push(`  written: ${stream}@${e?.version ?? '?'} (${to ?? ''}); services load it with loadCalendar(store) at start-up`);
    }
    io.stdout(lines.join('\n') + '\n');
    return 0;
  } finally {
    await store?.close();
  }
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const parsed = parse(argv);
  if (parsed.flags.has('--help') || parsed.flags.has('-h')) {
    io.stdout(renderHelp(calendarCommand));
    return 0;
  }
  const [sub, ...rest] = parsed.args;
  if (sub === 'add-year') return addYear(parsed, io);
  for (const f of ['--to', '--actor'] as const) if (parsed.values[f] !== undefined) throw new UsageError(`${f} belongs to add-year; see banshi calendar --help`);
  for (const f of ['--dry-run', '--replace', '--sample']) if (parsed.flags.has(f)) throw new UsageError(`${f} belongs to add-year; see banshi calendar --help`);
  const format = outputFormat(calendarCommand, parsed.values['--format']);
  const json = format === 'json';
  const base = parsed.flags.has('--weekends-only') ? createCalendar({ uncoveredYears: 'weekends-only' }) : mainlandChinaCalendar();
  const cal = await calendarFrom(parsed.values['--from'], base);
  switch (sub) {
    case 'add':
      if (rest.length === 0) {
        if (json) throw new UsageError('--format json takes START N on the command line (stdin mode prints one date a line)');
        await addFromStdin(cal, io);
      } else {
        expectArgs(rest, 2, 'add');
        const [start, n] = [parseDate(rest[0], 'START'), parseCount(rest[1], 'N')];
        const due = cal.addWorkingDays(start, n);
        if (json) printJson(io, 'calendar', { operation: 'add', start, workingDays: n, date: due, calendarVersion: cal.version });
        else io.stdout(`${due}\n`);
      }
      return 0;
    case 'between': {
      expectArgs(rest, 2, 'between');
      const [from, to] = [parseDate(rest[0], 'A'), parseDate(rest[1], 'B')];
      const days = cal.workingDaysBetween(from, to);
      if (json) printJson(io, 'calendar', { operation: 'between', from, to, workingDays: days, calendarVersion: cal.version });
      else io.stdout(`${days}\n`);
      return 0;
    }
    case 'year':
      expectArgs(rest, 1, 'year');
      printYear(cal, rest[0], io, json);
      return 0;
    case undefined:
      throw new UsageError('missing sub-command (add, between, year or add-year); see banshi calendar --help');
    default:
      throw new UsageError(`unknown sub-command ${JSON.stringify(sub)} (expected add, between, year or add-year); see banshi calendar --help`);
  }
}

/**
 * `banshi calendar`: working-day arithmetic on the State Council calendar, and `add-year`, which loads next year's
 * notice into a store without a release.
 *
 * @example
 * await calendarCommand.run(['add', '2013-09-16', '20'], io); // prints 2013-10-18
 * await calendarCommand.run(['add-year', '2027.json', '--to', 'sqlite:center.db'], io);
 */
export const calendarCommand: Command = {
  name: 'calendar',
  summary: 'Working-day arithmetic on the State Council calendar (add, between, year), and add-year for next year\'s notice',
  usage: synopsis,
  options: calendarOptions,
  examples: ['banshi calendar add 2013-09-16 20', 'banshi calendar between 2013-09-16 2013-10-18 --format json', 'banshi calendar year 2020', 'banshi calendar add-year 2027.json --to sqlite:center.db --dry-run'],
  dataError: 'the data cannot answer: a date in a year without data, a holiday-year file that contradicts the data',
  formats: ['text', 'json'],
  async run(argv, io) {
    try {
      return await run(argv, io);
    } catch (e) {
      // Malformed input is a usage problem (2); a well-formed question the data cannot answer is a domain error (1).
      if (e instanceof UsageError || e instanceof InvalidDateError || e instanceof InvalidArgumentError) {
        io.stderr(`banshi calendar: ${e.message}\n`);
        return 2;
      }
      if (e instanceof CalendarError) {
        io.stderr(`banshi calendar: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};
