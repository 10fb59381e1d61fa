import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyError, DuplicateEventIdError, StoreUnavailableError, ValidationError, type NewEvent, type RecordedEvent } from '@banshi/core';
import { contractRegistry } from '@banshi/testing';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreBusyError, StoreCorruptError } from '../errors/index.js';
import { createSqliteStore } from './sqliteStore.js';

const dir = mkdtempSync(join(tmpdir(), 'banshi-sqlite-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `t-${++n}.db`);
const noted = (text: string, id?: string): NewEvent => ({ type: 'Noted', data: { text }, ...(id ? { id } : {}) });
const drain = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('createSqliteStore options', () => {
  it('is durable by default (WAL, synchronous=FULL) and runs at NORMAL only when asked', async () => {
    const durable = createSqliteStore(fresh());
    expect(durable.pragmas).toEqual({ journalMode: 'wal', synchronous: 'full', busyTimeoutMs: 5000 });
    const fast = createSqliteStore(fresh(), { synchronous: 'normal', busyTimeoutMs: 50 });
    expect(fast.pragmas).toEqual({ journalMode: 'wal', synchronous: 'normal', busyTimeoutMs: 50 });
    await durable.close();
    await fast.close();
  });

  it('rejects bad options and paths with ValidationError, and a missing directory with StoreUnavailableError', () => {
    expect(() => createSqliteStore(fresh(), { synchronous: 'off' as never })).toThrow(ValidationError);
    expect(() => createSqliteStore(fresh(), { busyTimeoutMs: -1 })).toThrow(ValidationError);
    expect(() => createSqliteStore('')).toThrow(ValidationError);
    expect(() => createSqliteStore(join(dir, 'no-such-dir', 'x.db'))).toThrow(StoreUnavailableError);
  });

  it('works in memory and refuses every call after close() with StoreUnavailableError', async () => {
    const s = createSqliteStore(':memory:');
    expect(s.pragmas.journalMode).toBe('memory');
    await s.append('case-1', [noted('a')]);
    await s.close();
    await expect(s.append('case-1', [noted('b')])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(s.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(drain(s.readAll())).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('append', () => {
  it('writes large batches (multi-row inserts) with consecutive positions and versions', async () => {
    const s = createSqliteStore(fresh());
    await s.append('case-0', [noted('first')]);
    const r = await s.append('case-1', Array.from({ length: 200 }, (_, i) => noted(String(i))));
    expect(r.events.map((e) => e.position)).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
    expect(await s.readStream('case-1')).toEqual(r.events);
    expect((await s.verify()).ok).toBe(true);
    await s.close();
  });

  it('rejects a batch mixing a stored id with events that have none, writing nothing', async () => {
    const s = createSqliteStore(fresh());
    await s.append('case-1', [noted('a', 'evt-1')]);
    await expect(s.append('case-1', [noted('a', 'evt-1'), noted('b')])).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await s.headPosition()).toBe(1);
    await s.close();
  });

  it('maps a UNIQUE(stream, version) violation to ConcurrencyError (the last defence when a head is stale)', async () => {
    const path = fresh();
    const s = createSqliteStore(path);
    await s.append('case-1', [noted('a'), noted('b')]);
    const raw = new Database(path);
    raw.prepare(`UPDATE streams SET version = 1 WHERE stream = 'case-1'`).run();
    const err = await s.append('case-1', [noted('c')], { expectedVersion: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConcurrencyError);
    expect(err).toMatchObject({ stream: 'case-1', actual: 2 });
    expect(await s.headPosition()).toBe(2);
    raw.close();
    await s.close();
  });

  it('fails with StoreBusyError after busyTimeoutMs while another connection writes, and readers are not blocked', async () => {
    const path = fresh();
    const s = createSqliteStore(path, { busyTimeoutMs: 100 });
    await s.append('case-1', [noted('committed')]);
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    other.prepare(`INSERT INTO checkpoints (name, position) VALUES ('other', 1)`).run();
    const started = performance.now();
    const err = await s.append('case-1', [noted('blocked')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreBusyError);
    expect(err).toMatchObject({ code: 'STORE_SQLITE_BUSY', busyTimeoutMs: 100 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect((await drain(s.readAll())).map((e) => e.data)).toEqual([{ text: 'committed' }]);
    expect(await s.checkpoints.load('other')).toBeUndefined();
    other.exec('ROLLBACK');
    other.close();
    expect(await s.streamVersion('case-1')).toBe(1);
    await s.append('case-1', [noted('now')], { expectedVersion: 1 });
    await s.close();
  });
});

describe('reading', () => {
  it('reports a stored payload that is not JSON as StoreCorruptError naming the position', async () => {
    const path = fresh();
    const s = createSqliteStore(path);
    await s.append('case-1', [noted('a'), noted('b')]);
    const raw = new Database(path);
    raw.prepare(`UPDATE events SET data = '{"text":' WHERE position = 2`).run();
    raw.close();
    await expect(drain(s.readAll())).rejects.toThrow(/position 2 \(case-1@2\)/);
    await expect(s.readStream('case-1')).rejects.toBeInstanceOf(StoreCorruptError);
    await expect(s.verify()).rejects.toBeInstanceOf(StoreCorruptError);
    await s.close();
  });

  it('subscribe sees appends made by another connection by polling', async () => {
    const path = fresh();
    const reader = createSqliteStore(path);
    const writer = createSqliteStore(path);
    const ac = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const e of reader.subscribe({ signal: ac.signal, pollIntervalMs: 10 })) {
        seen.push((e.data as { text: string }).text);
        if (seen.length === 2) ac.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 30));
    await writer.append('case-1', [noted('x'), noted('y')]);
    await done;
    expect(seen).toEqual(['x', 'y']);
    await reader.close();
    await writer.close();
  });
});

describe('importEvents', () => {
  const recordedLog = async (count: number): Promise<RecordedEvent[]> => {
    const src = createSqliteStore(':memory:');
    for (let i = 0; i < count; i++) await src.append(`case-${i % 7}`, [noted(String(i))]);
    const log = (await drain(src.readAll())).map(({ position: _p, ...r }) => r);
    await src.close();
    return log;
  };

  it('imports thousands of events from an async source in batches, keeping order, and skips them on a second run', async () => {
    const log = await recordedLog(3000);
    const s = createSqliteStore(fresh(), { registry: contractRegistry });
    async function* source() {
      for (const e of log) yield e;
    }
    expect(await s.importEvents(source())).toEqual({ imported: 3000, skipped: 0, lastPosition: 3000 });
    expect((await drain(s.readAll())).map((e) => e.id)).toEqual(log.map((e) => e.id));
    expect(await s.streamVersion('case-3')).toBe(log.filter((e) => e.stream === 'case-3').length);
    expect(await s.importEvents(source())).toEqual({ imported: 0, skipped: 3000, lastPosition: 3000 });
    expect((await s.verify()).ok).toBe(true);
    await s.close();
  });

  it('skips an event its source repeats — in the batch not yet written or after it was flushed — on an empty store and on one with streams, and refuses a repeat with other content', async () => {
    const log = await recordedLog(3000);
    const first = log[0] as RecordedEvent;
    const repeated = [...log.slice(0, 10), first, ...log.slice(10), first, log[2000] as RecordedEvent];
    for (const stored of [[], log.slice(0, 5)]) {
      const s = createSqliteStore(fresh());
      await s.importEvents(stored);
      expect(await s.importEvents(repeated)).toEqual({ imported: 3000 - stored.length, skipped: 3 + stored.length, lastPosition: 3000 });
      expect((await s.verify()).ok).toBe(true);
      await s.close();
    }
    const s = createSqliteStore(fresh());
    const altered = { ...first, hash: (log[1] as RecordedEvent).hash };
    await expect(s.importEvents([...log.slice(0, 10), altered])).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(s.importEvents([...log, altered])).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await s.headPosition()).toBe(0);
    await s.close();
  });

  it('rejects an id already stored in another stream with DuplicateEventIdError, writing nothing', async () => {
    const log = await recordedLog(5);
    const s = createSqliteStore(fresh());
    await s.append('case-other', [noted('taken', (log[3] as RecordedEvent).id)]);
    const err = await s.importEvents(log).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DuplicateEventIdError);
    expect(err).toMatchObject({ eventId: (log[3] as RecordedEvent).id });
    expect(await s.headPosition()).toBe(1);
    await s.close();
  });

  it('holds appends made meanwhile on the same store until the import ends, and a failed import does not take them with it', async () => {
    const log = await recordedLog(10);
    const s = createSqliteStore(fresh());
    let proceed = (): void => undefined;
    const gate = new Promise<void>((r) => (proceed = r));
    async function* slowThenBroken() {
      yield log[0] as RecordedEvent;
      await gate;
      throw new Error('network dropped');
    }
    const importing = s.importEvents(slowThenBroken());
    const appending = s.append('case-live', [noted('during import')]);
    proceed();
    await expect(importing).rejects.toThrow('network dropped');
    const appended = await appending;
    expect(appended.events[0]?.position).toBe(1);
    expect((await drain(s.readAll())).map((e) => e.stream)).toEqual(['case-live']);
    await s.close();
  });
});

describe('checkpoints', () => {
  it('keeps a checkpoint without state, and refuses bad names, positions and unserializable state', async () => {
    const s = createSqliteStore(fresh());
    await s.checkpoints.save('bare', { position: 4 });
    expect(await s.checkpoints.load('bare')).toEqual({ position: 4 });
    await expect(s.checkpoints.save('', { position: 1 })).rejects.toBeInstanceOf(ValidationError);
    await expect(s.checkpoints.save('p', { position: -1 })).rejects.toBeInstanceOf(ValidationError);
    await expect(s.checkpoints.save('p', { position: 1, state: { n: 10n } })).rejects.toBeInstanceOf(ValidationError);
    expect(await s.checkpoints.load('p')).toBeUndefined();
    await s.close();
  });

  it('survives reopening the file', async () => {
    const path = fresh();
    const a = createSqliteStore(path);
    await a.checkpoints.save('report', { position: 9, state: { 办件: 3 } });
    await a.close();
    const b = createSqliteStore(path);
    expect(await b.checkpoints.load('report')).toEqual({ position: 9, state: { 办件: 3 } });
    await b.close();
  });
});


describe('readAll({ upcast: false })', () => {
  it('returns old-schema events exactly as stored, whose hashes verify, while the default view upcasts them', async () => {
    const plain = createSqliteStore(':memory:');
    await plain.append('case-up', [{ type: 'Counted', schema: 1, data: { count: '7' } }]);
    const log = (await drain(plain.readAll())).map(({ position: _p, ...r }) => r);
    await plain.close();
    const s = createSqliteStore(fresh(), { registry: contractRegistry });
    await s.importEvents(log);
    expect((await drain(s.readAll()))[0]).toMatchObject({ schema: 2, data: { n: 7 } });
    const [raw] = await drain(s.readAll({ upcast: false }));
    expect(raw).toMatchObject({ schema: 1, data: { count: '7' }, hash: log[0]?.hash });
    await s.close();
  });
});
