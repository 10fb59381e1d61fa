/**
 * Issue 8 security over HTTP on 127.0.0.1: a tampered event on the wire is rejected naming
 * it; a wrong credential, an unknown node and a node shipping another node's stream are
 * refused (401/403) and write nothing; malformed and oversized bodies get 400/413; tokens never
 * appear in answers, errors or logs.
 */
import { connect, createServer, type Socket } from 'node:net';
import { request } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createEventRegistry, createMemoryStore, toRecorded, type EventDefinition, type EventStore } from '@banshi/core';
import {
  createHttpTransport,
  createSyncCenter,
  createSyncNode,
  createSyncServer,
  encodeShipBatch,
  NODE_HEADER,
  SyncForbiddenError,
  SyncPayloadTooLargeError,
  SyncRejectedError,
  syncEvents,
  syncRoutes,
  SyncUnauthorizedError,
  type SyncLogEntry,
} from '@banshi/sync';
import { contractRegistry } from '@banshi/testing';
import { afterEach, describe, expect, it } from 'vitest';

const registry = createEventRegistry([contractRegistry.get('Noted') as EventDefinition, ...syncEvents]);
const PORT_TOKEN = 'port-token-a91f0c77d2e4';
const HR_TOKEN = 'hr-token-5be3d0a1c8f9';
const WRONG_TOKEN = 'port-token-GUESSED-000111';

// A throwaway self-signed certificate for 127.0.0.1 (test fixture only, valid 100 years).
const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgH4VZqpfsxpibG67W
qCLUUjFXHLQ9yxVqP8coE7fxtGahRANCAAR1D1y3rGqf9KPQJh+nEaS23AxQRw9C
qfBz4Cqq2ZolS/9mwQH99yZeZvCXbRw3YO/wcw+G81xcBLZhZM3cG81E
-----END PRIVATE KEY-----`;
const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBkDCCATagAwIBAgIUdS/J/JgpzJ99XBwA02PAW9h60HYwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNjE1MzIwN1oYDzIxMjYxMTAy
MTUzMjA3WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAR1D1y3rGqf9KPQJh+nEaS23AxQRw9CqfBz4Cqq2ZolS/9mwQH99yZe
ZvCXbRw3YO/wcw+G81xcBLZhZM3cG81Eo2QwYjAdBgNVHQ4EFgQUQMsCPzDWX9S7
KOnJo/Vtg9/4FQcwHwYDVR0jBBgwFoAUQMsCPzDWX9S7KOnJo/Vtg9/4FQcwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC
IQDO66VaV/F6nInMJPZjFnxSZkp0OmhgtbzvgxorhYSfiQIgROXhOIHu7qMqzIsS
eYi6dQuZ4MvpFdon6rYUr9MgFT4=
-----END CERTIFICATE-----`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

async function setup(maxBodyBytes?: number) {
  const logs: SyncLogEntry[] = [];
  const center = createSyncCenter({
    store: createMemoryStore({ registry, node: 'center' }),
    nodes: [
      { id: 'port', secret: PORT_TOKEN, writes: ['Noted'] },
      { id: 'hr', secret: HR_TOKEN, writes: ['Noted'] },
    ],
    log: (e) => logs.push(e),
  });
  const server = await createSyncServer(center, { port: 0, host: '127.0.0.1', ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}) });
  cleanups.push(() => server.close());
  const node = (id: string, token: string, url = server.url) =>
    createSyncNode({ id, store: createMemoryStore({ registry, node: id }), transport: createHttpTransport({ url, nodeId: id, token }) });
  return { center, server, node, logs };
}

function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A loopback proxy that rewrites bytes going to the center: a man in the middle. */
async function tamperingProxy(targetPort: number, from: string, to: string): Promise<string> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => upstream.write(Buffer.from(chunk.toString('latin1').split(from).join(to), 'latin1')));
    client.on('end', () => upstream.end());
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

async function ids(store: EventStore): Promise<string[]> {
  const out: string[] = [];
  for await (const e of store.readAll()) out.push(e.id);
  return out;
}

