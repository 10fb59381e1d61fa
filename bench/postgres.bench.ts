/**
 * `pnpm bench postgres`: durable appends (one append = one transaction) with 1 and 4 writers,
 * and readAll, against the server in DATABASE_URL (or the local test server if it answers).
 * Baselines in the same run: bare `pg` INSERT loops into a plain table (one row per
 * transaction, same number of connections) and a bare keyset SELECT of the same rows. The bare
 * INSERT writes **the same rows** the store writes (its id, stream, version, type, schema, data,
 * meta and hash columns, with the texts of a row the store has just written and an id of the
 * same length per row) into a table with only a primary key, through a named prepared statement
 * — the best a bare driver loop does — and computes nothing: no hash, no canonical JSON, no
 * check, no index for ids or versions.
 * When the server runs on this machine, the appends' CPU time (this process plus the server
 * backends of both sides) is printed too: it moves less with the machine's load than wall time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createPostgresStore, type PostgresStore } from '@banshi/store-postgres';
import { alternate, roundsFigure, type Benchmark, type Figure } from './harness.js';

interface Client {
  connect(): Promise<void>;
  query(text: string | { name: string; text: string; values: unknown[] }, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
const pg = createRequire(new URL('../packages/store-postgres/package.json', import.meta.url))('pg') as {
  Client: new (o: { connectionString: string; connectionTimeoutMillis?: number }) => Client;
};

const LOCAL = 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = 6;
const ROUNDS = 12;
const READ_EVENTS = 20_000;
const READ_PASSES = 15;
/** Unmeasured passes of each side first: the first passes time the compiler, not the read. */
const READ_WARMUPS = 2;

async function answers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Runs `writers` loops of `step` for `ms`; returns [rows, elapsed ms]. */
async function run(writers: number, ms: number, step: (w: number) => Promise<number>): Promise<[number, number]> {
  const start = performance.now();
  const until = start + ms;
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      let n = 0;
      while (performance.now() < until) n += await step(w);
      return n;
    }),
  );
  return [counts.reduce((a, b) => a + b, 0), performance.now() - start];
}

/** CPU seconds a server backend has run, from `/proc/<pid>/schedstat` (ns); undefined when the server is not on this machine. */
function backendCpu(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9;
  } catch {
    return undefined;
  }
}

/** `url` with an `application_name`, so the store's pooled backends can be found in `pg_stat_activity`. */
function named(url: string, name: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
}

/**
 * Durable appends with `writers` connections against bare INSERTs of the same rows with as many
 * connections, in alternating short rounds so both see the same moments of a shared machine.
 * Returns, per round, the seconds one event took on each side (elapsed / events).
 */
