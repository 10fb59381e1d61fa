/**
 * The scale bench's output: the curve as a table, the linearity verdict, the harness figures and
 * `bench/.out/scale.html` (inline SVG, no external files).
 */
import { escapeHtml } from '@banshi/core';
import type { Figure } from './harness.js';

/** One measured replay. */
export interface ScaleRun {
  readonly store: string;
  /** `center`: into the center report; `read`: reading only. */
  readonly mode: 'center' | 'read';
  readonly events: number;
  readonly seconds: number;
  readonly peakRssMiB: number;
  readonly rssBeforeMiB: number;
  /** The 1-minute load average when the run started (of the round that counted). */
  readonly load1: number;
  /** Seconds of every round, in round order (`seconds` is the fastest). */
  readonly roundSeconds?: readonly number[];
  /**
   * CPU time (user + system) of the replaying process, the least of its rounds: the work itself, which other
   * processes on a shared machine do not stretch as they stretch the wall clock. A PostgreSQL server's own CPU is not in it.
   */
  readonly cpuSeconds?: number;
  /** CPU seconds of every round, in round order. */
  readonly roundCpuSeconds?: readonly number[];
  /** Heap in use after a forced GC at the end of the fold, the read models' state alive (a separate replay). */
  readonly retainedHeapMiB?: number;
}

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

/** A step's marginal time per event may exceed the first judged step's by this much and still count as linear (a shared, noisy machine). */
export const LINEAR_TOLERANCE = 1.25;
/** A step between two sizes that took less extra time than this is noise on a shared machine, and is not judged. */
export const MIN_STEP_SECONDS = 1;
/** Peak RSS may grow this much from the smallest to the largest size and still count as flat. */
export const FLAT_TOLERANCE = 1.25;

