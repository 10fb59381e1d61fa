import { createMemoryStore, exportJsonl } from '@banshi/core';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  it('signs a checkpoint, verifies --against it, proves an event, and a third party checks the proof with the public key alone', async () => {
    const key = join(dir, 'cp.key');
    const c = io();
    expect(await main(['checkpoint', '--from', join(dir, 'log.jsonl'), '--key', key, '--new-key', '--origin', 'test-log', '--out', join(dir, 'cp.json')], c.io)).toBe(0);
    expect(c.err()).toMatch(/checkpoint of 30 events/);
    const v = io();
    expect(await main(['verify', '--from', join(dir, 'log.jsonl'), '--against', join(dir, 'cp.json'), '--pub', `${key}.pub`], v.io)).toBe(0);
    expect(v.out()).toMatch(/extends the checkpoint of 30 events/);
    // The SQLite copy holds the same log: the same checkpoint holds for it.
    expect(await main(['verify', '--from', join(dir, 'a.db'), '--against', join(dir, 'cp.json'), '--pub', `${key}.pub`], io().io)).toBe(0);
    const id = (JSON.parse(log.split('\n')[11] as string) as { id: string }).id;
    const p = io();
    expect(await main(['prove', id, '--from', join(dir, 'a.db'), '--against', join(dir, 'cp.json')], p.io)).toBe(0);
    writeFileSync(join(dir, 'proof.json'), p.out());
    const k = io();
    expect(await main(['prove', '--check', join(dir, 'proof.json'), '--pub', `${key}.pub`], k.io)).toBe(0);
    expect(k.out()).toMatch(/^ok: event .* is at position 12 of the log "test-log" of 30 events/);
    // A forged proof (the event's text changed) is refuted.
    writeFileSync(join(dir, 'forged.json'), p.out().replace('一次性告知', '已批准'));
    const f = io();
    expect(await main(['prove', '--check', join(dir, 'forged.json'), '--pub', `${key}.pub`], f.io)).toBe(1);
    expect(f.out()).toMatch(/^REFUTED/);
    // Truncation after the checkpoint is named.
    writeFileSync(join(dir, 'short.jsonl'), log.split('\n').slice(0, 25).join('\n') + '\n');
    const t = io();
    expect(await main(['verify', '--from', join(dir, 'short.jsonl'), '--against', join(dir, 'cp.json'), '--pub', `${key}.pub`], t.io)).toBe(1);
    expect(t.out()).toMatch(/BROKEN against the checkpoint \(truncated\)/);
  });

  it('gives a duplicated line the same verdict in verify and import: broken, naming the line', async () => {
    const lines = log.split('\n');
    lines.splice(5, 0, lines[4] as string);
    writeFileSync(join(dir, 'dup.jsonl'), lines.join('\n'));
    const v = io();
    expect(await main(['verify', '--from', join(dir, 'dup.jsonl')], v.io)).toBe(1);
    expect(v.out()).toMatch(/\(line 6\)/);
    const i = io();
    expect(await main(['import', '--from', join(dir, 'dup.jsonl'), '--to', `sqlite:${join(dir, 'dup.db')}`], i.io)).toBe(1);
    expect(i.err()).toMatch(/line 6 .*duplicated, reordered or missing line.*Nothing was imported/);
    // The failed import left no empty database behind.
    expect(existsSync(join(dir, 'dup.db'))).toBe(false);
  });

  it('imports with every payload schema checked: a CaseReceived with a bad payload but a valid hash is refused', async () => {
    const s = createMemoryStore();
    await s.append('case-x', [{ type: 'CaseReceived', data: { nonsense: true } }]);
    let text = '';
    for await (const c of exportJsonl(s.readAll())) text += c;
    writeFileSync(join(dir, 'badpayload.jsonl'), text);
    const r = io();
    expect(await main(['import', '--from', join(dir, 'badpayload.jsonl'), '--to', `sqlite:${join(dir, 'bp.db')}`], r.io)).toBe(1);
    expect(r.err()).toMatch(/line 1 .*CaseReceived/);
    expect(existsSync(join(dir, 'bp.db'))).toBe(false);
  });

  it('export to a missing directory: one line, exit 1, and no partial file anywhere', async () => {
    const r = io();
    expect(await main(['export', '--from', join(dir, 'log.jsonl'), '--to', join(dir, 'nope', 'x.jsonl')], r.io)).toBe(1);
    expect(r.err().trim().split('\n')).toHaveLength(1);
    expect(r.err()).toMatch(/\[CLI_WRITE\] cannot write .*x\.jsonl: its directory does not exist/);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('verify never turns a 0-byte file into a store, and never echoes a huge argument', async () => {
    const empty = join(dir, 'zero.db');
    writeFileSync(empty, '');
    const r = io();
    expect(await main(['verify', '--from', empty], r.io)).toBe(1);
    expect(r.err()).toMatch(/empty, not a banshi store/);
    expect(statSync(empty).size).toBe(0);
    const huge = 'x'.repeat(5_000_000);
    const h = io();
    expect(await main(['verify', '--from', huge], h.io)).toBe(2);
    expect(h.err().length).toBeLessThan(400);
    expect(h.err().trim().split('\n')).toHaveLength(1);
  });
});
