import { checkAgainstCheckpoint, createEventRegistry, createMemoryStore, toRecorded, type EventDefinition, type EventStore, type NewEvent } from '@banshi/core';
import { ed25519Signer, ed25519Verifier, generateCheckpointKeys } from '@banshi/core/node';
import { contractRegistry } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { SyncConfigError, SyncForbiddenError, SyncOutOfOrderError, SyncReceiptError, SyncRejectedError, SyncUnauthorizedError } from '../errors/index.js';
import { checkShipReceipt, type ShipReceipt } from '../receipt/index.js';
import { SYNC_CONFLICTS_STREAM, syncEvents } from '../events/index.js';
import { createSyncNode, RECEIPT_CHECKPOINT, type SyncNode } from '../node/index.js';
import type { ShipBatch } from '../protocol/index.js';
import { createInProcessTransport, type SyncTransport } from '../transport/index.js';
import { createSyncCenter, type SyncCenter, type SyncLogEntry } from './syncCenter.js';

const registry = createEventRegistry([contractRegistry.get('Noted') as EventDefinition, contractRegistry.get('Counted') as EventDefinition, ...syncEvents]);
const secrets = { port: 'port-secret-7f3a9c', hr: 'hr-secret-21bd0e' } as const;

function setup(options: { writes?: readonly string[] } = {}) {
  const logs: SyncLogEntry[] = [];
  const center = createSyncCenter({
    store: createMemoryStore({ registry, node: 'center' }),
    nodes: [
      { id: 'port', secret: secrets.port, writes: options.writes ?? ['Noted', 'Counted'] },
      { id: 'hr', secret: secrets.hr, writes: ['Noted'] },
    ],
    log: (e) => logs.push(e),
  });
  const node = (id: keyof typeof secrets, transport?: SyncTransport): SyncNode =>
    createSyncNode({ id, store: createMemoryStore({ registry, node: id }), transport: transport ?? createInProcessTransport(center, { nodeId: id, token: secrets[id] }), batchSize: 3 });
  return { center, node, logs };
}

const noted = (text: string, occurredAt?: string): NewEvent => ({ type: 'Noted', data: { text }, ...(occurredAt ? { meta: { occurredAt } } : {}) });