describe('sync security over HTTP', () => {
  it('rejects an event altered on the wire, naming it, and writes nothing of the batch', async () => {
    const { center, server, node } = await setup();
    const url = await tamperingProxy(server.port, '"text":"approved"', '"text":"rejected"');
    const port = node('port', PORT_TOKEN, url);
    await port.store.append('case-P1', [{ type: 'Noted', data: { text: 'received' } }]);
    const [altered] = (await port.store.append('case-P1', [{ type: 'Noted', data: { text: 'approved' } }])).events;
    await port.store.append('case-P2', [{ type: 'Noted', data: { text: 'received' } }]);
    const err = await port.push().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncRejectedError);
    expect((err as SyncRejectedError).status).toBe(422);
    expect((err as SyncRejectedError).reason).toBe('CORE_INTEGRITY');
    expect((err as SyncRejectedError).eventId).toBe(altered?.id);
    expect((err as Error).message).toContain('case-P1@2');
    expect(await center.store.headPosition()).toBe(0);
    // The same node through an honest link ships fine afterwards.
    const honest = createSyncNode({ id: 'port', store: port.store, transport: createHttpTransport({ url: server.url, nodeId: 'port', token: PORT_TOKEN }) });
    expect(await honest.push()).toMatchObject({ applied: 3 });
    // Credentials never end up in the log: not in events, not in checkpoints.
    const stored: unknown[] = [];
    for await (const e of center.store.readAll()) stored.push(e);
    stored.push(await center.store.checkpoints.load('sync:port'));
    expect(JSON.stringify(stored)).not.toContain(PORT_TOKEN);
  });

  it('refuses a wrong credential and an unknown node with 401, writes nothing, and never echoes a token', async () => {
    const { center, server, node, logs } = await setup();
    const impostor = node('port', WRONG_TOKEN);
    await impostor.store.append('case-P1', [{ type: 'Noted', data: { text: 'forged' } }]);
    const err = await impostor.push().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncUnauthorizedError);
    expect((err as Error).message).not.toContain(WRONG_TOKEN);

    const ghost = node('ghost', WRONG_TOKEN);
    await expect(ghost.push()).rejects.toBeInstanceOf(SyncUnauthorizedError);

    const events = (await impostor.store.readAll()[Symbol.asyncIterator]().next()).value;
    const body = encodeShipBatch({ fromPosition: 1, toPosition: 1, events: [{ position: 1, event: toRecorded(events) }] });
    const raw = await post(`${server.url}${syncRoutes.ship}`, { authorization: `Bearer ${WRONG_TOKEN}`, [NODE_HEADER]: 'port' }, body);
    expect(raw.status).toBe(401);
    expect(raw.body).not.toContain(WRONG_TOKEN);
    expect(JSON.parse(raw.body)).toMatchObject({ error: { code: 'SYNC_UNAUTHORIZED' } });
    const bare = await post(`${server.url}${syncRoutes.ship}`, {}, body);
    expect(bare.status).toBe(401);
    expect(JSON.parse(bare.body).error.detail).toContain('Authorization: Bearer');

    expect(await center.store.headPosition()).toBe(0);
    const logText = JSON.stringify(logs);
    for (const token of [WRONG_TOKEN, PORT_TOKEN, HR_TOKEN]) expect(logText).not.toContain(token);
    expect(logs.filter((l) => l.action === 'refused').length).toBeGreaterThanOrEqual(3);
  });

  it('refuses (403) a node shipping another node’s stream, and nothing of that batch is written', async () => {
    const { center, node } = await setup();
    const port = node('port', PORT_TOKEN);
    const hr = node('hr', HR_TOKEN);
    await port.store.append('case-P1', [{ type: 'Noted', data: { text: 'received' } }]);
    await port.push();
    const before = await ids(center.store);
    await hr.store.append('case-H1', [{ type: 'Noted', data: { text: 'hr own case' } }]);
    for await (const e of port.store.readAll()) await hr.store.importEvents([toRecorded(e)]);
    await hr.store.append('case-P1', [{ type: 'Noted', data: { text: 'hr writes port case' } }]);
    const err = await hr.push().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncForbiddenError);
    expect((err as SyncForbiddenError).status).toBe(403);
    expect((err as Error).message).toContain('case-P1');
    expect(await ids(center.store)).toEqual(before);
    expect(await center.store.streamVersion('case-H1')).toBe(0);
  });

  it('answers 400 for a malformed body and 413 for an oversized one, writing nothing', async () => {
    const { center, server, node } = await setup(4096);
    const auth = { authorization: `Bearer ${PORT_TOKEN}`, [NODE_HEADER]: 'port' };
    const garbage = await post(`${server.url}${syncRoutes.ship}`, auth, '{"fromPosition":1,"toPosition":1,"count":1}\nnot json\n');
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body).error).toMatchObject({ code: 'SYNC_BAD_BATCH', detail: 'line 2 of the body is not JSON' });

    const port = node('port', PORT_TOKEN);
    await port.store.append('case-P1', Array.from({ length: 60 }, (_, i) => ({ type: 'Noted', data: { text: `step ${i}` } })));
    const err = await port.push().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncPayloadTooLargeError);
    expect((err as SyncPayloadTooLargeError).limitBytes).toBe(4096);
    expect(await center.store.headPosition()).toBe(0);
    // Smaller batches fit.
    const small = createSyncNode({ id: 'port', store: port.store, batchSize: 5, transport: createHttpTransport({ url: server.url, nodeId: 'port', token: PORT_TOKEN }) });
    expect(await small.push()).toMatchObject({ applied: 60 });
  });

  it('serves HTTPS when given TLS options: a node that trusts the certificate ships, an untrusting one cannot connect', async () => {
    const center = createSyncCenter({ store: createMemoryStore({ registry, node: 'center' }), nodes: [{ id: 'port', secret: PORT_TOKEN, writes: ['Noted'] }] });
    const server = await createSyncServer(center, { port: 0, host: '127.0.0.1', tls: { key: TEST_TLS_KEY, cert: TEST_TLS_CERT } });
    cleanups.push(() => server.close());
    expect(server.url.startsWith('https://127.0.0.1:')).toBe(true);
    const store = createMemoryStore({ registry, node: 'port' });
    await store.append('case-P1', [{ type: 'Noted', data: { text: 'received' } }]);
    const trusting = createSyncNode({ id: 'port', store, transport: createHttpTransport({ url: server.url, nodeId: 'port', token: PORT_TOKEN, agent: new HttpsAgent({ ca: TEST_TLS_CERT }) }) });
    const untrusting = createSyncNode({ id: 'port', store, transport: createHttpTransport({ url: server.url, nodeId: 'port', token: PORT_TOKEN }) });
    await expect(untrusting.push()).rejects.toThrow(/cannot reach the center.*self.signed/);
    expect(await trusting.push()).toMatchObject({ applied: 1 });
  });

  it('answers every 401 with one wording, so node ids cannot be enumerated', async () => {
    const { server } = await setup();
    const body = encodeShipBatch({ fromPosition: 1, toPosition: 0, events: [] });
    const wrong = await post(`${server.url}${syncRoutes.ship}`, { authorization: `Bearer ${WRONG_TOKEN}`, [NODE_HEADER]: 'port' }, body);
    const ghost = await post(`${server.url}${syncRoutes.ship}`, { authorization: `Bearer ${WRONG_TOKEN}`, [NODE_HEADER]: 'ghost' }, body);
    const bare = await post(`${server.url}${syncRoutes.ship}`, {}, body);
    expect([wrong.status, ghost.status, bare.status]).toEqual([401, 401, 401]);
    expect(ghost.body).toBe(wrong.body);
    expect(bare.body).toBe(wrong.body);
    expect(wrong.body).not.toContain('ghost');
  });

  it('authenticates before reading the body: an unauthenticated upload is answered 401 without waiting for it', async () => {
    const { server } = await setup();
    const started = Date.now();
    const answer = await new Promise<{ status: number; elapsed: number }>((resolve, reject) => {
      // Declares 50 MB and sends 1 KB, then stalls: a center that reads first would wait forever.
      const req = request(`${server.url}${syncRoutes.ship}`, { method: 'POST', headers: { 'content-length': String(50_000_000), authorization: `Bearer ${WRONG_TOKEN}`, [NODE_HEADER]: 'port' } }, (res) => {
        resolve({ status: res.statusCode ?? 0, elapsed: Date.now() - started });
        res.resume();
        req.destroy();
      });
      req.on('error', (e) => (Date.now() - started > 5_000 ? reject(e) : undefined));
      req.write('x'.repeat(1024));
    });
    expect(answer.status).toBe(401);
    expect(answer.elapsed).toBeLessThan(5_000);
  });

  it('drops a body that trickles in past the server-side request timeout (no 42-second hold)', async () => {
    const logs: SyncLogEntry[] = [];
    const center = createSyncCenter({ store: createMemoryStore({ registry, node: 'center' }), nodes: [{ id: 'port', secret: PORT_TOKEN, writes: ['Noted'] }], log: (e) => logs.push(e) });
    const server = await createSyncServer(center, { port: 0, host: '127.0.0.1', requestTimeoutMs: 300 });
    cleanups.push(() => server.close());
    const started = Date.now();
    const status = await new Promise<number>((resolve) => {
      const req = request(`${server.url}${syncRoutes.ship}`, { method: 'POST', headers: { 'content-length': '100000', authorization: `Bearer ${PORT_TOKEN}`, [NODE_HEADER]: 'port' } }, (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      });
      req.on('error', () => resolve(-1)); // the server hung up
      req.write('{"fromPosition":1,');
      const t = setInterval(() => (Date.now() - started > 4_000 ? clearInterval(t) : req.write(' ')), 50);
      req.on('close', () => clearInterval(t));
    });
    expect([408, -1]).toContain(status);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await center.store.headPosition()).toBe(0);
  });

  it('refuses a "__proto__" key injected into a hashed event over HTTP, writing nothing', async () => {
    const { center, server } = await setup();
    const src = createMemoryStore({ registry, node: 'port' });
    const [e] = (await src.append('case-P1', [{ type: 'Noted', data: { text: 'deny' } }])).events;
    const body = encodeShipBatch({ fromPosition: 1, toPosition: 1, events: [{ position: 1, event: toRecorded(e as never) }] }).replace('"text":"deny"', '"text":"deny","__proto__":{"text":"grant"}');
    expect(body).toContain('__proto__');
    const r = await post(`${server.url}${syncRoutes.ship}`, { authorization: `Bearer ${PORT_TOKEN}`, [NODE_HEADER]: 'port' }, body);
    expect([400, 422]).toContain(r.status);
    expect(await center.store.headPosition()).toBe(0);
  });
});
