/**
 * Protocol 2 (issue #18): one streamed request carries many batches; the center applies each as
 * its bytes arrive, in order, and acknowledges it. A cut, a malformed line or a refusal stops
 * the stream at that batch: the batches before it stay applied, nothing of it or after it is
 * written, and the next push resumes from the center's checkpoint without a gap or a duplicate.
 */
import { createServer, request, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryStore, toRecorded, type EventStore } from '@banshi/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncCenter, type SyncCenter } from '../center/index.js';
import { SyncBadBatchError, SyncForbiddenError } from '../errors/index.js';
import { createSyncNode } from '../node/index.js';
import { encodeShipStreamLine, type ShipBatch, type ShipResult } from '../protocol/index.js';
import { createHttpTransport, NODE_HEADER, SYNC_PROTOCOL, syncRoutes } from '../transport/index.js';
import { createSyncServer, type SyncServer } from './syncServer.js';

const TOKEN = 'port-stream-secret';
const cred = { nodeId: 'port', token: TOKEN };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function setup(): Promise<{ center: SyncCenter; server: SyncServer; port: EventStore; batches: ShipBatch[]; routes: string[] }> {
  const center = createSyncCenter({ store: createMemoryStore({ node: 'center' }), nodes: [{ id: 'port', secret: TOKEN, writes: ['Noted'] }] });
  const server = await createSyncServer(center, { port: 0, host: '127.0.0.1' });
  closers.push(() => server.close());
  const routes: string[] = [];
  server.server.on('request', (req: { url?: string }) => routes.push((req.url ?? '').split('?')[0] as string));
  const port = createMemoryStore({ node: 'port' });
  for (let i = 0; i < 30; i++) await port.append(`case-P${i % 4}`, [{ type: 'Noted', data: { text: `第${i}步` } }]);
  const batches: ShipBatch[] = [];
  const all = [];
  for await (const e of port.readAll()) all.push({ position: e.position, event: toRecorded(e) });
  for (let i = 0; i < all.length; i += 5) {
    const events = all.slice(i, i + 5);
    batches.push({ fromPosition: i + 1, toPosition: i + events.length, events });
  }
  return { center, server, port, batches, routes };
}

async function ids(store: EventStore): Promise<string[]> {
  const out: string[] = [];
  for await (const e of store.readAll()) out.push(e.id);
  return out;
}

