/**
 * The bench harness's pure parts: argument parsing for `pnpm bench [filter] [--json <file>]
 * [--sizes <list>]`, alternated rounds, the median-of-rounds figure, the JSON report, and the
 * scale curve's sizes and verdict rules on fixed inputs. No timing is asserted.
 */
import { describe, expect, it } from 'vitest';
import { alternate, benchRecord, benchReport, median, parseBenchArgs, parseSizes, roundsFigure, type Figure } from '../bench/harness.js';
import { DEFAULT_SCALE_SIZES, scaleRounds, scaleSizes } from '../bench/scale.bench.js';
import { memoryVerdict, timeVerdict, verdictOf, type ScaleRun } from '../bench/scaleReport.js';

/** Runs of one store at the given sizes, seconds from `time(n)`, peak RSS from `rss(n)`. */
const curve = (sizes: readonly number[], time: (n: number) => number, rss: (n: number) => number = () => 200): ScaleRun[] =>
  sizes.map((events) => ({ store: 'jsonl', mode: 'center', events, seconds: time(events), peakRssMiB: rss(events), rssBeforeMiB: 120, load1: 2 }));

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

  it('reads --sizes as event counts with k and m suffixes; the scale default is small enough for a fresh clone', () => {
    expect(parseBenchArgs(['scale', '--sizes', '1m,4m,10m'])).toEqual({ filter: 'scale', sizes: [1_000_000, 4_000_000, 10_000_000] });
    expect(parseBenchArgs(['--sizes=400k,100k,400K', 'scale', '--json', 'a.json'])).toEqual({ filter: 'scale', jsonPath: 'a.json', sizes: [100_000, 400_000] });
    expect(parseSizes('1_000_000, 2.5m,20k,7')).toEqual([7, 20_000, 1_000_000, 2_500_000]);
    expect(() => parseBenchArgs(['--sizes'])).toThrow(/--sizes needs a list of event counts such as 1m,4m,10m; usage: pnpm bench/);
    expect(() => parseBenchArgs(['--sizes', '--json', 'a'])).toThrow(/--sizes needs a list/);
    expect(() => parseBenchArgs(['--sizes', '1m', '--sizes', '2m'])).toThrow(/--sizes given twice/);
    for (const bad of ['0', '-1m', '1g', '1.5', 'ten', '1m,,2m', '0.0001k']) expect(() => parseSizes(bad), bad).toThrow(/--sizes: ".*" is not a positive whole number of events/);
    expect(() => parseSizes('1x', 'BANSHI_SCALE_SIZES')).toThrow(/^BANSHI_SCALE_SIZES: "1x"/);
    // --sizes wins over the environment variable, which wins over the default.
    expect(scaleSizes({ sizes: [5, 6] }, '1m')).toEqual([5, 6]);
    expect(scaleSizes({}, '2m,1m')).toEqual([1_000_000, 2_000_000]);
    expect(scaleSizes({}, undefined)).toEqual([100_000, 400_000, 1_000_000]);
    expect(scaleRounds(undefined)).toBe(3);
    expect(scaleRounds('1')).toBe(1);
    for (const bad of ['0', '1.5', 'x', '21']) expect(() => scaleRounds(bad), bad).toThrow(/BANSHI_SCALE_ROUNDS: ".*" is not a whole number of rounds from 1 to 20/);
    expect(Math.max(...DEFAULT_SCALE_SIZES)).toBeLessThanOrEqual(1_000_000);
  });

  it('judges linear time by the marginal cost per event, so a fixed start-up cost is not called superlinear', () => {
    // 1.2 s of start-up plus 5 s per million events: the old per-size rule saw 17 → 8 → 6.2 s per million and said "NOT linear".
    const linear = timeVerdict(curve([100_000, 400_000, 1_000_000], (n) => 1.2 + 5e-6 * n));
    expect(linear.verdict).toBe('linear');
    expect(linear.steps.map((s) => Number(s.secondsPerMillion.toFixed(6)))).toEqual([5, 5]);
    expect(linear.worst).toBeCloseTo(1, 9);
    // n log n grows too, but within the tolerance over this range; n² does not.
    expect(timeVerdict(curve([1e6, 4e6, 10e6], (n) => 1 + 5e-6 * n * Math.log10(n))).verdict).toBe('linear');
    const quadratic = timeVerdict(curve([100_000, 400_000, 1_000_000], (n) => 1 + 5e-6 * n * (n / 100_000)));
    expect(quadratic.verdict).toBe('NOT linear');
    expect(quadratic.worst).toBeCloseTo(2.8, 6); // 70 s vs 25 s per million
    // 30 % dearer per event from 4M on: caught even though the average per event moves less.
    expect(timeVerdict(curve([1e6, 4e6, 10e6], (n) => 2 + 5e-6 * Math.min(n, 4e6) + 6.5e-6 * Math.max(0, n - 4e6))).verdict).toBe('NOT linear');
    // A later step cheaper than the first is no sign of superlinear growth.
    expect(timeVerdict(curve([100_000, 400_000, 1_000_000], (n) => (n === 100_000 ? 1 : n === 400_000 ? 4 : 6))).verdict).toBe('linear');
  });

  it('does not judge steps too short to rise above the noise, nor a curve of two sizes', () => {
    // Tiny logs: 10 ms and 50 ms extra would make a 5× "superlinear" step out of scheduler noise.
    const tiny = timeVerdict(curve([1000, 2000, 4000], (n) => (n === 1000 ? 0.3 : n === 2000 ? 0.31 : 0.36)));
    expect(tiny.verdict).toBe('not judged');
    expect(tiny.steps.map((s) => s.judged)).toEqual([false, false]);
    // The short first step is left out; the reference is the first step of at least a second.
    const mixed = timeVerdict(curve([10_000, 100_000, 400_000, 1_000_000], (n) => (n === 10_000 ? 0.9 : 1.2 + 5e-6 * n)));
    expect(mixed.steps.map((s) => s.judged)).toEqual([false, true, true]);
    expect(mixed.verdict).toBe('linear');
    expect(timeVerdict(curve([100_000, 1_000_000], (n) => 5e-6 * n)).verdict).toBe('not judged');
    const v = verdictOf(curve([1000, 2000, 4000], (n) => (n === 1000 ? 0.3 : n === 2000 ? 0.31 : 0.36)));
    expect(v.lines[0]).toMatch(/^jsonl: time not judged/);
    expect(v.figures.filter((f) => f.target && !f.name.endsWith('.peakRss'))).toEqual([]);
  });

  it('calls memory flat when the largest size peaks within 1.25× the smallest, and reports the slope', () => {
    expect(memoryVerdict(curve([1e5, 4e5, 1e6], (n) => n / 1e5, (n) => 200 + 4 * (n / 1e6)))).toMatchObject({ verdict: 'flat' });
    const growing = memoryVerdict(curve([1e5, 4e5, 1e6], (n) => n / 1e5, (n) => 190 + 70 * (n / 1e6)));
    expect(growing.verdict).toBe('NOT flat');
    expect(growing.slopeMiBPerMillion).toBeCloseTo(70, 9);
    const v = verdictOf(curve([1e5, 4e5, 1e6], (n) => 1.2 + 5e-6 * n, (n) => 190 + 70 * (n / 1e6)));
    expect(v.lines[0]).toMatch(/^jsonl: time linear .*; memory NOT flat .*\+70\.0 MiB per million events/);
    const step = v.figures.find((f) => f.name === 'scale.jsonl.1M');
    expect(step).toMatchObject({ unit: 'events/s', baseline: 'marginal rate 100k→400k', target: { kind: 'ratio', min: 0.8 } });
    expect(step?.ratio).toBeCloseTo(1, 9);
    expect(v.figures.find((f) => f.name === 'scale.jsonl.1M.peakRss')?.ratio).toBeCloseTo(197 / 260, 9);
    const withHeap = verdictOf(curve([1e5, 4e5, 1e6], (n) => 1.2 + 5e-6 * n).map((r) => ({ ...r, retainedHeapMiB: 22 + 13 * (r.events / 1e6) })));
    expect(withHeap.lines[0]).toMatch(/retained heap 23\.3 MiB → 27\.2 MiB → 35\.0 MiB \(\+13\.0 MiB per million events\)$/);
    expect(withHeap.figures.find((f) => f.name === 'scale.jsonl.1M.retainedHeap')).toMatchObject({ value: 35, unit: 'MiB' });
    expect(withHeap.table).toMatch(/retained heap MiB/);
  });

  it('judges the replay CPU time beside its wall time: on a shared machine the load of others moves the wall clock, not the work', () => {
    // The 10M replay's wall time more than doubled under another process's load; its own CPU time grew linearly.
    const runs = curve([1e6, 4e6, 10e6], (n) => (n === 10e6 ? 120 : 5e-6 * n)).map((r) => ({ ...r, cpuSeconds: 0.5 + 4e-6 * r.events, roundCpuSeconds: [0.5 + 4e-6 * r.events] }));
    expect(timeVerdict(runs).verdict).toBe('NOT linear');
    const cpu = timeVerdict(runs, (r) => r.cpuSeconds ?? Number.NaN);
    expect(cpu.verdict).toBe('linear');
    expect(cpu.steps.map((s) => Number(s.secondsPerMillion.toFixed(6)))).toEqual([4, 4]);
    const v = verdictOf(runs);
    expect(v.table).toMatch(/CPU s/);
    expect(v.lines[0]).toMatch(/; CPU time linear \(marginal 1M→4M 4\.0 s, 4M→10M 4\.0 s per million events; worst step 1\.00× the first/);
    const fig = v.figures.find((f) => f.name === 'scale.jsonl.10M.cpu');
    expect(fig).toMatchObject({ unit: 'events/s', baseline: 'marginal CPU rate 1M→4M', target: { kind: 'ratio', min: 0.8 } });
    expect(fig?.ratio).toBeCloseTo(1, 9);
    // CPU superlinear: caught even when the wall clock happens to look linear.
    const quadratic = curve([1e6, 4e6, 10e6], (n) => 5e-6 * n).map((r) => ({ ...r, cpuSeconds: 4e-12 * r.events * r.events }));
    expect(timeVerdict(quadratic, (r) => r.cpuSeconds ?? Number.NaN).verdict).toBe('NOT linear');
    expect(verdictOf(quadratic).lines[0]).toMatch(/; CPU time NOT linear/);
    // Runs without CPU time (an older scale.json) keep the wall-time verdict only.
    expect(verdictOf(curve([1e6, 4e6, 10e6], (n) => 5e-6 * n)).lines[0]).not.toMatch(/CPU/);
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
