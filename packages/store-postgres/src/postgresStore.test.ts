import { PGlite } from '@electric-sql/pglite';
import { DuplicateEventIdError, IntegrityError, verifyEvents, type RecordedEvent } from '@banshi/core';
import { sourceIndexOf } from '@banshi/core/adapter';
import { contractRegistry, describeEventStoreContract } from '@banshi/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPg } from './_lib/loadPg.js';
import { createPostgresStore, type PgPoolLike, type PostgresStore, type PostgresStoreOptions } from './index.js';

// Against the server in DATABASE_URL when set, else PostgreSQL in process (PGlite).
const url = process.env.DATABASE_URL;
const admin = url ? new (loadPg().Pool)({ connectionString: url, max: 2 }) : undefined;
const lite = url ? undefined : await PGlite.create();
const exec = async (text: string) => {
  if (admin) await admin.query(text);
  else await lite?.exec(text);
};
const schemas: string[] = [];
const opened: PostgresStore[] = [];

afterAll(async () => {
  for (const s of opened) await s.close();
  for (const schema of schemas) await exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin?.end();
  await lite?.close();
});

describeEventStoreContract(`postgres (${url ? 'server' : 'pglite'})`, {
  async make(options) {
    const schema = `t_${Math.random().toString(36).slice(2, 10)}`;
    schemas.push(schema);
    return createPostgresStore({ ...options, schema, ...(url ? { connectionString: url, poolSize: 9 } : { pglite: lite as PGlite }) });
  },
  async corrupt(store, position) {
    const { schema } = store as PostgresStore;
    await exec(`UPDATE "${schema}".events SET data = '{"text":"flipped"}' WHERE position = ${Number(position)}`);
  },
});

// The same contract with imports taken in parts of 3 events (a log longer than importMemoryEvents).
describeEventStoreContract(`postgres (${url ? 'server' : 'pglite'}), imports in parts of 3`, {
  async make(options) {
    const schema = `p_${Math.random().toString(36).slice(2, 10)}`;
    schemas.push(schema);
    return createPostgresStore({ ...options, schema, importMemoryEvents: 3, ...(url ? { connectionString: url, poolSize: 9 } : { pglite: lite as PGlite }) });
  },
  async corrupt(store, position) {
    const { schema } = store as PostgresStore;
    await exec(`UPDATE "${schema}".events SET data = '{"text":"flipped"}' WHERE position = ${Number(position)}`);
  },
});

/** A store in a fresh schema on the same target as the contract run. */
async function open(prefix: string, options: Omit<PostgresStoreOptions, 'schema' | 'connectionString' | 'pool' | 'pglite'> = {}): Promise<PostgresStore> {
  const schema = `${prefix}_${Math.random().toString(36).slice(2, 8)}`;
  schemas.push(schema);
  const store = await createPostgresStore({ ...options, schema, ...(url ? { connectionString: url, poolSize: 2 } : { pglite: lite as PGlite }) });
  opened.push(store);
  return store;
}

