import { createMemoryStore, toRecorded } from '@banshi/core';
import { isSealed } from '@banshi/core/adapter';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createSyncCenter } from '../center/index.js';
import { SyncBadBatchError, SyncRejectedError } from '../errors/index.js';
import { assertShipBatch, createShipBatchDecoder, createShipStreamDecoder, decodePullResult, decodeShipBatch, encodePullResult, encodeShipBatch, encodeShipBatchPieces, encodeShipStreamBytes, encodeShipStreamLine, type ShipBatch } from './index.js';

async function sampleBatch(): Promise<ShipBatch> {
  const store = createMemoryStore({ node: 'port' });
  await store.append('case-1', [{ type: 'Noted', data: { text: '受理' } }, { type: 'Noted', data: { text: '办结' } }]);
  const events = [];
  for await (const e of store.readAll()) events.push({ position: e.position, event: toRecorded(e) });
  return { fromPosition: 1, toPosition: 2, events };
}

const bad = (text: string) => {
  try {
    decodeShipBatch(text);
  } catch (e) {
    return e;
  }
  throw new Error('decoded');
};

describe('JSON-lines protocol', () => {
  it('round-trips a ship batch and a pull result', async () => {
    const batch = await sampleBatch();
    expect(decodeShipBatch(encodeShipBatch(batch))).toEqual(batch);
    const pull = { events: batch.events, toPosition: 9, head: 12 };
    expect(decodePullResult(encodePullResult(pull))).toEqual(pull);
  });

  it('refuses malformed bodies with SyncBadBatchError saying what is wrong', async () => {
    const lines = encodeShipBatch(await sampleBatch()).split('\n');
    expect(bad('')).toBeInstanceOf(SyncBadBatchError);
    expect((bad('{"fromPosition":1,"toPosition":2,"count":1}\n{oops\n') as Error).message).toContain('line 2 of the body is not JSON');
    expect((bad(lines.slice(0, 2).join('\n')) as Error).message).toContain('announces 2 events but the body holds 1');
    expect((bad('[1,2]\n') as Error).message).toContain('line 1 must be a header');
    expect((bad('{"toPosition":2,"count":0}\n') as Error).message).toContain('fromPosition');
    expect((bad([lines[0], '{"position":1}'].join('\n').replace('"count":2', '"count":1')) as Error).message).toContain('line 2 has no "event" object');
  });

  it('checks envelopes, and that positions increase inside the batch range', async () => {
    const batch = await sampleBatch();
    expect(() => assertShipBatch({ ...batch, events: [...batch.events].reverse() })).toThrow(SyncBadBatchError);
    expect(() => assertShipBatch({ ...batch, toPosition: 1 })).toThrow(/must increase inside 1..1/);
    expect(() => assertShipBatch({ ...batch, fromPosition: 0 })).toThrow(/fromPosition/);
    const noHash = { ...batch, events: batch.events.map((e, i) => (i === 1 ? { ...e, event: { ...e.event, hash: 'not-a-hash' } } : e)) };
    expect(() => assertShipBatch(noHash)).toThrow(/event at position 2 is invalid: hash must be a 64-digit hex SHA-256/);
    expect(() => assertShipBatch(batch)).not.toThrow();
  });

  it('streams: the pieces of a body join to encodeShipBatch, and a body fed in any pieces decodes to the same batch', async () => {
    const batch = await sampleBatch();
    const body = encodeShipBatch(batch);
    expect(body).toBe(`${JSON.stringify({ fromPosition: 1, toPosition: 2, count: 2 })}\n${batch.events.map((e) => JSON.stringify({ position: e.position, event: e.event })).join('\n')}\n`);
    const small = [...encodeShipBatchPieces(batch, 10)];
    expect(small.length).toBe(batch.events.length); // a piece ends after the line that fills it
    expect(small.join('')).toBe(body);
    for (const cut of [1, 7, 64, body.indexOf('\n'), body.indexOf('\n') + 1, body.length - 1]) {
      const decoder = createShipBatchDecoder();
      for (let i = 0; i < body.length; i += cut) decoder.write(body.slice(i, i + cut));
      expect(decoder.end()).toEqual(batch);
    }
    // Errors keep their line numbers when the bad line arrives in pieces.
    const decoder = createShipBatchDecoder();
    for (const piece of ['{"fromPosition":1,"toPosition":2,"count":2}\n{"pos', 'ition":1,"event":{}}\n{oo', 'ps\n']) decoder.write(piece);
    expect(() => decoder.end()).toThrow(/line 3 of the body is not JSON/);
    expect(() => createShipBatchDecoder().end()).toThrow(/the body is empty/);
  });

  it('decodes a protocol-2 stream fed in any pieces into its batches, each handed on when its line is complete', async () => {
    const one = await sampleBatch();
    const two: ShipBatch = { fromPosition: 3, toPosition: 2, events: [] };
    const three: ShipBatch = { ...one, fromPosition: 3, toPosition: 4, events: one.events.map((e) => ({ ...e, position: e.position + 2 })) };
    const body = [one, two, three].map(encodeShipStreamLine).join('');
    expect(body.split('\n')).toHaveLength(4);
    for (const cut of [1, 5, 64, body.length]) {
      const got: ShipBatch[] = [];
      const decoder = createShipStreamDecoder((b) => got.push(b));
      for (let i = 0; i < body.length; i += cut) decoder.write(body.slice(i, i + cut));
      decoder.end();
      expect(got).toEqual([one, two, three]);
    }
    // A bad line stops the stream at its batch, after handing on the batches before it.
    const bad = (second: string): { err: unknown; got: ShipBatch[] } => {
      const got: ShipBatch[] = [];
      try {
        createShipStreamDecoder((b) => got.push(b)).write(encodeShipStreamLine(one) + second + '\n' + encodeShipStreamLine(three));
      } catch (err) {
        return { err, got };
      }
      throw new Error('decoded');
    };
    expect(bad('{oops')).toMatchObject({ err: { detail: 'batch 2 of the stream is not JSON' }, got: [one] });
    expect(bad('{"fromPosition":3,"toPosition":3,"positions":[3],"events":[]}').err).toMatchObject({ detail: 'batch 2 of the stream needs "positions" and "events" arrays of the same length' });
    expect(bad('{"fromPosition":3,"toPosition":3,"positions":[0],"events":[{}]}').err).toMatchObject({ detail: 'batch 2 of the stream has position 0 at index 0: positions are integers ≥ 1' });
    expect(bad('{"fromPosition":3,"toPosition":3,"positions":[3],"events":[7]}').err).toMatchObject({ detail: 'batch 2 of the stream has no event object at index 0' });
    expect(bad('{"toPosition":3,"positions":[],"events":[]}').err).toBeInstanceOf(SyncBadBatchError);
    const cut = createShipStreamDecoder(() => undefined);
    cut.write(encodeShipStreamLine(one).slice(0, 40));
    expect(() => cut.end()).toThrow('batch 1 of the stream was cut off: its line has no end (a truncated request?)');
    expect(() => createShipStreamDecoder(() => undefined).end()).toThrow(/the body is empty/);
  });

  it('seals every event it decodes (checked and canonicalized once, frozen, kept by the store as is), and an event altered on the wire is still refused', async () => {
    const batch = await sampleBatch();
    const decoded: ShipBatch[] = [];
    createShipStreamDecoder((b) => decoded.push(b)).write(encodeShipStreamLine(batch));
    decoded.push(decodeShipBatch(encodeShipBatch(batch)));
    const pulled = decodePullResult(encodePullResult({ events: batch.events, toPosition: 2, head: 2 }));
    for (const b of [...decoded, pulled]) for (const { event } of b.events) expect(isSealed(event) && Object.isFrozen(event.data)).toBe(true);

    const centerOf = () => createSyncCenter({ store: createMemoryStore({ node: 'center' }), nodes: [{ id: 'port', secret: 'port-secret', writes: ['Noted'] }] });
    const credential = { nodeId: 'port', token: 'port-secret' };
    const center = centerOf();
    await center.ship(credential, decoded[0] as ShipBatch);
    expect((await center.store.readStream('case-1'))[1]?.data).toBe(decoded[0]?.events[1]?.event.data);

    const altered: ShipBatch[] = [];
    createShipStreamDecoder((b) => altered.push(b)).write(encodeShipStreamLine(batch).replace('办结', '伪造'));
    const other = centerOf();
    await expect(other.ship(credential, altered[0] as ShipBatch)).rejects.toSatisfy((err) => err instanceof SyncRejectedError && err.reason === 'CORE_INTEGRITY');
    expect(await other.store.headPosition()).toBe(0);
  });
});

describe('the bytes decoder across requests', () => {
  it('keeps nothing of one request\'s body once it is decoded: 200 bodies with a distinct 64 KiB key each leave the heap as it was', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heapUsed = (): number => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    // A CJK value makes the decoder walk the event's keys (a line of ASCII alone is parsed as is).
    const bodies: Buffer[] = [];
    for (let i = 0; i < 200; i++) {
      const store = createMemoryStore({ node: 'port' });
      await store.append('case-1', [{ type: 'Noted', data: { [`${i}-`.padEnd(64 * 1024, 'k')]: '受理' } }]);
      const events = [];
      for await (const e of store.readAll()) events.push({ position: e.position, event: toRecorded(e) });
      bodies.push(encodeShipStreamBytes({ fromPosition: 1, toPosition: 1, events }));
    }
    const before = heapUsed();
    let decoded = 0;
    for (const body of bodies) {
      const decoder = createShipStreamDecoder((b) => (decoded += b.events.length));
      decoder.writeBytes(body);
      decoder.end();
    }
    expect(decoded).toBe(200);
    // 200 keys of 64 KiB are 12.5 MiB: a decoder that kept them for the next request would show it here.
    expect(heapUsed() - before).toBeLessThan(2 * 1024 * 1024);
  });
});
