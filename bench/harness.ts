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
}

export interface Benchmark {
  readonly name: string;
  run(): Promise<readonly Figure[]>;
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
