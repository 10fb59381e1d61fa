import { PGlite } from '@electric-sql/pglite';
import { DuplicateEventIdError, verifyEvents, type StoreOptions } from '@banshi/core';
import { contractRegistry, describeEventStoreContract } from '@banshi/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPg } from './_lib/loadPg.js';
import { createPostgresStore, type PostgresStore } from './index.js';

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

/** A store in a fresh schema on the same target as the contract run. */
async function open(prefix: string, options: StoreOptions = {}): Promise<PostgresStore> {
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
});