async function appendsVsBare(url: string, schema: string, writers: number, admin: Client): Promise<{ store: number[]; bare: number[]; cpu?: { store: number[]; bare: number[] } }> {
  const clients = await Promise.all(
    Array.from({ length: writers }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const app = `${schema}_w${writers}`;
  const stores = await Promise.all(Array.from({ length: writers }, () => createPostgresStore({ connectionString: named(url, app), schema, poolSize: 1 })));
  const bareVersion = new Array<number>(writers).fill(0);
  const storeVersion = new Array<number>(writers).fill(0);
  const storeStep = async (w: number) => {
    const v = storeVersion[w] as number;
    const r = await (stores[w] as PostgresStore).append(`case-w${writers}-${w}`, [{ type: 'Noted', data: { text: 'bench' } }], { expectedVersion: v === 0 ? 'no-stream' : v });
    storeVersion[w] = r.nextExpectedVersion;
    return 1;
  };
  // One append each first, so the stores' pooled connections exist and their backends can be found,
  // and so the bare loop can write the same row texts the store wrote.
  for (let w = 0; w < writers; w++) await storeStep(w);
  const [written] = (await admin.query(`SELECT id, type, schema, data, meta, hash FROM "${schema}".events WHERE stream = $1 AND version = 1`, [`case-w${writers}-0`])).rows;
  if (!written) throw new Error('the store wrote no row for the bare loop to copy');
  const idLength = String(written.id).length;
  let bareIds = 0;
  const insert = `INSERT INTO "${schema}".plain (id, stream, version, type, schema, data, meta, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
  const bareStep = async (w: number) => {
    const id = `b${String(++bareIds).padStart(idLength - 1, '0')}`;
    const values = [id, `case-w${writers}-${w}`, ++(bareVersion[w] as number), written.type, written.schema, written.data, written.meta, written.hash];
    await (clients[w] as Client).query({ name: 'bare_insert', text: insert, values });
    return 1;
  };
  for (let w = 0; w < writers; w++) await bareStep(w);
  const pids = {
    bare: await Promise.all(clients.map(async (c) => Number((await c.query('SELECT pg_backend_pid() AS pid')).rows[0]?.pid))),
    store: (await admin.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [app])).rows.map((r) => Number(r.pid)),
  };
  const cpuNow = (side: 'bare' | 'store'): number | undefined => {
    const { user, system } = process.cpuUsage();
    let total = (user + system) / 1e6;
    for (const pid of pids[side]) {
      const c = backendCpu(pid);
      if (c === undefined) return undefined;
      total += c;
    }
    return total;
  };
  const cpu: { store: number[]; bare: number[] } | undefined = pids.store.length === writers && cpuNow('bare') !== undefined ? { store: [], bare: [] } : undefined;
  /** Seconds per event of one round of `step`, and its CPU seconds per event into `cpu[side]`. */
  const round = async (side: 'bare' | 'store', step: (w: number) => Promise<number>): Promise<number> => {
    const c0 = cpuNow(side);
    const [n, ms] = await run(writers, (SECONDS * 1000) / ROUNDS, step);
    const c1 = cpuNow(side);
    if (cpu && c0 !== undefined && c1 !== undefined) cpu[side].push((c1 - c0) / Math.max(1, n));
    return ms / 1000 / Math.max(1, n);
  };
  const t = await alternate(ROUNDS, { bare: () => round('bare', bareStep), store: () => round('store', storeStep) });
  await Promise.all(clients.map((c) => c.end()));
  await Promise.all(stores.map((s) => s.close()));
  return cpu && cpu.store.length === ROUNDS && cpu.bare.length === ROUNDS ? { ...t, cpu } : t;
}

const bench: Benchmark = {
  name: 'postgres',
  async run(): Promise<readonly Figure[]> {
    const url = process.env.DATABASE_URL ?? LOCAL;
    if (!(await answers(url))) {
      return [{ name: 'postgres.skipped', value: 0, unit: 'skipped', baseline: `no PostgreSQL server answered at ${url.replace(/:[^:@/]*@/, ':***@')}` }];
    }
    const schema = `bench_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".plain (position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id text NOT NULL, stream text NOT NULL, version integer NOT NULL, type text NOT NULL, schema integer NOT NULL, data text NOT NULL, meta text NOT NULL, hash text NOT NULL)`);
      const one = await appendsVsBare(url, schema, 1, admin);
      const four = await appendsVsBare(url, schema, 4, admin);

      // readAll over READ_EVENTS events (bulk-loaded through importEvents), against a bare keyset scan.
      const store = await createPostgresStore({ connectionString: url, schema: `${schema}_read` });
      const source = await createPostgresStore({ connectionString: url, schema: `${schema}_src` });
      const recorded = [];
      for (let i = 0; i < READ_EVENTS / 100; i++) {
        const r = await source.append(`case-r${i}`, Array.from({ length: 100 }, (_, k) => ({ type: 'Noted', data: { text: `event ${i}.${k}` }, meta: { channel: 'window' as const, actor: { id: 'clerk-1', role: 'clerk' } } })));
        recorded.push(...r.events.map(({ position: _p, ...e }) => e));
      }
      await store.importEvents(recorded);
      const timed = async (f: () => Promise<number>): Promise<number> => {
        const start = performance.now();
        const n = await f();
        if (n !== READ_EVENTS) throw new Error(`a readAll pass saw ${n} of ${READ_EVENTS} events`);
        return (performance.now() - start) / 1000;
      };
      // Alternating passes (store, bare, bare, store, …) so both see the same machine load.
      const readers = {
        store: () =>
          timed(async () => {
            let n = 0;
            for await (const _e of store.readAll({ batchSize: 1000 })) n++;
            return n;
          }),
        bare: () =>
          timed(async () => {
            let n = 0;
            for (let after = 0; ; ) {
              const { rows } = await admin.query(`SELECT position, id, stream, version, type, schema, data, meta, hash FROM "${schema}_read".events WHERE position > $1 ORDER BY position LIMIT 1000`, [after]);
              for (const r of rows) {
                JSON.parse(r.data as string);
                JSON.parse(r.meta as string);
              }
              n += rows.length;
              if (rows.length < 1000) break;
              after = Number((rows.at(-1) as { position: string }).position);
            }
            return n;
          }),
      };
      await alternate(READ_WARMUPS, readers);
      const reads = await alternate(READ_PASSES, readers);
      await store.close();
      await source.close();
      return [
        roundsFigure({ name: 'postgres.append.1writer', unit: 'events/s', ops: 1, seconds: one.store, baseline: 'bare pg INSERT of the same rows (prepared, primary key only), 1 row per transaction, 1 connection', baselineSeconds: one.bare, target: { kind: 'ratio', min: 0.8 } }),
        roundsFigure({ name: 'postgres.append.4writers', unit: 'events/s', ops: 1, seconds: four.store, baseline: 'bare pg INSERT of the same rows (prepared, primary key only), 1 row per transaction, 4 connections', baselineSeconds: four.bare, target: { kind: 'ratio', min: 0.8 } }),
        // CPU time (this process and both sides' server backends) moves less with the machine's load than wall time.
        ...(
          [
            ['1writer', one],
            ['4writers', four],
          ] as const
        ).flatMap(([label, r]) =>
          r.cpu
            ? [roundsFigure({ name: `postgres.append.${label}, CPU time (node + server backends)`, unit: 'events/CPU-s', ops: 1, seconds: r.cpu.store, baseline: 'bare pg INSERT, CPU time', baselineSeconds: r.cpu.bare })]
            : [],
        ),
        roundsFigure({ name: 'postgres.readAll', unit: 'events/s', ops: READ_EVENTS, seconds: reads.store, baseline: 'bare pg keyset SELECT + JSON.parse, 1000 rows per query', baselineSeconds: reads.bare, target: { kind: 'ratio', min: 1 } }),
      ];
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_read" CASCADE; DROP SCHEMA IF EXISTS "${schema}_src" CASCADE`);
      await admin.end();
    }
  },
};

export default bench;
