/**
 * The bench harness: every benchmark measures its figure *and* a baseline in the
 * same process, so ratios are comparable across machines (design §6).
 */
export interface Figure {
  /** Stable id, e.g. `calendar.addWorkingDays`. */
  readonly name: string;
  readonly value: number;
  /** e.g. `ops/s`, `events/s`, `µs`. */
  readonly unit: string;
  /** What the baseline was, e.g. `naive day loop (date-fns addDays + Set)`. */
  readonly baseline?: string;
  readonly baselineValue?: number;
  /** value / baselineValue for throughputs; baselineValue / value for latencies. */
  readonly ratio?: number;
  /** The target this figure is checked against. */
  readonly target?: { readonly kind: 'ratio' | 'value'; readonly min?: number; readonly max?: number };
  /** How the figure was taken, e.g. `median of 5 alternating rounds`; shown with it. */
  readonly method?: string;
  /** The spread of the per-round ratios (min and max) when the figure is a median of rounds. */
  readonly ratioRange?: readonly [number, number];
}

/** What `pnpm bench` hands every benchmark; each reads the options that concern it. */
export interface BenchOptions {
  /** `--sizes`: the log sizes of the scale curve (`bench/scale.bench.ts`), ascending, without repeats. */
  readonly sizes?: readonly number[];
}

export interface Benchmark {
  readonly name: string;
  run(options?: BenchOptions): Promise<readonly Figure[]>;
}

/** Time `fn` repeatedly for at least `minMs`; returns operations per second. */
export function opsPerSecond(fn: () => void, opsPerCall: number, minMs = 500): number {
  fn(); // warm up
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    fn();
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return (calls * opsPerCall) / (elapsed / 1000);
}

/** Time an async `fn` once after one warm-up run; returns seconds. */
export async function timeOnce(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

export function percentile(sortedMicros: readonly number[], p: number): number {
  if (sortedMicros.length === 0) return Number.NaN;
  const i = Math.min(sortedMicros.length - 1, Math.floor((p / 100) * sortedMicros.length));
  return sortedMicros[i] ?? Number.NaN;
}

export function passes(f: Figure): boolean | undefined {
  if (!f.target) return undefined;
  const v = f.target.kind === 'ratio' ? f.ratio : f.value;
  if (v === undefined) return false;
  if (f.target.min !== undefined && v < f.target.min) return false;
  if (f.target.max !== undefined && v > f.target.max) return false;
  return true;
}

/** Median of a non-empty list (the mean of the middle two for an even length). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Runs `rounds` rounds of the named contenders, alternating them inside each round (A B A B …
 * with the order flipped every other round), so drift in the load of a shared machine hits
 * every contender alike. Each contender returns the seconds it took. Returns every contender's
 * seconds per round, in round order.
 *
 * @example
 * const t = await alternate(5, { banshi: () => importBanshi(), bare: () => importBare() });
 * const ratio = median(t.bare.map((b, i) => b / t.banshi[i]));
 */
export async function alternate<K extends string>(rounds: number, contenders: Readonly<Record<K, () => Promise<number> | number>>): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const out = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const n of order) out[n].push(await contenders[n]());
  }
  return out;
}

/**
 * A throughput figure from alternated rounds: `value` is the median of `ops / seconds` over the
 * rounds, `ratio` the median of the per-round ratios (baseline seconds / banshi seconds of the
 * same round), with their spread in `ratioRange`.
 *
 * @example
 * roundsFigure({ name: 'sync.http.ship', unit: 'events/s', ops: 10_000, seconds: t.http, baseline: 'importEvents', baselineSeconds: t.bare });
 */
export function roundsFigure(f: {
  readonly name: string;
  readonly unit: string;
  readonly ops: number;
  readonly seconds: readonly number[];
  readonly baseline: string;
  readonly baselineSeconds: readonly number[];
  readonly target?: Figure['target'];
}): Figure {
  if (f.seconds.length === 0 || f.seconds.length !== f.baselineSeconds.length) throw new Error(`${f.name}: need as many baseline rounds as rounds (${f.baselineSeconds.length} vs ${f.seconds.length})`);
  const ratios = f.seconds.map((s, i) => (f.baselineSeconds[i] as number) / s);
  return {
    name: f.name,
    value: median(f.seconds.map((s) => f.ops / s)),
    unit: f.unit,
    baseline: f.baseline,
    baselineValue: median(f.baselineSeconds.map((s) => f.ops / s)),
    ratio: median(ratios),
    ...(f.target ? { target: f.target } : {}),
    method: `median of ${f.seconds.length} alternating rounds`,
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
  };
}

/** What `pnpm bench` was asked: an optional name filter, where to write the JSON report, and the scale curve's sizes. */
export interface BenchArgs {
  readonly filter?: string;
  readonly jsonPath?: string;
  readonly sizes?: readonly number[];
}

