import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventHash, GENESIS_HASH, type RecordedEvent } from '@banshi/core';
import { sourceIndexOf } from '@banshi/core/adapter';
import { sha256HexNode } from '@banshi/core/node';
import { contractRegistry } from '@banshi/testing';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { workerModule } from '../_lib/workerModule.js';
import { WORKER_FROM } from './importInWorker.js';
import { createSqliteStore, type SqliteEventStore } from './sqliteStore.js';

// A large importEvents runs the hash chain and the inserts on a worker thread: every outcome must
// be the one the single-threaded import gives ({ importWorker: false }), error for error, at the
// same source index.
const dir = mkdtempSync(join(tmpdir(), 'banshi-sqlite-events-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `w-${++n}.db`);
const COUNT = WORKER_FROM + 600;

/** A hash-chained log of `count` events over 9 streams. */
function makeLog(count: number): RecordedEvent[] {
  const heads = new Map<string, { version: number; hash: string }>();
  const log: RecordedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const stream = `case-${i % 9}`;
    const head = heads.get(stream) ?? { version: 0, hash: GENESIS_HASH };
    const unhashed = {
      id: `ev-${String(i).padStart(6, '0')}`,
      stream,
      version: head.version + 1,
      type: 'Noted',
      schema: 1,
      data: { text: `第${i}件 材料齐全` },
      meta: { occurredAt: '2013-03-01T08:00:00.000Z', recordedAt: '2013-03-01T08:00:01.000Z', actor: { id: 'clerk-1', role: 'clerk' }, channel: 'window' as const, node: 'center' },
    };
    const hash = eventHash(head.hash, unhashed, sha256HexNode);
    heads.set(stream, { version: unhashed.version, hash });
    log.push({ ...unhashed, hash });
  }
  return log;
}
const log = makeLog(COUNT);

async function* asyncOf(events: readonly RecordedEvent[], failAt = -1) {
  for (let i = 0; i < events.length; i++) {
    if (i === failAt) throw new Error('the source broke');
    yield events[i] as RecordedEvent;
  }
}

const outcome = (r: unknown) =>
  r instanceof Error ? { class: r.constructor.name, message: r.message, index: sourceIndexOf(r), code: (r as { code?: string }).code } : r;

/** Imports `source()` with and without the worker into stores prepared by `setup`; both outcomes and what each stored. */
async function both(source: () => AsyncIterable<RecordedEvent> | RecordedEvent[], options: Parameters<typeof createSqliteStore>[1] = {}, setup: (s: SqliteEventStore) => Promise<void> = async () => {}) {
  const out = [];
  for (const importWorker of [true, false]) {
    const s = createSqliteStore(fresh(), { ...options, importWorker });
    await setup(s);
    const result = outcome(await s.importEvents(source()).catch((e: unknown) => e));
    const stored: RecordedEvent[] = [];
    for await (const e of s.readAll({ upcast: false })) stored.push(e);
    out.push({ result, stored, verify: (await s.verify()).ok });
    await s.close();
  }
  const [worker, plain] = out as [(typeof out)[0], (typeof out)[0]];
  expect(worker).toEqual(plain);
  return worker;
}

/** The log with event `i` replaced by `change(event)`. */
const altered = (i: number, change: (e: RecordedEvent) => unknown, events = log): RecordedEvent[] => events.map((e, k) => (k === i ? (change(structuredClone(e)) as RecordedEvent) : e));

describe('importEvents with a worker thread', () => {
  it('has a worker module to run (from sources, the built one: run pnpm build first)', () => {
    expect(workerModule('store/importEventsWorker.js')).toBeDefined();
  });

  it('imports what the single-threaded import does, byte for byte, from an async source and an array, and skips it all on a second run', async () => {
    const r = await both(() => asyncOf(log));
    expect(r.result).toEqual({ imported: COUNT, skipped: 0, lastPosition: COUNT });
    expect(r.verify).toBe(true);
    const again = await both(() => log, {}, async (s) => void (await s.importEvents(log.slice(0, 5000))));
    expect(again.result).toEqual({ imported: COUNT - 5000, skipped: 5000, lastPosition: COUNT });
  }, 120_000);

  it('refuses the same event with the same error, at the same source index, whichever check finds it, before and after the worker starts', async () => {
    const flip = (h: string) => (h[0] === 'a' ? 'b' : 'a') + h.slice(1);
    const changes: Record<string, (e: RecordedEvent) => unknown> = {
      'a broken chain': (e) => ({ ...e, hash: flip(e.hash) }),
      'a bad envelope': (e) => ({ ...e, meta: { ...e.meta, channel: 'pigeon' } }),
      'a version out of sequence': (e) => ({ ...e, version: e.version + 1 }),
      'a payload that cannot be hashed': (e) => ({ ...e, data: { n: 10n } }),
      'not an object': () => 42,
    };
    for (const [what, change] of Object.entries(changes)) {
      for (const at of [3, COUNT - 7]) {
        const r = await both(() => asyncOf(altered(at, change)));
        expect(r.result, what).toMatchObject({ index: at });
        expect(r.stored).toEqual([]);
      }
    }
  }, 300_000);

  it('names the first error when the source breaks after it, and the source error when nothing before it was wrong', async () => {
    const bad = altered(100, (e) => ({ ...e, version: 0 }));
    expect((await both(() => asyncOf(bad, COUNT - 3))).result).toMatchObject({ index: 100, class: 'ValidationError' });
    expect((await both(() => asyncOf(log, COUNT - 3))).result).toMatchObject({ message: 'the source broke' });
    expect((await both(() => asyncOf(log, 50))).result).toMatchObject({ message: 'the source broke' });
  }, 120_000);

  it('refuses an id stored with other content, and skips a stored event even where the copy in the source has a bad envelope', async () => {
    const taken = log[COUNT - 20] as RecordedEvent;
    const now = () => new Date('2013-03-01T00:00:00.000Z');
    const r = await both(() => asyncOf(log), { now }, async (s) => void (await s.append('case-other', [{ id: taken.id, type: 'Noted', data: { text: 'x' }, meta: { occurredAt: now().toISOString() } }])));
    expect(r.result).toMatchObject({ class: 'DuplicateEventIdError', index: COUNT - 20 });
    const skipped = await both(
      () => asyncOf(altered(40, (e) => ({ ...e, meta: { ...e.meta, channel: 'pigeon' } }))),
      {},
      async (s) => void (await s.importEvents(log.slice(0, 100))),
    );
    expect(skipped.result).toEqual({ imported: COUNT - 100, skipped: 100, lastPosition: COUNT });
  }, 120_000);

  it('checks payloads against the registry on the calling thread, with the same errors', async () => {
    const unknown = altered(COUNT - 9, (e) => ({ ...e, type: 'Teleported' }));
    expect((await both(() => asyncOf(unknown), { registry: contractRegistry })).result).toMatchObject({ class: 'UnknownEventTypeError', index: COUNT - 9 });
    expect((await both(() => asyncOf(unknown), { registry: contractRegistry, unknownEvents: 'passthrough' })).result).toMatchObject({ class: 'IntegrityError', index: COUNT - 9 });
    const invalid = altered(COUNT - 9, (e) => ({ ...e, data: { text: 7 } }));
    expect((await both(() => asyncOf(invalid), { registry: contractRegistry })).result).toMatchObject({ class: 'ValidationError', index: COUNT - 9 });
  }, 120_000);
  it('answers StoreBusyError, stores nothing and keeps the store usable while another connection holds the write lock', async () => {
    for (const importWorker of [true, false]) {
      const path = fresh();
      const s = createSqliteStore(path, { busyTimeoutMs: 100, importWorker });
      await s.importEvents(log.slice(0, 10));
      const other = new Database(path);
      other.exec('BEGIN IMMEDIATE');
      const err = await s.importEvents(asyncOf(log)).catch((e: unknown) => e);
      expect(outcome(err), `importWorker: ${importWorker}`).toMatchObject({ class: 'StoreBusyError', code: 'STORE_SQLITE_BUSY' });
      other.exec('ROLLBACK');
      other.close();
      expect(await s.headPosition()).toBe(10);
      expect(await s.importEvents(asyncOf(log))).toEqual({ imported: COUNT - 10, skipped: 10, lastPosition: COUNT });
      await s.close();
    }
  }, 120_000);

  it('rolls back and releases the write lock when the store is closed during an import on the worker', async () => {
    const path = fresh();
    const s = createSqliteStore(path, { busyTimeoutMs: 100 });
    let closing: Promise<void> | undefined;
    async function* closesMidway() {
      for (let i = 0; i < log.length; i++) {
        if (i === WORKER_FROM + 300) closing = s.close();
        yield log[i] as RecordedEvent;
      }
    }
    const err = await s.importEvents(closesMidway()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    await closing;
    const again = createSqliteStore(path, { busyTimeoutMs: 100 });
    expect(await again.headPosition()).toBe(0);
    expect(await again.importEvents(log.slice(0, 5))).toEqual({ imported: 5, skipped: 0, lastPosition: 5 });
    await again.close();
  }, 120_000);
});
