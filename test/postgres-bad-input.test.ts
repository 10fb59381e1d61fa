import { createServer } from 'node:net';
import { StoreUnavailableError, ValidationError } from '@banshi/core';
import { createPostgresStore, SchemaVersionError, type PostgresStore } from '@banshi/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchema, hasServer, openPglite, rawClient, serverUrl, type TestPGlite } from './fixtures/postgres-env.js';

if (!hasServer) console.info('postgres-bad-input.test.ts: the nonexistent-database/role and killed-connection tests need a server (set DATABASE_URL); skipped on PGlite');

let lite: TestPGlite | undefined;
const schemas: string[] = [];
beforeAll(async () => {
  if (!hasServer) lite = await openPglite();
});
afterAll(async () => {
  if (hasServer) {
    const admin = rawClient();
    await admin.connect();
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
  await lite?.close();
});

const target = () => (hasServer ? { connectionString: serverUrl as string } : { pglite: lite as TestPGlite });
async function rawSql(text: string): Promise<Record<string, unknown>[]> {
  if (lite && text.includes(';')) {
    await lite.exec(text);
    return [];
  }
  if (lite) return (await lite.query<Record<string, unknown>>(text)).rows;
  const c = rawClient();
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

/** A local TCP port nothing listens on. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Rejects with what `open` threw, and how long it took. */
async function failure(open: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const start = performance.now();
  const error = await open().then(
    () => new Error('expected the store to fail to open'),
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - start };
}

describe('postgres bad input and unreachable servers', () => {
  it('an unused port on 127.0.0.1 → StoreUnavailableError at once, no hang', async () => {
    const { error, ms } = await failure(async () => createPostgresStore({ connectionString: `postgres://postgres@127.0.0.1:${await unusedPort()}/test`, connectTimeoutMs: 2000 }));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'CORE_STORE_UNAVAILABLE' });
    expect((error as Error).message).toMatch(/Check the connection string/);
    expect(ms).toBeLessThan(3000);
  });

  it('a host that never answers → StoreUnavailableError after connectTimeoutMs', async () => {
    // 10.255.255.1 is unroutable here: the connect either times out or fails at once.
    const { error, ms } = await failure(() => createPostgresStore({ connectionString: 'postgres://postgres@10.255.255.1:5432/test', connectTimeoutMs: 400 }));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(ms).toBeLessThan(2500);
  });

  it.runIf(hasServer)('a nonexistent database or role → StoreUnavailableError naming the cause, within a bounded time', async () => {
    const url = new URL(serverUrl as string);
    url.pathname = `/no_such_db_${Math.random().toString(36).slice(2, 8)}`;
    const db = await failure(() => createPostgresStore({ connectionString: url.href, connectTimeoutMs: 2000 }));
    expect(db.error).toBeInstanceOf(StoreUnavailableError);
    expect((db.error as Error).message).toMatch(/does not exist/);
    expect(db.ms).toBeLessThan(3000);
    // The local server trusts 127.0.0.1, so a wrong password is accepted; an unknown role is refused the same way.
    const role = new URL(serverUrl as string);
    role.username = 'no_such_role';
    role.password = 'wrong-password';
    const auth = await failure(() => createPostgresStore({ connectionString: role.href, connectTimeoutMs: 2000 }));
    expect(auth.error).toBeInstanceOf(StoreUnavailableError);
    expect(auth.ms).toBeLessThan(3000);
  });

  it('bad options → ValidationError before anything touches the database', async () => {
    for (const schema of ['Bad-Name', 'x; DROP TABLE y', '', '1abc', 'a'.repeat(64), 'ÜMLAUT']) {
      await expect(createPostgresStore({ ...target(), schema })).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(createPostgresStore({})).rejects.toBeInstanceOf(ValidationError);
    await expect(createPostgresStore({ connectionString: 'postgres://x@127.0.0.1/y', pglite: lite ?? { query: async () => ({ rows: [] }), exec: async () => [] } })).rejects.toBeInstanceOf(ValidationError);
    const rows = await rawSql(`SELECT nspname FROM pg_namespace WHERE nspname IN ('Bad-Name', '1abc')`);
    expect(rows).toEqual([]);
  });

  it('a schema written by a newer release → SchemaVersionError, and the schema is left untouched', async () => {
    const schema = freshSchema('newer');
    schemas.push(schema);
    await rawSql(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO ${schema}.migrations (version) VALUES (1), (2), (3), (4), (5)`);
    const err = await createPostgresStore({ ...target(), schema }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaVersionError);
    expect(err).toMatchObject({ code: 'STORE_POSTGRES_SCHEMA_VERSION', found: 5, supported: 4 });
    const tables = await rawSql(`SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema}' ORDER BY 1`);
    expect(tables.map((t) => t.table_name)).toEqual(['migrations']);
  });

  it('a payload PostgreSQL refuses (NUL in a type) → ValidationError, and nothing is written', async () => {
    const schema = freshSchema('bad');
    schemas.push(schema);
    const store = await createPostgresStore({ ...target(), schema });
    try {
      await store.append('case-ok', [{ type: 'Noted', data: { text: 'fine' } }]);
      await expect(store.append('case-nul', [{ type: 'Noted', data: {} }, { type: 'No\u0000ted', data: {} }])).rejects.toBeInstanceOf(ValidationError);
      expect(await store.headPosition()).toBe(1);
      expect(await store.streamVersion('case-nul')).toBe(0);
    } finally {
      await store.close();
    }
    await expect(store.append('case-ok', [{ type: 'Noted', data: {} }])).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it.runIf(hasServer)('a writer stuck in the middle of an append to a stream → the next append fails with StoreUnavailableError after lockTimeoutMs, no hang', async () => {
    const schema = freshSchema('stuck');
    schemas.push(schema);
    const store = await createPostgresStore({ connectionString: serverUrl as string, schema, lockTimeoutMs: 300 });
    await store.append('case-stuck', [{ type: 'Noted', data: { text: '1' } }]);
    const stuck = rawClient();
    await stuck.connect();
    try {
      await stuck.query('BEGIN');
      // A writer that stored the stream's next version and never commits (a hung client).
      await stuck.query(`INSERT INTO "${schema}".events (id, stream, version, type, schema, data, meta, hash) VALUES ('evt-stuck', 'case-stuck', 2, 'Noted', 1, '{}', '{}', 'x')`);
      const { error, ms } = await failure(() => store.append('case-stuck', [{ type: 'Noted', data: { text: '2' } }], { expectedVersion: 1 }));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/more than 300 ms/);
      expect(ms).toBeLessThan(3000);
      // The timed-out append left no lock behind: other streams go on.
      await store.append('case-free', [{ type: 'Noted', data: { text: 'ok' } }]);
    } finally {
      await stuck.query('ROLLBACK');
      await stuck.end();
    }
    expect(await store.streamVersion('case-stuck')).toBe(1);
    await store.append('case-stuck', [{ type: 'Noted', data: { text: '2' } }], { expectedVersion: 1 });
    expect((await store.verify()).ok).toBe(true);
    await store.close();
  });

  it.runIf(hasServer)('lockTimeoutMs bounds appends only: a read behind a lock held longer waits for it, as does a migrator behind another migrator', async () => {
    const schema = freshSchema('lockwait');
    schemas.push(schema);
    const store = await createPostgresStore({ connectionString: serverUrl as string, schema, lockTimeoutMs: 200 });
    await store.append('case-lw', [{ type: 'Noted', data: { text: '1' } }]);
    const holder = rawClient();
    await holder.connect();
    try {
      // A table lock a reader needs (as a migration takes), held three times lockTimeoutMs.
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE "${schema}".events IN ACCESS EXCLUSIVE MODE`);
      const release = new Promise((r) => setTimeout(r, 600)).then(() => holder.query('COMMIT'));
      const started = Date.now();
      const [events, version] = await Promise.all([store.readStream('case-lw'), store.streamVersion('case-lw')]);
      await release;
      expect(events.map((e) => e.version)).toEqual([1]);
      expect(version).toBe(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      // Another migrator of the schema, working for three times lockTimeoutMs (it holds the migrations table): a new store waits for it.
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE "${schema}".migrations IN ACCESS EXCLUSIVE MODE`);
      const done = new Promise((r) => setTimeout(r, 600)).then(() => holder.query('COMMIT'));
      const second = await createPostgresStore({ connectionString: serverUrl as string, schema, lockTimeoutMs: 200 });
      await done;
      expect(await second.streamVersion('case-lw')).toBe(1);
      await second.close();
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    await store.close();
  });

  it.runIf(hasServer)('connections killed by the server mid-append → StoreUnavailableError, each batch all-or-nothing, chain intact', async () => {
    const schema = freshSchema('kill');
    schemas.push(schema);
    const store: PostgresStore = await createPostgresStore({ connectionString: serverUrl as string, schema, poolSize: 2 });
    const admin = rawClient();
    await admin.connect();
    const acked = new Set<string>();
    let failed = 0;
    try {
      let appending = true;
      // Kills keep coming while appends run (bounded), so at least one lands mid-append however fast the machine is.
      const killer = (async () => {
        for (let k = 0; k < 10 || (appending && k < 400); k++) {
          await new Promise((r) => setTimeout(r, 15 + Math.random() * 30));
          await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%"${schema}"%' AND pid <> pg_backend_pid()`);
        }
      })();
      for (let i = 0; i < 150 || (failed === 0 && i < 1000); i++) {
        const r = await store.append(`case-k${i % 3}`, Array.from({ length: 5 }, (_, k) => ({ id: `b${i}-${k}`, type: 'Noted', data: { text: `${i}.${k}` } }))).catch((e: unknown) => e);
        if (r instanceof Error) {
          expect(r).toBeInstanceOf(StoreUnavailableError);
          failed++;
        } else acked.add(`b${i}`);
      }
      appending = false;
      await killer;
    } finally {
      await admin.end();
    }
    // The killer's last kills may hit connections lying idle in the store, whose end the client
    // has not heard of yet: a statement sent on one fails with StoreUnavailableError and the
    // connection is dropped (at most poolSize of them), so the reads below try again.
    const retried = async <T>(read: () => Promise<T>): Promise<T> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await read();
        } catch (err) {
          if (!(err instanceof StoreUnavailableError) || attempt > 2) throw err;
        }
      }
    };
    const stored = await retried(async () => {
      const counts = new Map<string, number>();
      for await (const e of store.readAll()) counts.set(e.id.split('-')[0] as string, (counts.get(e.id.split('-')[0] as string) ?? 0) + 1);
      return counts;
    });
    for (const [, count] of stored) expect(count).toBe(5);
    for (const b of acked) expect(stored.get(b)).toBe(5);
    expect(failed).toBeGreaterThan(0);
    expect((await retried(() => store.verify())).ok).toBe(true);
    await store.close();
  });
});
