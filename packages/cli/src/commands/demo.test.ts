/**
 * `banshi demo --cases N` at a small N: the province-sized run (300,000 cases, docs/performance.md)
 * prints the same phase line, so this checks its shape, not its speed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
  it('prints the wall time of every phase and the peak RSS', { timeout: 600_000 }, async () => {
    const h = harness();
    expect(await main(['demo', '--cases', '25', '--dir', 'small'], h.io), h.err()).toBe(0);
    const line = /phases \(wall time\): (.*); peak RSS ([\d,]+) MiB\n/.exec(h.err());
    expect(line, h.err()).not.toBeNull();
    const phases = (line?.[1] ?? '').split(', ').map((p) => /^(.+) (\d+\.\d) s$/.exec(p)?.[1]);
    expect(phases).toEqual(['generate', 'write SQLite', 'write JSONL', 'replay', 'report', 'verify']);
    expect(Number((line?.[2] ?? '').replace(/,/g, ''))).toBeGreaterThan(0);
    expect(h.out()).toMatch(/哈希链 已校验：[\d,]+ 个流中的 [\d,]+ 条事件/);
  });

  it('takes a province-sized N and refuses more than a million cases, naming the limit', async () => {
    const h = harness();
    expect(await main(['demo', '--cases', '1000001', '--dir', 'big', '--quiet'], h.io)).toBe(2);
    expect(h.err()).toContain('--cases must be between 1 and 1000000, got 1000001');
    const help = harness();
    await main(['demo', '--help'], help.io);
    expect(help.out()).toContain('at most 1000000');
  });
});
