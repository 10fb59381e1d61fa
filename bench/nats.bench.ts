/**
 * `pnpm bench nats`: the JetStream store against bare JetStream in the same run: after a warm-up
 * of both sides, store and baseline alternate for BENCH_ROUNDS rounds (default 3) of
 * BENCH_SECONDS (default 1) and their medians are compared.
 * - appends with 1 and 4 writers (one event per append) against `js.publish` with ack of the
 *   same message bodies (R1, on NATS_URL or 127.0.0.1:4222, else a server started here);
 * - readAll folded into a projection against a bare ordered consumer + JSON.parse;
 * - appends carrying an append condition (`appendConditions: true`) against the store's plain
 *   appends, 1 and 4 writers, no target;
 * - R3 against R1 on a 3-node loopback cluster, and the province figure: events/s with 4 writers
 *   on that cluster (R3), against bare publishes on the same cluster.
 */
import { createNatsStore, type NatsStore } from '@banshi/store-nats';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { freePort, natsServerBin, startCluster, startServer, stopAll } from '../test/fixtures/nats-servers.js';
import type { Benchmark, Figure } from './harness.js';

/** Length of one measured round, and rounds per figure: store and baseline alternate, medians are compared. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const READ_EVENTS = 20_000;
const STREAMS = 200;
const meta = { channel: 'window' as const, actor: { id: 'clerk-7', role: 'clerk' }, occurredAt: '2013-09-16T09:30:00.000+08:00' };
const event = (i: number) => ({ type: 'CaseNoted', data: { itemCode: 'XK-0042', text: `材料齐全，予以受理 ${i}`, visits: 1 }, meta });

/** `writers` loops of `step` for `seconds`; returns events per second. */
async function rate(writers: number, step: (w: number, i: number) => Promise<number>, seconds = SECONDS): Promise<number> {
  const until = performance.now() + seconds * 1000;
  const start = performance.now();
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      let n = 0;
      for (let i = 0; performance.now() < until; i++) n += await step(w, i);
      return n;
    }),
  );
  return counts.reduce((a, b) => a + b, 0) / ((performance.now() - start) / 1000);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

/**
 * The same-run comparison: one short warm-up of each side (JIT, connections, stream creation —
 * discarded), then ROUNDS rounds in which the two sides alternate, the side going first
 * alternating too, so that load from other processes on the machine falls on both alike.
 */
async function compare(subject: () => Promise<number>, baseline: () => Promise<number>): Promise<{ value: number; baselineValue: number; values: number[]; baselines: number[] }> {
  await subject();
  await baseline();
  const values: number[] = [];
  const baselines: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      values.push(await subject());
      baselines.push(await baseline());
    } else {
      baselines.push(await baseline());
      values.push(await subject());
    }
  }
  return { value: median(values), baselineValue: median(baselines), values, baselines };
}

const tag = () => Math.random().toString(36).slice(2, 8);

/** A store on a fresh stream; `round()` runs the writers once: each round-robins over its own streams, each append one event at the known version. */
async function storeWriters(servers: string[], writers: number, replicas: number, conditional = false) {
  const name = `BENCH_${tag()}`;
  const store = await createNatsStore({ servers, stream: name, subjectPrefix: `bench.${name}`, replicas, ...(conditional ? { appendConditions: true } : {}) });
  const versions = new Map<string, number>();
  /** With `conditional`: the position each writer last saw (its last append's), as a Receive's catalog fold would have it. */
  const seen = new Map<number, number>();
  return {
    name,
    round: () =>
      rate(writers, async (w, i) => {
        const stream = `case-w${w}-${i % STREAMS}`;
        const v = versions.get(stream) ?? 0;
        const expectedVersion = v === 0 ? ('no-stream' as const) : v;
        const r = await store.append(stream, [event(i)], conditional ? { expectedVersion, condition: { types: ['ItemRevised'], after: seen.get(w) ?? 0 } } : { expectedVersion });
        if (conditional) seen.set(w, r.lastPosition);
        versions.set(stream, v + 1);
        return 1;
      }),
    /** The bodies the store wrote, byte for byte, for the bare baseline. */
    async bodies(): Promise<Uint8Array[]> {
      const out: Uint8Array[] = [];
      const jsm = await jetstreamManager(store.connection, { checkAPI: false });
      for (let seq = 1; out.length < 200; seq++) {
        const m = await jsm.streams.getMessage(name, { seq });
        if (!m) break;
        out.push(m.data);
      }
      return out;
    },
    async close() {
      await store.close();
      await dropStream(servers, name);
    },
  };
}