/** Posts a raw stream body; `cut` destroys the request after writing it instead of ending it. */
function postStream(url: string, body: string, cut = false): Promise<{ status: number; lines: unknown[] } | undefined> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${syncRoutes.shipStream}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, [NODE_HEADER]: 'port' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, lines: text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) }));
    });
    req.on('error', (err) => (cut ? resolve(undefined) : reject(err)));
    if (cut) req.write(body, () => setTimeout(() => (req.destroy(), resolve(undefined)), 20));
    else req.end(body);
  });
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('sync protocol 2: streamed ship', () => {
  it('ships a push as one request, and the center answers each batch in order', async () => {
    const { center, server, port, routes } = await setup();
    const node = createSyncNode({ id: 'port', store: port, batchSize: 5, transport: createHttpTransport({ url: server.url, nodeId: 'port', token: TOKEN }) });
    expect(await node.push()).toMatchObject({ batches: 6, applied: 30, checkpoint: 30 });
    expect(routes).toEqual([syncRoutes.checkpoint, syncRoutes.shipStream]);
    expect(await ids(center.store)).toEqual(await ids(port));
    // streamBatches bounds one request: 6 batches of 5 in requests of 4 and 2.
    const { server: s2, port: p2, routes: r2, center: c2 } = await setup();
    const capped = createSyncNode({ id: 'port', store: p2, batchSize: 5, streamBatches: 4, transport: createHttpTransport({ url: s2.url, nodeId: 'port', token: TOKEN }) });
    expect(await capped.push()).toMatchObject({ batches: 6, applied: 30 });
    expect(r2.filter((r) => r === syncRoutes.shipStream)).toHaveLength(2);
    expect(await ids(c2.store)).toEqual(await ids(p2));
  });

  it('applies the batches that arrived whole when the stream is cut mid-batch, and the next push resumes without gap or duplicate', async () => {
    const { center, server, port, batches } = await setup();
    const whole = batches.slice(0, 2).map(encodeShipStreamLine).join('');
    const third = encodeShipStreamLine(batches[2] as ShipBatch);
    await postStream(server.url, whole + third.slice(0, third.length >> 1), true);
    await until(async () => (await center.checkpoint(cred)) === 10);
    await new Promise((r) => setTimeout(r, 50));
    expect(await center.checkpoint(cred)).toBe(10);
    expect(await ids(center.store)).toEqual((await ids(port)).slice(0, 10));

    const node = createSyncNode({ id: 'port', store: port, batchSize: 5, transport: createHttpTransport({ url: server.url, nodeId: 'port', token: TOKEN }) });
    expect(await node.push()).toMatchObject({ batches: 4, applied: 20, skipped: 0, checkpoint: 30 });
    expect(await ids(center.store)).toEqual(await ids(port));
  });

  it('answers a malformed line mid-stream with a 400 line, after the batches before it, and imports nothing of its batch or after', async () => {
    const { center, server, batches } = await setup();
    const broken = encodeShipStreamLine(batches[1] as ShipBatch).replace('"events":[', '"events":[oops');
    const r = await postStream(server.url, [batches[0] as ShipBatch].map(encodeShipStreamLine).join('') + broken + encodeShipStreamLine(batches[2] as ShipBatch));
    expect(r?.status).toBe(200);
    expect(r?.lines).toHaveLength(2);
    expect(r?.lines[0]).toMatchObject({ result: { applied: 5, checkpoint: 5 } });
    expect(r?.lines[1]).toMatchObject({ error: { code: 'SYNC_BAD_BATCH', status: 400, detail: 'batch 2 of the stream is not JSON' } });
    expect(await center.store.headPosition()).toBe(5);
    expect(await center.checkpoint(cred)).toBe(5);
    // Malformed in the first batch: nothing was applied, so it is a plain HTTP 400.
    const first = await postStream(server.url, broken);
    expect(first?.status).toBe(400);
  });

  it('keeps each batch atomic: a refused event mid-stream writes nothing of its batch, nothing after it, and the transport says which', async () => {
    const { center, server, batches } = await setup();
    const forged = batches.map((b, i) => (i === 1 ? { ...b, events: b.events.map((e, j) => (j === 3 ? { ...e, event: { ...e.event, meta: { ...e.event.meta, node: 'other' } } } : e)) } : b));
    const acked: ShipResult[] = [];
    async function* source(): AsyncGenerator<ShipBatch> {
      yield* forged;
    }
    const transport = createHttpTransport({ url: server.url, nodeId: 'port', token: TOKEN });
    const err = await (transport.shipStream as NonNullable<typeof transport.shipStream>)(source(), (r) => void acked.push(r)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncForbiddenError);
    expect((err as SyncForbiddenError).status).toBe(403);
    expect((err as SyncForbiddenError).eventId).toBe(forged[1]?.events[3]?.event.id);
    expect(acked.map((r) => r.checkpoint)).toEqual([5]);
    expect(await center.store.headPosition()).toBe(5);

    const badHash = batches.map((b, i) => (i === 2 ? { ...b, events: b.events.map((e, j) => (j === 1 ? { ...e, event: { ...e.event, hash: 'not-a-hash' } } : e)) } : b));
    async function* second(): AsyncGenerator<ShipBatch> {
      yield* badHash.slice(1);
    }
    const bad = await (transport.shipStream as NonNullable<typeof transport.shipStream>)(second(), (r) => void acked.push(r)).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(SyncBadBatchError);
    expect((bad as SyncBadBatchError).status).toBe(400);
    expect(acked.map((r) => r.checkpoint)).toEqual([5, 10]);
    expect(await center.store.headPosition()).toBe(10);
  });

  it('keeps protocol 1 for an older node, and ships batch by batch to a center that names no protocol', async () => {
    const { center, server, port, routes } = await setup();
    // An older node: one request per batch on /sync/v1/ship.
    const old = createSyncNode({ id: 'port', store: port, batchSize: 10, transport: createHttpTransport({ url: server.url, nodeId: 'port', token: TOKEN, protocol: 1 }) });
    await port.append('case-P9', [{ type: 'Noted', data: { text: 'x' } }]);
    expect(await old.push()).toMatchObject({ batches: 4, applied: 31 });
    expect(routes.filter((r) => r === syncRoutes.ship)).toHaveLength(4);
    expect(routes).not.toContain(syncRoutes.shipStream);
    expect(await ids(center.store)).toEqual(await ids(port));

    // An older center: its checkpoint answer names no protocol and it has no /sync/v2/ship.
    const { center: c2, server: s2, port: p2 } = await setup();
    const inner = s2.server.listeners('request')[0] as RequestListener;
    const seen: string[] = [];
    const legacy: Server = createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === syncRoutes.shipStream) return void res.writeHead(404).end('{"error":{"code":"SYNC_NOT_FOUND"}}');
      if (req.url === syncRoutes.checkpoint) {
        void c2.checkpoint({ nodeId: String(req.headers[NODE_HEADER]), token: String(req.headers.authorization).slice(7) }).then((checkpoint) => res.end(JSON.stringify({ checkpoint })));
        return;
      }
      inner(req, res);
    });
    await new Promise<void>((r) => legacy.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => (legacy.closeAllConnections(), legacy.close(() => r()))));
    const url = `http://127.0.0.1:${(legacy.address() as AddressInfo).port}`;
    const node = createSyncNode({ id: 'port', store: p2, batchSize: 5, transport: createHttpTransport({ url, nodeId: 'port', token: TOKEN }) });
    expect(SYNC_PROTOCOL).toBe(2);
    expect(await node.push()).toMatchObject({ batches: 6, applied: 30 });
    expect(seen).not.toContain(syncRoutes.shipStream);
    expect(seen.filter((r) => r === syncRoutes.ship)).toHaveLength(6);
    expect(await ids(c2.store)).toEqual(await ids(p2));
  });
});
