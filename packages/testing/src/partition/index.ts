import { connect, createServer, type Server, type Socket } from 'node:net';
import { DomainError, foldProjection, type Decider, type EventStore, type Projection, type StoredEvent } from '@banshi/core';

/**
 * The randomized partition scenario that every replication transport is tested with (HTTP sync
 * in `test/sync-loopback.test.ts`, JetStream leaf nodes in `test/nats-leaf.test.ts`): the same
 * small case machine on every node, links cut and healed at random, and the same report replayed
 * at the center and over the union of the nodes' logs — so "equals what @banshi/sync gives" is
 * checked against one definition.
 */

/** Deterministic random numbers in [0, 1) for a seed (mulberry32): a failing seed replays exactly. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A TCP proxy on 127.0.0.1 in front of `targetPort`; `cut()` drops every connection (in-flight requests included) and refuses new ones until `heal()`. */
export interface CuttableLink {
  readonly port: number;
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

/**
 * Opens a {@link CuttableLink} to `targetPort` on 127.0.0.1, listening on `port` (default: one the
 * system picks).
 *
 * @example
 * const link = await createCuttableLink(server.port);
 * link.cut(); // the node is offline
 * link.heal();
 * await link.close();
 */
export async function createCuttableLink(targetPort: number, port = 0): Promise<CuttableLink> {
  let down = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    heal() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const steps = ['received', 'accepted', 'decided'] as const;
type Step = (typeof steps)[number];

/**
 * A small service-hall case: received → accepted → decided, one `Noted` event per step (the step
 * is the payload text); a decided case refuses further steps with `CASE_CLOSED`.
 */
export const partitionCaseDecider: Decider<{ readonly step: Step | 'none' }, 'advance', { readonly type: 'Noted'; readonly data: { readonly text: string } }> = {
  initialState: { step: 'none' },
  decide(_command, state) {
    if (state.step === 'decided') return new DomainError('TESTING_CASE_CLOSED', 'a decided case takes no further steps', { key: 'decision', basis: '行政许可法 第四十二条' });
    const next = steps[state.step === 'none' ? 0 : steps.indexOf(state.step) + 1] as Step;
    return [{ type: 'Noted', data: { text: next } }];
  },
  evolve: (_state, e) => ({ step: e.data.text as Step }),
};

/** The report an analyst replays: per node (the one that opened the case), cases by their latest step; and `events.total`. */
export type PartitionReport = Record<string, Record<string, number>>;

const report: Projection<{ steps: Map<string, { node: string; step: string }>; events: number }> = {
  name: 'partition-report',
  init: () => ({ steps: new Map(), events: 0 }),
  apply(state, e: StoredEvent) {
    if (e.type !== 'Noted') return state;
    const prior = state.steps.get(e.stream);
    state.steps.set(e.stream, { node: prior?.node ?? e.meta.node, step: (e.data as { text: string }).text });
    state.events++;
    return state;
  },
};

/**
 * The {@link PartitionReport} replayed over the logs of `stores` together (one store: the
 * center; several: the union of the nodes').
 */
export async function partitionReportOf(stores: readonly EventStore[]): Promise<PartitionReport> {
  const out: PartitionReport = { events: { total: 0 } };
  for (const store of stores) {
    const s = await foldProjection(store.readAll(), report);
    (out.events as Record<string, number>).total = ((out.events as Record<string, number>).total ?? 0) + s.events;
    for (const { node, step } of s.steps.values()) {
      const row = (out[node] ??= {});
      row[step] = (row[step] ?? 0) + 1;
    }
  }
  return out;
}

/** Every event of `store`'s log, in order. */
export async function readAllEvents(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}