/** Bare JetStream: publish the same bodies with ack, `writers` loops on one connection. */
async function bareWriters(servers: string[], writers: number, replicas: number, bodies: () => readonly Uint8Array[]) {
  const name = `BARE_${tag()}`;
  const nc = await connect({ servers });
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  await jsm.streams.add({ name, subjects: [`bare.${name}.>`], num_replicas: replicas });
  const js: JetStreamClient = jetstream(nc);
  return {
    round: () =>
      rate(writers, async (w, i) => {
        const b = bodies();
        await js.publish(`bare.${name}.case-w${w}-${i % STREAMS}`, b[i % b.length] as Uint8Array);
        return 1;
      }),
    async close() {
      await jsm.streams.delete(name);
      await nc.close();
    },
  };
}

/** Store appends against bare publishes of the store's own message bodies, same writers, same replicas, same servers. */
async function appends(servers: string[], writers: number, replicas: number) {
  const store = await storeWriters(servers, writers, replicas);
  let bodies: Uint8Array[] = [];
  const bare = await bareWriters(servers, writers, replicas, () => bodies);
  try {
    return await compare(
      async () => {
        const r = await store.round();
        if (bodies.length === 0) bodies = await store.bodies();
        return r;
      },
      () => bare.round(),
    );
  } finally {
    await store.close();
    await bare.close();
  }
}

/** Appends carrying an append condition (the store opened with `appendConditions`) against the same store's plain appends. */
async function conditionalAppends(servers: string[], writers: number) {
  const conditional = await storeWriters(servers, writers, 1, true);
  const plain = await storeWriters(servers, writers, 1);
  try {
    return await compare(conditional.round, plain.round);
  } finally {
    await conditional.close();
    await plain.close();
  }
}

async function dropStream(servers: string[], name: string): Promise<void> {
  const nc = await connect({ servers });
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  await jsm.streams.delete(name).catch(() => undefined);
  await jsm.streams.delete(`KV_${name}_checkpoints`).catch(() => undefined);
  await nc.close();
}

async function reads(servers: string[]): Promise<Figure> {
  const name = `BENCHR_${tag()}`;
  const store: NatsStore = await createNatsStore({ servers, stream: name, subjectPrefix: `bench.${name}` });
  // The log an analyst replays: case streams of 1–3-event appends.
  for (let i = 0, n = 0; n < READ_EVENTS; i++) {
    const k = 1 + (i % 3);
    const pending = Array.from({ length: 50 }, (_, j) => store.append(`case-r${i}-${j}`, Array.from({ length: k }, (_, x) => event(n + x)), { expectedVersion: 'no-stream' }));
    await Promise.all(pending);
    n += 50 * k;
  }
  const nc: NatsConnection = store.connection;
  const js = jetstream(nc);
  const last = (await (await jetstreamManager(nc, { checkAPI: false })).streams.info(name)).state.last_seq;
  const decoder = new TextDecoder();
  let read = 0;
  let bare = 0;
  // readAll folded into a projection (events per type).
  const viaStore = async () => {
    const counts = new Map<string, number>();
    const start = performance.now();
    read = 0;
    for await (const batch of store.readAllBatches({ batchSize: 1000 })) {
      for (const e of batch) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
      read += batch.length;
    }
    return read / ((performance.now() - start) / 1000);
  };
  // The same fold over a bare ordered consumer and JSON.parse.
  const viaConsumer = async () => {
    const counts = new Map<string, number>();
    const start = performance.now();
    bare = 0;
    const consumer = await js.consumers.get(name, { deliver_policy: 'all' as never });
    const messages = await consumer.consume({ max_messages: 1000 });
    for await (const m of messages) {
      for (const e of JSON.parse(decoder.decode(m.data)) as { type: string }[]) {
        counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
        bare++;
      }
      if (m.seq >= last) break;
    }
    await messages.stop();
    return bare / ((performance.now() - start) / 1000);
  };
  const r = await compare(viaStore, viaConsumer);
  await store.close();
  await dropStream(servers, name);
  if (bare !== read) throw new Error(`readAll returned ${read} events, the bare consumer ${bare}`);
  return { name: 'nats.readAll', value: r.value, unit: 'events/s', baseline: `bare ordered consumer + JSON.parse, same messages (medians of ${ROUNDS} alternating rounds)`, baselineValue: r.baselineValue, ratio: r.value / r.baselineValue, target: { kind: 'ratio', min: 0.85 } };
}

