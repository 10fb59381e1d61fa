import { createMemoryStore, exportJsonl } from '@banshi/core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import type { CliIO } from '../command.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const x: CliIO = { stdinLines: async function* () {}, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: process.cwd() };
  return { io: x, out: () => out.join(''), err: () => err.join('') };
}

let dir = '';
let log = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'banshi-cli-'));
  const s = createMemoryStore();
  for (let i = 0; i < 30; i++) await s.append(`case-${i % 4}`, [{ type: 'Noted', data: { i, text: '一次性告知' } }]);
  for await (const c of exportJsonl(s.readAll())) log += c;
  writeFileSync(join(dir, 'log.jsonl'), log);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('banshi verify / import / export', () => {
  it('round-trips a log through SQLite byte-identically and verifies each copy', async () => {
    const a = io();
    expect(await main(['import', '--from', join(dir, 'log.jsonl'), '--to', `sqlite:${join(dir, 'a.db')}`], a.io)).toBe(0);
    expect(a.out()).toContain('imported 30 events');
    const b = io();
    expect(await main(['verify', '--from', join(dir, 'a.db')], b.io)).toBe(0);
    expect(b.out()).toMatch(/^ok: 30 events in 4 streams/);
    expect(await main(['export', '--from', join(dir, 'a.db'), '--to', join(dir, 'back.jsonl')], io().io)).toBe(0);
    expect(readFileSync(join(dir, 'back.jsonl'), 'utf8')).toBe(log);
  });

  it('reports a tampered line with exit code 1, and a torn tail as a warning', async () => {
    const lines = log.split('\n');
    lines[7] = (lines[7] as string).replace('一次性告知', '二次告知');
    writeFileSync(join(dir, 'bad.jsonl'), lines.join('\n'));
    const r = io();
    expect(await main(['verify', '--from', join(dir, 'bad.jsonl')], r.io)).toBe(1);
    expect(r.out()).toMatch(/BROKEN at case-3@2 \(line 8\): hash mismatch/);
    writeFileSync(join(dir, 'torn.jsonl'), log.slice(0, -25));
    const t = io();
    expect(await main(['import', '--from', join(dir, 'torn.jsonl'), '--to', `sqlite:${join(dir, 't.db')}`], t.io)).toBe(0);
    expect(t.out()).toContain('imported 29 events');
    expect(t.err()).toMatch(/torn at byte \d+ \(line 30\)/);
  });

  it('refuses bad command lines with one clear line and exit code 2', async () => {
    for (const argv of [['verify'], ['verify', '--from', 'x.txt'], ['verify', '--from', join(dir, 'missing.jsonl')], ['export', '--from', join(dir, 'log.jsonl'), '--to', 'x.db'], ['verify', '--bogus'], ['frobnicate']]) {
      const r = io();
      expect(await main(argv, r.io)).toBe(2);
      expect(r.err().trim().split('\n')).toHaveLength(1);
    }
  });
});