async function all(store: EventStore) {
  const out = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

async function batchOf(store: EventStore, fromPosition = 1): Promise<ShipBatch> {
  const events = (await all(store)).filter((e) => e.position >= fromPosition);
  // A deep copy, as off the wire: tampering with it must not touch the node's store.
  return JSON.parse(
    JSON.stringify({ fromPosition, toPosition: events.at(-1)?.position ?? fromPosition - 1, events: events.map((e) => ({ position: e.position, event: toRecorded(e) })) }),
  ) as ShipBatch;
}

async function centerSnapshot(center: SyncCenter) {
  return { head: await center.store.headPosition(), events: (await all(center.store)).map((e) => e.id) };
}

describe('shipping', () => {
  it('ships an event written at an old schema with the bytes its hash covers; the center upcasts it on read', async () => {
    const { center, node } = setup();
    const port = node('port');
    // A schema-1 `Counted` ({ count: string }) reaches the node from an old log, as stored.
    const legacy = createMemoryStore({ node: 'port' });
    await legacy.append('case-old', [{ type: 'Counted', schema: 1, data: { count: '7' } }]);
    const recorded = [];
    for await (const e of legacy.readAll()) recorded.push(toRecorded(e));
    await port.store.importEvents(recorded);
    expect(await port.push()).toMatchObject({ applied: 1, conflicts: 0 });
    const [atCenter] = await center.store.readStream('case-old');
    expect(atCenter).toMatchObject({ schema: 2, data: { n: 7 }, hash: recorded[0]?.hash });
    expect((await center.store.verify()).ok).toBe(true);
  });

  it('ships a node’s events in order, keeps ids, hashes and occurredAt, and advances the checkpoint', async () => {
    const { center, node } = setup();
    const port = node('port');
    await port.store.append('case-P1', [noted('received', '2013-09-13T09:00:00+08:00'), noted('accepted')]);
    await port.store.append('case-P2', [noted('received')]);
    await port.store.append('case-P1', [{ type: 'Counted', data: { n: 3 } }]);
    const report = await port.push();
    expect(report).toMatchObject({ batches: 2, applied: 4, skipped: 0, conflicts: 0, checkpoint: 4 });
    const local = await all(port.store);
    const remote = await all(center.store);
    expect(remote.map((e) => [e.id, e.stream, e.version, e.hash])).toEqual(local.map((e) => [e.id, e.stream, e.version, e.hash]));
    expect(remote[0]?.meta.occurredAt).toBe('2013-09-13T09:00:00+08:00');
    expect((await center.store.verify()).ok).toBe(true);
    expect(await center.ownerOf('case-P1')).toBe('port');
  });

  it('is idempotent by event id: a re-sent batch (lost acknowledgement) writes nothing twice', async () => {
    const { center, node } = setup();
    const port = node('port');
    await port.store.append('case-P1', [noted('a'), noted('b')]);
    const batch = await batchOf(port.store);
    const cred = { nodeId: 'port', token: secrets.port };
    expect(await center.ship(cred, batch)).toMatchObject({ applied: 2, skipped: 0, conflicts: 0, checkpoint: 2 });
    expect(await center.ship(cred, batch)).toMatchObject({ applied: 0, skipped: 2, conflicts: 0, checkpoint: 2 });
    expect(await center.store.headPosition()).toBe(2);
    expect((await port.push()).batches).toBe(0);
  });

  it('resumes from the center’s checkpoint after a failed push', async () => {
    const { center, node } = setup();
    const inner = createInProcessTransport(center, { nodeId: 'port', token: secrets.port });
    let shipsLeft = 1;
    const flaky: SyncTransport = {
      checkpoint: () => inner.checkpoint(),
      pull: (r) => inner.pull(r),
      async ship(b) {
        if (shipsLeft-- <= 0) throw new Error('link down');
        return inner.ship(b);
      },
    };
    const port = node('port', flaky);
    await port.store.append('case-P1', [noted('1'), noted('2'), noted('3'), noted('4'), noted('5')]);
    await expect(port.push()).rejects.toThrow('link down');
    expect(await center.store.headPosition()).toBe(3);
    shipsLeft = 10;
    expect(await port.push()).toMatchObject({ batches: 1, applied: 2, skipped: 0, checkpoint: 5 });
    expect((await all(center.store)).map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a batch that would skip positions (SYNC_OUT_OF_ORDER), writing nothing', async () => {
    const { center, node } = setup();
    const port = node('port');
    await port.store.append('case-P1', [noted('1'), noted('2')]);
    const batch = await batchOf(port.store, 2);
    await expect(center.ship({ nodeId: 'port', token: secrets.port }, batch)).rejects.toBeInstanceOf(SyncOutOfOrderError);
    expect(await center.store.headPosition()).toBe(0);
  });

  it('rejects a tampered event naming it, and writes nothing of the batch', async () => {
    const { center, node } = setup();
    const port = node('port');
    await port.store.append('case-P1', [noted('a'), noted('b')]);
    await port.store.append('case-P2', [noted('c')]);
    const batch = await batchOf(port.store);
    const victim = batch.events[1]?.event as { data: unknown; id: string };
    victim.data = { text: 'forged' };
    const err = await center.ship({ nodeId: 'port', token: secrets.port }, batch).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncRejectedError);
    expect((err as SyncRejectedError).reason).toBe('CORE_INTEGRITY');
    expect((err as SyncRejectedError).eventId).toBe(victim.id);
    expect((err as Error).message).toContain('case-P1@2');
    expect((err as Error).message).toContain(victim.id);
    expect(await centerSnapshot(center)).toEqual({ head: 0, events: [] });
    expect(await center.checkpoint({ nodeId: 'port', token: secrets.port })).toBe(0);
  });

  it('rejects a payload that fails its schema (SYNC_REJECTED / CORE_VALIDATION), writing nothing', async () => {
    const center = createSyncCenter({ store: createMemoryStore({ registry, node: 'center' }), nodes: [{ id: 'port', secret: secrets.port, writes: ['Noted', 'Counted'] }] });
    const loose = createMemoryStore({ node: 'port' });
    await loose.append('case-P1', [noted('fine'), { type: 'Counted', data: { n: 'three' } }]);
    const err = await center.ship({ nodeId: 'port', token: secrets.port }, await batchOf(loose)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncRejectedError);
    expect((err as SyncRejectedError).reason).toBe('CORE_VALIDATION');
    expect(await center.store.headPosition()).toBe(0);
  });
});

describe('security', () => {
  it('refuses an unknown node and a wrong credential without writing or leaking the token', async () => {
    const { center, node, logs } = setup();
    const port = node('port');
    await port.store.append('case-P1', [noted('a')]);
    const batch = await batchOf(port.store);
    const wrong = 'port-secret-WRONG-9911';
    for (const cred of [{ nodeId: 'port', token: wrong }, { nodeId: 'ghost', token: wrong }, { nodeId: 'hr', token: secrets.port }]) {
      const err = await center.ship(cred, batch).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SyncUnauthorizedError);
      expect((err as Error).message).not.toContain(cred.token);
      expect((err as SyncUnauthorizedError).status).toBe(401);
    }
    await expect(center.checkpoint({ nodeId: 'port', token: wrong })).rejects.toBeInstanceOf(SyncUnauthorizedError);
    await expect(center.pull({ nodeId: 'port', token: wrong }, { fromPosition: 1 })).rejects.toBeInstanceOf(SyncUnauthorizedError);
    expect(await center.store.headPosition()).toBe(0);
    const logText = JSON.stringify(logs);
    expect(logs.filter((l) => l.action === 'refused')).toHaveLength(5);
    for (const secret of [wrong, secrets.port, secrets.hr]) expect(logText).not.toContain(secret);
  });

  it('refuses (403) a node writing another node’s stream, and nothing of that batch is written', async () => {
    const { center, node } = setup();
    const port = node('port');
    const hr = node('hr');
    await port.store.append('case-P1', [noted('port opens')]);
    await port.push();
    // hr somehow holds port's stream (a copied log) and appends to it, next to a legitimate stream.
    await hr.store.append('case-H1', [noted('hr own')]);
    await hr.store.importEvents((await all(port.store)).map(toRecorded));
    await hr.store.append('case-P1', [noted('hr intrudes')]);
    const before = await centerSnapshot(center);
    const err = await hr.push().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncForbiddenError);
    expect((err as Error).message).toContain('owned by node "port"');
    expect(await centerSnapshot(center)).toEqual(before);
    expect(await center.checkpoint({ nodeId: 'hr', token: secrets.hr })).toBe(0);
  });

  it('refuses event types the node may not write, reserved streams, and events claiming another node', async () => {
    const { center, node } = setup();
    const hr = node('hr');
    await hr.store.append('case-H1', [{ type: 'Counted', data: { n: 1 } }]);
    await expect(hr.push()).rejects.toThrow(/may not write events of type Counted/);

    const spoof = createMemoryStore({ registry, node: 'port' });
    await spoof.append('case-X', [noted('pretends to be port')]);
    await expect(center.ship({ nodeId: 'hr', token: secrets.hr }, await batchOf(spoof))).rejects.toThrow(/claims node "port"/);

    const reserved = createMemoryStore({ registry, node: 'hr' });
    await reserved.append('item-XK-001', [noted('rewrites the catalog')]);
    await expect(center.ship({ nodeId: 'hr', token: secrets.hr }, await batchOf(reserved))).rejects.toBeInstanceOf(SyncForbiddenError);
    expect(await center.store.headPosition()).toBe(0);
  });
});

