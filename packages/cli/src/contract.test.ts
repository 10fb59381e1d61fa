/**
 * The CLI's contract over every command at once (issue 19): `--help` lists options, examples and
 * the one exit-code table; bare `banshi` is help with exit 0; 0 ok, 1 bad data, 2 usage or
 * environment (a missing file and an unreachable database alike); `--format json` prints JSON on
 * every command; `--from -` reads standard input; BANSHI_STORE, banshi.config.json and
 * DATABASE_URL name the store when `--from` is absent.
 */
import { createMemoryStore, exportJsonl } from '@banshi/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from './command.js';
import { commands } from './commands/index.js';
import { main } from './main.js';

function harness(cwd: string, over: Partial<CliIO> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdinLines: async function* () {}, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd, env: {}, ...over };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

let dir = '';
let log = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'banshi-contract-'));
  const s = createMemoryStore();
  for (let i = 0; i < 12; i++) await s.append(`case-${i % 3}`, [{ type: 'Noted', data: { i } }]);
  for await (const c of exportJsonl(s.readAll())) log += c;
  writeFileSync(join(dir, 'log.jsonl'), log);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('help', () => {
  it('bare banshi prints the overview with every command and exits 0', async () => {
    const h = harness(dir);
    expect(await main([], h.io)).toBe(0);
    for (const c of commands) expect(h.out()).toContain(`  ${c.name} `);
    expect(h.out()).toContain('Exit codes:');
  });

  it.each(commands.map((c) => [c.name, c] as const))('banshi %s --help lists its options, examples and exit codes', async (name, command) => {
    const h = harness(dir);
    expect(await main([name, '--help'], h.io)).toBe(0);
    const text = h.out();
    for (const heading of ['Usage:', 'Options:', 'Examples:', 'Exit codes:', '  0  success', '  1  the data is bad', '  2  usage or environment']) expect(text, heading).toContain(heading);
    expect(command.options?.length ?? 0).toBeGreaterThan(0);
    for (const [flag] of command.options ?? []) expect(text).toContain(flag);
    expect(command.examples?.length ?? 0).toBeGreaterThan(0);
    for (const e of command.examples ?? []) expect(e).toContain(`banshi ${name}`);
    expect(command.formats, `${name} takes --format json`).toContain('json');
    expect(text).toContain('--format');
  });
});

describe('exit codes', () => {
  it.each(commands.map((c) => [c.name] as const))('banshi %s with an unknown option exits 2 with one line', async (name) => {
    const h = harness(dir);
    expect(await main([name, ...(name === 'report' ? ['disclosure'] : name === 'calendar' ? ['add'] : []), '--no-such-option'], h.io)).toBe(2);
    expect(h.err().trim().split('\n')).toHaveLength(1);
  });

  it('a missing file and an unreachable database are both 2 (usage or environment), on every reading command', async () => {
    const missing = join(dir, 'missing.jsonl');
    const unreachable = 'postgres://nobody@127.0.0.1:9/none';
    const reading = [
      ['verify', '--from'],
      ['replay', '--report', 'approval', '--year', '2013', '--from'],
      ['export', '--to', join(dir, 'out.jsonl'), '--from'],
      ['checkpoint', '--key', join(dir, 'k.key'), '--from'],
    ];
    expect(await main(['checkpoint', '--from', join(dir, 'log.jsonl'), '--key', join(dir, 'k.key'), '--new-key'], harness(dir).io)).toBe(0);
    for (const argv of reading) {
      for (const from of [missing, unreachable]) {
        const h = harness(dir);
        expect(await main([...argv, from], h.io), `${argv.join(' ')} ${from}: ${h.err()}`).toBe(2);
        expect(h.err().trim().split('\n')).toHaveLength(1);
      }
    }
    const r = harness(dir);
    expect(await main(['report', 'disclosure', '--log', missing, '--year', '2013'], r.io)).toBe(2);
    const i = harness(dir);
    expect(await main(['import', '--from', missing, '--to', `sqlite:${join(dir, 'i.db')}`], i.io)).toBe(2);
  });

  it('bad data is 1: a tampered log fails verify', async () => {
    writeFileSync(join(dir, 'bad.jsonl'), log.replace('"i":4', '"i":40'));
    const h = harness(dir);
    expect(await main(['verify', '--from', join(dir, 'bad.jsonl')], h.io)).toBe(1);
  });
});

