import { createMemoryStore, toRecorded } from '@banshi/core';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncCenter } from '../center/index.js';
import { encodeShipBatch } from '../protocol/index.js';
import { NODE_HEADER, syncRoutes } from '../transport/index.js';
import { createSyncServer, type SyncServer } from './syncServer.js';

const TOKEN = 'port-secret';
const servers: SyncServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** Posts `body` as a chunked request, one small write per `step` bytes (a multi-byte character cut in two). */
function postInPieces(url: string, body: Buffer, step: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, [NODE_HEADER]: 'port' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    let i = 0;
    const next = (): void => {
      if (i >= body.length) return void req.end();
      req.write(body.subarray(i, (i += step)), next);
    };
    next();
  });
}

describe('sync server', () => {
  it('decodes a ship body streamed in small chunks, characters cut across chunks, into the batch the node sent', async () => {
    const port = createMemoryStore({ node: 'port' });
    await port.append('case-1', [{ type: 'Noted', data: { text: '受理窗口：营业执照副本' } }, { type: 'Noted', data: { text: '办结' } }]);
    const events = [];
    for await (const e of port.readAll()) events.push({ position: e.position, event: toRecorded(e) });
    const center = createSyncCenter({ store: createMemoryStore({ node: 'center' }), nodes: [{ id: 'port', secret: TOKEN, writes: ['Noted'] }] });
    const server = await createSyncServer(center, { port: 0, host: '127.0.0.1' });
    servers.push(server);
    const body = Buffer.from(encodeShipBatch({ fromPosition: 1, toPosition: 2, events }), 'utf8');
    const r = await postInPieces(`${server.url}${syncRoutes.ship}`, body, 5);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ applied: 2, checkpoint: 2 });
    const stored = [];
    for await (const e of center.store.readAll()) stored.push(toRecorded(e));
    expect(stored).toEqual(events.map((e) => e.event));
  });
});
