/**
 * `pnpm bench postgres`: durable appends (one append = one transaction) with 1 and 4 writers,
 * and readAll, against the server in DATABASE_URL (or the local test server if it answers).
 * Baselines in the same run: bare `pg` INSERT loops into a plain table (one row per
 * transaction, same number of connections) and a bare keyset SELECT of the same rows.
 */
import { createRequire } from 'node:module';
import { createPostgresStore, type PostgresStore } from '@banshi/store-postgres';
import type { Benchmark, Figure } from './harness.js';

interface Client {
  connect(): Promise<void>;
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
const pg = createRequire(new URL('../packages/store-postgres/package.json', import.meta.url))('pg') as {
  Client: new (o: { connectionString: string; connectionTimeoutMillis?: number }) => Client;
};

const LOCAL = 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = 3;
const ROUNDS = 6;
const READ_EVENTS = 20_000;
const READ_PASSES = 3;

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
 * Returns [banshi events/s, bare rows/s].
 */
async function appendsVsBare(url: string, schema: string, writers: number): Promise<[number, number]> {
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
  const total = { bare: { n: 0, ms: 0 }, store: { n: 0, ms: 0 } };
  for (let round = 0; round < ROUNDS; round++) {
    const [n, ms] = await run(writers, (SECONDS * 1000) / ROUNDS, async (w) => {
      await (clients[w] as Client).query(`INSERT INTO "${schema}".plain (stream, version, data) VALUES ($1, $2, $3)`, [`case-w${writers}-${w}`, ++(bareVersion[w] as number), payload]);
      return 1;
    });
    total.bare.n += n;
    total.bare.ms += ms;
    const [m, ms2] = await run(writers, (SECONDS * 1000) / ROUNDS, async (w) => {
      const v = storeVersion[w] as number;
      const r = await (stores[w] as PostgresStore).append(`case-w${writers}-${w}`, [{ type: 'Noted', data: { text: 'bench' } }], { expectedVersion: v === 0 ? 'no-stream' : v });
      storeVersion[w] = r.nextExpectedVersion;
      return 1;
    });
    total.store.n += m;
    total.store.ms += ms2;
  }
  await Promise.all(clients.map((c) => c.end()));
  await Promise.all(stores.map((s) => s.close()));
  return [total.store.n / (total.store.ms / 1000), total.bare.n / (total.bare.ms / 1000)];
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
      const [one, bare1] = await appendsVsBare(url, schema, 1);
      const [four, bare4] = await appendsVsBare(url, schema, 4);

      // readAll over READ_EVENTS events (bulk-loaded through importEvents), against a bare keyset scan.
      const store = await createPostgresStore({ connectionString: url, schema: `${schema}_read` });
      const source = await createPostgresStore({ connectionString: url, schema: `${schema}_src` });
      const recorded = [];
      for (let i = 0; i < READ_EVENTS / 100; i++) {
        const r = await source.append(`case-r${i}`, Array.from({ length: 100 }, (_, k) => ({ type: 'Noted', data: { text: `event ${i}.${k}` }, meta: { channel: 'window' as const, actor: { id: 'clerk-1', role: 'clerk' } } })));
        recorded.push(...r.events.map(({ position: _p, ...e }) => e));
      }
      await store.importEvents(recorded);
      // Alternating passes (store, bare, store, bare) so both see the same machine load.
      let read = 0;
      let readMs = 0;
      let bareRead = 0;
      let bareMs = 0;
      for (let pass = 0; pass < READ_PASSES; pass++) {
        let start = performance.now();
        for await (const _e of store.readAll({ batchSize: 1000 })) read++;
        readMs += performance.now() - start;
        start = performance.now();
        for (let after = 0; ; ) {
          const { rows } = await admin.query(`SELECT position, id, stream, version, type, schema, data, meta, hash FROM "${schema}_read".events WHERE position > $1 ORDER BY position LIMIT 1000`, [after]);
          for (const r of rows) {
            JSON.parse(r.data as string);
            JSON.parse(r.meta as string);
          }
          bareRead += rows.length;
          if (rows.length < 1000) break;
          after = Number((rows.at(-1) as { position: string }).position);
        }
        bareMs += performance.now() - start;
      }
      const readRate = read / (readMs / 1000);
      const bareReadRate = bareRead / (bareMs / 1000);
      await store.close();
      await source.close();
      return [
        { name: 'postgres.append.1writer', value: one, unit: 'events/s', baseline: 'bare pg INSERT, 1 row per transaction, 1 connection (alternating rounds)', baselineValue: bare1, ratio: one / bare1, target: { kind: 'ratio', min: 0.8 } },
        { name: 'postgres.append.4writers', value: four, unit: 'events/s', baseline: 'bare pg INSERT, 1 row per transaction, 4 connections (alternating rounds)', baselineValue: bare4, ratio: four / bare4, target: { kind: 'ratio', min: 0.8 } },
        { name: 'postgres.readAll', value: readRate, unit: 'events/s', baseline: 'bare pg keyset SELECT + JSON.parse, 1000 rows per query', baselineValue: bareReadRate, ratio: readRate / bareReadRate, target: { kind: 'ratio', min: 1 } },
      ];
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_read" CASCADE; DROP SCHEMA IF EXISTS "${schema}_src" CASCADE`);
      await admin.end();
    }
  },
};

export default bench;
