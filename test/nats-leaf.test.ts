/**
 * Issue 17: sub-centers through the engine. Each sub-center is a leaf node with its own JetStream
 * domain; its terminals append to its own stream whatever the link does; the center's stream
 * sources every sub-center's stream. The test cuts and heals each leaf link at random (a TCP
 * proxy between leaf and hub) while commands keep coming, then checks exactly-once, per-stream
 * order, the chains, and that the center's report equals both the union of the sub-centers' logs
 * and what `@banshi/sync` (the same sub-center stores pushed over its own protocol) gives.
 * Per-node NATS users may publish only their own subjects: the server refuses the rest.
 */
import { createEventRegistry, createMemoryStore, DomainError, handle, type EventDefinition, type EventStore, type StoredEvent } from '@banshi/core';
import { createNatsStore, SubjectPermissionError, type NatsStore } from '@banshi/store-nats';
import { createInProcessTransport, createSyncCenter, createSyncNode, syncEvents } from '@banshi/sync';
import { contractRegistry, partitionCaseDecider, partitionReportOf, readAllEvents } from '@banshi/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { createLink, freePort, natsServerBin, seeded, startServer, stopAll, waitFor, type NatsProcess, type NatsUser } from './fixtures/nats-servers.js';

const registry = createEventRegistry([contractRegistry.get('Noted') as EventDefinition, ...syncEvents]);
const nodeIds = ['port', 'hr', 'exit-entry'] as const;
const password = (who: string) => `${who}-${'pw'.repeat(8)}`;
// What a terminal's user may do: its own subjects, the JetStream API of its own server (minus
// deleting or rewriting streams) and its checkpoint bucket. Nothing else.
const nodeUser = (id: string): NatsUser => ({
  user: id,
  password: password(id),
  publish: {
    allow: [`banshi.${id}.>`, '$JS.API.>', '$KV.BANSHI_checkpoints.>'],
    deny: ['$JS.API.STREAM.DELETE.>', '$JS.API.STREAM.PURGE.>', '$JS.API.STREAM.UPDATE.>', '$JS.API.STREAM.MSG.DELETE.>'],
  },
});
const readOnly = (id: string): NatsUser => ({ user: `${id}-reader`, password: password(`${id}-reader`), publish: { allow: ['$JS.API.>'], deny: ['$JS.API.STREAM.DELETE.>', '$JS.API.STREAM.PURGE.>'] } });
const admin: NatsUser = { user: 'admin', password: password('admin') };

const stores: EventStore[] = [];
const conns: NatsConnection[] = [];
afterAll(async () => {
  for (const s of stores) await s.close().catch(() => undefined);
  for (const c of conns) await c.close().catch(() => undefined);
  await stopAll();
});

interface Deployment {
  readonly hub: NatsProcess;
  readonly leaves: Map<string, NatsProcess>;
  readonly links: Map<string, Awaited<ReturnType<typeof createLink>>>;
  readonly center: NatsStore;
  readonly nodes: Map<string, NatsStore>;
}

/** A hub (domain `hub`) and one leaf server per sub-center (domain = node id), each behind a cuttable link. */
async function deploy(): Promise<Deployment> {
  const leafPort = await freePort();
  const hub = await startServer({
    name: 'hub',
    port: await freePort(),
    domain: 'hub',
    leafListen: { port: leafPort, user: 'leaf', password: password('leaf') },
    users: [admin, nodeUser('center')],
  });
  const leaves = new Map<string, NatsProcess>();
  const links = new Map<string, Awaited<ReturnType<typeof createLink>>>();
  for (const id of nodeIds) {
    const link = await createLink(leafPort);
    links.set(id, link);
    leaves.set(id, await startServer({ name: id, port: await freePort(), domain: id, leafRemote: { port: link.port, user: 'leaf', password: password('leaf') }, users: [admin, nodeUser(id), readOnly(id)] }));
  }
  // Each sub-center's operator creates its stream; terminals then open it as their own user.
  const nodes = new Map<string, NatsStore>();
  for (const id of nodeIds) {
    const url = (leaves.get(id) as NatsProcess).url;
    const setup = await createNatsStore({ servers: url, user: admin.user, pass: admin.password, node: id, registry });
    await setup.checkpoints.save('setup', { position: 0 }); // creates the checkpoint bucket
    await setup.close();
    const store = await createNatsStore({ servers: url, user: id, pass: password(id), node: id, registry, create: false, timeoutMs: 5000 });
    stores.push(store);
    nodes.set(id, store);
  }
  const center = await createNatsStore({ servers: hub.url, user: admin.user, pass: admin.password, node: 'center', registry, sources: nodeIds.map((node) => ({ node })) });
  stores.push(center);
  return { hub, leaves, links, center, nodes };
}

