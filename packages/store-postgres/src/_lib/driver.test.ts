import { StoreUnavailableError } from '@banshi/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresStore } from '../index.js';
import { ownConnections, pgDriver } from './driver.js';
import { loadPg } from './loadPg.js';

// The store's own connections need a server (DATABASE_URL); PGlite has one session and no pool.
const url = process.env.DATABASE_URL;
const admin = url ? new (loadPg().Pool)({ connectionString: url, max: 1 }) : undefined;
const schemas: string[] = [];

afterAll(async () => {
  for (const schema of schemas) await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin?.end();
});

const app = () => `drv_${Math.random().toString(36).slice(2, 10)}`;
const named = (name: string) => {
  const u = new URL(url as string);
  u.searchParams.set('application_name', name);
  return u.toString();
};
const backends = async (name: string): Promise<number[]> =>
  (await (admin as NonNullable<typeof admin>).query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [name])).rows.map((r) => r.pid);
const pidOf = async (q: (text: string) => Promise<{ rows: { pid: number }[] }>) => (await q('SELECT pg_backend_pid() AS pid')).rows[0]?.pid as number;

describe.runIf(url)('the store’s own connections (server)', () => {
  it('never opens more than max connections, queues the rest, and reuses one connection for a lone caller', async () => {
    const name = app();
    const conns = ownConnections(named(name), { connectTimeoutMs: 5000, max: 2 });
    try {
      const pids = await Promise.all(Array.from({ length: 7 }, async () => (await conns.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.02)')).rows[0]?.pid));
      expect(new Set(pids).size).toBeLessThanOrEqual(2);
      expect((await backends(name)).length).toBeLessThanOrEqual(2);
      const one = await pidOf((t) => conns.query(t));
      for (let i = 0; i < 5; i++) expect(await pidOf((t) => conns.query(t))).toBe(one);
    } finally {
      await conns.end();
    }
    // A backend leaves pg_stat_activity shortly after its client has gone.
    for (let i = 0; i < 50 && (await backends(name)).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await backends(name)).toEqual([]);
  });

  it('drops a connection the server killed, idle or busy, and the next statements run on a new one', async () => {
    const conns = ownConnections(url as string, { connectTimeoutMs: 5000, max: 1 });
    try {
      const first = await pidOf((t) => conns.query(t));
      // Idle: killed between statements.
      await admin?.query('SELECT pg_terminate_backend($1)', [first]);
      let second: number | undefined;
      for (let i = 0; i < 50 && second === undefined; i++) {
        second = await pidOf((t) => conns.query(t)).catch(() => undefined);
        if (second === undefined) await new Promise((r) => setTimeout(r, 20));
      }
      expect(second).toBeDefined();
      expect(second).not.toBe(first);
      // Busy: killed in the middle of a statement, which fails; the slot is freed, not lost.
      const sleeping = conns.query('SELECT pg_sleep(5)');
      // Observed before the kill: its failure may arrive before the admin's answer does.
      const sleepFails = expect(sleeping).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 100));
      await admin?.query('SELECT pg_terminate_backend($1)', [second]);
      await sleepFails;
      const third = await pidOf((t) => conns.query(t));
      expect(third).not.toBe(second);
      for (let i = 0; i < 3; i++) expect(await pidOf((t) => conns.query(t))).toBe(third);
    } finally {
      await conns.end();
    }
  });

  it('a failed connect frees its slot: with max 1, every caller gets the error, none hangs, and a working server is used afterwards', async () => {
    const conns = ownConnections('postgres://postgres@127.0.0.1:1/none', { connectTimeoutMs: 2000, max: 1 });
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => conns.query('SELECT 1')));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    await conns.end();
    const driver = pgDriver(ownConnections('postgres://postgres@127.0.0.1:1/none', { connectTimeoutMs: 2000, max: 1 }), true);
    await expect(driver.query('SELECT 1')).rejects.toBeInstanceOf(StoreUnavailableError);
    await driver.close();
  });

  it('end() waits for a statement in flight, closes every connection, and later statements fail with StoreUnavailableError', async () => {
    const name = app();
    const conns = ownConnections(named(name), { connectTimeoutMs: 5000, max: 3 });
    await Promise.all(Array.from({ length: 3 }, () => conns.query('SELECT pg_sleep(0.01)')));
    const slow = conns.query<{ done: number }>('SELECT 1 AS done FROM pg_sleep(0.2)');
    await new Promise((r) => setTimeout(r, 20));
    await conns.end();
    expect((await slow).rows[0]?.done).toBe(1);
    for (let i = 0; i < 50 && (await backends(name)).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await backends(name)).toEqual([]);
    await expect(conns.query('SELECT 1')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('a store honors poolSize, keeps appending after its connections are killed, and close() ends them all', async () => {
    const name = app();
    const schema = `drv_${Math.random().toString(36).slice(2, 8)}`;
    schemas.push(schema);
    const store = await createPostgresStore({ connectionString: named(name), schema, poolSize: 2 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(`case-${i}`, [{ type: 'Noted', data: { text: String(i) } }])));
    expect((await backends(name)).length).toBeLessThanOrEqual(2);
    await admin?.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [name]);
    let ok = 0;
    for (let i = 0; i < 20 && ok < 3; i++) {
      const r = await store.append('case-after', [{ type: 'Noted', data: { text: String(i) } }]).catch((err: unknown) => err);
      if (r instanceof Error) expect(r).toBeInstanceOf(StoreUnavailableError);
      else ok++;
    }
    expect(ok).toBe(3);
    expect(await store.verify()).toMatchObject({ ok: true, events: 11 });
    await store.close();
    for (let i = 0; i < 50 && (await backends(name)).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await backends(name)).toEqual([]);
  });

  it('textRows runs a named statement without a row description: rows, parameters of every kind, errors (also of the row mapper), and the connection stays usable', async () => {
    const conns = ownConnections(url as string, { connectTimeoutMs: 5000, max: 1 });
    const first = (row: readonly unknown[]) => row[0];
    try {
      const text = 'SELECT g::text || $1 AS x FROM generate_series(1, $2::int) AS g';
      expect(await conns.textRows('drv_first', text, ['-a', 3], first)).toEqual(['1-a', '2-a', '3-a']);
      // Parsed once per connection: the second run binds only; no rows is an empty column.
      expect(await conns.textRows('drv_first', text, ['é"\\', 1], first)).toEqual(['1é"\\']);
      expect(await conns.textRows('drv_first', text, ['', 0], first)).toEqual([]);
      // Arrays go through pg's own encoding.
      expect(await conns.textRows('drv_arr', 'SELECT unnest($1::text[])', [['a', 'b,c', 'd"e']], first)).toEqual(['a', 'b,c', 'd"e']);
      // A statement error rejects with the server's error; the next statement on the connection runs.
      await expect(conns.textRows('drv_err', 'SELECT 1 / $1::int', [0], first)).rejects.toMatchObject({ code: '22012' });
      expect(await conns.textRows('drv_err', 'SELECT 1 / $1::int', [1], first)).toEqual(['1']);
      // One name, another text: refused before anything is sent.
      await expect(conns.textRows('drv_first', 'SELECT 2', [], first)).rejects.toThrow(/different statement/);
      expect(await conns.textRows('drv_first', text, ['b', 1], first)).toEqual(['1b']);
      // A row the mapper refuses fails the statement once the server has answered; the connection goes on.
      const refuse = (row: readonly unknown[]) => (row[0] === '2-z' ? JSON.parse('{') : row[0]) as unknown;
      await expect(conns.textRows('drv_first', text, ['-z', 3], refuse)).rejects.toBeInstanceOf(SyntaxError);
      expect(await conns.textRows('drv_first', text, ['-y', 2], first)).toEqual(['1-y', '2-y']);
    } finally {
      await conns.end();
    }
  });

  it('a caller’s own pg Pool still works, and close() leaves it open', async () => {
    const schema = `drv_${Math.random().toString(36).slice(2, 8)}`;
    schemas.push(schema);
    const pool = new (loadPg().Pool)({ connectionString: url, max: 2 });
    try {
      const store = await createPostgresStore({ pool, schema });
      await store.append('case-p', [{ type: 'Noted', data: { text: 'a' } }]);
      await store.importEvents([]);
      expect(await store.streamVersion('case-p')).toBe(1);
      await store.close();
      expect((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".events`)).rows[0]?.n).toBe('1');
    } finally {
      await pool.end();
    }
  });
});
