/**
 * `pnpm bench [filter]`: runs every `bench/*.bench.ts`, prints one JSON line per
 * figure, then a readable table. Exit code 0 even when a target is missed (the
 * table says so): targets are checked by a human reading the run, not by CI timing.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { passes, type Benchmark, type Figure } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort();
const rows: Figure[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Benchmark | readonly Benchmark[] };
  const benches = Array.isArray(mod.default) ? (mod.default as readonly Benchmark[]) : [mod.default as Benchmark];
  for (const bench of benches) {
    if (filter && !bench.name.includes(filter) && !file.includes(filter)) continue;
    process.stderr.write(`running ${bench.name} …\n`);
    for (const fig of await bench.run()) {
      const ok = passes(fig);
      process.stdout.write(JSON.stringify({ ...fig, ...(ok === undefined ? {} : { pass: ok }) }) + '\n');
      rows.push(fig);
    }
  }
}

const fmt = (n: number | undefined): string =>
  n === undefined ? '' : Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
const table = rows.map((f) => {
  const ok = passes(f);
  const t = f.target;
  const target = t ? `${t.kind === 'ratio' ? 'ratio' : 'value'} ${t.min !== undefined ? `≥ ${t.min}` : ''}${t.max !== undefined ? `≤ ${t.max}` : ''}` : '';
  return [f.name, `${fmt(f.value)} ${f.unit}`, f.baseline ?? '', fmt(f.baselineValue), f.ratio === undefined ? '' : `${f.ratio.toFixed(2)}×`, target, ok === undefined ? '' : ok ? 'ok' : 'MISSED'];
});
const head = ['figure', 'value', 'baseline', 'baseline value', 'ratio', 'target', ''];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => (r[i] ?? '').length)));
const line = (r: readonly string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
process.stdout.write('\n' + line(head) + '\n' + line(widths.map((w) => '-'.repeat(w))) + '\n' + table.map(line).join('\n') + '\n');
