import { StoreUnavailableError } from '@banshi/core';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreCorruptError } from '../errors/index.js';
import { createSqliteStore } from './sqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'banshi-ro-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createSqliteStore({ readOnly: true })', () => {
  it('reads and verifies an existing store, refuses every write, and leaves the file byte for byte', async () => {
    const path = join(dir, 'a.db');
    const w = createSqliteStore(path);
    await w.append('case-1', [{ type: 'Noted', data: { text: 'x' } }]);
    await w.close();
    const before = readFileSync(path);
    const r = createSqliteStore(path, { readOnly: true });
    expect((await r.verify()).ok).toBe(true);
    expect(await r.integrityCheck()).toEqual([]);
    await expect(r.append('case-1', [{ type: 'Noted', data: { text: 'y' } }])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(r.importEvents([])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(r.checkpoints.save('p', { position: 1 })).rejects.toBeInstanceOf(StoreUnavailableError);
    await r.close();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('never turns a missing or 0-byte file into a store', () => {
    expect(() => createSqliteStore(join(dir, 'missing.db'), { readOnly: true })).toThrow();
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
    const empty = join(dir, 'empty.db');
    closeSync(openSync(empty, 'w'));
    expect(() => createSqliteStore(empty, { readOnly: true })).toThrow(StoreCorruptError);
    expect(statSync(empty).size).toBe(0);
  });

  it('integrityCheck finds a zeroed page of the streams table that the hash chains cannot see', async () => {
    const path = join(dir, 'idx.db');
    const w = createSqliteStore(path);
    for (let i = 0; i < 400; i++) await w.append(`case-${i}`, [{ type: 'Noted', data: { text: 'x'.repeat(50) } }]);
    await w.close();
    const pages = readFileSync(path);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(path, { readonly: true });
    const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'streams'").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const bytes = Buffer.from(pages);
    bytes.fill(0, (root - 1) * pageSize, root * pageSize);
    writeFileSync(path, bytes);
    const r = createSqliteStore(path, { readOnly: true });
    expect((await r.verify()).ok).toBe(true); // the events and their chains are intact …
    expect((await r.integrityCheck()).length).toBeGreaterThan(0); // … but the file is not
    await r.close();
  });
});