/** 1M, 4M, 10M, 60k … */
export function sizeLabel(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function series(runs: readonly ScaleRun[]): { key: string; store: string; mode: string; runs: ScaleRun[] }[] {
  const out = new Map<string, ScaleRun[]>();
  for (const r of runs) {
    const key = r.mode === 'center' ? r.store : `${r.store} (read only)`;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return [...out].map(([key, rs]) => ({ key, store: rs[0]?.store ?? '', mode: rs[0]?.mode ?? 'center', runs: rs.sort((a, b) => a.events - b.events) }));
}

/** One step of a curve: from one size to the next, with its marginal time per event. */
export interface ScaleStep {
  readonly from: ScaleRun;
  readonly to: ScaleRun;
  /** Extra seconds per million extra events: (t₂ − t₁) / (n₂ − n₁) × 10⁶. */
  readonly secondsPerMillion: number;
  /** Whether the step is long enough to judge ({@link MIN_STEP_SECONDS}). */
  readonly judged: boolean;
}

/** Which time a verdict judges: wall seconds, or the replaying process's CPU seconds. */
export type TimeOf = (r: ScaleRun) => number;
const wallTime: TimeOf = (r) => r.seconds;
const cpuTime: TimeOf = (r) => r.cpuSeconds ?? Number.NaN;

/**
 * Whether one store's replay time grows linearly with the log. The rule:
 *
 * - compare **marginal** time per event, step by step: (t₂ − t₁) / (n₂ − n₁). The time of one size
 *   divided by its events would charge the process start, the JIT warming up and the one-off
 *   loading of calendars and read models to the smallest size, and call a linear curve "not
 *   linear" (the 100k replay then looks 2–3× slower per event than the 1M one);
 * - a step that took less than {@link MIN_STEP_SECONDS} extra is noise on a shared machine and
 *   is not judged;
 * - the first judged step is the reference; the curve is `linear` when no later judged step costs
 *   more than {@link LINEAR_TOLERANCE} × the reference per event, else `NOT linear`. A step that
 *   costs less per event than the reference is no sign of superlinear growth and passes;
 * - fewer than two judged steps (two sizes, or sizes too small): `not judged`.
 *
 * `runs` are one store's runs in any order; `time` picks the seconds to judge (default: wall time; the same rule
 * judges CPU time, `(r) => r.cpuSeconds`).
 *
 * @example
 * timeVerdict(runs).verdict; // 'linear'
 */
export function timeVerdict(runs: readonly ScaleRun[], time: TimeOf = wallTime): { verdict: 'linear' | 'NOT linear' | 'not judged'; steps: ScaleStep[]; worst: number } {
  const sorted = [...runs].sort((a, b) => a.events - b.events);
  const steps: ScaleStep[] = sorted.slice(1).map((to, i) => {
    const from = sorted[i] as ScaleRun;
    const extra = time(to) - time(from);
    return { from, to, secondsPerMillion: (extra / (to.events - from.events)) * 1e6, judged: extra >= MIN_STEP_SECONDS };
  });
  const judged = steps.filter((s) => s.judged);
  const ref = judged[0];
  if (!ref || judged.length < 2) return { verdict: 'not judged', steps, worst: Number.NaN };
  const worst = Math.max(...judged.slice(1).map((s) => s.secondsPerMillion / ref.secondsPerMillion));
  return { verdict: worst <= LINEAR_TOLERANCE ? 'linear' : 'NOT linear', steps, worst };
}

/**
 * Whether one store's peak RSS stays flat: peak RSS at the largest size ≤ {@link FLAT_TOLERANCE}
 * × peak RSS at the smallest. Also the slope, MiB per million events.
 *
 * @example
 * memoryVerdict(runs); // { verdict: 'flat', growth: 1.02, slopeMiBPerMillion: 2.1 }
 */
export function memoryVerdict(runs: readonly ScaleRun[]): { verdict: 'flat' | 'NOT flat' | 'not judged'; growth: number; slopeMiBPerMillion: number } {
  const sorted = [...runs].sort((a, b) => a.events - b.events);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last || first === last) return { verdict: 'not judged', growth: Number.NaN, slopeMiBPerMillion: Number.NaN };
  const growth = last.peakRssMiB / first.peakRssMiB;
  const slopeMiBPerMillion = ((last.peakRssMiB - first.peakRssMiB) / (last.events - first.events)) * 1e6;
  return { verdict: growth <= FLAT_TOLERANCE ? 'flat' : 'NOT flat', growth, slopeMiBPerMillion };
}

/**
 * The curve as a table, one verdict line per store ({@link timeVerdict}, {@link memoryVerdict}),
 * and the figures for the harness: each step's marginal rate against the first judged step's,
 * and each size's peak RSS against the smallest size of the same store.
 */
export function verdictOf(runs: readonly ScaleRun[]): { table: string; lines: string[]; figures: Figure[] } {
  const head = ['store', 'events', 'seconds', 'rounds (s)', 'ev/s', 's per 1M', 'CPU s', 'CPU s per 1M', 'peak RSS MiB', 'RSS before MiB', 'retained heap MiB', 'load (1 min)'];
  const rows = [...runs]
    .sort((a, b) => a.store.localeCompare(b.store) || a.mode.localeCompare(b.mode) || a.events - b.events)
    .map((r) => [
      r.mode === 'center' ? r.store : `${r.store} (read only)`,
      fmt(r.events),
      fmt(r.seconds, 1),
      (r.roundSeconds ?? [r.seconds]).map((x) => fmt(x, 1)).join(' '),
      fmt(r.events / r.seconds),
      fmt((r.seconds / r.events) * 1e6, 1),
      r.cpuSeconds === undefined ? '' : fmt(r.cpuSeconds, 1),
      r.cpuSeconds === undefined ? '' : fmt((r.cpuSeconds / r.events) * 1e6, 1),
      fmt(r.peakRssMiB),
      fmt(r.rssBeforeMiB),
      r.retainedHeapMiB === undefined ? '' : fmt(r.retainedHeapMiB, 1),
      fmt(r.load1, 1),
    ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const table = [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  const lines: string[] = [];
  const figures: Figure[] = [];
  for (const s of series(runs)) {
    const first = s.runs[0] as ScaleRun;
    if (s.runs.length < 2) {
      lines.push(`${s.key}: one size only (${sizeLabel(first.events)}): no curve to judge`);
    } else {
      const m = memoryVerdict(s.runs);
      const said = (what: string, t: ReturnType<typeof timeVerdict>) => {
        const steps = t.steps.map((st) => `${sizeLabel(st.from.events)}→${sizeLabel(st.to.events)} ${fmt(st.secondsPerMillion, 1)} s${st.judged ? '' : ' (under ' + MIN_STEP_SECONDS + ' s, not judged)'}`).join(', ');
        return t.verdict === 'not judged'
          ? `${what} not judged (fewer than two steps of ≥ ${MIN_STEP_SECONDS} s: ${steps} per million events)`
          : `${what} ${t.verdict} (marginal ${steps} per million events; worst step ${t.worst.toFixed(2)}× the first, ≤ ${LINEAR_TOLERANCE}× allowed)`;
      };
      const withCpu = s.runs.every((r) => r.cpuSeconds !== undefined);
      const time = said('time', timeVerdict(s.runs)) + (withCpu ? `; ${said('CPU time', timeVerdict(s.runs, cpuTime))}` : '');
      const heaps = s.runs.filter((r) => r.retainedHeapMiB !== undefined);
      const heapFirst = heaps[0];
      const heapLast = heaps[heaps.length - 1];
      const heapSlope = heapFirst && heapLast && heapLast !== heapFirst ? (((heapLast.retainedHeapMiB as number) - (heapFirst.retainedHeapMiB as number)) / (heapLast.events - heapFirst.events)) * 1e6 : undefined;
      const heap = heapSlope === undefined ? '' : `; retained heap ${heaps.map((r) => `${fmt(r.retainedHeapMiB as number, 1)} MiB`).join(' → ')} (${heapSlope >= 0 ? '+' : ''}${fmt(heapSlope, 1)} MiB per million events)`;
      lines.push(
        `${s.key}: ${time}; ` +
          `memory ${m.verdict} (peak RSS ${s.runs.map((r) => `${fmt(r.peakRssMiB)} MiB`).join(' → ')}, ${m.growth.toFixed(2)}× ≤ ${FLAT_TOLERANCE}× allowed, ${m.slopeMiBPerMillion >= 0 ? '+' : ''}${fmt(m.slopeMiBPerMillion, 1)} MiB per million events)${heap}`,
      );
    }
    const prefix = `scale.${s.store}${s.mode === 'read' ? '.read' : ''}`;
    figures.push({ name: `${prefix}.${sizeLabel(first.events)}`, value: first.events / first.seconds, unit: 'events/s' });
    const marginalFigures = (time: TimeOf, suffix: string, what: string) => {
      const steps = s.runs.length < 2 ? [] : timeVerdict(s.runs, time).steps;
      const ref = steps.find((st) => st.judged);
      for (const st of steps) {
        if (st.secondsPerMillion <= 0) continue; // the larger log replayed faster: noise, no rate to show
        const rate = 1e6 / st.secondsPerMillion;
        const judged = ref && st !== ref && st.judged ? { ratio: rate / (1e6 / ref.secondsPerMillion), target: { kind: 'ratio' as const, min: 1 / LINEAR_TOLERANCE } } : {};
        figures.push({
          name: `${prefix}.${sizeLabel(st.to.events)}${suffix}`,
          value: rate,
          unit: 'events/s',
          method: `marginal${what}: ${sizeLabel(st.from.events)}→${sizeLabel(st.to.events)} events${st.judged ? '' : `, under ${MIN_STEP_SECONDS} s, not judged`}`,
          ...(ref ? { baseline: `marginal${what} rate ${sizeLabel(ref.from.events)}→${sizeLabel(ref.to.events)}`, baselineValue: 1e6 / ref.secondsPerMillion } : {}),
          ...judged,
        });
      }
    };
    marginalFigures(wallTime, '', '');
    if (s.runs.every((r) => r.cpuSeconds !== undefined)) marginalFigures(cpuTime, '.cpu', ' CPU');
    for (const r of s.runs) {
      const mem = r === first ? {} : { ratio: first.peakRssMiB / r.peakRssMiB, target: { kind: 'ratio' as const, min: 1 / FLAT_TOLERANCE } };
      figures.push({ name: `${prefix}.${sizeLabel(r.events)}.peakRss`, value: r.peakRssMiB, unit: 'MiB', baseline: `peak RSS at ${sizeLabel(first.events)} events`, baselineValue: first.peakRssMiB, ...mem });
      if (r.retainedHeapMiB !== undefined) figures.push({ name: `${prefix}.${sizeLabel(r.events)}.retainedHeap`, value: r.retainedHeapMiB, unit: 'MiB', method: 'heap in use after a forced GC at the end of the fold, state alive' });
    }
  }
  return { table, lines, figures };
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

/** One line chart: x = events, y = `y(run)`, a line and dots per series. */
function chart(title: string, yLabel: string, runs: readonly ScaleRun[], y: (r: ScaleRun) => number): string {
  const W = 560;
  const H = 320;
  const m = { l: 70, r: 150, t: 30, b: 45 };
  const all = series(runs);
  const xMax = Math.max(...runs.map((r) => r.events)) * 1.05;
  const yMax = Math.max(...runs.map(y)) * 1.1 || 1;
  const px = (x: number) => m.l + (x / xMax) * (W - m.l - m.r);
  const py = (v: number) => H - m.b - (v / yMax) * (H - m.t - m.b);
  const ticks = (max: number) => Array.from({ length: 5 }, (_, i) => (max / 5) * (i + 1));
  const grid = ticks(yMax / 1.1)
    .map((v) => `<line x1="${m.l}" x2="${W - m.r}" y1="${py(v)}" y2="${py(v)}" stroke="#ddd"/><text x="${m.l - 6}" y="${py(v) + 4}" text-anchor="end">${fmt(v, v < 10 ? 1 : 0)}</text>`)
    .join('');
  const xs = [...new Set(runs.map((r) => r.events))].map((x) => `<line x1="${px(x)}" x2="${px(x)}" y1="${H - m.b}" y2="${H - m.b + 5}" stroke="#333"/><text x="${px(x)}" y="${H - m.b + 18}" text-anchor="middle">${sizeLabel(x)}</text>`).join('');
  const lines = all
    .map((s, i) => {
      const c = COLORS[i % COLORS.length] as string;
      const pts = s.runs.map((r) => `${px(r.events).toFixed(1)},${py(y(r)).toFixed(1)}`);
      const dots = s.runs.map((r) => `<circle cx="${px(r.events).toFixed(1)}" cy="${py(y(r)).toFixed(1)}" r="3.5" fill="${c}"><title>${escapeHtml(s.key)}: ${sizeLabel(r.events)} events, ${fmt(y(r), 1)} ${escapeHtml(yLabel)}</title></circle>`).join('');
      return `<polyline points="${pts.join(' ')}${s.runs.length === 1 ? ` ${pts[0]}` : ''}" fill="none" stroke="${c}" stroke-width="2"/>${dots}<rect x="${W - m.r + 12}" y="${m.t + i * 18}" width="12" height="12" fill="${c}"/><text x="${W - m.r + 30}" y="${m.t + i * 18 + 10}">${escapeHtml(s.key)}</text>`;
    })
    .join('');
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11" role="img" aria-label="${escapeHtml(title)}">
<text x="${m.l}" y="18" font-size="13" font-weight="bold">${escapeHtml(title)}</text>${grid}
<line x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}" stroke="#333"/><line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${H - m.b}" stroke="#333"/>${xs}
<text x="${(m.l + W - m.r) / 2}" y="${H - 8}" text-anchor="middle">events in the log</text><text transform="translate(16 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(yLabel)}</text>${lines}</svg></figure>`;
}

/** `bench/.out/scale.html`: the two curves, the table and the verdict, self-contained. */
export function renderScaleHtml(runs: readonly ScaleRun[], machine: Machine, verdict: readonly string[]): string {
  const { table } = verdictOf(runs);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>banshi scale curve</title>
<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em}pre{background:#f6f6f6;padding:1em;overflow:auto}figure{display:inline-block;margin:0 1em 1em 0}</style></head>
<body><h1>Replay into the center report: time and peak RSS against log size</h1>
<p>Machine: ${machine.cpus} × ${escapeHtml(machine.cpuModel)}, ${machine.memoryGiB} GiB, Node ${escapeHtml(machine.node)}; load average ${machine.loadBefore.join(' / ')} before, ${machine.loadAfter.join(' / ')} after (1 / 5 / 15 min). Each replay ran in its own process.</p>
${chart('Replay time', 'seconds', runs, (r) => r.seconds)}
${chart('Peak RSS of the replay process', 'MiB', runs, (r) => r.peakRssMiB)}
${chart('Time per million events (flat = linear)', 's per 1M events', runs, (r) => (r.seconds / r.events) * 1e6)}
${runs.length > 0 && runs.every((r) => r.cpuSeconds !== undefined) ? chart('CPU time of the replay process', 'CPU seconds', runs, cpuTime) : ''}
<h2>Verdict</h2><ul>${verdict.map((v) => `<li>${escapeHtml(v)}</li>`).join('')}</ul>
<h2>Runs</h2><pre>${escapeHtml(table)}</pre>
</body></html>
`;
}
