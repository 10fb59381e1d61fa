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
  /** The 1-minute load average when the run started. */
  readonly load1: number;
}

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

/** Time per event may drift this much across sizes and still count as linear (a shared, noisy machine). */
export const LINEAR_TOLERANCE = 1.25;
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

/**
 * The curve as a table, one verdict line per store (time linear? memory flat?), and the figures
 * for the harness: each size's rate and peak RSS against the smallest size of the same store.
 */
export function verdictOf(runs: readonly ScaleRun[]): { table: string; lines: string[]; figures: Figure[] } {
  const head = ['store', 'events', 'seconds', 'ev/s', 's per 1M', 'peak RSS MiB', 'RSS before MiB', 'load (1 min)'];
  const rows = [...runs]
    .sort((a, b) => a.store.localeCompare(b.store) || a.mode.localeCompare(b.mode) || a.events - b.events)
    .map((r) => [r.mode === 'center' ? r.store : `${r.store} (read only)`, fmt(r.events), fmt(r.seconds, 1), fmt(r.events / r.seconds), fmt((r.seconds / r.events) * 1e6, 1), fmt(r.peakRssMiB), fmt(r.rssBeforeMiB), fmt(r.load1, 1)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const table = [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
  const lines: string[] = [];
  const figures: Figure[] = [];
  for (const s of series(runs)) {
    const first = s.runs[0] as ScaleRun;
    const last = s.runs[s.runs.length - 1] as ScaleRun;
    const perM = (r: ScaleRun) => (r.seconds / r.events) * 1e6;
    const spread = Math.max(...s.runs.map(perM)) / Math.min(...s.runs.map(perM));
    const growth = last.peakRssMiB / first.peakRssMiB;
    const slope = last.events === first.events ? 0 : ((last.peakRssMiB - first.peakRssMiB) / (last.events - first.events)) * 1e6;
    if (s.runs.length < 2) {
      lines.push(`${s.key}: one size only (${sizeLabel(first.events)}): no curve to judge`);
    } else {
      const time = spread <= LINEAR_TOLERANCE ? 'linear' : 'NOT linear';
      const mem = growth <= FLAT_TOLERANCE ? 'flat' : 'NOT flat';
      lines.push(
        `${s.key}: time ${time} (${s.runs.map((r) => `${fmt(perM(r), 1)} s`).join(' → ')} per million events, spread ${spread.toFixed(2)}× ≤ ${LINEAR_TOLERANCE}× allowed); ` +
          `memory ${mem} (peak RSS ${s.runs.map((r) => `${fmt(r.peakRssMiB)} MiB`).join(' → ')}, ${growth.toFixed(2)}× ≤ ${FLAT_TOLERANCE}× allowed, ${slope >= 0 ? '+' : ''}${fmt(slope, 1)} MiB per million events)`,
      );
    }
    const prefix = `scale.${s.store}${s.mode === 'read' ? '.read' : ''}`;
    const baseRate = first.events / first.seconds;
    for (const r of s.runs) {
      const rate = r.events / r.seconds;
      const base = r === first ? {} : { ratio: rate / baseRate, target: { kind: 'ratio' as const, min: 1 / LINEAR_TOLERANCE } };
      figures.push({ name: `${prefix}.${sizeLabel(r.events)}`, value: rate, unit: 'events/s', baseline: `same replay, ${sizeLabel(first.events)} events`, baselineValue: baseRate, ...base });
      const mem = r === first ? {} : { ratio: first.peakRssMiB / r.peakRssMiB, target: { kind: 'ratio' as const, min: 1 / FLAT_TOLERANCE } };
      figures.push({ name: `${prefix}.${sizeLabel(r.events)}.peakRss`, value: r.peakRssMiB, unit: 'MiB', baseline: `peak RSS at ${sizeLabel(first.events)} events`, baselineValue: first.peakRssMiB, ...mem });
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
<h2>Verdict</h2><ul>${verdict.map((v) => `<li>${escapeHtml(v)}</li>`).join('')}</ul>
<h2>Runs</h2><pre>${escapeHtml(table)}</pre>
</body></html>
`;
}