describe('configuration', () => {
  it('refuses a node list with a duplicate id, a missing secret or the center’s own id', () => {
    const store = createMemoryStore({ registry });
    expect(() => createSyncCenter({ store, nodes: [{ id: 'port', secret: 'a', writes: [] }, { id: 'port', secret: 'b', writes: [] }] })).toThrow(SyncConfigError);
    expect(() => createSyncCenter({ store, nodes: [{ id: 'port', secret: '', writes: [] }] })).toThrow(/node "port" has no secret/);
    expect(() => createSyncCenter({ store, nodes: [{ id: 'center', secret: 'a', writes: [] }] })).toThrow(/equals the center's id/);
  });
});

describe('ownership hand-over', () => {
  it('moves a stream to another node: the old owner is refused, the new one pulls it and continues', async () => {
    const { center, node } = setup();
    const port = node('port');
    const hr = node('hr');
    await port.store.append('case-P1', [noted('received'), { type: 'StreamOwnershipTransferred', data: { from: 'port', to: 'hr' } }]);
    await port.push();
    expect(await center.ownerOf('case-P1')).toBe('hr');

    await port.store.append('case-P1', [noted('port keeps writing')]);
    await expect(port.push()).rejects.toBeInstanceOf(SyncForbiddenError);

    expect((await hr.pull()).imported).toBe(2);
    await hr.store.append('case-P1', [noted('hr continues')]);
    expect(await hr.push()).toMatchObject({ applied: 1 });
    expect((await center.store.readStream('case-P1')).map((e) => e.meta.node)).toEqual(['port', 'port', 'hr']);
  });

  it('refuses a hand-over to an unregistered node', async () => {
    const { center, node } = setup();
    const port = node('port');
    await port.store.append('case-P1', [noted('received'), { type: 'StreamOwnershipTransferred', data: { from: 'port', to: 'nobody' } }]);
    await expect(port.push()).rejects.toThrow(/only to the center or a registered node/);
    expect(await center.store.headPosition()).toBe(0);
  });
});

describe('conflicts', () => {
  it('keeps two nodes’ writes to one stream apart, reports them, and applies the rest of the batch', async () => {
    const { center, node, logs } = setup();
    const port = node('port');
    const hr = node('hr');
    // A partition: both open case-DUP (a colliding case number) offline.
    await port.store.append('case-DUP', [noted('port 1'), noted('port 2')]);
    await hr.store.append('case-DUP', [noted('hr 1'), noted('hr 2'), noted('hr 3')]);
    await hr.store.append('case-H1', [noted('hr own')]);
    await port.push();
    const report = await hr.push();
    expect(report).toMatchObject({ applied: 1, conflicts: 3 });

    expect((await center.store.readStream('case-DUP')).map((e) => e.data)).toEqual([{ text: 'port 1' }, { text: 'port 2' }]);
    expect(await center.store.streamVersion('case-H1')).toBe(1);
    const conflicts = await center.conflicts();
    const hrEvents = await hr.store.readStream('case-DUP');
    expect(conflicts.map((c) => [c.node, c.stream, c.version, c.reason, c.event.id])).toEqual([
      ['hr', 'case-DUP', 1, 'diverged', hrEvents[0]?.id],
      ['hr', 'case-DUP', 2, 'follows-conflict', hrEvents[1]?.id],
      ['hr', 'case-DUP', 3, 'follows-conflict', hrEvents[2]?.id],
    ]);
    expect(conflicts[0]?.existingEventId).toBe((await center.store.readStream('case-DUP'))[0]?.id);
    expect(conflicts[0]?.event.hash).toBe(hrEvents[0]?.hash);
    expect(logs.filter((l) => l.action === 'conflict')).toHaveLength(3);

    // Later writes by hr to the conflicting stream are kept too; re-sending adds nothing.
    await hr.store.append('case-DUP', [noted('hr 4')]);
    expect(await hr.push()).toMatchObject({ applied: 0, conflicts: 1 });
    const batch = await batchOf(hr.store);
    expect(await center.ship({ nodeId: 'hr', token: secrets.hr }, batch)).toMatchObject({ applied: 0, conflicts: 0, skipped: 5 });
    expect(await center.conflicts()).toHaveLength(4);
    expect(await center.store.streamVersion(SYNC_CONFLICTS_STREAM)).toBe(4);
    expect((await center.store.verify()).ok).toBe(true);
    // The original owner keeps writing undisturbed.
    await port.store.append('case-DUP', [noted('port 3')]);
    expect(await port.push()).toMatchObject({ applied: 1, conflicts: 0 });
  });

  it('rebuilds owners and conflicts from the center’s log after a restart', async () => {
    const { center, node } = setup();
    const port = node('port');
    const hr = node('hr');
    await port.store.append('case-DUP', [noted('port')]);
    await hr.store.append('case-DUP', [noted('hr')]);
    await port.push();
    await hr.push();
    const restarted = createSyncCenter({ store: center.store, nodes: [{ id: 'port', secret: secrets.port, writes: ['Noted'] }, { id: 'hr', secret: secrets.hr, writes: ['Noted'] }] });
    expect(await restarted.ownerOf('case-DUP')).toBe('port');
    expect(await restarted.conflicts()).toEqual(await center.conflicts());
  });
});

describe('reference data', () => {
  it('pulls catalog and calendar streams into a node, idempotently, and never ships them back', async () => {
    const { center, node } = setup();
    await center.store.append('item-XK-001', [noted('catalog entry')]);
    await center.store.append('case-C1', [noted('center-only case')]);
    await center.store.append('calendar-2026', [noted('holidays')]);
    const port = node('port');
    expect(await port.pull()).toEqual({ imported: 2, skipped: 0, position: 3 });
    expect(await port.pull()).toEqual({ imported: 0, skipped: 0, position: 3 });
    expect(await port.store.streamVersion('case-C1')).toBe(0);
    await port.store.append('case-P1', [noted('own')]);
    expect(await port.push()).toMatchObject({ applied: 1, checkpoint: 3 });
    expect(await center.store.headPosition()).toBe(4);
  });
});

describe('the checkpoint never runs ahead of the events it covers (issue #11, serious 3)', () => {
  it('refuses a batch whose toPosition is not its last event’s position, and an empty batch that claims positions', async () => {
    const { center } = setup();
    const cred = { nodeId: 'port', token: secrets.port };
    await expect(center.ship(cred, { fromPosition: 1, toPosition: 1_000_000, events: [] })).rejects.toMatchObject({ code: 'SYNC_BAD_BATCH' });
    await expect(center.ship(cred, { fromPosition: 2, toPosition: 1_000_000, events: [] })).rejects.toMatchObject({ code: 'SYNC_BAD_BATCH' });
    await expect(center.ship(cred, { fromPosition: 5, toPosition: 4, events: [] })).rejects.toBeInstanceOf(SyncOutOfOrderError);
    expect(await center.checkpoint(cred)).toBe(0);
    const port = createMemoryStore({ registry, node: 'port' });
    await port.append('case-P1', [noted('a'), noted('b')]);
    const b = await batchOf(port);
    await expect(center.ship(cred, { ...b, toPosition: 50 })).rejects.toMatchObject({ code: 'SYNC_BAD_BATCH' });
    expect(await center.checkpoint(cred)).toBe(0);
    expect(await center.store.headPosition()).toBe(0);
    expect(await center.ship(cred, b)).toMatchObject({ applied: 2, checkpoint: 2 });
  });

  it('a batch that starts past the checkpoint gets SyncOutOfOrderError (409 over HTTP) and writes nothing', async () => {
    const { center } = setup();
    const cred = { nodeId: 'port', token: secrets.port };
    const port = createMemoryStore({ registry, node: 'port' });
    await port.append('case-P1', [noted('a'), noted('b'), noted('c')]);
    await expect(center.ship(cred, await batchOf(port, 2))).rejects.toBeInstanceOf(SyncOutOfOrderError);
    expect(await center.store.headPosition()).toBe(0);
  });

  it('a node whose log ends in pulled reference data still ships all its own events, and nothing claims positions it did not ship', async () => {
    const { center, node } = setup();
    const port = node('port');
    await port.store.append('case-P1', [noted('a')]);
    // Events written at this node by another node (as pulled data arrives) follow its own.
    const other = createMemoryStore({ registry, node: 'center' });
    await other.append('ref-1', [noted('r1'), noted('r2')]);
    const rec = [];
    for await (const e of other.readAll({ upcast: false })) rec.push(toRecorded(e));
    await port.store.importEvents(rec);
    expect(await port.push()).toMatchObject({ applied: 1, checkpoint: 1 });
    await port.store.append('case-P1', [noted('b')]);
    expect(await port.push()).toMatchObject({ applied: 1, checkpoint: 4 });
    expect((await center.store.readStream('case-P1')).map((e) => e.version)).toEqual([1, 2]);
  });

  it('a crash between the import and the checkpoint save leaves the checkpoint behind, never ahead: the retry skips what arrived', async () => {
    const store = createMemoryStore({ registry, node: 'center' });
    let failSave = true;
    const flaky: EventStore = {
      ...store,
      checkpoints: {
        load: (n) => store.checkpoints.load(n),
        save: async (n, c) => {
          if (failSave) {
            failSave = false;
            throw new Error('power cut');
          }
          return store.checkpoints.save(n, c);
        },
      },
    } as EventStore;
    // Methods of the memory store are closures: spreading keeps them bound.
    const center = createSyncCenter({ store: flaky, nodes: [{ id: 'port', secret: secrets.port, writes: ['Noted'] }] });
    const port = createSyncNode({ id: 'port', store: createMemoryStore({ registry, node: 'port' }), transport: createInProcessTransport(center, { nodeId: 'port', token: secrets.port }) });
    await port.store.append('case-P1', [noted('a'), noted('b')]);
    await expect(port.push()).rejects.toThrow('power cut');
    expect(await center.checkpoint({ nodeId: 'port', token: secrets.port })).toBe(0);
    expect(await port.push()).toMatchObject({ applied: 0, skipped: 2, checkpoint: 2 });
    expect((await all(store)).length).toBe(2);
    expect((await store.verify()).ok).toBe(true);
  });
});

describe('checkpoints travel with sync: the sub-center can prove the center holds what it shipped', () => {
  it('every applied batch comes back with a signed receipt the node checks with the center’s public key alone', async () => {
    const keys = generateCheckpointKeys();
    const centerStore = createMemoryStore({ registry, node: 'center' });
    const center = createSyncCenter({ store: centerStore, nodes: [{ id: 'port', secret: secrets.port, writes: ['Noted'] }], signer: ed25519Signer(keys.privateKeyPem) });
    const key = ed25519Verifier(keys.publicKeyPem);
    // The center writes events of its own in between: the proof covers them too.
    await centerStore.append('ref-hall', [noted('opening hours')]);
    const port = createSyncNode({ id: 'port', store: createMemoryStore({ registry, node: 'port' }), transport: createInProcessTransport(center, { nodeId: 'port', token: secrets.port }), batchSize: 2, centerKey: key });
    await port.store.append('case-P1', [noted('a'), noted('b'), noted('c')]);
    expect(await port.push()).toMatchObject({ applied: 3, receipts: 2 });
    await centerStore.append('ref-hall', [noted('closed on 2013-10-01')]);
    await port.store.append('case-P2', [noted('d')]);
    expect(await port.push()).toMatchObject({ applied: 1, receipts: 1 });
    const receipt = (await port.store.checkpoints.load(RECEIPT_CHECKPOINT))?.state as ShipReceipt;
    const shipped = (await port.store.readStream('case-P2')).map((e) => e.id);
    expect(checkShipReceipt(receipt, shipped, key)).toMatchObject({ ok: true });
    // The receipt's checkpoint is a checkpoint of the center's whole log: an auditor can check the center with it.
    expect(await checkAgainstCheckpoint(centerStore.readAll({ upcast: false }), receipt.checkpoint, key)).toMatchObject({ ok: true, signedSize: 6 });
    // A receipt whose events were altered, or signed by another key, proves nothing.
    const forged = { ...receipt, leaves: receipt.leaves.map((l, i) => (i === 0 ? { ...l, hash: 'f'.repeat(64) } : l)) };
    expect(checkShipReceipt(forged, shipped, key).ok).toBe(false);
    expect(checkShipReceipt(receipt, shipped, ed25519Verifier(generateCheckpointKeys().publicKeyPem)).ok).toBe(false);
    expect(checkShipReceipt(receipt, ['not-shipped'], key).ok).toBe(false);
  });

  it('a node that expects receipts refuses a center that sends none', async () => {
    const { center } = setup();
    const port = createSyncNode({ id: 'port', store: createMemoryStore({ registry, node: 'port' }), transport: createInProcessTransport(center, { nodeId: 'port', token: secrets.port }), centerKey: ed25519Verifier(generateCheckpointKeys().publicKeyPem) });
    await port.store.append('case-P1', [noted('a')]);
    await expect(port.push()).rejects.toBeInstanceOf(SyncReceiptError);
  });
});
