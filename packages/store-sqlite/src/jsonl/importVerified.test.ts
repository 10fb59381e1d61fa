import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJsonl, JsonlLineError, type RecordedEvent } from '@banshi/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../store/index.js';
import { importJsonlFile } from './importJsonlFile.js';
import { workerModule } from './importVerified.js';

// importJsonlFile into a SQLite store without a registry verifies the log in a worker thread:
// every outcome must be the one the single-threaded import gives (worker: false).
const dir = mkdtempSync(join(tmpdir(), 'banshi-sqlite-verified-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `v-${++n}.db`);
const file = (text: string) => {
  const p = join(dir, `log-${++n}.jsonl`);
  writeFileSync(p, text);
  return p;
};
/** 600 events over 7 streams, ≈ 190 KB: the worker reads it in several 64 KiB chunks. */
let lines: string[] = [];

beforeAll(async () => {
  const src = createSqliteStore(':memory:');
  for (let i = 0; i < 600; i++) await src.append(`case-${i % 7}`, [{ type: 'Noted', data: { text: `第${i}件 ${'材料齐全，予以受理'.repeat(4)}`, n: i } }]);
  let text = '';
  for await (const chunk of exportJsonl(src.readAll())) text += chunk;
  lines = text.trimEnd().split('\n');
  await src.close();
});

/** Imports `text` both ways into stores prepared by `setup`; returns both outcomes and stored rows. */
async function both(text: string, setup: (s: ReturnType<typeof createSqliteStore>) => Promise<void> = async () => {}) {
  const path = file(text);
  const out = [];
  for (const worker of [true, false]) {
    const s = createSqliteStore(fresh());
    await setup(s);
    const result = await importJsonlFile(s, path, { worker }).catch((e: unknown) => e);
    const stored: RecordedEvent[] = [];
    for await (const e of s.readAll({ upcast: false })) stored.push(e);
    out.push({ result, stored, head: await s.headPosition(), verify: await s.verify() });
    await s.close();
  }
  return { worker: out[0] as (typeof out)[0], plain: out[1] as (typeof out)[0] };
}

const errorOf = (r: unknown) => (r instanceof JsonlLineError ? { line: r.line, byteOffset: r.byteOffset, message: r.message } : r);

describe('importJsonlFile with a worker thread', () => {
  it('has a worker module to run (from sources, the built one: run pnpm build first)', () => {
    expect(workerModule()).toBeDefined();
  });

  it('imports what the single-threaded import does, byte for byte, and the chains verify', async () => {
    const { worker, plain } = await both(lines.join('\n') + '\n');
    expect(worker.result).toMatchObject({ imported: 600, skipped: 0, lastPosition: 600, lines: 600, torn: undefined });
    expect(worker.result).toEqual(plain.result);
    expect(worker.stored).toEqual(plain.stored);
    expect(worker.verify.ok).toBe(true);
  });

  it('reports a torn last line as the single-threaded import does', async () => {
    const { worker, plain } = await both(lines.join('\n') + '\n' + '{"data":{"te');
    expect(worker.result).toMatchObject({ imported: 600, torn: { line: 601 } });
    expect(worker.result).toEqual(plain.result);
  });

  it('refuses a tampered line anywhere in the log, naming the same line, and imports nothing', async () => {
    for (const at of [0, 9, 250, 599]) {
      const bad = [...lines];
      bad[at] = (bad[at] as string).replace(`第${at}件`, `第${at}件改`);
      const { worker, plain } = await both(bad.join('\n') + '\n');
      expect(worker.result).toBeInstanceOf(JsonlLineError);
      expect(errorOf(worker.result)).toEqual(errorOf(plain.result));
      expect(worker.result).toMatchObject({ line: at + 1 });
      expect(String((worker.result as Error).message)).toMatch(/hash mismatch/);
      expect(worker.head).toBe(0);
    }
  });

  it('names the first bad line whichever check finds it: bad JSON, a bad envelope, a repeated line, a broken chain', async () => {
    const cases: [string, string[]][] = [];
    const garbled = [...lines];
    garbled[300] = '{"data":{"text":';
    cases.push(['garbled', garbled]);
    const envelope = [...lines];
    envelope[400] = (envelope[400] as string).replace(/"channel":"[a-z]+"/, '"channel":"fax"');
    cases.push(['envelope', envelope]);
    cases.push(['repeated', [...lines.slice(0, 201), lines[200] as string, ...lines.slice(201)]]);
    cases.push(['missing', [...lines.slice(0, 350), ...lines.slice(351)]]);
    const hashBroken = [...lines.slice(0, 201), lines[200] as string, ...lines.slice(201)];
    hashBroken[120] = (hashBroken[120] as string).replace('第120件', '第一二〇件');
    cases.push(['both', hashBroken]);
    const proto = [...lines];
    proto[450] = (proto[450] as string).replace('"data":{', '"data":{"__proto__":1,');
    cases.push(['unhashable', proto]);
    for (const [name, log] of cases) {
      const { worker, plain } = await both(log.join('\n') + '\n');
      expect(worker.result, name).toBeInstanceOf(JsonlLineError);
      expect(errorOf(worker.result), name).toEqual(errorOf(plain.result));
      expect(worker.head, name).toBe(0);
    }
    expect(String((await both(proto.join('\n') + '\n')).worker.result)).toMatch(/line 451 .*cannot be hashed/);
  });

  it('names the line of an event whose id is stored with other content, wherever the insert that met it falls', async () => {
    for (const at of [0, 130, 599]) {
      const id = (JSON.parse(lines[at] as string) as RecordedEvent).id;
      const { worker, plain } = await both(lines.join('\n') + '\n', async (s) => {
        await s.append('case-other', [{ id, type: 'Noted', data: { text: 'other content' } }]);
      });
      expect(errorOf(worker.result)).toEqual(errorOf(plain.result));
      expect(worker.result).toMatchObject({ line: at + 1 });
      expect(worker.head).toBe(1);
    }
  });

  it('continues chains a store already holds, skips what it holds, and refuses a log that breaks from its heads', async () => {
    const firstHalf = lines.slice(0, 300).join('\n') + '\n';
    const half = async (s: ReturnType<typeof createSqliteStore>) => {
      await importJsonlFile(s, file(firstHalf), { worker: false });
    };
    const rest = await both(lines.slice(300).join('\n') + '\n', half);
    expect(rest.worker.result).toMatchObject({ imported: 300, skipped: 0 });
    expect(rest.worker.stored).toEqual(rest.plain.stored);
    expect(rest.worker.verify.ok).toBe(true);
    const again = await both(lines.join('\n') + '\n', half);
    expect(again.worker.result).toMatchObject({ imported: 300, skipped: 300 });
    expect(again.worker.result).toEqual(again.plain.result);
    const gap = await both(lines.slice(310).join('\n') + '\n', half);
    expect(gap.worker.result).toBeInstanceOf(JsonlLineError);
    expect(errorOf(gap.worker.result)).toEqual(errorOf(gap.plain.result));
  });
});
