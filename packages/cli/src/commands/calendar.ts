import {
  CalendarError,
  InvalidArgumentError,
  InvalidDateError,
  createCalendar,
  mainlandChinaCalendar,
  parseBusinessDate,
  type WorkingCalendar,
} from '@banshi/calendar';
import type { CliIO, Command } from '../command.js';
import { UsageError } from '../command.js';

const usage = `Usage:
  banshi calendar add START N        the N-th working day after START (START not counted)
  banshi calendar add                read "START N" lines from stdin, print one due date per line
  banshi calendar between A B        working days in (A, B]; negative when B is before A
  banshi calendar year YYYY          days off, make-up working days and the working-day count
Options:
  --weekends-only                    outside the State Council data, treat only Saturdays and Sundays as days off
  -h, --help                         show this help
Dates are Asia/Shanghai business dates written yyyy-MM-dd.
Exit codes: 0 ok, 1 domain error (e.g. a year without data), 2 bad command line or input.`;

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

function printYear(cal: WorkingCalendar, yearText: string | undefined, io: CliIO): void {
  if (yearText === undefined || !/^\d{4}$/.test(yearText)) throw new UsageError(`YYYY must be a four-digit year, got ${JSON.stringify(yearText ?? '')}`);
  const info = cal.yearInfo(Number(yearText));
  const notices = info.notices.map((n) => n.number ?? n.title).join('; ');
  const lines = [`${info.year}: ${info.workingDays} working days (${info.source === 'notice' ? notices : 'weekends only, no State Council data'})`];
  lines.push(`days off (${info.daysOff.length}):`, ...info.daysOff.map((d) => `  ${d.date}  ${d.name}`));
  lines.push(`make-up working days, 调休上班 (${info.makeUpDays.length}):`, ...info.makeUpDays.map((d) => `  ${d.date}  ${d.name}`));
  io.stdout(lines.join('\n') + '\n');
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const flags = argv.filter((a) => a.startsWith('-') && !/^-\d/.test(a));
  const args = argv.filter((a) => !flags.includes(a));
  if (flags.includes('--help') || flags.includes('-h')) {
    io.stdout(usage + '\n');
    return 0;
  }
  const unknown = flags.filter((f) => f !== '--weekends-only');
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(' ')}; see banshi calendar --help`);
  const cal = flags.includes('--weekends-only') ? createCalendar({ uncoveredYears: 'weekends-only' }) : mainlandChinaCalendar();
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
      if (rest.length === 0) await addFromStdin(cal, io);
      else {
        expectArgs(rest, 2, 'add');
        io.stdout(`${cal.addWorkingDays(parseDate(rest[0], 'START'), parseCount(rest[1], 'N'))}\n`);
      }
      return 0;
    case 'between':
      expectArgs(rest, 2, 'between');
      io.stdout(`${cal.workingDaysBetween(parseDate(rest[0], 'A'), parseDate(rest[1], 'B'))}\n`);
      return 0;
    case 'year':
      expectArgs(rest, 1, 'year');
      printYear(cal, rest[0], io);
      return 0;
    case undefined:
      throw new UsageError('missing sub-command (add, between or year); see banshi calendar --help');
    default:
      throw new UsageError(`unknown sub-command ${JSON.stringify(sub)} (expected add, between or year); see banshi calendar --help`);
  }
}

/**
 * `banshi calendar`: working-day arithmetic on the State Council calendar from the command line.
 *
 * @example
 * await calendarCommand.run(['add', '2013-09-16', '20'], io); // prints 2013-10-18
 */
export const calendarCommand: Command = {
  name: 'calendar',
  summary: 'Working-day arithmetic on the State Council calendar (add, between, year)',
  usage,
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
