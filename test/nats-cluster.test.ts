/**
 * Issue 17: a three-node JetStream cluster on loopback with an R3 stream. Writers append while
 * the stream leader is SIGKILLed at random moments and restarted; afterwards every acknowledged
 * append is there exactly once in per-stream order, the hash chains verify, and a subscriber
 * rode through every election. Then quorum loss: appends fail in bounded time with
 * StoreUnavailableError, and service resumes by itself when the servers return. And append
 * conditions (issue 15) on the R3 stream: of writers on every node, exactly one writes.
 */
import { AppendConditionError, StoreUnavailableError, type StoredEvent } from '@banshi/core';
import { createNatsStore, type NatsStore, type NatsStoreOptions } from '@banshi/store-nats';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterNotReady, natsServerBin, retryPlacement, seeded, startCluster, stopAll, waitFor, type NatsProcess } from './fixtures/nats-servers.js';

const KILLS = Number(process.env.NATS_KILLS ?? 10);
const stores: NatsStore[] = [];
const admins: NatsConnection[] = [];

afterAll(async () => {
  for (const s of stores) await s.close().catch(() => undefined);
  for (const nc of admins) await nc.close().catch(() => undefined);
  await stopAll();
});

async function admin(cluster: readonly NatsProcess[]): Promise<JetStreamManager> {
  const nc = await connect({ servers: cluster.map((s) => s.url), maxReconnectAttempts: -1, reconnectTimeWait: 100, timeout: 5000 });
  admins.push(nc);
  const jsm = await jetstreamManager(nc, { timeout: 2000, checkAPI: false });
  expect(await waitFor(async () => Boolean(await jsm.getAccountInfo()), SETTLE_MS, 250)).toBe(true);
  return jsm;
}

/** A store on the R3 stream; `startCluster` has waited for the meta group, and placement is retried (bounded) if it still refuses. */
async function open(cluster: readonly NatsProcess[], stream: string, timeoutMs: number, options: Partial<NatsStoreOptions> = {}): Promise<NatsStore> {
  const store = await retryPlacement(`opening the R3 stream ${stream}`, cluster, () => createNatsStore({ servers: cluster.map((s) => s.url), stream, replicas: 3, timeoutMs, ...options }));
  stores.push(store);
  return store;
}

// Generous bounds: the test must pass on a loaded 2-core CI machine, where elections take seconds.
const SETTLE_MS = 90_000;
/** The store's bound on one operation in the quorum test, and how far past it a failure may come and still count as "no hang" (a loaded machine delays timers by seconds). */
const QUORUM_TIMEOUT_MS = 5000;
const NO_HANG_SLACK_MS = 15_000;

/** Waits (bounded) until the stream has a leader and every replica is current; returns the leader's process, else throws saying what it last saw. */
async function settled(jsm: JetStreamManager, cluster: readonly NatsProcess[], stream: string): Promise<NatsProcess> {
  let leader: NatsProcess | undefined;
  let seen = 'no answer to stream info';
  const ok = await waitFor(
    async () => {
      const info = await jsm.streams.info(stream);
      const replicas = info.cluster?.replicas ?? [];
      seen = `leader ${info.cluster?.leader ?? 'none'}, replicas ${replicas.map((r) => `${r.name}${r.current ? '' : ' (behind)'}${r.offline ? ' (offline)' : ''}`).join(', ') || 'none'}`;
      leader = cluster.find((s) => s.spec.name === info.cluster?.leader);
      return leader !== undefined && replicas.length === cluster.length - 1 && replicas.every((r) => r.current && !r.offline);
    },
    SETTLE_MS,
    100,
  );
  if (!ok || !leader) throw new Error(`stream ${stream} did not settle with a leader and current replicas within ${SETTLE_MS} ms (last seen: ${seen}; cluster: ${(await clusterNotReady(cluster)) ?? 'meta group ready'})`);
  return leader;
}

interface Acked {
  readonly stream: string;
  readonly ids: readonly string[];
}

