import { AppendConditionError, ConcurrencyError, GENESIS_HASH, sha256Hex, canonicalJson, type StoredEvent } from '@banshi/core';
import { prepareAppend } from '@banshi/core/adapter';
import { createPostgresStore, type PostgresStore } from '@banshi/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchema, hasServer, openPglite, rawClient, serverUrl, type TestPGlite } from './fixtures/postgres-env.js';

if (!hasServer) console.info('postgres-concurrency.test.ts: the gap-guard test needs two sessions, so a server (set DATABASE_URL); PGlite runs the other concurrency tests');

// Writers are separate pg connections on a server; on PGlite they are separate store handles
// sharing the one in-process session (the same conflict logic, without parallel transactions).
let lite: TestPGlite | undefined;
const schemas: string[] = [];
const opened: PostgresStore[] = [];

beforeAll(async () => {
  if (!hasServer) lite = await openPglite();
});
afterAll(async () => {
  for (const s of opened) await s.close();
  if (hasServer) {
    const admin = rawClient();
    await admin.connect();
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
  await lite?.close();
});

async function writers(n: number, schema = freshSchema('c')): Promise<PostgresStore[]> {
  schemas.push(schema);
  const stores = await Promise.all(
    Array.from({ length: n }, () => createPostgresStore({ schema, ...(hasServer ? { connectionString: serverUrl as string, poolSize: 1 } : { pglite: lite as TestPGlite }) })),
  );
  opened.push(...stores);
  return stores;
}

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const note = (text: string) => ({ type: 'Noted', data: { text } });

/**
 * A raw transaction on a connection of its own that inserts one Noted of `stream` (drawing a
 * position and taking the writer lock, as any insert does) and stays open until `commit()`.
 */
async function writerInFlight(schema: string, stream: string, text: string): Promise<{ readonly position: number; commit(): Promise<unknown>; end(): Promise<void> }> {
  const client = rawClient();
  await client.connect();
  const [e] = prepareAppend([note(text)], { stream, currentVersion: 0, lastHash: GENESIS_HASH, registry: undefined, hasher: sha256Hex, now: () => new Date(), node: 'center', newId: () => `evt-${stream}` });
  if (!e) throw new Error('prepareAppend returned nothing');
  await client.query('BEGIN');
  const [taken] = (
    await client.query(`INSERT INTO "${schema}".events (id, stream, version, type, schema, data, meta, hash) VALUES ($1, $2, 1, $3, 1, $4, $5, $6) RETURNING position`, [
      e.id,
      e.stream,
      e.type,
      canonicalJson(e.data),
      canonicalJson(e.meta),
      e.hash,
    ])
  ).rows;
  return { position: Number(taken?.position), commit: () => client.query('COMMIT'), end: () => client.end() };
}

describe(`postgres concurrency (${hasServer ? 'server' : 'pglite'})`, () => {
  it('8 writers racing on one stream with expectedVersion: each version written exactly once, losers get ConcurrencyError', async () => {
    const stores = await writers(8);
    const target = 40;
    const won: StoredEvent[] = [];
    let lost = 0;
    await Promise.all(
      stores.map(async (s, w) => {
        for (let attempt = 0; ; attempt++) {
          const v = await s.streamVersion('case-race');
          if (v >= target) return;
          try {
            const r = await s.append('case-race', [note(`w${w}-a${attempt}`)], { expectedVersion: v === 0 ? 'no-stream' : v });
            won.push(...r.events);
          } catch (err) {
            expect(err).toBeInstanceOf(ConcurrencyError);
            lost++;
          }
        }
      }),
    );
    const stream = await (stores[0] as PostgresStore).readStream('case-race');
    expect(stream.map((e) => e.version)).toEqual(Array.from({ length: stream.length }, (_, i) => i + 1));
    expect(stream.length).toBeGreaterThanOrEqual(target);
    // Every acknowledged event is the one stored at its version; nothing else is stored.
    expect([...won].sort((a, b) => a.version - b.version).map((e) => e.id)).toEqual(stream.map((e) => e.id));
    expect(lost).toBeGreaterThan(0);
    expect(await (stores[1] as PostgresStore).verify()).toMatchObject({ ok: true, events: stream.length });
  });

  it('8 writers on 8 streams in parallel: nothing lost or duplicated, positions strictly increasing', async () => {
    const stores = await writers(8);
    const perWriter = 25;
    const acked = new Map<string, number>();
    await Promise.all(
      stores.map(async (s, w) => {
        for (let i = 0; i < perWriter; i++) {
          const r = await s.append(`case-w${w}`, [note(`${w}:${i}`)], { expectedVersion: i === 0 ? 'no-stream' : i });
          for (const e of r.events) acked.set(e.id, e.position);
        }
      }),
    );
    const all = await drain((stores[0] as PostgresStore).readAll({ batchSize: 37 }));
    expect(all).toHaveLength(8 * perWriter);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    for (let i = 1; i < all.length; i++) expect((all[i] as StoredEvent).position).toBeGreaterThan((all[i - 1] as StoredEvent).position);
    for (const e of all) expect(acked.get(e.id)).toBe(e.position);
    for (let w = 0; w < 8; w++) expect(await (stores[w] as PostgresStore).streamVersion(`case-w${w}`)).toBe(perWriter);
    expect((await (stores[0] as PostgresStore).verify()).ok).toBe(true);
  });

  it('a subscribe follower running while 4 writers commit out of order sees every event once, in position order', async () => {
    const [reader, ...four] = await writers(5);
    const ac = new AbortController();
    const seen: StoredEvent[] = [];
    const follower = (async () => {
      for await (const e of (reader as PostgresStore).subscribe({ signal: ac.signal, pollIntervalMs: 5, batchSize: 16 })) seen.push(e);
    })();
    const perWriter = 30;
    await Promise.all(
      four.map(async (s, w) => {
        for (let i = 0; i < perWriter; i++) {
          // Half the appends share one hot stream, so commits interleave and some retry.
          await s.append(i % 2 ? `case-f${w}` : 'case-hot', [note(`${w}:${i}`), note(`${w}:${i}b`)]);
        }
      }),
    );
    const total = 4 * perWriter * 2;
    const deadline = Date.now() + 10_000;
    while (seen.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    ac.abort();
    await follower;
    const all = await drain((reader as PostgresStore).readAll());
    expect(all).toHaveLength(total);
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect((await (reader as PostgresStore).verify()).ok).toBe(true);
  });

  it('a subscribe follower running while 8 writers append to 8 different streams (no lock between them) sees every event once, in position order', async () => {
    const [reader, ...eight] = await writers(9);
    const ac = new AbortController();
    const seen: StoredEvent[] = [];
    const follower = (async () => {
      for await (const e of (reader as PostgresStore).subscribe({ signal: ac.signal, pollIntervalMs: 5, batchSize: 16 })) seen.push(e);
    })();
    const perWriter = 20;
    await Promise.all(
      eight.map(async (s, w) => {
        for (let i = 0; i < perWriter; i++) await s.append(`case-e${w}`, [note(`${w}:${i}`)], { expectedVersion: i === 0 ? 'no-stream' : i });
      }),
    );
    const total = 8 * perWriter;
    const deadline = Date.now() + 10_000;
    while (seen.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    ac.abort();
    await follower;
    const all = await drain((reader as PostgresStore).readAll());
    expect(all).toHaveLength(total);
    expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
    for (let i = 1; i < seen.length; i++) expect((seen[i] as StoredEvent).position).toBeGreaterThan((seen[i - 1] as StoredEvent).position);
    expect((await (reader as PostgresStore).verify()).ok).toBe(true);
  });

  it.runIf(hasServer)('append condition: a conditional append waits for an append in flight on another connection, then sees it and writes nothing', async () => {
    const [store] = await writers(1);
    const s = store as PostgresStore;
    await s.append('reg-0', [note('0')]);
    const after = await s.headPosition();
    const slow = await writerInFlight(s.schema, 'reg-slow', 'in flight');
    try {
      let settled = false;
      const conditional = s.append('case-c', [{ type: 'Counted', data: { n: 1 } }], { condition: { types: ['Noted'], after } }).finally(() => (settled = true));
      conditional.catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      // Checked now, it would find nothing: it waits for the writer in flight instead.
      expect(settled).toBe(false);
      await slow.commit();
      const err = await conditional.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppendConditionError);
      expect(err).toMatchObject({ after, position: slow.position, type: 'Noted' });
      expect(await s.streamVersion('case-c')).toBe(0);
      // And a writer that starts while a conditional append holds the lock waits for its COMMIT: both land, in order.
      const now = await s.headPosition();
      const [a, b] = await Promise.all([s.append('case-c', [{ type: 'Counted', data: { n: 2 } }], { condition: { types: ['Noted'], after: now } }), s.append('reg-1', [note('1')])]);
      expect(a.events).toHaveLength(1);
      expect(b.events).toHaveLength(1);
    } finally {
      await slow.end();
    }
  });

  it.runIf(hasServer)('gap guard: an event committed after a later position is still delivered, before the later one', async () => {
    const [store] = await writers(1);
    const s = store as PostgresStore;
    const ac = new AbortController();
    const seen: StoredEvent[] = [];
    const follower = (async () => {
      for await (const e of s.subscribe({ signal: ac.signal, pollIntervalMs: 5 })) seen.push(e);
    })();
    await s.append('case-before', [note('0')]);
    // The follower has delivered what was final before the slow writer opened (on a loaded
    // machine its first poll may come late; a poll that overlaps the open writer waits
    // readSettleMs and returns only the last settled horizon, which is the point of the guard).
    for (const deadline = Date.now() + 5000; seen.length < 1 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 5));
    expect(seen.map((e) => (e.data as { text: string }).text)).toEqual(['0']);
    // A transaction on its own connection takes a position and stays open …
    const slow = await writerInFlight(s.schema, 'case-slow', 'early');
    try {
      // … while a later position commits.
      const later = await s.append('case-fast', [note('later')]);
      expect(later.lastPosition).toBeGreaterThan(slow.position);
      await new Promise((r) => setTimeout(r, 150));
      // The later event is held back: delivering it now would let a checkpoint pass the open position.
      expect(seen.map((e) => (e.data as { text: string }).text)).toEqual(['0']);
      expect(await s.headPosition()).toBe(seen[0]?.position);
      await slow.commit();
      const deadline = Date.now() + 5000;
      while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    } finally {
      await slow.end();
      ac.abort();
      await follower;
    }
    expect(seen.map((e) => (e.data as { text: string }).text)).toEqual(['0', 'early', 'later']);
    expect(seen.map((e) => e.position)).toEqual([...seen.map((e) => e.position)].sort((a, b) => a - b));
    expect(await s.headPosition()).toBe(seen.at(-1)?.position);
  });
});