describe.runIf(natsServerBin)('sub-centers as leaf nodes with their own JetStream domain', () => {
  for (const seed of [2013, 897, 36]) {
    it(`seed ${seed}: the center sources every sub-center through random link cuts: exactly once, in order, same reports as @banshi/sync`, async () => {
      const random = seeded(seed);
      const d = await deploy();
      const cases: string[][] = nodeIds.map(() => []);
      let acknowledged = 0;
      let cutsWhileAppending = 0;

      for (let round = 0; round < 25; round++) {
        for (const [i, id] of nodeIds.entries()) {
          const store = d.nodes.get(id) as NatsStore;
          const own = cases[i] as string[];
          const link = d.links.get(id) as Awaited<ReturnType<typeof createLink>>;
          const commands = Math.floor(random() * 12);
          for (let c = 0; c < commands; c++) {
            const stream = own.length === 0 || random() < 0.35 ? `case-${id}-${own.push(`case-${id}-${own.length}`) - 1}` : (own[Math.floor(random() * own.length)] as string);
            try {
              const r = await handle(store, stream, 'advance', partitionCaseDecider, { meta: { channel: 'window', actor: { id: `clerk-${id}`, role: 'clerk' } } });
              acknowledged += r.events.length;
            } catch (err) {
              if (!(err instanceof DomainError)) throw err;
            }
          }
          const r = random();
          if (r < 0.3) {
            link.cut();
            cutsWhileAppending++;
          } else if (r < 0.65) link.heal();
        }
        await new Promise((res) => setTimeout(res, Math.floor(random() * 60)));
      }
      expect(cutsWhileAppending).toBeGreaterThan(5);

      for (const l of d.links.values()) l.heal();
      const local = (await Promise.all([...d.nodes.values()].map(readAllEvents))).flat();
      expect(local.length).toBe(acknowledged);
      expect(acknowledged).toBeGreaterThan(100);
      // The engine catches up by itself once the links are back.
      const caught = await waitFor(async () => (await readAllEvents(d.center)).length >= local.length, 90_000, 250);
      if (!caught) {
        const nc = await connect({ servers: d.hub.url, user: admin.user, pass: admin.password });
        const info = await (await jetstreamManager(nc, { checkAPI: false })).streams.info('BANSHI');
        // What the engine says about its sources, for whoever reads a failure.
        console.error(`center has ${(await readAllEvents(d.center)).length} of ${local.length} events; sources ${JSON.stringify(info.sources)}\nhub log:\n${d.hub.log.slice(-3000)}`);
        await nc.close();
      }
      expect(caught).toBe(true);
      await new Promise((res) => setTimeout(res, 500));
      const remote = await readAllEvents(d.center);
      expect(remote.length).toBe(local.length);
      expect(new Set(remote.map((e) => e.id))).toEqual(new Set(local.map((e) => e.id)));
      const byStream = new Map<string, StoredEvent[]>();
      for (const e of remote) (byStream.get(e.stream) ?? byStream.set(e.stream, []).get(e.stream))?.push(e);
      for (const e of local) {
        const copy = byStream.get(e.stream)?.[e.version - 1];
        expect(copy?.id).toBe(e.id);
        expect(copy?.hash).toBe(e.hash);
      }
      for (const events of byStream.values()) expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      expect(await d.center.verify()).toMatchObject({ ok: true, events: local.length });
      // The center reads a sub-center's stream by its id, like any other.
      const anyCase = (cases[0] as string[])[0] as string;
      expect((await d.center.readStream(anyCase)).map((e) => e.id)).toEqual((await (d.nodes.get('port') as NatsStore).readStream(anyCase)).map((e) => e.id));

      // The same sub-center logs through @banshi/sync's protocol give the same center report.
      const syncCenter = createSyncCenter({ store: createMemoryStore({ registry, node: 'center' }), nodes: nodeIds.map((id) => ({ id, secret: password(id), writes: ['Noted'] })) });
      for (const id of nodeIds) {
        const node = createSyncNode({ id, store: d.nodes.get(id) as NatsStore, transport: createInProcessTransport(syncCenter, { nodeId: id, token: password(id) }), batchSize: 1 + Math.floor(random() * 40) });
        expect((await node.push()).conflicts).toBe(0);
      }
      const viaSync = await partitionReportOf([syncCenter.store]);
      const viaEngine = await partitionReportOf([d.center]);
      expect(viaEngine).toEqual(await partitionReportOf([...d.nodes.values()]));
      expect(viaEngine).toEqual(viaSync);
      await stopAll();
    }, 240_000);
  }

  it('keeps a cut-off sub-center appending, and refuses every write outside a node’s own subjects', async () => {
    const d = await deploy();
    const port = d.nodes.get('port') as NatsStore;
    (d.links.get('port') as Awaited<ReturnType<typeof createLink>>).cut();
    for (let i = 0; i < 5; i++) await port.append(`case-port-offline-${i}`, [{ type: 'Noted', data: { text: `offline ${i}` } }]);
    await new Promise((r) => setTimeout(r, 500));
    expect((await readAllEvents(d.center)).filter((e) => e.stream.startsWith('case-port-offline-'))).toHaveLength(0);
    (d.links.get('port') as Awaited<ReturnType<typeof createLink>>).heal();
    expect(await waitFor(async () => (await readAllEvents(d.center)).filter((e) => e.stream.startsWith('case-port-offline-')).length === 5, 60_000, 250)).toBe(true);

    // A port terminal publishing into hr's and the center's subjects directly: the server refuses both.
    const nc = await connect({ servers: (d.leaves.get('port') as NatsProcess).url, user: 'port', pass: password('port') });
    conns.push(nc);
    const forged = JSON.stringify([{ id: 'forged-1', stream: 'case-hr-0', version: 1, type: 'Noted', schema: 1, data: { text: 'forged' }, meta: {}, hash: '0'.repeat(64) }]);
    for (const subject of ['banshi.hr.case-hr-0', 'banshi.center.case-hr-0']) {
      const err = await jetstream(nc, { timeout: 2000 }).publish(subject, forged).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(String((err as Error).message) + String((err as { cause?: Error }).cause?.message)).toMatch(/[Pp]ermission/);
    }
    // Nor may it delete its own stream.
    const jsm = await jetstreamManager(nc, { checkAPI: false, timeout: 2000 });
    await expect(jsm.streams.delete('BANSHI')).rejects.toThrow();
    // A store on a user without publish rights gets a typed error, and nothing lands.
    const reader = await createNatsStore({ servers: (d.leaves.get('port') as NatsProcess).url, user: 'port-reader', pass: password('port-reader'), node: 'port', registry, create: false, timeoutMs: 3000 });
    stores.push(reader);
    await expect(reader.append('case-port-ro', [{ type: 'Noted', data: { text: 'ro' } }])).rejects.toBeInstanceOf(SubjectPermissionError);
    expect(await reader.readStream('case-port-ro')).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    for (const store of [d.center, ...d.nodes.values()]) {
      const events = await readAllEvents(store);
      expect(events.filter((e) => e.id === 'forged-1' || e.stream === 'case-port-ro')).toEqual([]);
      expect((await store.verify()).ok).toBe(true);
    }
  }, 120_000);
});
