/**
 * `pnpm bench nats`: the JetStream store against bare JetStream in the same run.
 * - appends with 1 and 4 writers (one event per append) against `js.publish` with ack of the
 *   same message bodies (R1, on NATS_URL or 127.0.0.1:4222, else a server started here);
 * - readAll folded into a projection against a bare ordered consumer + JSON.parse;
 * - R3 against R1 on a 3-node loopback cluster, and the province figure: events/s with 4 writers
 *   on that cluster (R3), against bare publishes on the same cluster.
 */
import { createNatsStore, type NatsStore } from '@banshi/store-nats';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { freePort, natsServerBin, startCluster, startServer, stopAll, waitFor } from '../test/fixtures/nats-servers.js';
import type { Benchmark, Figure } from './harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const READ_EVENTS = 20_000;
const STREAMS = 200;
const meta = { channel: 'window' as const, actor: { id: 'clerk-7', role: 'clerk' }, occurredAt: '2013-09-16T09:30:00.000+08:00' };
const event = (i: number) => ({ type: 'CaseNoted', data: { itemCode: 'XK-0042', text: `材料齐全，予以受理 ${i}`, visits: 1 }, meta });

/** `writers` loops of `step` for SECONDS; returns events per second. */
async function rate(writers: number, step: (w: number, i: number) => Promise<number>): Promise<number> {
  const until = performance.now() + SECONDS * 1000;
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

const tag = () => Math.random().toString(36).slice(2, 8);

/** Store appends: each writer round-robins over its own streams, each append one event at the known version. */
async function storeAppends(servers: string[], writers: number, replicas: number): Promise<{ rate: number; bodies: Uint8Array[] }> {
  const name = `BENCH_${tag()}`;
  const store = await createNatsStore({ servers, stream: name, subjectPrefix: `bench.${name}`, replicas });
  const versions = new Map<string, number>();
  const r = await rate(writers, async (w, i) => {
    const stream = `case-w${w}-${i % STREAMS}`;
    const v = versions.get(stream) ?? 0;
    await store.append(stream, [event(i)], { expectedVersion: v === 0 ? 'no-stream' : v });
    versions.set(stream, v + 1);
    return 1;
  });
  // The bodies the store wrote, byte for byte, for the bare baseline.
  const bodies: Uint8Array[] = [];
  const nc = store.connection;
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  for (let seq = 1; bodies.length < 200; seq++) {
    const m = await jsm.streams.getMessage(name, { seq });
    if (!m) break;
    bodies.push(m.data);
  }
  await store.close();
  await dropStream(servers, name);
  return { rate: r, bodies };
}

/** Bare JetStream: publish the same bodies with ack, `writers` loops on one connection. */
async function barePublishes(servers: string[], writers: number, replicas: number, bodies: readonly Uint8Array[]): Promise<number> {
  const name = `BARE_${tag()}`;
  const nc = await connect({ servers });
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  await jsm.streams.add({ name, subjects: [`bare.${name}.>`], num_replicas: replicas });
  const js: JetStreamClient = jetstream(nc);
  const r = await rate(writers, async (w, i) => {
    await js.publish(`bare.${name}.case-w${w}-${i % STREAMS}`, bodies[i % bodies.length] as Uint8Array);
    return 1;
  });
  await jsm.streams.delete(name);
  await nc.close();
  return r;
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
  const counts = new Map<string, number>();
  let start = performance.now();
  let read = 0;
  for await (const batch of store.readAllBatches({ batchSize: 1000 })) {
    for (const e of batch) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    read += batch.length;
  }
  const readRate = read / ((performance.now() - start) / 1000);

  const nc: NatsConnection = store.connection;
  const js = jetstream(nc);
  const last = (await (await jetstreamManager(nc, { checkAPI: false })).streams.info(name)).state.last_seq;
  const bareCounts = new Map<string, number>();
  let bare = 0;
  start = performance.now();
  const consumer = await js.consumers.get(name, { deliver_policy: 'all' as never });
  const messages = await consumer.consume({ max_messages: 1000 });
  const decoder = new TextDecoder();
  for await (const m of messages) {
    for (const e of JSON.parse(decoder.decode(m.data)) as { type: string }[]) {
      bareCounts.set(e.type, (bareCounts.get(e.type) ?? 0) + 1);
      bare++;
    }
    if (m.seq >= last) break;
  }
  await messages.stop();
  const bareRate = bare / ((performance.now() - start) / 1000);
  await store.close();
  await dropStream(servers, name);
  if (bare !== read) throw new Error(`readAll returned ${read} events, the bare consumer ${bare}`);
  return { name: 'nats.readAll', value: readRate, unit: 'events/s', baseline: 'bare ordered consumer + JSON.parse, same messages', baselineValue: bareRate, ratio: readRate / bareRate, target: { kind: 'ratio', min: 0.85 } };
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
      const one = await storeAppends(servers, 1, 1);
      const bare1 = await barePublishes(servers, 1, 1, one.bodies);
      const four = await storeAppends(servers, 4, 1);
      const bare4 = await barePublishes(servers, 4, 1, four.bodies);
      figures.push(
        { name: 'nats.append.1writer', value: one.rate, unit: 'events/s', baseline: 'bare js.publish with ack, same bodies, 1 writer (R1)', baselineValue: bare1, ratio: one.rate / bare1, target: { kind: 'ratio', min: 0.8 } },
        { name: 'nats.append.4writers', value: four.rate, unit: 'events/s', baseline: 'bare js.publish with ack, same bodies, 4 writers (R1)', baselineValue: bare4, ratio: four.rate / bare4, target: { kind: 'ratio', min: 0.8 } },
      );
      figures.push(await reads(servers));

      if (natsServerBin) {
        const cluster = await startCluster(3, 'bench');
        const urls = cluster.map((s) => s.url);
        const nc = await connect({ servers: urls });
        const jsm = await jetstreamManager(nc, { checkAPI: false, timeout: 2000 });
        await waitFor(async () => Boolean(await jsm.getAccountInfo()), 30_000, 250);
        await nc.close();
        const r1 = await storeAppends(urls, 1, 1);
        const r3 = await storeAppends(urls, 1, 3);
        const province = await storeAppends(urls, 4, 3);
        const bareProvince = await barePublishes(urls, 4, 3, province.bodies);
        figures.push(
          { name: 'nats.append.R3-vs-R1', value: r3.rate, unit: 'events/s', baseline: 'the same appends to an R1 stream on the same 3-node loopback cluster', baselineValue: r1.rate, ratio: r3.rate / r1.rate },
          { name: 'nats.province.4writers.R3', value: province.rate, unit: 'events/s', baseline: 'bare js.publish with ack, same bodies, 4 writers, R3 on the same cluster', baselineValue: bareProvince, ratio: province.rate / bareProvince, target: { kind: 'ratio', min: 0.8 } },
        );
      }
    } finally {
      await stopAll();
    }
    return figures;
  },
};

export default bench;
