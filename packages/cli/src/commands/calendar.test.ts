import { describe, expect, it } from 'vitest';
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
