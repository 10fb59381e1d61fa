import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaTooNewError, StoreCorruptError } from '../errors/index.js';
import { createSqliteStore } from '../store/index.js';
import { APPLICATION_ID, SCHEMA_VERSION } from './migrations.js';

const dir = mkdtempSync(join(tmpdir(), 'banshi-sqlite-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `s-${++n}.db`);
const digest = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('schema versions and migrations', () => {
  it('creates a new file at the current schema, marked as a banshi store, in WAL mode', async () => {
    const path = fresh();
    const store = createSqliteStore(path);
    await store.close();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(['checkpoints', 'events', 'streams']);
    db.close();
  });

  it('reopens a file without migrating again and keeps its events', async () => {
    const path = fresh();
    const a = createSqliteStore(path);
    await a.append('case-1', [{ type: 'Noted', data: { text: 'kept' } }]);
    await a.close();
    const b = createSqliteStore(path);
    expect((await b.readStream('case-1')).map((e) => e.data)).toEqual([{ text: 'kept' }]);
    await b.close();
  });

  it('refuses a file from a newer schema with SchemaTooNewError and leaves it byte-for-byte unchanged', async () => {
    const path = fresh();
    const s = createSqliteStore(path);
    await s.append('case-1', [{ type: 'Noted', data: { text: 'x' } }]);
    await s.close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = digest(path);
    let err: unknown;
    try {
      createSqliteStore(path);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SchemaTooNewError);
    expect(err).toMatchObject({ code: 'STORE_SQLITE_SCHEMA_TOO_NEW', found: SCHEMA_VERSION + 1, supported: SCHEMA_VERSION });
    expect((err as Error).message).toMatch(/Upgrade @banshi\/store-sqlite/);
    expect(digest(path)).toBe(before);
  });

  it('refuses another program’s SQLite database with StoreCorruptError and adds no tables to it', () => {
    const path = fresh();
    const db = new Database(path);
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    db.close();
    expect(() => createSqliteStore(path)).toThrow(StoreCorruptError);
    const again = new Database(path);
    expect(again.prepare(`SELECT name FROM sqlite_schema`).pluck().all()).toEqual(['invoices']);
    again.close();
  });

  it('refuses a file that is not a database with StoreCorruptError saying what to do', () => {
    const path = fresh();
    writeFileSync(path, 'case-1,CaseReceived,2013-09-16\n'.repeat(400));
    const before = digest(path);
    expect(() => createSqliteStore(path)).toThrow(/not a readable banshi event store .*restore it from a backup/);
    expect(digest(path)).toBe(before);
  });

  it('lets two stores open one new file at once and migrates it once', async () => {
    const path = fresh();
    const a = createSqliteStore(path);
    const b = createSqliteStore(path);
    await a.append('case-1', [{ type: 'Noted', data: { text: 'a' } }]);
    expect(await b.streamVersion('case-1')).toBe(1);
    await a.close();
    await b.close();
  });
});
