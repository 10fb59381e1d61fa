/**
 * Errors speak to users (issue 19): every user-facing error of the CLI and of the packages a
 * service embeds names the problem and what to do, with the exit code of the one table (1 the data
 * is bad, 2 usage or environment), and none tells a user of the published packages to edit a file
 * of this repository such as `packages/calendar/src/data/cn/2030.ts`. A year the calendar does not
 * cover points to `banshi calendar add-year` and `calendar.withYears`.
 */
import { approvalRegistry, createApprovalDecider, type ApprovalCommand } from '@banshi/approval';
import { mainlandChinaCalendar, parseHolidayYear } from '@banshi/calendar';
import { main, type CliIO } from '@banshi/cli';
import { createMemoryStore, handle } from '@banshi/core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'banshi-errors-'));
  writeFileSync(join(dir, 'garbage.jsonl'), 'garbage\n');
  writeFileSync(join(dir, 'year.json'), '{"year": 2040');
  mkdirSync(join(dir, 'folder.jsonl'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A path of this repository's source tree, or any TypeScript file: nothing a user of the published packages has. */
const monorepoPath = /packages\/[a-z-]+\/src|src\/data\/|\b[\w/.-]+\.ts\b/;

async function banshi(argv: readonly string[], config?: string) {
  const cwd = mkdtempSync(join(dir, 'cwd-'));
  if (config !== undefined) writeFileSync(join(cwd, 'banshi.config.json'), config);
  let out = '';
  let err = '';
  const io: CliIO = { stdinLines: async function* () {}, stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd, env: {} };
  const code = await main(argv, io);
  return { code, out, err };
}

/** [what the user did, argv, banshi.config.json, exit code, what the message must name, what it must tell the user to do]. */
const cliCases: [string, string[], string | undefined, 1 | 2, RegExp, RegExp][] = [
  ['a date in a year the calendar does not cover', ['calendar', 'add', '2040-01-02', '5'], undefined, 1, /2040 is not covered/, /banshi calendar add-year 2040\.json --to <store>.*calendar\.withYears/],
  ['a --from that is no log', ['replay', '--from', 'notes.txt', '--report', 'center', '--year', '2013'], undefined, 2, /--from notes\.txt: not a log/, /give a file\.jsonl, sqlite:/],
  ['a --from log that does not exist', ['replay', '--from', 'missing.jsonl', '--report', 'center', '--year', '2013'], undefined, 2, /log file not found: .*missing\.jsonl/, /give a \.jsonl file/],
  ['a --from log that is a folder', ['replay', '--from', join('..', 'folder.jsonl'), '--report', 'center', '--year', '2013'], undefined, 2, /folder\.jsonl is a folder/, /give a \.jsonl file/],
  ['a --log that does not exist', ['report', 'disclosure', '--log', 'missing.jsonl', '--year', '2013'], undefined, 2, /log file not found/, /give a \.jsonl file/],
  ['an unreadable log line', ['replay', '--from', join('..', 'garbage.jsonl'), '--report', 'center', '--year', '2013'], undefined, 1, /line 1 .* not a valid event/, /Repair or remove that line/],
  ['a SQLite store that does not exist', ['verify', '--from', 'sqlite:missing.db'], undefined, 2, /no SQLite store at .*missing\.db/, /check the path|give the store/],
  ['an unreachable PostgreSQL', ['replay', '--from', 'postgres://nobody@127.0.0.1:1/db', '--report', 'center', '--year', '2013'], undefined, 2, /PostgreSQL is unavailable/, /Check the connection string/],
  ['a year out of range', ['replay', '--from', 'x.jsonl', '--report', 'center', '--year', '13'], undefined, 2, /--year must be between 2000 and 2100, got 13/, /between 2000 and 2100/],
  ['an unknown report', ['replay', '--from', 'x.jsonl', '--report', 'weather', '--year', '2013'], undefined, 2, /--report must be one of/, /center, disclosure, approval/],
  ['a language it does not print', ['demo', '--lang', 'fr'], undefined, 2, /--lang must be zh or en/, /zh or en/],
  ['a config file that is not JSON', ['replay', '--report', 'center', '--year', '2013'], '{bad', 2, /banshi\.config\.json is not JSON/, /write an object such as/],
  ['a config file with a bad language', ['replay', '--from', 'x.jsonl', '--report', 'center', '--year', '2013'], '{"lang": "fr"}', 2, /"lang" in .*banshi\.config\.json must be zh or en/, /zh or en/],
  ['a config file with a store that is no string', ['replay', '--report', 'center', '--year', '2013'], '{"store": 5}', 2, /"store" must be a string/, /such as "sqlite:hall\.db"/],
  ['a config file that is a list', ['replay', '--report', 'center', '--year', '2013'], '[]', 2, /must hold one JSON object/, /such as/],
  ['no log at all', ['replay', '--report', 'center', '--year', '2013'], undefined, 2, /--from is required/, /BANSHI_STORE/],
  ['a holiday-year file that does not exist', ['calendar', 'add-year', 'missing.json', '--to', 'sqlite:x.db'], undefined, 2, /cannot read missing\.json/, /give the holiday-year file/],
  ['a holiday-year file that is not JSON', ['calendar', 'add-year', join('..', 'year.json'), '--to', 'sqlite:x.db'], undefined, 2, /year\.json is not JSON/, /write the holiday-year file/],
  ['an unknown command', ['frobnicate'], undefined, 2, /unknown command "frobnicate"/, /banshi --help/],
];

describe('every CLI error names the problem and what to do', () => {
  it.each(cliCases)('%s', async (_what, argv, config, code, problem, todo) => {
    const r = await banshi(argv, config);
    expect(r.code, r.err).toBe(code);
    expect(r.err).toMatch(new RegExp(`^banshi( ${argv[0]})?: `));
    expect(r.err).toMatch(problem);
    expect(r.err).toMatch(todo);
    expect(r.err).not.toMatch(monorepoPath);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('the packages’ errors point to add-year, never to a source file', () => {
  const uncovered = () => mainlandChinaCalendar().addWorkingDays('2040-01-02', 5);

  it('the calendar: a year it does not cover', () => {
    expect(uncovered).toThrow(/banshi calendar add-year 2040\.json --to <store>, or calendar\.withYears\(\[parseHolidayYear\(json\)\]\) in code/);
    try {
      uncovered();
    } catch (e) {
      expect((e as Error & { code: string }).code).toBe('CALENDAR_YEAR_NOT_COVERED');
      expect((e as Error).message).not.toMatch(monorepoPath);
    }
  });

  it('the calendar: a holiday-year file that is wrong names the field', () => {
    let message = '';
    try {
      parseHolidayYear({ year: 2040, holidays: 'none' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/holidays/);
    expect(message).not.toMatch(monorepoPath);
  });

  it('approval: a step past the calendar data, refused and nothing written', async () => {
    const approval = createApprovalDecider({ calendar: mainlandChinaCalendar() });
    const store = createMemoryStore({ registry: approvalRegistry });
    const meta = { channel: 'window' as const, actor: { id: 'w-1', role: 'clerk' }, node: 'center' };
    const receive: ApprovalCommand = { type: 'Receive', on: '2026-12-28', channel: 'window', caseId: 'c-1', itemCode: 'XK-1', department: '住建', applicant: { name: '某公司', kind: 'organization' }, materials: ['申请书'], node: 'center' };
    await handle(store, 'case-1', receive, approval, { meta });
    const err = await handle(store, 'case-1', { type: 'NotifySupplement', on: '2027-01-06', channel: 'window', missing: ['营业执照'] }, approval, { meta }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'APPROVAL_CALENDAR_YEAR_MISSING' });
    expect((err as Error).message).toMatch(/banshi calendar add-year 2027\.json --to <store>, or calendar\.withYears/);
    expect((err as Error).message).not.toMatch(monorepoPath);
  });
});