describe(`postgres store specifics (${url ? 'server' : 'pglite'})`, () => {
  it('rejects a batch that repeats stored ids and adds id-less events, writing nothing', async () => {
    const store = await open('idem');
    await store.append('case-1', [{ id: 'evt-1', type: 'Noted', data: { text: 'a' } }]);
    await expect(store.append('case-1', [{ id: 'evt-1', type: 'Noted', data: { text: 'a' } }, { type: 'Noted', data: { text: 'b' } }])).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await store.headPosition()).toBe(1);
    expect(await store.streamVersion('case-1')).toBe(1);
  });

  it('keeps numbers, unicode and key order exactly as hashed (data stored as canonical text, not jsonb)', async () => {
    const store = await open('exact');
    const data = { big: 9007199254740991, tiny: 5e-324, huge: 1e21, neg: -0.5, text: '办件 \u0000 \ud800 "q"', nested: { z: 1, a: [1.5, null, true] } };
    const [written] = (await store.append('case-x', [{ type: 'Noted', data }])).events;
    const [read] = await store.readStream('case-x');
    expect(read?.data).toEqual(written?.data);
    expect(read?.data).toMatchObject({ big: 9007199254740991, tiny: 5e-324, huge: 1e21 });
    expect(await store.verify()).toMatchObject({ ok: true, events: 1 });
  });

  it('readAll({ upcast: false }) returns old events exactly as stored, so their hashes still check', async () => {
    const plain = await open('old_src');
    await plain.append('case-up', [{ type: 'Counted', schema: 1, data: { count: '7' } }]);
    const recorded = [];
    for await (const { position: _p, ...e } of plain.readAll()) recorded.push(e);
    const store = await open('old_dst', { registry: contractRegistry });
    await store.importEvents(recorded);
    const upcast = [];
    for await (const e of store.readAll()) upcast.push(e);
    const raw = [];
    for await (const e of store.readAll({ upcast: false })) raw.push(e);
    expect(upcast[0]).toMatchObject({ schema: 2, data: { n: 7 } });
    expect(raw[0]).toMatchObject({ schema: 1, data: { count: '7' }, hash: recorded[0]?.hash });
    expect(await verifyEvents(raw)).toMatchObject({ ok: true });
  });

  it('pages readAll by position ranges: positions skipped by rolled-back writers, small pages, a from position and an early stop lose nothing', async () => {
    const store = await open('pages');
    for (let i = 0; i < 7; i++) await store.append(`case-${i % 3}`, [{ type: 'Noted', data: { text: `a${i}` } }, { type: 'Noted', data: { text: `b${i}` } }]);
    // Two positions drawn and rolled back: the log has a hole at 15–16.
    await exec(`BEGIN; INSERT INTO "${store.schema}".events (id, stream, version, type, schema, data, meta, hash) SELECT 'gap-' || g, 'case-gap', g, 'Noted', 1, '{}', '{}', 'x' FROM generate_series(1, 2) g; ROLLBACK`);
    for (let i = 0; i < 3; i++) await store.append('case-late', [{ type: 'Noted', data: { text: `c${i}` } }]);
    const all: number[] = [];
    for await (const e of store.readAll()) all.push(e.position);
    expect(all).toEqual([...Array.from({ length: 14 }, (_, i) => i + 1), 17, 18, 19]);
    const paged: number[][] = [];
    for await (const b of store.readAllBatches({ batchSize: 4, fromPosition: 3 })) paged.push(b.map((e) => e.position));
    expect(paged.flat()).toEqual(all.slice(2));
    expect(paged.every((b) => b.length <= 4)).toBe(true);
    const first: number[] = [];
    for await (const b of store.readAllBatches({ batchSize: 2 })) {
      first.push(...b.map((e) => e.position));
      if (first.length >= 4) break;
    }
    expect(first).toEqual([1, 2, 3, 4]);
    // The store stays usable after a read stopped with pages in flight.
    expect(await store.headPosition()).toBe(19);
  });

  /** 35 events over 4 streams, as a log exports them. */
  async function log35(): Promise<RecordedEvent[]> {
    const src = await open('parts_src');
    for (let i = 0; i < 35; i++) await src.append(`case-${i % 4}`, [{ type: 'Noted', data: { text: `第${i}件` } }]);
    const log: RecordedEvent[] = [];
    for await (const { position: _p, ...e } of src.readAll()) log.push(e);
    return log;
  }
  /** A source that counts what was read from it and whether it was closed. */
  function counted(events: readonly RecordedEvent[]) {
    const seen = { read: 0, closed: false };
    function* source() {
      try {
        for (const e of events) {
          seen.read++;
          yield e;
        }
      } finally {
        seen.closed = true;
      }
    }
    return { seen, source: source() };
  }

  it('imports a source longer than importMemoryEvents part by part in one transaction: all or nothing, an error at its source index, the source closed', async () => {
    const log = await log35();
    const store = await open('parts', { importMemoryEvents: 10 });
    // A hash that does not chain in the third part (index 27): nothing of the first two stays.
    const bad = counted(log.map((e, i) => (i === 27 ? { ...e, data: { text: 'altered' } } : e)));
    const err = await store.importEvents(bad.source).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrityError);
    expect(sourceIndexOf(err)).toBe(27);
    expect(bad.seen).toEqual({ read: 30, closed: true });
    expect(await store.headPosition()).toBe(0);
    // Some already stored: the rest continues their chains across parts; a second import skips all.
    expect(await store.importEvents(log.slice(0, 12))).toMatchObject({ imported: 12, skipped: 0 });
    const good = counted(log);
    expect(await store.importEvents(good.source)).toMatchObject({ imported: 23, skipped: 12 });
    expect(good.seen).toEqual({ read: 35, closed: true });
    expect(await store.importEvents(log)).toMatchObject({ imported: 0, skipped: 35 });
    const stored: string[] = [];
    for await (const e of store.readAll()) stored.push(e.id);
    expect(stored).toEqual(log.map((e) => e.id));
    expect(await store.verify()).toMatchObject({ ok: true, events: 35 });
  });

  it.runIf(url)('holds at most importMemoryEvents of a source: the first part is in the table before the second is read', async () => {
    const log = await log35();
    const store = await open('lazy', { importMemoryEvents: 10 });
    const insertedBefore: boolean[] = [];
    async function* source() {
      for (let i = 0; i < log.length; i++) {
        if (i % 10 === 0) {
          // The import's transaction holds the table's row-exclusive lock once it has inserted rows.
          const r = await admin?.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace ns ON ns.oid = c.relnamespace
             WHERE ns.nspname = $1 AND c.relname = 'events' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()`,
            [store.schema],
          );
          insertedBefore.push((r?.rows[0]?.n ?? 0) > 0);
        }
        yield log[i] as RecordedEvent;
      }
    }
    expect(await store.importEvents(source())).toMatchObject({ imported: 35, skipped: 0 });
    expect(insertedBefore).toEqual([false, true, true, true]);
  });
});

describe('readAll reading pages ahead', () => {
  it.runIf(url)('fails with a page that failed while an earlier page was still being read, and leaves no unhandled rejection', async () => {
    const schema = `ahead_${Math.random().toString(36).slice(2, 8)}`;
    schemas.push(schema);
    const real = new (loadPg().Pool)({ connectionString: url, max: 4 });
    let pages = 0;
    // The second page's connection is killed at once; the first page's answer takes 200 ms.
    const pool: PgPoolLike = {
      connect: () => real.connect(),
      end: () => real.end(),
      async query(textOrConfig, params) {
        if (typeof textOrConfig === 'object' && textOrConfig.name?.startsWith('banshi_page_')) {
          const n = ++pages;
          if (n === 1) await new Promise((r) => setTimeout(r, 200));
          if (n === 2) throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });
        }
        return real.query(textOrConfig, params);
      },
    };
    const store = await createPostgresStore({ schema, pool });
    for (let i = 0; i < 6; i++) await store.append(`case-${i}`, [{ type: 'Noted', data: { text: `第${i}件` }, meta: { occurredAt: '2013-03-01T08:00:00.000Z' } }]);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const read: string[] = [];
      const err = await (async () => {
        for await (const e of store.readAll({ batchSize: 2 })) read.push(e.id);
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(read).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await store.close();
      await real.end();
    }
  });
});
