import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCalendar } from '@banshi/calendar';
import { exportJsonl } from '@banshi/core';
import { createSqliteStore } from '@banshi/store-sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../command.js';
import { calendarCommand } from './calendar.js';

function fakeIO(stdin: readonly string[] = []): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdinLines: async function* () {
      yield* stdin;
    },
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    cwd: '/tmp',
    out: () => out,
    err: () => err,
  };
}

async function run(argv: readonly string[], stdin: readonly string[] = []) {
  const io = fakeIO(stdin);
  const code = await calendarCommand.run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('banshi calendar', () => {
  it('add START N prints the due date', async () => {
    expect(await run(['add', '2013-09-16', '20'])).toEqual({ code: 0, out: '2013-10-18\n', err: '' });
    expect((await run(['add', '2013-10-18', '-20'])).out).toBe('2013-09-16\n');
  });

  it('add without dates reads START N lines from stdin', async () => {
    const r = await run(['add'], ['2013-09-16 20', '', '2020-01-23 1', '  2019-04-30   1  ']);
    expect(r).toEqual({ code: 0, out: '2013-10-18\n2020-02-03\n2019-05-05\n', err: '' });
  });

  it('a bad stdin line stops with its line number', async () => {
    const r = await run(['add'], ['2013-09-16 20', '2013-02-30 3']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('2013-10-18\n');
    expect(r.err).toMatch(/^banshi calendar: stdin line 2: Invalid date "2013-02-30"/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('between A B prints the working days in (A, B]', async () => {
    expect((await run(['between', '2013-09-16', '2013-10-18'])).out).toBe('20\n');
    expect((await run(['between', '2013-10-18', '2013-09-16'])).out).toBe('-20\n');
  });

  it('year YYYY prints days off, make-up days and the count', async () => {
    const r = await run(['year', '2013']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^2013: 250 working days \(国办发明电〔2012〕33号\)/);
    expect(r.out).toContain('  2013-10-07  国庆节');
    expect(r.out).toContain('make-up working days, 调休上班 (12):');
    expect(r.out).toContain('  2013-09-22  中秋节');
  });

  it('malformed input exits 2 with one line on stderr', async () => {
    for (const argv of [['add', '2013-9-16', '20'], ['add', '2013-09-16', '1.5'], ['add', '2013-09-16'], ['between', '2013-02-30', '2013-03-01'], ['year', '13'], ['frobnicate'], [], ['add', '--nope']]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('an uncovered year exits 1 and says how to fix it', async () => {
    const r = await run(['add', '2031-03-02', '5']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('2031 is not covered');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect((await run(['year', '2031'])).code).toBe(1);
  });

  it('--weekends-only opts into weekends-only outside the data', async () => {
    expect((await run(['add', '2031-01-03', '1', '--weekends-only'])).out).toBe('2031-01-06\n');
  });

  it('--help prints the usage', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('banshi calendar add START N');
    expect(calendarCommand.name).toBe('calendar');
  });
});

describe('banshi calendar add-year (a center adds next year without a release)', () => {
  const sample = fileURLToPath(new URL('../../../../docs/calendar/2027.sample.json', import.meta.url));
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'banshi-calendar-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, value: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };
  const sampleJson = () => JSON.parse(readFileSync(sample, 'utf8')) as Record<string, unknown>;

  it('writes the year into the store; the calendar commands and loadCalendar then use it; adding it again writes nothing', async () => {
    const db = join(dir, 'center.db');
    await createSqliteStore(db).close();
    expect((await run(['add', '2026-12-28', '5'])).code).toBe(1); // 2027 not covered yet
    const added = await run(['add-year', sample, '--to', `sqlite:${db}`, '--sample', '--actor', 'admin-7']);
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^2027: new \(SAMPLE DATA\)\n {2}notice: \(no number\) SAMPLE ONLY/);
    expect(added.out).toMatch(/calendar version: cn@fnv1a64:[0-9a-f]{16} → cn@fnv1a64:[0-9a-f]{16}\n {2}written: calendar-cn@1/);
    expect(await run(['add', '2026-12-28', '5', '--from', `sqlite:${db}`])).toEqual({ code: 0, out: '2027-01-05\n', err: '' });
    expect((await run(['year', '2027', '--from', db])).out).toMatch(/^2027: \d+ working days .*\nSAMPLE DATA — not a State Council notice\n/);
    const again = await run(['add-year', sample, '--to', `sqlite:${db}`, '--sample']);
    expect(again.out).toMatch(/2027: already loaded with exactly these days[\s\S]*nothing written/);
    const store = createSqliteStore(db);
    try {
      const events = await store.readStream('calendar-cn');
      expect(events.map((e) => [e.type, e.meta.actor])).toEqual([['CalendarYearAdded', { id: 'admin-7', role: 'calendarAdmin' }]]);
      const cal = await loadCalendar(store);
      expect(cal.coveredYears.to).toBe(2027);
      expect(cal.version).toBe(events[0]?.meta.calendarVersion);
      // An exported log carries the year to an analyst's replay.
      let log = '';
      for await (const line of exportJsonl(store.readAll())) log += line;
      const path = write('center.jsonl', log);
      expect(await run(['add', '2026-12-28', '5', '--from', path])).toEqual({ code: 0, out: '2027-01-05\n', err: '' });
    } finally {
      await store.close();
    }
  });

  it('refuses a sample without --sample, a gap, a file that contradicts itself, and bad input — writing nothing', async () => {
    const db = join(dir, 'center.db');
    await createSqliteStore(db).close();
    const sampleNo = await run(['add-year', sample, '--to', `sqlite:${db}`]);
    expect(sampleNo).toMatchObject({ code: 1, out: '' });
    expect(sampleNo.err).toMatch(/marked "sample": true .* pass --sample only for docs and tests/);
    const gap = await run(['add-year', write('2029.json', { ...sampleJson(), year: 2029, holidays: [{ name: '元旦', off: ['2029-01-01', '2029-01-01'], work: [] }] }), '--to', `sqlite:${db}`, '--sample']);
    expect(gap).toMatchObject({ code: 1 });
    expect(gap.err).toMatch(/adding 2029 would leave 2027–2028 uncovered/);
    const weekday = await run(['add-year', write('bad.json', { ...sampleJson(), holidays: [{ name: '元旦', off: ['2027-01-01', '2027-01-03'], work: ['2027-01-04'] }] }), '--to', `sqlite:${db}`, '--sample']);
    expect(weekday.err).toMatch(/元旦: make-up day 2027-01-04 is a Monday, not a Saturday or Sunday/);
    expect((await run(['add-year', write('x.json', '{nope'), '--to', `sqlite:${db}`])).code).toBe(2);
    expect((await run(['add-year', sample, '--sample'])).err).toMatch(/needs --to STORE/);
    expect((await run(['add-year', sample, '--to', join(dir, 'log.jsonl'), '--sample'])).err).toMatch(/is a JSONL log/);
    expect((await run(['add', '2026-12-28', '5', '--to', `sqlite:${db}`])).code).toBe(2);
    const store = createSqliteStore(db);
    try {
      expect(await store.readStream('calendar-cn')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('--dry-run checks and reports without a store', async () => {
    const r = await run(['add-year', sample, '--dry-run', '--sample']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2027: new \(SAMPLE DATA\)[\s\S]*dry run: nothing written/);
  });
});