const countUnits: Readonly<Record<string, number>> = { '': 1, k: 1e3, m: 1e6 };

/**
 * Reads a comma-separated list of event counts: whole numbers with an optional `k` (thousand) or
 * `m` (million) suffix, `_` allowed as a digit separator. Returns them ascending without repeats;
 * throws an Error that names the bad entry (prefixed with `what`) for anything else.
 *
 * @example
 * parseSizes('1m,4m,10m'); // [1000000, 4000000, 10000000]
 * parseSizes('400k, 100_000'); // [100000, 400000]
 */
export function parseSizes(text: string, what = '--sizes'): number[] {
  const sizes = text.split(',').map((part) => {
    const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(part.trim().replace(/_/g, ''));
    const n = m ? Number(m[1]) * (countUnits[(m[2] as string).toLowerCase()] as number) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${what}: "${part.trim()}" is not a positive whole number of events (give e.g. 100k,400k,1m or 1000000,4000000)`);
    return n;
  });
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/**
 * Reads `pnpm bench` arguments: `[filter] [--json <file>] [--sizes <list>]` (or `--json=<file>`,
 * `--sizes=<list>`), in any order. `--sizes` is read by {@link parseSizes}. Throws an Error
 * naming the problem and the usage for anything else.
 *
 * @example
 * parseBenchArgs(['postgres', '--json', 'bench/.out/latest.json']); // { filter: 'postgres', jsonPath: 'bench/.out/latest.json' }
 * parseBenchArgs(['scale', '--sizes', '1m,4m,10m']); // { filter: 'scale', sizes: [1000000, 4000000, 10000000] }
 */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const usage = 'usage: pnpm bench [filter] [--json <file>] [--sizes <n,n,…>]';
  let filter: string | undefined;
  let jsonPath: string | undefined;
  let sizes: number[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') continue;
    if (a === '--json' || a.startsWith('--json=')) {
      if (jsonPath !== undefined) throw new Error(`--json given twice; ${usage}`);
      const path = a === '--json' ? argv[++i] : a.slice('--json='.length);
      if (path === undefined || path === '' || path.startsWith('--')) throw new Error(`--json needs a file path; ${usage}`);
      jsonPath = path;
    } else if (a === '--sizes' || a.startsWith('--sizes=')) {
      if (sizes !== undefined) throw new Error(`--sizes given twice; ${usage}`);
      const list = a === '--sizes' ? argv[++i] : a.slice('--sizes='.length);
      if (list === undefined || list === '' || list.startsWith('--')) throw new Error(`--sizes needs a list of event counts such as 1m,4m,10m; ${usage}`);
      sizes = parseSizes(list);
    } else if (a.startsWith('-')) {
      throw new Error(`unknown option ${a}; ${usage}`);
    } else {
      if (filter !== undefined) throw new Error(`one filter only (got "${filter}" and "${a}"); ${usage}`);
      filter = a;
    }
  }
  return { ...(filter !== undefined ? { filter } : {}), ...(jsonPath !== undefined ? { jsonPath } : {}), ...(sizes !== undefined ? { sizes } : {}) };
}

/** One figure as the JSON report holds it: the figure, whether it meets its target, and the load it ran under. */
export interface BenchRecord extends Figure {
  /** Whether the figure meets its target; absent when it has none. */
  readonly pass?: boolean;
  /** The bench file the figure comes from. */
  readonly bench: string;
  /** 1-minute load average when its bench started and when it ended. */
  readonly load: { readonly start: number; readonly end: number };
}

/** The document `pnpm bench --json <file>` writes. */
export interface BenchReport {
  readonly format: 'banshi-bench/1';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly filter: string | null;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memoryBytes: number; readonly platform: string; readonly node: string };
  readonly figures: readonly BenchRecord[];
  /** Figures with a target, and how many of them meet it. */
  readonly targets: { readonly total: number; readonly met: number; readonly missed: readonly string[] };
}

/** A figure as the report records it (`pass` from {@link passes}). */
export function benchRecord(fig: Figure, bench: string, load: BenchRecord['load']): BenchRecord {
  const ok = passes(fig);
  return { ...fig, ...(ok === undefined ? {} : { pass: ok }), bench, load };
}

/**
 * The JSON report of a run.
 *
 * @example
 * writeFileSync(path, JSON.stringify(benchReport(records, { … }), null, 2));
 */
export function benchReport(figures: readonly BenchRecord[], run: Pick<BenchReport, 'startedAt' | 'finishedAt' | 'filter' | 'machine'>): BenchReport {
  const targeted = figures.filter((f) => f.pass !== undefined);
  return {
    format: 'banshi-bench/1',
    ...run,
    figures,
    targets: { total: targeted.length, met: targeted.filter((f) => f.pass).length, missed: targeted.filter((f) => !f.pass).map((f) => f.name) },
  };
}
