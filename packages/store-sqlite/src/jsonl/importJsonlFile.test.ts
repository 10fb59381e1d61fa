import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJsonl, JsonlLineError, ValidationError, type RecordedEvent } from '@banshi/core';
import { sha256HexNode } from '@banshi/core/node';
import { contractRegistry } from '@banshi/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSqliteStore } from '../store/index.js';
import { importJsonlFile } from './importJsonlFile.js';

const dir = mkdtempSync(join(tmpdir(), 'banshi-sqlite-jsonl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let lines: string[] = [];
let n = 0;
const fresh = () => join(dir, `j-${++n}.db`);
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(async () => {
  const src = createSqliteStore(':memory:', { registry: contractRegistry });
  for (let i = 0; i < 20; i++) await src.append(`case-${i % 3}`, [{ type: 'Noted', data: { text: `第${i}件` } }]);
  let text = '';
  for await (const chunk of exportJsonl(src.readAll())) text += chunk;
  lines = text.trimEnd().split('\n');
  await src.close();
});

/** A log of 300 events over 7 streams (more than four 64-row inserts), as text and as lines. */
async function log300(): Promise<{ text: string; log: string[] }> {
  const src = createSqliteStore(':memory:', { registry: contractRegistry });
  for (let i = 0; i < 300; i++) await src.append(`case-${i % 7}`, [{ type: 'Noted', data: { text: `第${i}件` } }]);
  let text = '';
  for await (const chunk of exportJsonl(src.readAll())) text += chunk;
  await src.close();
  return { text, log: text.trimEnd().split('\n') };
}

const parseLine = (line: string): RecordedEvent => JSON.parse(line) as RecordedEvent;

describe('importJsonlFile into SQLite', () => {
  it('imports a whole log in one transaction and verifies', async () => {
    const s = createSqliteStore(fresh(), { registry: contractRegistry });
    const r = await importJsonlFile(s, file('whole.jsonl', lines.join('\n') + '\n'));
    expect(r).toMatchObject({ imported: 20, skipped: 0, lastPosition: 20, lines: 20, torn: undefined });
    expect((await s.verify()).ok).toBe(true);
    await s.close();
  });

  it('leaves out a torn last line and reports where to truncate', async () => {
    const s = createSqliteStore(fresh(), { registry: contractRegistry });
    const whole = lines.slice(0, 19).join('\n') + '\n';
    const torn = (lines[19] as string).slice(0, 40);
    const r = await importJsonlFile(s, file('torn.jsonl', whole + torn));
    expect(r.imported).toBe(19);
    expect(r.torn).toEqual({ byteOffset: Buffer.byteLength(whole), bytes: Buffer.byteLength(torn), line: 20 });
    expect(await s.headPosition()).toBe(19);
    await s.close();
  });

  it('imports nothing when a middle line is corrupt, naming the line', async () => {
    const s = createSqliteStore(fresh(), { registry: contractRegistry });
    await s.append('case-live', [{ type: 'Noted', data: { text: 'before' } }]);
    const bad = [...lines];
    bad[9] = (bad[9] as string).replace('第9件', '第九件');
    const err = await importJsonlFile(s, file('bad.jsonl', bad.join('\n') + '\n')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JsonlLineError);
    expect(err).toMatchObject({ line: 10 });
    const garbled = [...lines];
    garbled[4] = '{"data":{"text":';
    await expect(importJsonlFile(s, file('garbled.jsonl', garbled.join('\n') + '\n'))).rejects.toMatchObject({ code: 'CORE_JSONL_LINE', line: 5 });
    expect(await s.headPosition()).toBe(1);
    expect(await s.streamVersion('case-0')).toBe(0);
    await s.close();
  });

  it('canonicalizes and hashes each imported event exactly once (importJsonlFile and importEvents)', async () => {
    let hashed = 0;
    const hasher = (text: string): string => {
      hashed++;
      return sha256HexNode(text);
    };
    // Every serialization of an event's payload, canonical or not, goes through JSON.stringify
    // (canonicalJson writes with it too): count the outputs that carry each event's marker text.
    const serialized = new Map<string, number>();
    const stringify = JSON.stringify;
    const spy = vi.spyOn(JSON, 'stringify').mockImplementation((...args: Parameters<typeof JSON.stringify>) => {
      const out = stringify(...args) as string | undefined;
      if (typeof out === 'string') for (const [m] of out.matchAll(/第\d+件/g)) serialized.set(m, (serialized.get(m) ?? 0) + 1);
      return out as string;
    });
    const perEvent = () => [...serialized.values()];
    try {
      const s = createSqliteStore(fresh(), { registry: contractRegistry, hasher });
      const r = await importJsonlFile(s, file('counted.jsonl', lines.join('\n') + '\n'));
      expect(r.imported).toBe(20);
      expect(hashed).toBe(20);
      expect(serialized.size).toBe(20);
      expect(perEvent()).toEqual(Array.from({ length: 20 }, () => 1));
      await s.close();

      hashed = 0;
      serialized.clear();
      const events = lines.map((l) => parseLine(l));
      const t = createSqliteStore(fresh(), { registry: contractRegistry, hasher });
      expect((await t.importEvents(events)).imported).toBe(20);
      expect(hashed).toBe(20);
      expect(perEvent()).toEqual(Array.from({ length: 20 }, () => 1));
      // A repeated import skips what is stored: nothing is hashed or serialized again.
      hashed = 0;
      serialized.clear();
      expect((await t.importEvents((async function* () { yield* events; })())).skipped).toBe(20);
      expect(hashed).toBe(0);
      expect(serialized.size).toBe(0);
      await t.close();
    } finally {
      spy.mockRestore();
    }
  });

  it('reports the first bad line of the log whether the store or the log check finds it (the store takes the log in batches)', async () => {
    const hashBroken = (lines[9] as string).replace('第9件', '第九件'); // line 10: the store's hash check
    const repeated = [...lines.slice(0, 14), lines[13] as string, ...lines.slice(14)]; // line 15: the log's version check
    const both = [...repeated];
    both[9] = hashBroken;
    for (const [name, log, line] of [['both', both, 10], ['repeat', repeated, 15]] as const) {
      const s = createSqliteStore(fresh(), { registry: contractRegistry });
      await expect(importJsonlFile(s, file(`${name}.jsonl`, log.join('\n') + '\n'))).rejects.toMatchObject({ code: 'CORE_JSONL_LINE', line });
      expect(await s.headPosition()).toBe(0);
      await s.close();
    }
  });

  it('names the line of an event whose id is stored with other content, wherever the insert that met it falls', async () => {
    const { text, log } = await log300();
    for (const at of [0, 130, 299]) {
      const s = createSqliteStore(fresh(), { registry: contractRegistry });
      await s.append('case-other', [{ id: parseLine(log[at] as string).id, type: 'Noted', data: { text: 'other content' } }]);
      const err = await importJsonlFile(s, file(`taken-${at}.jsonl`, text)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(JsonlLineError);
      expect(err).toMatchObject({ line: at + 1 });
      expect(String((err as Error).message)).toMatch(/already stored with different content/);
      expect(await s.headPosition()).toBe(1);
      await s.close();
    }
  });

  it('names the later of two new events that share an id with other content, even within one insert', async () => {
    const { log } = await log300();
    // [the id's first line, where its clash goes]: the same 64-row insert, the next one, the last (partial) one.
    for (const [first, at] of [[4, 20], [4, 100], [260, 290]] as const) {
      const other = createSqliteStore(':memory:', { registry: contractRegistry });
      await other.append('case-other', [{ id: parseLine(log[first] as string).id, type: 'Noted', data: { text: 'other content' } }]);
      let clash = '';
      for await (const chunk of exportJsonl(other.readAll())) clash += chunk;
      await other.close();
      const withClash = [...log.slice(0, at), clash.trimEnd(), ...log.slice(at)];
      for (const registry of [contractRegistry, undefined]) {
        for (const worker of [true, false]) {
          const s = createSqliteStore(fresh(), registry ? { registry } : {});
          const err = await importJsonlFile(s, file(`clash-${first}-${at}.jsonl`, withClash.join('\n') + '\n'), { worker }).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(JsonlLineError);
          expect(err).toMatchObject({ line: at + 1 });
          expect(String((err as Error).message)).toMatch(/already stored with different content/);
          expect(await s.headPosition()).toBe(0);
          await s.close();
        }
      }
    }
  });

  it('refuses a missing file with ValidationError', async () => {
    const s = createSqliteStore(fresh());
    await expect(importJsonlFile(s, join(dir, 'nope.jsonl'))).rejects.toBeInstanceOf(ValidationError);
    await s.close();
  });
});