describe.runIf(natsServerBin)('a three-node JetStream cluster on loopback', () => {
  it(`keeps every acknowledged append, once and in order, through ${KILLS} SIGKILLs of the stream leader`, async () => {
    const random = seeded(17);
    const cluster = await startCluster(3, 'kill');
    const jsm = await admin(cluster);
    const store = await open(cluster, 'KILL', 8000);
    const reader = await open(cluster, 'KILL', 8000);
    await settled(jsm, cluster, 'KILL');

    // A follower subscribed from the start, riding through every election.
    const seen: StoredEvent[] = [];
    const follow = new AbortController();
    const following = (async () => {
      for await (const e of reader.subscribe({ fromPosition: 1, signal: follow.signal })) seen.push(e);
    })();

    const acked: Acked[] = [];
    let unavailable = 0;
    let stop = false;
    const hardStop = Date.now() + 420_000;
    const writer = async (w: number) => {
      const versions = new Map<string, number>();
      const rnd = seeded(100 + w);
      for (let n = 0; !stop && n < 100_000; n++) {
        const stream = versions.size === 0 || rnd() < 0.2 ? `case-w${w}-${versions.size}` : `case-w${w}-${Math.floor(rnd() * versions.size)}`;
        const version = versions.get(stream) ?? 0;
        const ids = Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, i) => `w${w}-${n}-${i}`);
        const batch = ids.map((id) => ({ id, type: 'Noted', data: { text: `${stream} ${id}` } }));
        for (;;) {
          try {
            // The same ids on every retry: an append whose acknowledgement was lost is found, not doubled.
            const r = await store.append(stream, batch, { expectedVersion: version === 0 ? 'no-stream' : version });
            versions.set(stream, r.events.at(-1)?.version ?? version);
            acked.push({ stream, ids });
            // Writers pace themselves a little: the test needs concurrency, not a saturated machine.
            await new Promise((res) => setTimeout(res, 2));
            break;
          } catch (err) {
            if (!(err instanceof StoreUnavailableError) || Date.now() > hardStop) throw err;
            unavailable++;
          }
        }
      }
    };
    const writers = Promise.all([0, 1, 2, 3].map(writer));

    let kills = 0;
    const ackedAtKill: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      await new Promise((r) => setTimeout(r, 200 + random() * 600));
      const leader = await settled(jsm, cluster, 'KILL');
      ackedAtKill.push(acked.length);
      await leader.kill('SIGKILL');
      kills++;
      await new Promise((r) => setTimeout(r, 100 + random() * 500));
      await leader.start();
    }
    await settled(jsm, cluster, 'KILL');
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await writers;

    expect(kills).toBeGreaterThanOrEqual(10);
    // Writers made progress between kills, not only before the first one.
    expect(new Set(ackedAtKill).size).toBeGreaterThan(KILLS / 2);
    expect(acked.length).toBeGreaterThan(KILLS * 5);

    // The check reads through a store of its own with a longer stall bound: the writers' 8 s bound is
    // what the kills exercise, while the final read only has to wait out a loaded machine.
    const checker = await open(cluster, 'KILL', 30_000);
    const all: StoredEvent[] = [];
    try {
      for await (const e of checker.readAll()) all.push(e);
    } finally {
      await checker.close();
    }
    const ids = all.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length); // exactly once
    const byId = new Map(all.map((e) => [e.id, e]));
    const byStream = new Map<string, StoredEvent[]>();
    for (const e of all) (byStream.get(e.stream) ?? byStream.set(e.stream, []).get(e.stream))?.push(e);
    for (const events of byStream.values()) expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    const lastVersion = new Map<string, number>();
    for (const a of acked) {
      const versions = a.ids.map((id) => byId.get(id)?.version);
      expect(versions.every((v) => v !== undefined)).toBe(true); // every acknowledged event is there
      const first = versions[0] as number;
      expect(versions).toEqual(versions.map((_, i) => first + i)); // one append, consecutive versions
      expect(first).toBeGreaterThan(lastVersion.get(a.stream) ?? 0); // acknowledged in per-stream order
      lastVersion.set(a.stream, versions.at(-1) as number);
    }
    expect(await store.verify()).toMatchObject({ ok: true, events: all.length });

    // The follower saw the same log, in the same order, without a gap or a repeat.
    const caughtUp = await waitFor(() => seen.length >= all.length, SETTLE_MS);
    if (!caughtUp) console.error(`the follower saw ${seen.length} of ${all.length} events`);
    expect(caughtUp).toBe(true);
    follow.abort();
    await following;
    expect(seen.map((e) => e.id)).toEqual(ids);
    console.info(`nats-cluster: ${kills} leader kills, ${acked.length} appends acknowledged (${all.length} events), ${unavailable} appends retried after StoreUnavailableError`);
  }, 600_000);

  it('checks append conditions on the R3 stream (issue 15): of writers on every node deciding on one position, exactly one writes, round after round', async () => {
    const cluster = await startCluster(3, 'cond');
    const jsm = await admin(cluster);
    const first = await open(cluster, 'COND', 8000, { appendConditions: true });
    await settled(jsm, cluster, 'COND');
    // Two writers connected to each node (the stream leader checks the expectation, whichever node a publish enters by).
    const writers = [first, ...(await Promise.all(Array.from({ length: 5 }, (_, i) => open(cluster, 'COND', 8000, { appendConditions: true, servers: (cluster[i % 3] as NatsProcess).url }))))];
    for (let round = 0; round < 15; round++) {
      const after = await first.headPosition();
      const results = await Promise.allSettled(writers.map((w, k) => w.append(`reg-${round}-${k}`, [{ type: 'Noted', data: { text: `${round} ${k}` } }], { condition: { types: ['Noted'], after } })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(AppendConditionError);
    }
    expect(await first.verify()).toMatchObject({ ok: true, events: 15 });
  }, 300_000);

  it('fails appends with StoreUnavailableError in bounded time without quorum, and resumes by itself', async () => {
    const cluster = await startCluster(3, 'quorum');
    const jsm = await admin(cluster);
    const store = await open(cluster, 'QUORUM', QUORUM_TIMEOUT_MS);
    const leader = await settled(jsm, cluster, 'QUORUM');
    for (let i = 0; i < 20; i++) await store.append(`case-q${i % 4}`, [{ id: `q-${i}`, type: 'Noted', data: { text: String(i) } }]);

    const victims = [leader, cluster.find((s) => s !== leader) as NatsProcess];
    for (const v of victims) await v.kill('SIGKILL');
    const started = Date.now();
    const err = await store.append('case-q0', [{ id: 'q-lost', type: 'Noted', data: { text: 'no quorum' } }]).catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect(elapsed).toBeLessThan(QUORUM_TIMEOUT_MS + NO_HANG_SLACK_MS);
    const readStarted = Date.now();
    await expect(store.readStream('case-q1')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - readStarted).toBeLessThan(QUORUM_TIMEOUT_MS + NO_HANG_SLACK_MS);

    for (const v of victims) await v.start();
    // No operator action: the same store reconnects, the stream elects a leader, appends go through.
    let resumed = false;
    const until = Date.now() + SETTLE_MS;
    while (!resumed && Date.now() < until) {
      resumed = await store.append('case-q0', [{ id: 'q-lost', type: 'Noted', data: { text: 'no quorum' } }]).then(
        () => true,
        (e: unknown) => {
          if (!(e instanceof StoreUnavailableError)) throw e;
          return false;
        },
      );
    }
    expect(resumed).toBe(true);
    const all: StoredEvent[] = [];
    for await (const e of store.readAll()) all.push(e);
    expect(all.map((e) => e.id).sort()).toEqual([...Array.from({ length: 20 }, (_, i) => `q-${i}`), 'q-lost'].sort());
    expect(await store.verify()).toMatchObject({ ok: true, events: 21 });
  }, 420_000);
});
