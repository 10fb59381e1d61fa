import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJsonl, JsonlLineError, ValidationError } from '@banshi/core';
import { contractRegistry } from '@banshi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('refuses a missing file with ValidationError', async () => {
    const s = createSqliteStore(fresh());
    await expect(importJsonlFile(s, join(dir, 'nope.jsonl'))).rejects.toBeInstanceOf(ValidationError);
    await s.close();
  });
});
