/**
 * `pnpm bench postgres`: durable appends (one append = one transaction) with 1 and 4 writers,
 * and readAll, against the server in DATABASE_URL (or the local test server if it answers).
 * Baselines in the same run: bare `pg` INSERT loops into a plain table (one row per
 * transaction, same number of connections) and a bare keyset SELECT of the same rows.
 */
import { createRequire } from 'node:module';
import { createPostgresStore, type PostgresStore } from '@banshi/store-postgres';
import { alternate, roundsFigure, type Benchmark, type Figure } from './harness.js';

interface Client {
  connect(): Promise<void>;
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
const pg = createRequire(new URL('../packages/store-postgres/package.json', import.meta.url))('pg') as {
  Client: new (o: { connectionString: string; connectionTimeoutMillis?: number }) => Client;
};

const LOCAL = 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = 6;
const ROUNDS = 12;
const READ_EVENTS = 20_000;
const READ_PASSES = 10;

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

/**
 * Durable appends with `writers` connections against bare INSERTs of the same rows with as many
 * connections, in alternating short rounds so both see the same moments of a shared machine.
 * Returns, per round, the seconds one event took on each side (elapsed / events).
 */
async function appendsVsBare(url: string, schema: string, writers: number): Promise<{ store: number[]; bare: number[] }> {
  const clients = await Promise.all(
    Array.from({ length: writers }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const stores = await Promise.all(Array.from({ length: writers }, () => createPostgresStore({ connectionString: url, schema, poolSize: 1 })));
  const payload = JSON.stringify({ text: 'baseline' });
  const bareVersion = new Array<number>(writers).fill(0);
  const storeVersion = new Array<number>(writers).fill(0);
  const perEvent = ([n, ms]: [number, number]): number => ms / 1000 / Math.max(1, n);
  const t = await alternate(ROUNDS, {
    bare: async () =>
      perEvent(
        await run(writers, (SECONDS * 1000) / ROUNDS, async (w) => {
          await (clients[w] as Client).query(`INSERT INTO "${schema}".plain (stream, version, data) VALUES ($1, $2, $3)`, [`case-w${writers}-${w}`, ++(bareVersion[w] as number), payload]);
          return 1;
        }),
      ),
    store: async () =>
      perEvent(
        await run(writers, (SECONDS * 1000) / ROUNDS, async (w) => {
          const v = storeVersion[w] as number;
          const r = await (stores[w] as PostgresStore).append(`case-w${writers}-${w}`, [{ type: 'Noted', data: { text: 'bench' } }], { expectedVersion: v === 0 ? 'no-stream' : v });
          storeVersion[w] = r.nextExpectedVersion;
          return 1;
        }),
      ),
  });
  await Promise.all(clients.map((c) => c.end()));
  await Promise.all(stores.map((s) => s.close()));
  return t;
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
      await admin.query(`CREATE SCHEMA "${schema}"; CREATE TABLE "${schema}".plain (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream text NOT NULL, version integer NOT NULL, data text NOT NULL)`);
      const one = await appendsVsBare(url, schema, 1);
      const four = await appendsVsBare(url, schema, 4);

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
      const reads = await alternate(READ_PASSES, {
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
      });
      await store.close();
      await source.close();
      return [
        roundsFigure({ name: 'postgres.append.1writer', unit: 'events/s', ops: 1, seconds: one.store, baseline: 'bare pg INSERT, 1 row per transaction, 1 connection', baselineSeconds: one.bare, target: { kind: 'ratio', min: 0.8 } }),
        roundsFigure({ name: 'postgres.append.4writers', unit: 'events/s', ops: 1, seconds: four.store, baseline: 'bare pg INSERT, 1 row per transaction, 4 connections', baselineSeconds: four.bare, target: { kind: 'ratio', min: 0.8 } }),
        roundsFigure({ name: 'postgres.readAll', unit: 'events/s', ops: READ_EVENTS, seconds: reads.store, baseline: 'bare pg keyset SELECT + JSON.parse, 1000 rows per query', baselineSeconds: reads.bare, target: { kind: 'ratio', min: 1 } }),
      ];
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_read" CASCADE; DROP SCHEMA IF EXISTS "${schema}_src" CASCADE`);
      await admin.end();
    }
  },
};

export default bench;
