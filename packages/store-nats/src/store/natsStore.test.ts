import { AppendConditionError, ConcurrencyError, DuplicateEventIdError, IntegrityError, StoreUnavailableError, ValidationError, type StoredEvent } from '@banshi/core';
import { contractRegistry, describeEventStoreContract } from '@banshi/testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamConfigError } from '../errors/index.js';
import { createNatsStore, type NatsStore, type NatsStoreOptions } from './natsStore.js';
import { corruptStoredEvent, natsForTests } from './natsForTests.js';

// The conformance suite and these specifics run on the NATS server at NATS_URL, else 127.0.0.1:4222 (CI
// starts one there), else on a nats-server this file starts on a free port. Without any, they are skipped, loudly.
const server = await natsForTests();
const url = server.url ?? '';
const run = `T${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const made: string[] = [];
const opened: NatsStore[] = [];
let n = 0;

afterAll(async () => {
  if (!server.url) return;
  for (const s of opened) await s.close();
  const nc = await connect({ servers: url });
  const jsm = await jetstreamManager(nc);
  for (const name of made) {
    await jsm.streams.delete(name).catch(() => undefined);
    await jsm.streams.delete(`KV_${name}_checkpoints`).catch(() => undefined);
  }
  await nc.close();
  await server.stop();
});

const fresh = () => {
  const stream = `${run}_${n++}`;
  made.push(stream);
  return { servers: url, stream, subjectPrefix: `t.${stream}`, timeoutMs: 5000 } satisfies NatsStoreOptions;
};

describe.runIf(server.url)('on a NATS server', () => {
  // As opened by default: an append carrying a condition is refused.
  describeEventStoreContract('nats', {
    make: (options) => createNatsStore({ ...options, ...fresh() }),
    corrupt: (store, position) => corruptStoredEvent(store as NatsStore, position),
  });
  // Opened with appendConditions: the conditions are checked (issue 15).
  describeEventStoreContract('nats, appendConditions', {
    make: (options) => createNatsStore({ ...options, ...fresh(), appendConditions: true }),
    corrupt: (store, position) => corruptStoredEvent(store as NatsStore, position),
  });
});

async function open(options: NatsStoreOptions = {}): Promise<NatsStore> {
  const store = await createNatsStore({ registry: contractRegistry, ...options });
  opened.push(store);
  return store;
}
const noted = (text: string, id?: string) => ({ type: 'Noted', data: { text }, ...(id ? { id } : {}) });
async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe.runIf(server.url)('nats store specifics', () => {
  it('gives every event of a multi-event append its own position from the message sequence', async () => {
    const s = await open(fresh());
    const a = await s.append('case-1', [noted('a'), noted('b'), noted('c')]);
    const b = await s.append('case-2', [noted('d')]);
    expect(a.events.map((e) => e.position)).toEqual([1, 2, 3]);
    expect(b.events.map((e) => e.position)).toEqual([10_001]);
    expect(await s.headPosition()).toBe(10_001);
    expect((await drain(s.readAll({ fromPosition: 3 }))).map((e) => e.position)).toEqual([3, 10_001]);
    expect((await drain(s.readAll({ fromPosition: 4 }))).map((e) => e.position)).toEqual([10_001]);
  });

  it('reads back, from its cache, the events as stored: changing the objects given to append or returned by it changes nothing', async () => {
    const s = await open(fresh());
    const data = { text: 'as filed' };
    const given = [{ type: 'Noted', data }];
    const r = await s.append('case-m', given, { expectedVersion: 'no-stream' });
    data.text = 'changed by the caller';
    (r.events[0]?.data as { text: string }).text = 'changed through the result';
    await s.append('case-m', [noted('second')], { expectedVersion: 1 });
    const read = await s.readStream('case-m');
    expect(read.map((e) => (e.data as { text: string }).text)).toEqual(['as filed', 'second']);
    expect(read.map((e) => e.position)).toEqual([1, 10_001]);
    expect(read[0]?.hash).toBe(r.events[0]?.hash);
    expect(await s.verify({ stream: 'case-m' })).toMatchObject({ ok: true, events: 2 });
  });

  it('keeps idempotency past the de-duplication window: a re-sent batch is found in its stream', async () => {
    const options = { ...fresh(), duplicateWindowMs: 500 };
    const s = await open(options);
    const first = await s.append('case-i', [noted('a', 'evt-1'), noted('b', 'evt-2')], { expectedVersion: 'no-stream' });
    await s.append('case-i', [noted('c')]);
    await new Promise((r) => setTimeout(r, 1200));
    // A second process (cold cache), long after JetStream forgot the Nats-Msg-Id.
    const other = await open(options);
    for (const expectedVersion of ['any', 'no-stream', 1] as const) {
      const again = await other.append('case-i', [noted('a', 'evt-1'), noted('b', 'evt-2')], { expectedVersion });
      expect(again.duplicate).toBe(true);
      expect(again.events.map((e) => e.position)).toEqual(first.events.map((e) => e.position));
    }
    await expect(other.append('case-i', [noted('b', 'evt-2'), noted('x', 'evt-9')])).rejects.toBeInstanceOf(DuplicateEventIdError);
    expect(await other.streamVersion('case-i')).toBe(3);
    expect((await other.verify()).ok).toBe(true);
  });

  it('checks expectedVersion against the server, not a stale cache, across two processes', async () => {
    const options = fresh();
    const a = await open(options);
    const b = await open(options);
    await a.append('case-c', [noted('1')], { expectedVersion: 'no-stream' });
    expect(await b.readStream('case-c')).toHaveLength(1);
    await a.append('case-c', [noted('2')], { expectedVersion: 1 });
    // b still caches version 1: the server refuses its stale expectation, and b reloads to tell the truth.
    const err = await b.append('case-c', [noted('x')], { expectedVersion: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CORE_CONCURRENCY', actual: 2 });
    expect(err).toBeInstanceOf(ConcurrencyError);
    // With 'any' (or the right version) b chains onto the real head.
    expect((await b.append('case-c', [noted('3')])).events[0]?.version).toBe(3);
    expect((await a.append('case-c', [noted('4')], { expectedVersion: 3 })).events[0]?.version).toBe(4);
    expect((await a.readStream('case-c')).map((e) => (e.data as { text: string }).text)).toEqual(['1', '2', '3', '4']);
    expect(await a.verify()).toMatchObject({ ok: true, events: 4 });
  });

  it('checks an append condition (issue 15) across two processes, over more messages than it reads one by one, and with no events; a repeat is still answered as stored', async () => {
    const options = { ...fresh(), appendConditions: true };
    const a = await open(options);
    const b = await open(options);
    // Off unless asked for, and asked for with a boolean.
    const plain = await open(fresh());
    expect([a.appendConditions, plain.appendConditions]).toEqual([true, false]);
    await expect(plain.append('case-p', [noted('x')], { condition: { types: ['Noted'], after: 0 } })).rejects.toThrow(/does not check append conditions/);
    await expect(open({ ...fresh(), appendConditions: 'yes' as never })).rejects.toThrow(/appendConditions "yes" must be true or false/);
    await a.append('reg-1', [noted('item', 'n-1')], { expectedVersion: 'no-stream' });
    const item = await a.headPosition();
    // 30 messages after it, more than the check reads by direct get: it reads them through a consumer.
    for (let i = 0; i < 30; i++) await a.append(`case-${i}`, [{ type: 'Counted', data: { n: i } }]);
    // Process b decided on the log as it stood before the item: refused, nothing written, the item named.
    const before = await b.headPosition();
    const err = await b.append('case-b', [{ type: 'Counted', data: { n: 99 } }], { condition: { types: ['Noted'], after: 0 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppendConditionError);
    expect(err).toMatchObject({ code: 'CORE_APPEND_CONDITION', after: 0, position: item, type: 'Noted' });
    expect(await a.headPosition()).toBe(before);
    // An empty append checks the condition too.
    await expect(b.append('case-b', [], { condition: { types: ['Noted'], after: 0 } })).rejects.toBeInstanceOf(AppendConditionError);
    // Decided on a log that includes the item: written.
    expect((await b.append('case-b', [{ type: 'Counted', data: { n: 99 } }], { condition: { types: ['Noted'], after: item } })).events).toHaveLength(1);
    // A repeat of stored events (b has not read reg-1; 'no-stream' lets it skip the read) is answered as
    // stored, not refused by the condition the Noted itself would break.
    const again = await b.append('reg-1', [noted('item', 'n-1')], { expectedVersion: 'no-stream', condition: { types: ['Noted'], after: 0 } });
    expect(again).toMatchObject({ duplicate: true });
    expect(again.events[0]?.position).toBe(item);
    expect(await b.verify()).toMatchObject({ ok: true, events: 32 });
  });

  it('keeps ids with dots, wildcards, unicode and tildes on their own subjects', async () => {
    const s = await open(fresh());
    const ids = ['case.a', 'case.*', 'case.>', 'case~2ea', '办件-台州-1', 'case>a'];
    for (const [i, id] of ids.entries()) await s.append(id, [noted(String(i))], { expectedVersion: 'no-stream' });
    for (const [i, id] of ids.entries()) {
      expect((await s.readStream(id)).map((e) => (e.data as { text: string }).text)).toEqual([String(i)]);
      expect(s.subjectOf(id)).toMatch(/^t\.T[\w-]+\.center\.[A-Za-z0-9_~-]+\.1$/);
    }
    expect(await s.verify()).toMatchObject({ ok: true, streams: ids.length });
  });

  it('finds a message forged behind the store (a raw publish on a stream subject)', async () => {
    const options = fresh();
    const s = await open(options);
    for (let i = 0; i < 4; i++) await s.append('case-f', [noted(String(i))]);
    const [, second] = await s.readStream('case-f');
    const { position: _position, ...recorded } = second as StoredEvent;
    const forged = { ...recorded, version: 5, data: { text: 'forged' } };
    const nc = await connect({ servers: url });
    await jetstream(nc).publish(s.subjectOf('case-f', 5), JSON.stringify([forged]));
    const report = await s.verify();
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.break).toMatchObject({ stream: 'case-f', version: 5, reason: 'hash mismatch' });
    await jetstream(nc).publish(s.subjectOf('case-g'), 'not json');
    await nc.close();
    await expect(drain(s.readAll())).rejects.toBeInstanceOf(IntegrityError);
    expect((await s.verify()).ok).toBe(false);
  });

  it('refuses an append larger than one NATS message with ValidationError, writing nothing', async () => {
    const s = await open(fresh());
    const big = 'x'.repeat(4096);
    const err = await s.append('case-big', Array.from({ length: 400 }, () => noted(big))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(String((err as Error).message)).toMatch(/max_payload/);
    expect(await s.headPosition()).toBe(0);
  });

  it('refuses a stream whose limits would drop events, and reports an unreachable server', async () => {
    const options = fresh();
    const nc = await connect({ servers: url });
    await (await jetstreamManager(nc)).streams.add({ name: options.stream, subjects: [`${options.subjectPrefix}.>`], max_age: 3600 * 1e9 });
    await nc.close();
    await expect(createNatsStore(options)).rejects.toBeInstanceOf(StreamConfigError);
    const started = Date.now();
    await expect(createNatsStore({ ...fresh(), servers: '127.0.0.1:1', connectTimeoutMs: 1000 })).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('keeps checkpoints in a KV bucket under any name', async () => {
    const options = fresh();
    const s = await open(options);
    await s.checkpoints.save('sync:port/办件 *', { position: 10_001, state: { n: 1 } });
    const other = await open(options);
    expect(await other.checkpoints.load('sync:port/办件 *')).toEqual({ position: 10_001, state: { n: 1 } });
    await expect(s.checkpoints.save('x', { position: -1 })).rejects.toBeInstanceOf(ValidationError);
  });
});
