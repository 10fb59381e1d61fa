/**
 * Bad input for the SQLite store (issue 6): corrupted files, a file from a newer schema,
 * another program's database, a held write lock — each a clear typed error, quickly, with
 * nothing half-written.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore, SchemaTooNewError, SCHEMA_VERSION, StoreBusyError, StoreCorruptError } from '@banshi/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, onLines, openRaw, spawnFixture } from './fixtures/sqlite-raw.js';

const dir = mkdtempSync(join(tmpdir(), 'banshi-sqlite-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `bad-${++n}.db`);
const digest = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const drain = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

/** A closed store file (WAL folded in) with `count` events padded over many pages. */
async function populated(count: number): Promise<string> {
  const path = fresh();
  const s = createSqliteStore(path);
  for (let i = 0; i < count; i += 50) {
    await s.append(`case-${i % 9}`, Array.from({ length: 50 }, (_, k) => ({ type: 'Noted', data: { text: `${i + k}`, pad: '办'.repeat(200) } })));
  }
  await s.close();
  const raw = openRaw(path);
  raw.pragma('journal_mode = DELETE');
  raw.close();
  return path;
}

function overwrite(path: string, offset: number, bytes: Uint8Array): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

const openError = (path: string): unknown => {
  try {
    createSqliteStore(path);
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('SQLite store: corrupted files', () => {
  it('refuses random bytes with StoreCorruptError at once and leaves the file alone', () => {
    const path = fresh();
    writeFileSync(path, randomBytes(64 * 1024));
    const before = digest(path);
    const started = performance.now();
    const err = openError(path);
    expect(err).toBeInstanceOf(StoreCorruptError);
    expect(err).toMatchObject({ code: 'STORE_SQLITE_CORRUPT', path });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(digest(path)).toBe(before);
  });

  it('refuses a store whose header was overwritten with StoreCorruptError', async () => {
    const path = await populated(200);
    overwrite(path, 0, randomBytes(100));
    expect(openError(path)).toBeInstanceOf(StoreCorruptError);
  });

  it('reports damaged pages in the middle as StoreCorruptError from reads, verify and writes — no hang, no partial write', async () => {
    const path = await populated(2000);
    const pageSize = 4096;
    const pages = statSync(path).size / pageSize;
    for (let p = Math.floor(pages / 3); p < Math.floor(pages / 3) + 8; p++) overwrite(path, p * pageSize, randomBytes(pageSize));
    const s = createSqliteStore(path);
    await expect(drain(s.readAll())).rejects.toBeInstanceOf(StoreCorruptError);
    await expect(s.verify()).rejects.toBeInstanceOf(StoreCorruptError);
    // Appends that touch the damage fail typed; one that succeeds wrote its event and its stream head together.
    const results = await Promise.allSettled(Array.from({ length: 9 }, (_, i) => s.append(`case-${i}`, [{ type: 'Noted', data: { text: 'after damage' } }])));
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StoreCorruptError);
      else expect(await s.streamVersion(r.value.stream)).toBe(r.value.nextExpectedVersion);
    }
    await s.close();
  });

  it('reports a truncated file as StoreCorruptError when the missing pages are read', async () => {
    const path = await populated(2000);
    truncateSync(path, Math.floor(statSync(path).size / 2));
    const err = openError(path) ?? (await (async () => {
      const s = createSqliteStore(path);
      const e = await drain(s.readAll()).catch((x: unknown) => x);
      await s.close();
      return e;
    })());
    expect(err).toBeInstanceOf(StoreCorruptError);
  });
});

describe('SQLite store: schema and ownership', () => {
  it('refuses a file from a newer schema with SchemaTooNewError naming both versions, file unchanged', async () => {
    const path = await populated(100);
    const raw = openRaw(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    raw.close();
    const before = digest(path);
    const err = openError(path);
    expect(err).toBeInstanceOf(SchemaTooNewError);
    expect(err).toMatchObject({ code: 'STORE_SQLITE_SCHEMA_TOO_NEW', found: SCHEMA_VERSION + 3, supported: SCHEMA_VERSION });
    expect((err as Error).message).toContain('Upgrade @banshi/store-sqlite');
    expect(digest(path)).toBe(before);
  });

  it('refuses another program’s database with StoreCorruptError, file unchanged', () => {
    const path = fresh();
    const raw = openRaw(path);
    raw.exec(`CREATE TABLE queue (id INTEGER PRIMARY KEY, payload TEXT); INSERT INTO queue (payload) VALUES ('x')`);
    raw.close();
    const before = digest(path);
    expect(openError(path)).toBeInstanceOf(StoreCorruptError);
    expect(digest(path)).toBe(before);
  });
});

describe('SQLite store: a writer in another process', () => {
  it('waits for the lock within busyTimeoutMs, and gives StoreBusyError (nothing written) when it is held longer', async () => {
    const path = fresh();
    const s = createSqliteStore(path, { busyTimeoutMs: 5000 });
    await s.append('case-1', [{ type: 'Noted', data: { text: 'first' } }]);
    const hold = async (ms: number, name: string, whileLocked: () => Promise<void>) => {
      const child = spawnFixture('sqlite-lock-holder.ts', [path, String(ms), name]);
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const exit = exited(child);
      const locked = new Promise<void>((r) => onLines(child, (l) => l === 'locked' && r()));
      await Promise.race([locked, exit.then(() => Promise.reject(new Error(`lock holder ended early: ${stderr}`)))]);
      await whileLocked();
      expect((await exit).code, stderr).toBe(0);
    };
    await hold(400, 'holder-1', async () => {
      // Readers never block on a writer.
      expect(await s.streamVersion('case-1')).toBe(1);
      const started = performance.now();
      await s.append('case-1', [{ type: 'Noted', data: { text: 'waited' } }], { expectedVersion: 1 });
      expect(performance.now() - started).toBeGreaterThan(100);
    });
    const impatient = createSqliteStore(path, { busyTimeoutMs: 50 });
    await hold(1500, 'holder-2', async () => {
      const err = await impatient.append('case-1', [{ type: 'Noted', data: { text: 'gave up' } }], { expectedVersion: 2 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StoreBusyError);
      expect((err as Error).message).toMatch(/busyTimeoutMs/);
    });
    expect((await s.readStream('case-1')).map((e) => (e.data as { text: string }).text)).toEqual(['first', 'waited']);
    expect(await s.checkpoints.load('holder-2')).toEqual({ position: 1 });
    await impatient.close();
    await s.close();
  }, 30_000);
});