async function localServer(): Promise<string | undefined> {
  const url = process.env.NATS_URL ?? '127.0.0.1:4222';
  try {
    const nc = await connect({ servers: url, timeout: 1000 });
    await nc.close();
    return url;
  } catch {
    if (!natsServerBin) return undefined;
    return (await startServer({ name: 'bench', port: await freePort() })).url;
  }
}

const bench: Benchmark = {
  name: 'nats',
  async run(): Promise<readonly Figure[]> {
    const url = await localServer();
    if (!url) return [{ name: 'nats.skipped', value: 0, unit: 'skipped', baseline: 'no NATS server at 127.0.0.1:4222 and no nats-server binary' }];
    const figures: Figure[] = [];
    try {
      const servers = [url];
      const rounds = `medians of ${ROUNDS} alternating rounds of ${SECONDS} s`;
      const one = await appends(servers, 1, 1);
      const four = await appends(servers, 4, 1);
      figures.push(
        { name: 'nats.append.1writer', value: one.value, unit: 'events/s', baseline: `bare js.publish with ack, same bodies, 1 writer (R1; ${rounds})`, baselineValue: one.baselineValue, ratio: one.value / one.baselineValue, target: { kind: 'ratio', min: 0.8 } },
        { name: 'nats.append.4writers', value: four.value, unit: 'events/s', baseline: `bare js.publish with ack, same bodies, 4 writers (R1; ${rounds})`, baselineValue: four.baselineValue, ratio: four.value / four.baselineValue, target: { kind: 'ratio', min: 0.8 } },
      );
      figures.push(await reads(servers));
      // No target: what the check before the publish costs (issue 15) — the stream's last sequence,
      // the messages after the writer's position (the other writers', with 4), and a new try when
      // another append landed in between.
      for (const writers of [1, 4]) {
        const c = await conditionalAppends(servers, writers);
        figures.push({ name: `nats.append.conditional.${writers}writer${writers > 1 ? 's' : ''}`, value: c.value, unit: 'events/s', baseline: `the store's appends without a condition, ${writers} writer${writers > 1 ? 's' : ''} (R1; ${rounds})`, baselineValue: c.baselineValue, ratio: c.value / c.baselineValue });
      }

      if (natsServerBin) {
        // startCluster returns once the meta group has a leader and every peer is current.
        const cluster = await startCluster(3, 'bench');
        const urls = cluster.map((s) => s.url);
        const r1 = await storeWriters(urls, 1, 1);
        const r3 = await storeWriters(urls, 1, 3);
        const r3vsR1 = await compare(r3.round, r1.round);
        await r1.close();
        await r3.close();
        const province = await appends(urls, 4, 3);
        figures.push(
          { name: 'nats.append.R3-vs-R1', value: r3vsR1.value, unit: 'events/s', baseline: `the same appends to an R1 stream on the same 3-node loopback cluster (${rounds})`, baselineValue: r3vsR1.baselineValue, ratio: r3vsR1.value / r3vsR1.baselineValue },
          { name: 'nats.province.4writers.R3', value: province.value, unit: 'events/s', baseline: `bare js.publish with ack, same bodies, 4 writers, R3 on the same cluster (${rounds})`, baselineValue: province.baselineValue, ratio: province.value / province.baselineValue, target: { kind: 'ratio', min: 0.8 } },
        );
      }
    } finally {
      await stopAll();
    }
    return figures;
  },
};

export default bench;
