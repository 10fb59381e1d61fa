/**
 * The gap-free order of PostgreSQL readers without a global lock (store-postgres README,
 * "Gap-free global order"), checked on histories: raw transactions that draw positions and then
 * commit or roll back in any order, interleaved with store appends and reads. Every read must be
 * a prefix of the final log: whatever it returns, it returns every event at or below its last
 * position that is ever committed.
 *
 * On a server (DATABASE_URL) the raw transactions are separate connections, open at the same
 * time; on PGlite, which has one session, each raw transaction runs whole between the steps
 * (rollbacks still leave holes in the positions that readers must not mistake for gaps).
 */
import fc from 'fast-check';
import { createPostgresStore, type PostgresStore } from '@banshi/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchema, hasServer, openPglite, rawClient, serverUrl, type RawClient, type TestPGlite } from './fixtures/postgres-env.js';

const TXS = 3;
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

type Step = { kind: 'insert'; tx: number } | { kind: 'end'; tx: number; commit: boolean } | { kind: 'append' } | { kind: 'read' };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), tx: fc.nat(TXS - 1) }),
  fc.record({ kind: fc.constant('end' as const), tx: fc.nat(TXS - 1), commit: fc.boolean() }),
  fc.constant({ kind: 'append' as const }),
  fc.constant({ kind: 'read' as const }),
);

async function drain(store: PostgresStore): Promise<number[]> {
  const out: number[] = [];
  for await (const e of store.readAll({ batchSize: 3 })) out.push(e.position);
  return out;
}

describe(`postgres gap-free order without a global lock (${hasServer ? 'server' : 'pglite'})`, () => {
  it('every read is a prefix of the final log, whatever order raw transactions commit or roll back in', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 24 }), async (steps) => {
        const schema = freshSchema('o');
        schemas.push(schema);
        const store = await createPostgresStore({ schema, readSettleMs: 20, ...(hasServer ? { connectionString: serverUrl as string, poolSize: 2 } : { pglite: lite as TestPGlite }) });
        const clients: (RawClient | undefined)[] = [];
        const open = new Set<number>();
        const reads: number[][] = [];
        let n = 0;
        run++;
        const insert = async (sql: (text: string, params: unknown[]) => Promise<unknown>, tx: number) => {
          n++;
          await sql(`INSERT INTO "${schema}".events (id, stream, version, type, schema, data, meta, hash) VALUES ($1, $2, 1, 'Noted', 1, '{}', '{}', $3)`, [`raw-${run}-${n}`, `raw-${run}-${tx}-${n}`, 'f'.repeat(64)]);
        };
        try {
          for (const s of steps) {
            if (s.kind === 'append') await store.append(`case-${n++}`, [{ type: 'Noted', data: { n } }]);
            else if (s.kind === 'read') reads.push(await drain(store));
            else if (!hasServer) {
              // One session: a raw transaction runs whole, committed or rolled back.
              if (s.kind === 'insert') {
                const db = lite as TestPGlite;
                await db.query('BEGIN');
                await insert((t, p) => db.query(t, p), s.tx);
                await db.query(Math.random() < 0.5 ? 'COMMIT' : 'ROLLBACK');
              }
            } else if (s.kind === 'insert') {
              let c = clients[s.tx];
              if (!c) {
                c = rawClient();
                await c.connect();
                clients[s.tx] = c;
              }
              if (!open.has(s.tx)) {
                await c.query('BEGIN');
                open.add(s.tx);
              }
              await insert((t, p) => (c as RawClient).query(t, p), s.tx);
            } else if (open.has(s.tx)) {
              await (clients[s.tx] as RawClient).query(s.commit ? 'COMMIT' : 'ROLLBACK');
              open.delete(s.tx);
            }
          }
          for (const tx of open) await (clients[tx] as RawClient).query('COMMIT');
          open.clear();
          const final = await drain(store);
          for (let i = 1; i < final.length; i++) expect(final[i]).toBeGreaterThan(final[i - 1] as number);
          for (const read of reads) {
            const last = read.at(-1) ?? 0;
            expect(read).toEqual(final.filter((p) => p <= last));
          }
        } finally {
          for (const tx of open) await (clients[tx] as RawClient).query('ROLLBACK').catch(() => undefined);
          for (const c of clients) await c?.end();
          await store.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