describe('--format json on every command', () => {
  it('prints one JSON document naming its shape', async () => {
    const db = `sqlite:${join(dir, 'json.db')}`;
    const runs: [string[], string | null][] = [
      [['import', '--from', join(dir, 'log.jsonl'), '--to', db, '--format', 'json'], 'banshi.import/1'],
      [['verify', '--from', join(dir, 'log.jsonl'), '--format', 'json'], 'banshi.verify/1'],
      [['export', '--from', db, '--to', join(dir, 'copy.jsonl'), '--format', 'json'], 'banshi.export/1'],
      [['checkpoint', '--from', join(dir, 'log.jsonl'), '--key', join(dir, 'j.key'), '--new-key', '--format', 'json'], null],
      [['replay', '--from', join(dir, 'log.jsonl'), '--report', 'approval', '--year', '2013', '--format', 'json'], null],
      [['report', 'disclosure', '--log', join(dir, 'log.jsonl'), '--year', '2013', '--format', 'json'], null],
      [['calendar', 'add', '2013-09-16', '20', '--format', 'json'], 'banshi.calendar/1'],
      [['rules', '--format', 'json'], 'banshi.rules/1'],
      [['diagram', 'approval', '--format', 'json'], 'banshi.diagram/1'],
      [['demo', '--cases', '20', '--dir', join(dir, 'demo'), '--quiet', '--format', 'json'], 'banshi.demo/1'],
    ];
    const covered = new Set(runs.map(([argv]) => argv[0]));
    covered.add('prove'); // below: a proof is JSON, and --check --format json
    expect(commands.map((c) => c.name).filter((n) => !covered.has(n))).toEqual([]);
    for (const [argv, shape] of runs) {
      const h = harness(dir);
      expect(await main(argv, h.io), `${argv.join(' ')}: ${h.err()}`).toBe(0);
      const doc = JSON.parse(h.out()) as { format?: string };
      if (shape) expect(doc.format).toBe(shape);
    }
    const v = harness(dir);
    await main(['verify', '--from', join(dir, 'log.jsonl'), '--format', 'json'], v.io);
    expect(JSON.parse(v.out())).toEqual({ format: 'banshi.verify/1', ok: true, events: 12, streams: 3, break: null, checkpoint: null });
    const c = harness(dir);
    expect(JSON.parse((await main(['calendar', 'add', '2013-09-16', '20', '--format', 'json'], c.io), c.out()))).toMatchObject({ operation: 'add', date: '2013-10-18' });
  });

  it('prove makes a JSON proof and checks it with --format json', async () => {
    const cp = harness(dir);
    expect(await main(['checkpoint', '--from', join(dir, 'log.jsonl'), '--key', join(dir, 'p.key'), '--new-key', '--out', join(dir, 'cp.json')], cp.io)).toBe(0);
    const id = (JSON.parse(log.split('\n')[3] as string) as { id: string }).id;
    const p = harness(dir);
    expect(await main(['prove', id, '--from', join(dir, 'log.jsonl'), '--against', join(dir, 'cp.json')], p.io)).toBe(0);
    writeFileSync(join(dir, 'proof.json'), p.out());
    const k = harness(dir);
    expect(await main(['prove', '--check', join(dir, 'proof.json'), '--pub', join(dir, 'p.key.pub'), '--format', 'json'], k.io)).toBe(0);
    expect(JSON.parse(k.out())).toMatchObject({ format: 'banshi.prove/1', ok: true });
  });
});

describe('where the log comes from', () => {
  it('--from - reads a JSONL log on standard input', async () => {
    const bytes = new TextEncoder().encode(log);
    const h = harness(dir, { stdin: async function* () { yield bytes; } });
    expect(await main(['verify', '--from', '-', '--format', 'json'], h.io)).toBe(0);
    expect(JSON.parse(h.out())).toMatchObject({ ok: true, events: 12 });
  });

  it('BANSHI_STORE, then banshi.config.json, then DATABASE_URL name the store when --from is absent', async () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    const env = harness(cwd, { env: { BANSHI_STORE: join(dir, 'log.jsonl'), DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' } });
    expect(await main(['verify'], env.io)).toBe(0);
    writeFileSync(join(cwd, 'banshi.config.json'), JSON.stringify({ store: 'bad.jsonl' }));
    writeFileSync(join(cwd, 'bad.jsonl'), log.replace('"i":4', '"i":40'));
    const config = harness(cwd, { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' } });
    expect(await main(['verify'], config.io)).toBe(1); // the config's relative path, from the working directory
    rmSync(join(cwd, 'banshi.config.json'));
    const url = harness(cwd, { env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' } });
    expect(await main(['verify'], url.io)).toBe(2);
    const none = harness(cwd);
    expect(await main(['verify'], none.io)).toBe(2);
    expect(none.err()).toContain('BANSHI_STORE');
  });
});
