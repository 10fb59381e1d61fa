import { PGlite } from '@electric-sql/pglite';
import { canonicalJson, ConcurrencyError, GENESIS_HASH, sha256Hex } from '@banshi/core';
import { prepareAppend } from '@banshi/core/adapter';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../index.js';
import { ownConnections, pgDriver, pgliteDriver, type Driver } from './driver.js';
import { LOCK_CLASS, migrate, schemaLockKey, SCHEMA_VERSION } from './schema.js';

// Against the server in DATABASE_URL when set, else PostgreSQL in process (PGlite).
const url = process.env.DATABASE_URL;
const lite = url ? undefined : await PGlite.create();
const driver: Driver = url ? pgDriver(ownConnections(url, { connectTimeoutMs: 5000, max: 3 }), true) : pgliteDriver(lite as PGlite);
const schemas: string[] = [];

afterAll(async () => {
  for (const schema of schemas) await driver.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await driver.close();
  await lite?.close();
});

/** What the append of schema version 2 wrote: the events, then the stream's head row. */
async function appendAsVersion2(schema: string, stream: string, texts: readonly string[]): Promise<void> {
  const [head] = await driver.query<{ version: number; hash: string }>(`SELECT version, hash FROM "${schema}".streams WHERE stream = $1`, [stream]);
  const events = prepareAppend(
    texts.map((text) => ({ type: 'Noted', data: { text } })),
    { stream, currentVersion: head?.version ?? 0, lastHash: head?.hash ?? GENESIS_HASH, registry: undefined, hasher: sha256Hex, now: () => new Date(), node: 'center', newId: () => `v2-${stream}-${Math.random().toString(36).slice(2)}` },
  );
  const last = events.at(-1);
  if (!last) throw new Error('prepareAppend returned nothing');
  await driver.session(async (sql) => {
    await sql.exec('BEGIN');
    for (const e of events) {
      await sql.query(`INSERT INTO "${schema}".events (id, stream, version, type, schema, data, meta, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [e.id, e.stream, e.version, e.type, e.schema, canonicalJson(e.data), canonicalJson(e.meta), e.hash]);
    }
    await sql.query(`INSERT INTO "${schema}".streams (stream, version, hash) VALUES ($1, $2, $3) ON CONFLICT (stream) DO UPDATE SET version = EXCLUDED.version, hash = EXCLUDED.hash`, [stream, last.version, last.hash]);
    await sql.exec('COMMIT');
  });
}

describe(`schema migrations (${url ? 'server' : 'pglite'})`, () => {
  it('upgrades a schema of version 2 with events in place: same positions and chains, no position drawn twice, heads from the events', async () => {
    const schema = `mig_${Math.random().toString(36).slice(2, 8)}`;
    schemas.push(schema);
    expect(await migrate(driver, schema, 2)).toBe(2);
    await appendAsVersion2(schema, 'case-a', ['a1', 'a2']);
    await appendAsVersion2(schema, 'case-b', ['b1']);
    await appendAsVersion2(schema, 'case-a', ['a3']);
    // Two positions drawn by a writer that rolled back: they must never be drawn again, since a
    // reader that settled on them may already have moved its checkpoint past them.
    await driver.exec(`BEGIN; INSERT INTO "${schema}".events (id, stream, version, type, schema, data, meta, hash) SELECT 'rolled-' || g, 'case-gone', g, 'Noted', 1, '{}', '{}', 'x' FROM generate_series(1, 2) g; ROLLBACK`);
    const before = await driver.query<{ position: string; id: string }>(`SELECT position::text, id FROM "${schema}".events ORDER BY position`);
    expect(before.map((r) => Number(r.position))).toEqual([1, 2, 3, 4]);

    const store = await createPostgresStore({ ...(url ? { connectionString: url, poolSize: 2 } : { pglite: lite as PGlite }), schema });
    try {
      expect(SCHEMA_VERSION).toBe(4);
      expect(await driver.query(`SELECT version FROM "${schema}".migrations ORDER BY version`)).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }]);
      expect(await driver.query(`SELECT to_regclass('"${schema}".streams') AS t`)).toEqual([{ t: null }]);
      expect(await driver.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = '"${schema}".events'::regclass AND NOT tgisinternal`)).toEqual([]);

      const all = [];
      for await (const e of store.readAll()) all.push({ position: e.position, id: e.id });
      expect(all).toEqual(before.map((r) => ({ position: Number(r.position), id: r.id })));
      expect(await store.streamVersion('case-a')).toBe(3);
      expect(await store.streamVersion('case-b')).toBe(1);
      await expect(store.append('case-a', [{ type: 'Noted', data: { text: 'stale' } }], { expectedVersion: 2 })).rejects.toBeInstanceOf(ConcurrencyError);
      const next = await store.append('case-a', [{ type: 'Noted', data: { text: 'a4' } }], { expectedVersion: 3 });
      expect(next.events.map((e) => [e.version, e.position])).toEqual([[4, 7]]);
      expect(await store.verify()).toMatchObject({ ok: true, events: 5, streams: 2 });
    } finally {
      await store.close();
    }
  });

  it('version 4: a version below 1 is refused by the column type, also for rows written by hand, and the upgrade kept the rows', async () => {
    const schema = `mig_${Math.random().toString(36).slice(2, 8)}`;
    schemas.push(schema);
    expect(await migrate(driver, schema, 3)).toBe(3);
    await driver.exec(`INSERT INTO "${schema}".events (id, stream, version, type, schema, data, meta, hash) VALUES ('kept', 'case-k', 1, 'Noted', 1, '{}', '{}', 'x')`);
    await expect(driver.exec(`INSERT INTO "${schema}".events (id, stream, version, type, schema, data, meta, hash) VALUES ('zero-3', 'case-z', 0, 'Noted', 1, '{}', '{}', 'x')`)).rejects.toMatchObject({ code: '23514' });
    expect(await migrate(driver, schema)).toBe(4);
    expect(await driver.query(`SELECT id, version FROM "${schema}".events`)).toEqual([{ id: 'kept', version: 1 }]);
    expect(await driver.query(`SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = '"${schema}".events'::regclass AND contype = 'c'`)).toEqual([{ n: 0 }]);
    for (const version of [0, -1]) {
      await expect(driver.exec(`INSERT INTO "${schema}".events (id, stream, version, type, schema, data, meta, hash) VALUES ('zero-4', 'case-z', ${version}, 'Noted', 1, '{}', '{}', 'x')`)).rejects.toMatchObject({ code: '23514' });
    }
    await expect(driver.query(`INSERT INTO "${schema}".events (id, stream, version, type, schema, data, meta, hash) SELECT 'zero-u', 'case-z', v, 'Noted', 1, '{}', '{}', 'x' FROM unnest($1::int[]) AS v`, [[0]])).rejects.toMatchObject({ code: '23514' });
  });

  it('a hand-written INSERT that leaves the position to its default announces itself with the writer lock before it commits', async () => {
    const schema = `mig_${Math.random().toString(36).slice(2, 8)}`;
    schemas.push(schema);
    await migrate(driver, schema);
    const held = await driver.session(async (sql) => {
      await sql.exec('BEGIN');
      await sql.query(`INSERT INTO "${schema}".events (id, stream, version, type, schema, data, meta, hash) VALUES ('by-hand', 'case-h', 1, 'Noted', 1, '{}', '{}', 'x')`);
      const locks = await sql.query<{ mode: string }>(
        `SELECT mode FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND classid = ($1::bigint & 4294967295)::oid AND objid = ($2::bigint & 4294967295)::oid AND objsubid = 2`,
        [LOCK_CLASS, schemaLockKey(schema, 'append')],
      );
      await sql.exec('ROLLBACK');
      return locks.map((l) => l.mode);
    });
    expect(held).toEqual(['ShareLock']);
  });
});
