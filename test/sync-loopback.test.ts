/**
 * Issue 8: three nodes and a center on loopback (127.0.0.1 only). Each node reaches the center
 * through its own TCP proxy that the test cuts and heals at random — often while a batch is on
 * the wire — while every node keeps handling commands. At the end every acknowledged event is
 * at the center exactly once, per-stream order holds, and the center's replayed report equals
 * the union of the nodes' reports. The scenario (case machine, links, report) is @banshi/testing's
 * partition kit, which test/nats-leaf.test.ts runs over JetStream leaf nodes.
 */
import { createEventRegistry, createMemoryStore, DomainError, handle, type EventDefinition, type StoredEvent } from '@banshi/core';
import { createHttpTransport, createSyncCenter, createSyncNode, createSyncServer, syncEvents, type SyncNode, type SyncServer } from '@banshi/sync';
import { contractRegistry, createCuttableLink, partitionCaseDecider, partitionReportOf, readAllEvents, seeded } from '@banshi/testing';
import { afterEach, describe, expect, it } from 'vitest';

const registry = createEventRegistry([contractRegistry.get('Noted') as EventDefinition, ...syncEvents]);
const nodeIds = ['port', 'hr', 'exit-entry'] as const;
const secretOf = (id: string) => `${id}-${'s3cr3t'.repeat(4)}`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

describe('sync over loopback HTTP with random partitions', () => {
  for (const seed of [2013, 897, 36]) {
    it(`seed ${seed}: every acknowledged event reaches the center exactly once, in order, and reports agree`, async () => {
      const random = seeded(seed);
      const center = createSyncCenter({
        store: createMemoryStore({ registry, node: 'center' }),
        nodes: nodeIds.map((id) => ({ id, secret: secretOf(id), writes: ['Noted'] })),
      });
      const server: SyncServer = await createSyncServer(center, { port: 0, host: '127.0.0.1' });
      cleanups.push(() => server.close());
      const links = await Promise.all(nodeIds.map(() => createCuttableLink(server.port)));
      for (const l of links) cleanups.push(() => l.close());
      const nodes: SyncNode[] = nodeIds.map((id, i) =>
        createSyncNode({
          id,
          store: createMemoryStore({ registry, node: id }),
          transport: createHttpTransport({ url: `http://127.0.0.1:${(links[i] as { port: number }).port}`, nodeId: id, token: secretOf(id), timeoutMs: 5000 }),
          batchSize: 1 + Math.floor(random() * 40),
        }),
      );
      const cases: string[][] = nodeIds.map(() => []);
      let acknowledged = 0;
      let failedPushes = 0;

      for (let round = 0; round < 25; round++) {
        const pushes: Promise<unknown>[] = [];
        const cuts: Promise<void>[] = [];
        for (let i = 0; i < nodes.length; i++) {
          const node = nodes[i] as SyncNode;
          const own = cases[i] as string[];
          const link = links[i] as (typeof links)[number];
          // Commands keep coming whatever the link does.
          const commands = Math.floor(random() * 12);
          for (let c = 0; c < commands; c++) {
            const stream = own.length === 0 || random() < 0.35 ? `case-${node.id}-${own.push(`case-${node.id}-${own.length}`) - 1}` : (own[Math.floor(random() * own.length)] as string);
            try {
              const r = await handle(node.store, stream, 'advance', partitionCaseDecider, { meta: { channel: 'window', actor: { id: `clerk-${node.id}`, role: 'clerk' } } });
              acknowledged += r.events.length;
            } catch (err) {
              if (!(err instanceof DomainError)) throw err; // a decided case refuses further steps, link or not
            }
          }
          if (random() < 0.7) pushes.push(node.push().catch(() => failedPushes++));
          const r = random();
          if (r < 0.25) cuts.push(new Promise<void>((resolve) => setTimeout(() => resolve(link.cut()), Math.floor(random() * 4))));
          else if (r < 0.6) link.heal();
        }
        await Promise.all([...pushes, ...cuts]);
      }

      for (const l of links) l.heal();
      for (const node of nodes) {
        let failure: unknown;
        for (let attempt = 0; attempt < 3; attempt++) {
          failure = await node.push().then(() => undefined, (e: unknown) => e);
          if (failure === undefined) break;
        }
        expect(failure).toBeUndefined();
      }

      const remote = await readAllEvents(center.store);
      const local = (await Promise.all(nodes.map((n) => readAllEvents(n.store)))).flat();
      expect(local.length).toBe(acknowledged);
      expect(acknowledged).toBeGreaterThan(100);
      expect(failedPushes).toBeGreaterThan(0); // the partitions did hit pushes in flight
      // Exactly once: same id set, no duplicates.
      expect(remote.length).toBe(local.length);
      expect(new Set(remote.map((e) => e.id))).toEqual(new Set(local.map((e) => e.id)));
      // Per-stream order: each stream's versions hold the same events, and positions increase with versions.
      const byStream = new Map<string, StoredEvent[]>();
      for (const e of remote) (byStream.get(e.stream) ?? byStream.set(e.stream, []).get(e.stream))?.push(e);
      for (const n of nodes) {
        for (const e of await readAllEvents(n.store)) {
          const copy = byStream.get(e.stream)?.[e.version - 1];
          expect(copy?.id).toBe(e.id);
          expect(copy?.hash).toBe(e.hash);
        }
      }
      for (const events of byStream.values()) expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      expect((await center.store.verify()).ok).toBe(true);
      expect(await center.conflicts()).toEqual([]);
      expect(await partitionReportOf([center.store])).toEqual(await partitionReportOf(nodes.map((n) => n.store)));
    });
  }
});

describe('reference data over HTTP', () => {
  it('pulls catalog and calendar streams into every node, resumably, and serves only them', async () => {
    const center = createSyncCenter({ store: createMemoryStore({ registry, node: 'center' }), nodes: nodeIds.map((id) => ({ id, secret: secretOf(id), writes: ['Noted'] })) });
    const server = await createSyncServer(center, { port: 0, host: '127.0.0.1' });
    cleanups.push(() => server.close());
    for (let i = 0; i < 120; i++) await center.store.append(i % 3 === 0 ? `calendar-${2000 + (i % 27)}` : i % 3 === 1 ? `item-XK-${i}` : `case-center-${i}`, [{ type: 'Noted', data: { text: `ref ${i}` } }]);
    let requests = 0;
    const http = createHttpTransport({ url: server.url, nodeId: 'port', token: secretOf('port') });
    const counting = { ...http, pull: (r: Parameters<typeof http.pull>[0]) => (requests++, http.pull(r)) };
    const node = createSyncNode({ id: 'port', store: createMemoryStore({ registry, node: 'port' }), transport: counting, pullBatchSize: 25 });
    expect(await node.pull()).toEqual({ imported: 80, skipped: 0, position: 120 });
    expect(requests).toBe(5);
    await center.store.append('item-XK-new', [{ type: 'Noted', data: { text: 'published later' } }]);
    expect(await node.pull()).toEqual({ imported: 1, skipped: 0, position: 121 });
    const streams = new Set((await readAllEvents(node.store)).map((e) => e.stream));
    expect([...streams].every((s) => s.startsWith('item-') || s.startsWith('calendar-'))).toBe(true);
    expect((await node.store.verify()).ok).toBe(true);
  });
});
