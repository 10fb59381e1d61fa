/**
 * Concurrency (issue 6): writers racing on one stream with expectedVersion — every version is
 * written exactly once, losers get ConcurrencyError, nothing is lost or duplicated — in one
 * process on separate connections, and in separate processes on one file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConcurrencyError, type EventStore, type StoredEvent } from '@banshi/core';
import { createSqliteStore } from '@banshi/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, onLines, spawnFixture } from './fixtures/sqlite-raw.js';

const dir = mkdtempSync(join(tmpdir(), 'banshi-sqlite-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `race-${++n}.db`);
const drain = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};
const tick = () => new Promise((r) => setImmediate(r));

interface Ack {
  readonly version: number;
  readonly position: number;
  readonly id: string;
}

/** Checks a stream holds exactly the acknowledged events, versions 1..n once each, chain intact. */
async function expectExactly(store: EventStore, stream: string, acks: readonly Ack[]): Promise<void> {
  const events = await store.readStream(stream);
  expect(events.map((e) => e.version)).toEqual(Array.from({ length: acks.length }, (_, i) => i + 1));
  const byVersion = [...acks].sort((a, b) => a.version - b.version);
  expect(events.map((e) => [e.version, e.position, e.id])).toEqual(byVersion.map((a) => [a.version, a.position, a.id]));
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  expect((await store.verify()).ok).toBe(true);
}

describe('SQLite writers in one process, one connection each', () => {
  it('8 writers racing on one stream: each version once, losers get ConcurrencyError', async () => {
    const path = fresh();
    const stores = Array.from({ length: 8 }, () => createSqliteStore(path));
    const acks: Ack[] = [];
    let conflicts = 0;
    await Promise.all(
      stores.map(async (s, w) => {
        for (let i = 0; i < 15; ) {
          const version = await s.streamVersion('case-race');
          await tick();
          try {
            const r = await s.append('case-race', [{ id: `w${w}-${i}`, type: 'Noted', data: { text: `${w}.${i}` } }], { expectedVersion: version });
            const e = r.events[0] as StoredEvent;
            acks.push({ version: e.version, position: e.position, id: e.id });
            i++;
          } catch (err) {
            expect(err).toBeInstanceOf(ConcurrencyError);
            conflicts++;
          }
        }
      }),
    );
    expect(acks).toHaveLength(120);
    expect(conflicts).toBeGreaterThan(0);
    await expectExactly(stores[0] as EventStore, 'case-race', acks);
    for (const s of stores) await s.close();
  });

  it('8 writers on different streams in parallel: nothing lost, positions dense and unique', async () => {
    const path = fresh();
    const stores = Array.from({ length: 8 }, () => createSqliteStore(path));
    await Promise.all(
      stores.map(async (s, w) => {
        for (let i = 0; i < 20; i++) {
          await s.append(`case-w${w}`, [{ type: 'Noted', data: { text: String(i) } }], { expectedVersion: i === 0 ? 'no-stream' : i });
          await tick();
        }
      }),
    );
    const all = await drain((stores[0] as EventStore).readAll());
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    for (let w = 0; w < 8; w++) expect(await (stores[w] as EventStore).streamVersion(`case-w${w}`)).toBe(20);
    expect((await (stores[0] as EventStore).verify()).ok).toBe(true);
    for (const s of stores) await s.close();
  });
});

/** Runs 4 writer processes (tsx) on one file; resolves with what each acknowledged. */
async function raceProcesses(path: string, streamOf: (w: number) => string, count: number) {
  const writers = Array.from({ length: 4 }, (_, w) => {
    const child = spawnFixture('sqlite-race-writer.ts', [path, `p${w}`, streamOf(w), String(count)]);
    const acks: Ack[] = [];
    let conflicts = 0;
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const ready = new Promise<void>((resolve) =>
      onLines(child, (line) => {
        if (line === 'ready') return resolve();
        if (line === 'conflict') conflicts++;
        const [tag, version, position, id] = line.split(' ');
        if (tag === 'ack') acks.push({ version: Number(version), position: Number(position), id: id as string });
      }),
    );
    return { child, acks, ready, exit: exited(child), conflicts: () => conflicts, stderr: () => stderr };
  });
  const early = (w: (typeof writers)[number]) => w.exit.then(({ code }) => Promise.reject(new Error(`writer exited before "ready" (code ${code}): ${w.stderr()}`)));
  await Promise.all(writers.map((w) => Promise.race([w.ready, early(w)])));
  for (const w of writers) w.child.stdin?.write('go\n');
  for (const w of writers) expect((await w.exit).code, w.stderr()).toBe(0);
  return writers;
}

describe('SQLite writers in 4 separate processes on one file', () => {
  it('racing on one stream: every version written exactly once, losers got ConcurrencyError', async () => {
    const path = fresh();
    const writers = await raceProcesses(path, () => 'case-shared', 40);
    const acks = writers.flatMap((w) => w.acks);
    expect(acks).toHaveLength(160);
    expect(writers.reduce((sum, w) => sum + w.conflicts(), 0)).toBeGreaterThan(0);
    const store = createSqliteStore(path);
    await expectExactly(store, 'case-shared', acks);
    await store.close();
  }, 60_000);

  it('on different streams in parallel: nothing lost or duplicated, global positions dense', async () => {
    const path = fresh();
    const writers = await raceProcesses(path, (w) => `case-p${w}`, 40);
    const store = createSqliteStore(path);
    for (let w = 0; w < 4; w++) await expectExactly(store, `case-p${w}`, (writers[w] as { acks: Ack[] }).acks);
    const all = await drain(store.readAll());
    expect(all.map((e) => e.position)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    await store.close();
  }, 60_000);
});
