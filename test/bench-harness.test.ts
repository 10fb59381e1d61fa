/**
 * The bench harness's pure parts: argument parsing for `pnpm bench [filter] [--json <file>]`,
 * alternated rounds, the median-of-rounds figure and the JSON report. No timing is asserted.
 */
import { describe, expect, it } from 'vitest';
import { alternate, benchRecord, benchReport, median, parseBenchArgs, roundsFigure, type Figure } from '../bench/harness.js';

describe('bench harness', () => {
  it('reads a filter and --json <file> in any order, and refuses anything else by name', () => {
    expect(parseBenchArgs([])).toEqual({});
    expect(parseBenchArgs(['postgres'])).toEqual({ filter: 'postgres' });
    expect(parseBenchArgs(['--json', 'bench/.out/latest.json'])).toEqual({ jsonPath: 'bench/.out/latest.json' });
    expect(parseBenchArgs(['--json=x.json', 'sync'])).toEqual({ filter: 'sync', jsonPath: 'x.json' });
    expect(parseBenchArgs(['--', 'sqlite', '--json', 'a.json'])).toEqual({ filter: 'sqlite', jsonPath: 'a.json' });
    expect(() => parseBenchArgs(['--json'])).toThrow(/--json needs a file path; usage: pnpm bench/);
    expect(() => parseBenchArgs(['--json', '--fast'])).toThrow(/--json needs a file path/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option --fast/);
    expect(() => parseBenchArgs(['a', 'b'])).toThrow(/one filter only \(got "a" and "b"\)/);
    expect(() => parseBenchArgs(['--json', 'a', '--json', 'b'])).toThrow(/--json given twice/);
  });

  it('alternates contenders inside each round and flips the order every other round', async () => {
    const calls: string[] = [];
    const t = await alternate(3, { a: () => (calls.push('a'), 1), b: async () => (calls.push('b'), 2) });
    expect(calls).toEqual(['a', 'b', 'b', 'a', 'a', 'b']);
    expect(t).toEqual({ a: [1, 1, 1], b: [2, 2, 2] });
  });

  it('takes the median of per-round ratios, with their spread', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    // Round 2 is slow for both (the machine got busy): the per-round ratio stays 0.5.
    const f = roundsFigure({ name: 'x', unit: 'events/s', ops: 100, seconds: [2, 8, 2.5], baseline: 'bare', baselineSeconds: [1, 4, 1], target: { kind: 'ratio', min: 0.5 } });
    expect(f.ratio).toBe(0.5);
    expect(f.ratioRange).toEqual([0.4, 0.5]);
    expect(f.value).toBe(40); // median of 50, 12.5, 40
    expect(f.baselineValue).toBe(100);
    expect(f.method).toBe('median of 3 alternating rounds');
    expect(() => roundsFigure({ name: 'y', unit: 'ms', ops: 1, seconds: [1], baseline: 'b', baselineSeconds: [] })).toThrow(/y: need as many baseline rounds/);
  });

  it('writes every figure with its ratio, target, pass and load, and counts the targets met', () => {
    const met: Figure = { name: 'sync.http.ship', value: 80, unit: 'events/s', baseline: 'importEvents', baselineValue: 100, ratio: 0.8, target: { kind: 'ratio', min: 0.7 } };
    const missed: Figure = { name: 'postgres.readAll', value: 50, unit: 'events/s', ratio: 0.5, target: { kind: 'ratio', min: 1 } };
    const untargeted: Figure = { name: 'sqlite.insert.batched.sortableIds', value: 3, unit: '×' };
    const load = { start: 9.5, end: 11 };
    const report = benchReport([benchRecord(met, 'sync', load), benchRecord(missed, 'postgres', load), benchRecord(untargeted, 'sqlite', load)], {
      startedAt: '2026-11-30T23:00:00.000Z',
      finishedAt: '2026-11-30T23:10:00.000Z',
      filter: null,
      machine: { cpus: 2, cpuModel: 'test', memoryBytes: 1, platform: 'linux', node: 'v20' },
    });
    expect(report.format).toBe('banshi-bench/1');
    expect(report.figures.map((f) => [f.name, f.pass, f.bench, f.load.start])).toEqual([
      ['sync.http.ship', true, 'sync', 9.5],
      ['postgres.readAll', false, 'postgres', 9.5],
      ['sqlite.insert.batched.sortableIds', undefined, 'sqlite', 9.5],
    ]);
    expect('pass' in (report.figures[2] as object)).toBe(false);
    expect(report.figures[0]).toMatchObject({ ratio: 0.8, target: { kind: 'ratio', min: 0.7 }, baselineValue: 100 });
    expect(report.targets).toEqual({ total: 2, met: 1, missed: ['postgres.readAll'] });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
