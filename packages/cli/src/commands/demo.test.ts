/**
 * `banshi demo --cases N` at a small N: the province-sized run (300,000 cases, docs/performance.md)
 * prints the same phase line, so this checks its shape, not its speed.
 */
import { exportJsonl } from '@banshi/core';
import { generateTaizhou2013 } from '@banshi/example-taizhou-2013';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'banshi-demo-cases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function harness() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdinLines: async function* () {}, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: dir, env: {} };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('banshi demo --cases N', () => {
  it('prints the wall time and peak RSS of every phase', { timeout: 600_000 }, async () => {
    const h = harness();
    expect(await main(['demo', '--cases', '25', '--dir', 'small'], h.io), h.err()).toBe(0);
    const line = /phases \(wall time, peak RSS at its end\): (.*); peak RSS ([\d,]+) MiB\n/.exec(h.err());
    expect(line, h.err()).not.toBeNull();
    const phases = (line?.[1] ?? '').split(', ').map((p) => /^(.+) (\d+\.\d) s ([\d,]+) MiB$/.exec(p));
    expect(phases.map((p) => p?.[1])).toEqual(['generate+write', 'replay', 'report', 'verify']);
    const rss = phases.map((p) => Number((p?.[3] ?? '').replace(/,/g, '')));
    expect(rss.every((r, i) => r > 0 && r >= (rss[i - 1] ?? 0))).toBe(true);
    expect(Number((line?.[2] ?? '').replace(/,/g, ''))).toBeGreaterThanOrEqual(rss.at(-1) as number);
    expect(h.out()).toMatch(/哈希链 已校验：[\d,]+ 个流中的 [\d,]+ 条事件/);
  });

  it('writes, chunk by chunk, exactly the log the generator holds in memory for the same seed and N', { timeout: 600_000 }, async () => {
    const h = harness();
    expect(await main(['demo', '--cases', '40', '--seed', '5', '--dir', 'same', '--quiet', '--format', 'json'], h.io), h.err()).toBe(0);
    const { store, stats } = await generateTaizhou2013({ seed: 5, cases: 40 });
    let expected = '';
    for await (const t of exportJsonl(store.readAll({ upcast: false }))) expected += t;
    expect(readFileSync(join(dir, 'same', 'taizhou-2013.jsonl'), 'utf8')).toBe(expected);
    const json = JSON.parse(h.out()) as { report: { verified: boolean }; phases: { phase: string; seconds: number; peakRssMiB: number }[] };
    expect(json.report.verified).toBe(true);
    expect(json.phases.map((p) => p.phase)).toEqual(['generate+write', 'replay', 'report', 'verify']);
    expect(json.phases.every((p) => p.seconds >= 0 && p.peakRssMiB > 0)).toBe(true);
    expect(stats.events).toBe(expected.split('\n').length - 1);
  });

  it('refuses a bad N with one line that names the problem and what to give instead', async () => {
    const refused = async (value: string[]) => {
      const h = harness();
      expect(await main(['demo', ...value, '--dir', 'bad', '--quiet'], h.io)).toBe(2);
      return h.err();
    };
    const what = "give the number of approval cases to generate, digits only (3000 is the default, 300000 a province's year)";
    expect(await refused(['--cases', '0'])).toContain(`--cases must be between 1 and 1000000, got 0: ${what}`);
    expect(await refused(['--cases=-5'])).toContain(`--cases must be between 1 and 1000000, got -5: ${what}`);
    expect(await refused(['--cases', '-5'])).toMatch(/'--cases'.*'--cases=-XYZ'/);
    expect(await refused(['--cases', 'many'])).toContain(`--cases must be a whole number, got "many": ${what}`);
    expect(await refused(['--cases', '300,000'])).toContain(`--cases must be a whole number, got "300,000": ${what}`);
    expect(await refused(['--cases', '1000001'])).toContain(`--cases must be between 1 and 1000000, got 1000001: ${what}`);
    expect(await refused(['--cases', '99999999999999999999'])).toContain('--cases must be between 1 and 1000000');
    const help = harness();
    await main(['demo', '--help'], help.io);
    expect(help.out()).toContain('at most 1000000');
  });
});
