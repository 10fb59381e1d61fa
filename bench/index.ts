/**
 * `pnpm bench [filter] [--json <file>] [--sizes <n,n,…>]`: runs every `bench/*.bench.ts`, prints one JSON line
 * per figure, then a readable table, and with `--json` writes the whole run (every figure with
 * its baseline, ratio, target, pass and the load average it ran under) as one JSON document
 * for tooling. Exit code 0 even when a target is missed (the table says so): targets are
 * checked by a human reading the run, not by CI timing. `--sizes` sets the scale curve's log sizes
 * (`scale.bench.ts`; default 100k, 400k, 1M).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchRecord, benchReport, parseBenchArgs, type Benchmark, type BenchRecord } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
let args: ReturnType<typeof parseBenchArgs>;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(2);
}
const { filter, jsonPath, sizes } = args;
const startedAt = new Date().toISOString();
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort();
const rows: BenchRecord[] = [];
const load1 = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Benchmark | readonly Benchmark[] };
  const benches = Array.isArray(mod.default) ? (mod.default as readonly Benchmark[]) : [mod.default as Benchmark];
  for (const bench of benches) {
    if (filter && !bench.name.includes(filter) && !file.includes(filter)) continue;
    process.stderr.write(`running ${bench.name} (load ${load1()}) …\n`);
    const start = load1();
    const figures = await bench.run(sizes ? { sizes } : {});
    const load = { start, end: load1() };
    for (const fig of figures) {
      const record = benchRecord(fig, bench.name, load);
      process.stdout.write(JSON.stringify(record) + '\n');
      rows.push(record);
    }
  }
}

if (jsonPath) {
  const cpu = cpus();
  const report = benchReport(rows, {
    startedAt,
    finishedAt: new Date().toISOString(),
    filter: filter ?? null,
    machine: { cpus: cpu.length, cpuModel: cpu[0]?.model ?? 'unknown', memoryBytes: totalmem(), platform: platform(), node: process.version },
  });
  const out = resolve(process.env.INIT_CWD ?? process.cwd(), jsonPath);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  process.stderr.write(`wrote ${rows.length} figures to ${out}\n`);
}

const fmt = (n: number | undefined): string =>
  n === undefined ? '' : Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
const table = rows.map((f) => {
  const t = f.target;
  const target = t ? `${t.kind === 'ratio' ? 'ratio' : 'value'} ${t.min !== undefined ? `≥ ${t.min}` : ''}${t.max !== undefined ? `≤ ${t.max}` : ''}` : '';
  const ratio = f.ratio === undefined ? '' : `${f.ratio.toFixed(2)}×${f.ratioRange ? ` (${f.ratioRange[0].toFixed(2)}–${f.ratioRange[1].toFixed(2)})` : ''}`;
  return [f.name, `${fmt(f.value)} ${f.unit}`, f.baseline ?? '', fmt(f.baselineValue), ratio, target, f.pass === undefined ? '' : f.pass ? 'ok' : 'MISSED', `${f.load.start}→${f.load.end}`];
});
const head = ['figure', 'value', 'baseline', 'baseline value', 'ratio (rounds)', 'target', '', 'load'];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? '').length)));
const line = (r: readonly string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
process.stdout.write('\n' + line(head) + '\n' + line(widths.map((w) => '-'.repeat(w))) + '\n' + table.map(line).join('\n') + '\n');
