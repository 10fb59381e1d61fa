import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { StoreUnavailableError } from '@banshi/core';
import { createPostgresStore, type PostgresStore } from '@banshi/store-postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { freshSchema, hasServer, openPglite, rawClient, serverUrl } from './fixtures/postgres-env.js';

if (!hasServer) console.info('postgres-crash.test.ts: the SIGKILL crash test needs a server (set DATABASE_URL); running the in-process PGlite equivalent instead');

const root = fileURLToPath(new URL('..', import.meta.url));
const writer = fileURLToPath(new URL('./fixtures/postgres-crash-writer.ts', import.meta.url));
const KILLS = Number(process.env.KILLS ?? 20);
const schemas: string[] = [];

afterAll(async () => {
  if (!hasServer) return;
  const admin = rawClient();
  await admin.connect();
  for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

interface Ack {
  readonly id: string;
  readonly position: number;
}

/** Runs the writer until a random moment after it is ready, SIGKILLs it, returns the acknowledged events. */
function runAndKill(schema: string): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=banshi-source', writer, serverUrl as string, schema, 'case-crash'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!timer && out.startsWith('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 250);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited by itself (${String(_code)}): ${err}`));
      // Only complete lines were acknowledged; a line cut by the kill was not.
      const lines = out.split('\n').slice(0, -1).filter((l) => l.startsWith('ack '));
      resolve(lines.flatMap((l) => l.slice(4).split(',').map((p) => ({ id: p.slice(0, p.lastIndexOf('@')), position: Number(p.slice(p.lastIndexOf('@') + 1)) }))));
    });
  });
}

async function positionsById(store: PostgresStore): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  for await (const e of store.readAll()) m.set(e.id, e.position);
  return m;
}

describe('postgres crash safety', () => {
  // One test in every environment: real SIGKILLs against the server in DATABASE_URL, else abrupt closes on PGlite.
  const serverCrash = async () => {
    const schema = freshSchema('crash');
    schemas.push(schema);
    const acked: Ack[] = [];
    for (let run = 0; run < KILLS; run++) {
      acked.push(...(await runAndKill(schema)));
      const store = await createPostgresStore({ connectionString: serverUrl as string, schema, poolSize: 1 });
      try {
        const stored = await positionsById(store);
        for (const a of acked) expect(stored.get(a.id), `acknowledged ${a.id}@${a.position} after kill ${run + 1}`).toBe(a.position);
        expect(await store.verify()).toMatchObject({ ok: true });
      } finally {
        await store.close();
      }
    }
    expect(acked.length).toBeGreaterThan(KILLS);
  };

  const pgliteCrash = async () => {
    const lite = await openPglite();
    const acked: Ack[] = [];
    try {
      for (let run = 0; run < KILLS; run++) {
        const store = await createPostgresStore({ pglite: lite, schema: 'crash' });
        const loops = ['a', 'b'].map(async (suffix) => {
          const stream = `case-crash-${suffix}`;
          let version = await store.streamVersion(stream);
          for (let i = 0; ; i++) {
            // PGlite answers without leaving the microtask queue: let the close timer fire.
            await new Promise((r) => setImmediate(r));
            const r = await store.append(stream, [{ type: 'Ticked', data: { i } }], { expectedVersion: version === 0 ? 'no-stream' : version }).catch((e: unknown) => e);
            if (r instanceof StoreUnavailableError) return;
            if (r instanceof Error) throw r;
            const ok = r as Awaited<ReturnType<PostgresStore['append']>>;
            version = ok.nextExpectedVersion;
            acked.push(...ok.events.map((e) => ({ id: e.id, position: e.position })));
          }
        });
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 40));
        await store.close(); // in-flight appends end with StoreUnavailableError or complete
        await Promise.all(loops);
        const again = await createPostgresStore({ pglite: lite, schema: 'crash' });
        const stored = await positionsById(again);
        for (const a of acked) expect(stored.get(a.id)).toBe(a.position);
        expect(stored.size).toBeGreaterThanOrEqual(acked.length);
        expect((await again.verify()).ok).toBe(true);
        await again.close();
      }
      expect(acked.length).toBeGreaterThan(KILLS);
    } finally {
      await lite.close();
    }
  };

  it(
    hasServer
      ? `every acknowledged event survives ${KILLS} SIGKILLs of the writer, in order, and verify() passes`
      : `PGlite (no server in DATABASE_URL, so no SIGKILL): events acknowledged before ${KILLS} abrupt closes are all readable, in order`,
    hasServer ? serverCrash : pgliteCrash,
    // 20 kills and restarts take about a minute on an idle 2-core machine; bounded well above that for a loaded one.
    240_000,
  );
});
