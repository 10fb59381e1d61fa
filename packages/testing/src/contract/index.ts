import {
  AppendConditionError,
  ConcurrencyError,
  createEventRegistry,
  defineEvent,
  DuplicateEventIdError,
  canonicalJson,
  eventHash,
  foldDecider,
  GENESIS_HASH,
  sha256Hex,
  handle,
  IntegrityError,
  runProjection,
  ValidationError,
  UnknownEventTypeError,
  verifyEvents,
  type Decider,
  type EventStore,
  type RecordedEvent,
  type StoreOptions,
  type StoredEvent,
} from '@banshi/core';
import { DomainError } from '@banshi/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';

/** How a contract run makes and corrupts stores of one adapter (every adapter gives both). */
export interface ContractHarness {
  /** A fresh, empty store. */
  make(options: StoreOptions): Promise<EventStore> | EventStore;
  /**
   * Changes the stored payload of the event at `position` behind the store's back (a bit flip
   * on disk), keeping its recorded hash and its position. The suite checks that `verify()` finds it.
   */
  corrupt(store: EventStore, position: number): Promise<void>;
}

const Noted = defineEvent('Noted', z.object({ text: z.string() }));
const Counted = defineEvent('Counted', z.object({ n: z.number().int() }), { schema: 2, upcasters: { 1: (d) => ({ n: Number((d as { count: string }).count) }) } });
/** The registry the contract uses: `Noted { text }`, `Counted { n }` (schema 2; v1 was `{ count: string }`). */
export const contractRegistry = createEventRegistry([Noted, Counted]);

const noted = (text: string, id?: string) => ({ type: 'Noted', data: { text }, ...(id ? { id } : {}) });

async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/**
 * The event-store conformance suite (design §2). Every adapter calls it unchanged:
 *
 * @example
 * describeEventStoreContract('memory', { make: (o) => createMemoryStore(o) });
 */
export function describeEventStoreContract(name: string, harness: ContractHarness): void {
  describe(`EventStore contract: ${name}`, () => {
    const open: EventStore[] = [];
    const make = async (o: StoreOptions = {}) => {
      const s = await harness.make({ registry: contractRegistry, ...o });
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close().catch(() => undefined);
    });

    describe('ordering', () => {
      it('assigns versions 1..n per stream and strictly increasing global positions', async () => {
        const s = await make();
        const a = await s.append('case-a', [noted('1'), noted('2')], { expectedVersion: 'no-stream' });
        const b = await s.append('case-b', [noted('x')], { expectedVersion: 'no-stream' });
        const a2 = await s.append('case-a', [noted('3')], { expectedVersion: 2 });
        expect(a.events.map((e) => e.version)).toEqual([1, 2]);
        expect(a2.events[0]?.version).toBe(3);
        expect(a2.nextExpectedVersion).toBe(3);
        const positions = [...a.events, ...b.events, ...a2.events].map((e) => e.position);
        expect([...positions].sort((x, y) => x - y)).toEqual(positions);
        expect(new Set(positions).size).toBe(4);
        expect(await s.headPosition()).toBe(a2.lastPosition);
        expect((await s.readStream('case-a')).map((e) => (e.data as { text: string }).text)).toEqual(['1', '2', '3']);
        expect((await s.readStream('case-a', { fromVersion: 2 })).map((e) => e.version)).toEqual([2, 3]);
        expect((await s.readStream('case-a', { fromVersion: 1, toVersion: 2 })).map((e) => e.version)).toEqual([1, 2]);
        expect(await s.readStream('case-none')).toEqual([]);
        expect(await s.streamVersion('case-a')).toBe(3);
        expect(await s.streamVersion('case-none')).toBe(0);
      });

      it('fills meta (recordedAt, occurredAt, actor, channel, node) and keeps what the caller gave', async () => {
        const s = await make({ node: 'sub-port' });
        const r = await s.append('case-m', [{ type: 'Noted', data: { text: 'm' }, meta: { occurredAt: '2013-09-13T09:00:00.000Z', channel: 'window', actor: { id: 'clerk-1', role: 'clerk' }, correlationId: 'corr-1' } }]);
        const e = r.events[0] as StoredEvent;
        expect(e.meta.occurredAt).toBe('2013-09-13T09:00:00.000Z');
        expect(e.meta.channel).toBe('window');
        expect(e.meta.actor).toEqual({ id: 'clerk-1', role: 'clerk' });
        expect(e.meta.node).toBe('sub-port');
        expect(e.meta.correlationId).toBe('corr-1');
        expect(Date.parse(e.meta.recordedAt)).not.toBeNaN();
        expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(e.schema).toBe(1);
        expect((await s.readStream('case-m'))[0]).toEqual(e);
      });

      it('reads all events in global order, in pages, from a position, filtered by type', async () => {
        const s = await make();
        for (let i = 0; i < 25; i++) await s.append(`case-${i % 3}`, [noted(String(i)), { type: 'Counted', data: { n: i } }]);
        const all = await drain(s.readAll({ batchSize: 7 }));
        expect(all).toHaveLength(50);
        expect(all.map((e) => e.position)).toEqual([...all.map((e) => e.position)].sort((x, y) => x - y));
        const batches = await drain(s.readAllBatches({ batchSize: 7 }));
        expect(batches.every((b) => b.length <= 7)).toBe(true);
        expect(batches.flat().map((e) => e.id)).toEqual(all.map((e) => e.id));
        const from = all[30] as StoredEvent;
        const tail = await drain(s.readAll({ fromPosition: from.position, batchSize: 4 }));
        expect(tail.map((e) => e.id)).toEqual(all.slice(30).map((e) => e.id));
        const counted = await drain(s.readAll({ types: ['Counted'], batchSize: 5 }));
        expect(counted.map((e) => (e.data as { n: number }).n)).toEqual([...Array(25).keys()]);
        expect(await drain(s.readAll({ fromPosition: (await s.headPosition()) + 1 }))).toEqual([]);
      });
    });

    describe('concurrency', () => {
      it('rejects a wrong expectedVersion with ConcurrencyError(stream, expected, actual) and writes nothing', async () => {
        const s = await make();
        await s.append('case-c', [noted('1')], { expectedVersion: 'no-stream' });
        const head = await s.headPosition();
        const err = await s.append('case-c', [noted('2')], { expectedVersion: 5 }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ConcurrencyError);
        expect(err).toMatchObject({ code: 'CORE_CONCURRENCY', stream: 'case-c', expected: 5, actual: 1 });
        await expect(s.append('case-c', [noted('2')], { expectedVersion: 'no-stream' })).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(s.append('case-new', [noted('2')], { expectedVersion: 'stream-exists' })).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await s.headPosition()).toBe(head);
        expect(await s.streamVersion('case-c')).toBe(1);
      });

      it('lets exactly one of several racing writers with the same expectedVersion win', async () => {
        const s = await make();
        await s.append('case-race', [noted('0')]);
        const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => s.append('case-race', [noted(`w${i}`)], { expectedVersion: 1 })));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
        expect(await s.streamVersion('case-race')).toBe(2);
      });

      it('handle() retries on conflict and is idempotent by commandId', async () => {
        const s = await make();
        const counter: Decider<number, { add: number }, { type: 'Counted'; data: { n: number } }> = {
          initialState: 0,
          decide: (c, st) => (st + c.add > 100 ? new DomainError('TESTING_TOO_MUCH', 'the counter may not pass 100', { key: 'maxCount', basis: 'test rule 1' }) : [{ type: 'Counted', data: { n: c.add } }]),
          evolve: (st, e) => st + e.data.n,
        };
        const runs = await Promise.all(Array.from({ length: 6 }, (_, i) => handle(s, 'case-h', { add: 1 }, counter, { commandId: `cmd-${i}`, retries: 20 })));
        expect(runs.every((r) => !r.duplicate)).toBe(true);
        expect(await s.streamVersion('case-h')).toBe(6);
        const again = await handle(s, 'case-h', { add: 1 }, counter, { commandId: 'cmd-3' });
        expect(again.duplicate).toBe(true);
        expect(again.events.map((e) => e.id)).toEqual(runs[3]?.events.map((e) => e.id));
        expect(await s.streamVersion('case-h')).toBe(6);
        expect(foldDecider(counter, await s.readStream('case-h'))).toBe(6);
        await expect(handle(s, 'case-h', { add: 1000 }, counter)).rejects.toMatchObject({ code: 'TESTING_TOO_MUCH' });
      });
    });

    describe('append conditions', () => {
      const counted = (n: number) => ({ type: 'Counted', data: { n } });
      it('a store that checks them writes only while no event of the condition\'s types lies after its position; one that does not refuses them', async () => {
        const s = await make();
        await s.append('reg-1', [noted('a')]);
        await s.append('case-x', [counted(1)]);
        const after = await s.headPosition();
        await s.append('case-x', [counted(2)]);
        if (s.appendConditions !== true) {
          // Never silently ignored: refused before anything is written.
          const err = await s.append('case-y', [counted(3)], { condition: { types: ['Noted'], after } }).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(ValidationError);
          expect(String((err as Error).message)).toMatch(/append conditions/);
          expect(await s.streamVersion('case-y')).toBe(0);
          return;
        }
        // A Noted at or before `after`, a Counted after it: the condition holds.
        const ok = await s.append('case-y', [counted(3)], { expectedVersion: 'no-stream', condition: { types: ['Noted'], after } });
        expect(ok.events).toHaveLength(1);
        // A Noted after `after`: refused, nothing written, and the error names it.
        await s.append('reg-1', [noted('b')]);
        const noted2 = await s.headPosition();
        const head = noted2;
        const err = await s.append('case-z', [counted(4)], { condition: { types: ['Noted', 'Other'], after } }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AppendConditionError);
        expect(err).toMatchObject({ code: 'CORE_APPEND_CONDITION', stream: 'case-z', after, position: noted2, type: 'Noted' });
        expect(await s.headPosition()).toBe(head);
        expect(await s.streamVersion('case-z')).toBe(0);
        // From the position of that Noted on, it holds again.
        expect((await s.append('case-z', [counted(5)], { condition: { types: ['Noted'], after: noted2 } })).events).toHaveLength(1);
      });

      it('is checked atomically with the write: of racing writers that read the same position, exactly one writes', async () => {
        const s = await make();
        if (s.appendConditions !== true) return;
        await s.append('reg-1', [noted('a')]);
        const after = await s.headPosition();
        const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => s.append(`reg-${i + 2}`, [noted(`w${i}`)], { condition: { types: ['Noted'], after } })));
        const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        expect(won).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(AppendConditionError);
        // One event more than before (positions increase; a store may leave gaps between them).
        const landed: string[] = [];
        for await (const e of s.readAll({ fromPosition: after + 1 })) landed.push(e.id);
        expect(landed).toEqual(won[0]?.events.map((e) => e.id));
      });

      it('conditional appends that race without breaking their conditions all write: the check refuses only what it must', async () => {
        const s = await make();
        if (s.appendConditions !== true) return;
        await s.append('reg-1', [noted('a')]);
        const after = await s.headPosition();
        // Eight writers decided on the same position, each writing a Counted with "no Noted since":
        // they race for the log's end, and none of them breaks the condition.
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) => s.append(`case-k${i}`, [counted(i)], { condition: { types: ['Noted'], after } })));
        expect(results.map((r) => r.events.length)).toEqual(Array.from({ length: 8 }, () => 1));
        const landed: number[] = [];
        for await (const e of s.readAll({ fromPosition: after + 1 })) landed.push((e.data as { n: number }).n);
        expect([...landed].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      });

      it('refuses a malformed condition with ValidationError, writing nothing; a repeated batch is answered as stored', async () => {
        const s = await make();
        if (s.appendConditions !== true) return;
        const first = await s.append('case-r', [{ ...counted(1), id: 'r-1' }]);
        for (const condition of [{ types: [], after: 0 }, { types: ['Noted'], after: -1 }, { types: ['Noted'], after: 1.5 }, { types: 'Noted', after: 0 }, { types: [''], after: 0 }, null]) {
          const err = await s.append('case-bad', [counted(1)], { condition: condition as never }).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(ValidationError);
        }
        expect(await s.streamVersion('case-bad')).toBe(0);
        await s.append('reg-1', [noted('later')]);
        const again = await s.append('case-r', [{ ...counted(1), id: 'r-1' }], { condition: { types: ['Noted'], after: 0 } });
        expect(again.duplicate).toBe(true);
        expect(again.events.map((e) => e.position)).toEqual(first.events.map((e) => e.position));
      });

      it('over random histories, a conditional append writes exactly when no event of its types lies after its position (a model of the log decides)', async () => {
        const s = await make();
        if (s.appendConditions !== true) return;
        const types = ['Noted', 'Counted'] as const;
        const step = fc.record({
          stream: fc.constantFrom('a', 'b', 'c'),
          type: fc.constantFrom(...types),
          condition: fc.option(fc.record({ types: fc.subarray([...types], { minLength: 1 }), back: fc.nat({ max: 6 }) }), { nil: undefined }),
        });
        let run = 0;
        await fc.assert(
          fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
            run++;
            // The model: this run's events (position, type) in log order. Positions increase but
            // need not be consecutive (a store may leave gaps), so the model keeps the ones stored.
            const base = await s.headPosition();
            const model: { position: number; type: string }[] = [];
            for (const x of steps) {
              const stream = `p${run}-${x.stream}`;
              const event = x.type === 'Noted' ? noted(`${run}`) : { type: 'Counted', data: { n: run } };
              const head = model.at(-1)?.position ?? base;
              // `back` events before the head (the run's start at most): the position a caller read up to.
              const after = x.condition ? (model[model.length - 1 - x.condition.back]?.position ?? base) : 0;
              const blocked = x.condition ? model.some((m) => m.position > after && x.condition?.types.includes(m.type as (typeof types)[number])) : false;
              const r = await s.append(stream, [event], x.condition ? { condition: { types: x.condition.types, after } } : {}).catch((e: unknown) => e);
              if (blocked) {
                expect(r).toBeInstanceOf(AppendConditionError);
                expect(await s.headPosition()).toBe(head);
              } else {
                expect(r).not.toBeInstanceOf(Error);
                const stored = (r as { events: readonly { position: number }[] }).events[0]?.position ?? Number.NaN;
                expect(stored).toBeGreaterThan(head);
                model.push({ position: stored, type: x.type });
                expect(await s.headPosition()).toBe(stored);
              }
            }
          }),
          { numRuns: 15, seed: 2026 },
        );
      });

      it('handle() passes the condition to the append and lets its refusal through without retrying', async () => {
        const s = await make();
        if (s.appendConditions !== true) return;
        const counter: Decider<number, { add: number }, { type: 'Counted'; data: { n: number } }> = {
          initialState: 0,
          decide: (c) => [{ type: 'Counted', data: { n: c.add } }],
          evolve: (st, e) => st + e.data.n,
        };
        await s.append('reg-1', [noted('a')]);
        const err = await handle(s, 'case-hc', { add: 1 }, counter, { condition: { types: ['Noted'], after: 0 }, assumeNew: true }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AppendConditionError);
        expect(await s.streamVersion('case-hc')).toBe(0);
        const ok = await handle(s, 'case-hc', { add: 1 }, counter, { condition: { types: ['Noted'], after: await s.headPosition() } });
        expect(ok.version).toBe(1);
      });
    });

    describe('atomicity and bad input', () => {
      it('rejects a batch with one schema-invalid payload with ValidationError listing the issue, writing nothing', async () => {
        const s = await make();
        await s.append('case-v', [noted('ok')]);
        const head = await s.headPosition();
        const err = await s.append('case-v', [noted('fine'), { type: 'Noted', data: { text: 42 } }]).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).issues[0]?.path).toEqual([1, 'data', 'text']);
        expect(await s.headPosition()).toBe(head);
        expect(await s.streamVersion('case-v')).toBe(1);
      });

      it('rejects unknown types, bad stream ids, bad meta and non-JSON payloads with typed errors', async () => {
        const s = await make();
        await expect(s.append('case-u', [{ type: 'Teleported', data: {} }])).rejects.toBeInstanceOf(UnknownEventTypeError);
        await expect(s.append('has space', [noted('x')])).rejects.toBeInstanceOf(ValidationError);
        await expect(s.append('', [noted('x')])).rejects.toBeInstanceOf(ValidationError);
        await expect(s.append('case-u', [{ type: 'Noted', data: { text: 'x' }, meta: { channel: 'fax' as never } }])).rejects.toBeInstanceOf(ValidationError);
        await expect(s.append('case-u', [{ type: 'Noted', data: { text: 'x' }, meta: { occurredAt: 'yesterday' } }])).rejects.toBeInstanceOf(ValidationError);
        await expect(s.append('case-u', [noted('a', 'same-id'), noted('b', 'same-id')])).rejects.toBeInstanceOf(ValidationError);
        expect(await s.headPosition()).toBe(0);
      });

      it('appends an empty batch as a no-op', async () => {
        const s = await make();
        const r = await s.append('case-empty', []);
        expect(r.events).toEqual([]);
        expect(await s.headPosition()).toBe(0);
      });
    });

    describe('idempotency', () => {
      it('treats a repeated batch of stored ids as a no-op returning the stored positions', async () => {
        const s = await make();
        const first = await s.append('case-i', [noted('a', 'evt-1'), noted('b', 'evt-2')], { expectedVersion: 'no-stream' });
        const again = await s.append('case-i', [noted('a', 'evt-1'), noted('b', 'evt-2')], { expectedVersion: 'no-stream' });
        expect(again.duplicate).toBe(true);
        expect(again.events.map((e) => e.position)).toEqual(first.events.map((e) => e.position));
        expect(await s.headPosition()).toBe(2);
      });

      it('rejects a batch mixing stored and new ids, and a stored id in another stream', async () => {
        const s = await make();
        await s.append('case-i', [noted('a', 'evt-1')]);
        await expect(s.append('case-i', [noted('a', 'evt-1'), noted('b', 'evt-9')])).rejects.toBeInstanceOf(DuplicateEventIdError);
        await expect(s.append('case-j', [noted('a', 'evt-1')])).rejects.toBeInstanceOf(DuplicateEventIdError);
        await expect(s.append('case-i', [noted('a', 'evt-1'), noted('no id')])).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await s.headPosition()).toBe(1);
      });
    });

    describe('schemas', () => {
      it('upcasts old payloads on read and leaves the stored hash chain intact', async () => {
        const s = await make();
        // Writing an old schema is refused at the edge; old events arrive through imports.
        await expect(s.append('case-up', [{ type: 'Counted', schema: 1, data: { count: '7' } }])).rejects.toBeInstanceOf(ValidationError);
        expect(await s.headPosition()).toBe(0);
        const plain = await make({ registry: undefined as never });
        await plain.append('case-up', [{ type: 'Counted', schema: 1, data: { count: '7' } }]);
        const logged = await drain(plain.readAll());
        await s.importEvents(logged.map(({ position: _p, ...r }) => r as RecordedEvent));
        const [e] = await s.readStream('case-up');
        expect(e).toMatchObject({ schema: 2, data: { n: 7 } });
        expect((await s.verify()).ok).toBe(true);
        // Exports and replication read events as stored, so their bytes still match their hashes.
        const raw = await drain(s.readAll({ upcast: false }));
        expect(raw[0]).toMatchObject({ schema: 1, data: { count: '7' }, hash: logged[0]?.hash });
        expect((await verifyEvents(raw)).ok).toBe(true);
        expect((await verifyEvents(await drain(s.readAll()))).ok).toBe(false);
        expect((await s.readStream('case-up', { upcast: false }))[0]).toMatchObject({ schema: 1, data: { count: '7' } });
      });

      it('rejects an unknown type on read unless the store passes unknown types through', async () => {
        const plain = await make({ registry: undefined as never });
        await plain.append('case-x', [{ type: 'Mystery', data: { a: 1 } }]);
        const recorded = (await drain(plain.readAll())).map(({ position: _p, ...r }) => r as RecordedEvent);
        const strict = await make();
        await expect(strict.importEvents(recorded)).rejects.toBeInstanceOf(UnknownEventTypeError);
        expect(await strict.headPosition()).toBe(0);
        const lenient = await make({ unknownEvents: 'passthrough' });
        await lenient.importEvents(recorded);
        expect((await lenient.readStream('case-x'))[0]).toMatchObject({ type: 'Mystery', data: { a: 1 } });
        expect((await lenient.verify()).ok).toBe(true);
      });
    });

    describe('import', () => {
      const recordedLog = async (n: number) => {
        const src = await make();
        for (let i = 0; i < n; i++) await src.append(`case-${i % 4}`, [noted(String(i))]);
        return (await drain(src.readAll())).map(({ position: _p, ...r }) => r as RecordedEvent);
      };

      it('imports recorded events keeping ids, versions, meta and hashes; identical events are skipped', async () => {
        const log = await recordedLog(12);
        const s = await make();
        const r = await s.importEvents(log);
        expect(r).toMatchObject({ imported: 12, skipped: 0 });
        const back = (await drain(s.readAll())).map(({ position: _p, ...e }) => e);
        expect(back).toEqual(log);
        const again = await s.importEvents(log);
        expect(again).toMatchObject({ imported: 0, skipped: 12 });
        expect((await s.verify()).ok).toBe(true);
      });

      it('writes nothing when the source fails midway or a hash does not chain', async () => {
        const log = await recordedLog(10);
        const s = await make();
        async function* failing() {
          yield log[0] as RecordedEvent;
          yield log[1] as RecordedEvent;
          throw new Error('disk read error');
        }
        await expect(s.importEvents(failing())).rejects.toThrow('disk read error');
        expect(await s.headPosition()).toBe(0);
        const tampered = log.map((e, i) => (i === 6 ? { ...e, data: { text: 'forged' } } : e));
        await expect(s.importEvents(tampered)).rejects.toBeInstanceOf(IntegrityError);
        expect(await s.headPosition()).toBe(0);
        const gap = log.filter((_, i) => i !== 4);
        await expect(s.importEvents(gap)).rejects.toBeInstanceOf(IntegrityError);
        expect(await s.headPosition()).toBe(0);
      });
    });

    describe('what is hashed is what is stored (design §7)', () => {
      /** JSON texts with the keys that trip JavaScript objects up, plus index-like keys and CJK. */
      const key = fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toJSON', 'toString', '0', '10', '办件'));
      const tree = fc.letrec((tie) => ({
        value: fc.oneof({ depthSize: 'small' }, fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)), tie('array'), tie('object')),
        array: fc.array(tie('value'), { maxLength: 3 }),
        object: fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map((kv) => '{' + kv.map(([k, v]) => JSON.stringify(k) + ':' + JSON.stringify(v)).join(',') + '}'),
      })).object;
      const jsonText = tree.map((t) => t as string).filter((t) => typeof t === 'string');

      it('for any JSON text the store accepts, the stored bytes re-canonicalize to the hashed bytes; "__proto__" is refused, never dropped', async () => {
        const s = await make({ registry: undefined } as unknown as StoreOptions);
        let n = 0;
        await fc.assert(
          fc.asyncProperty(jsonText, async (text) => {
            const data = JSON.parse(text) as unknown;
            const stream = `case-j${n++}`;
            const hasProto = /"__proto__":/.test(text);
            if (hasProto) {
              await expect(s.append(stream, [{ type: 'Json', data }])).rejects.toBeInstanceOf(ValidationError);
              expect(await s.streamVersion(stream)).toBe(0);
              return;
            }
            await s.append(stream, [{ type: 'Json', data }]);
            const [e] = await s.readStream(stream, { upcast: false });
            expect(canonicalJson(e?.data)).toBe(canonicalJson(data));
            expect(eventHash(GENESIS_HASH, e as StoredEvent)).toBe(e?.hash);
          }),
          { numRuns: 40, seed: 62 },
        );
        expect((await s.verify()).ok).toBe(true);
      });

      it('stores what toJSON returns, as it was hashed', async () => {
        const s = await make({ registry: undefined } as unknown as StoreOptions);
        const money = { fen: 1234, toJSON: () => ({ yuan: '12.34' }) };
        await s.append('case-m', [{ type: 'Paid', data: { amount: money, at: new Date('2013-09-16T01:00:00Z') } }]);
        const [e] = await s.readStream('case-m', { upcast: false });
        expect(e?.data).toEqual({ amount: { yuan: '12.34' }, at: '2013-09-16T01:00:00.000Z' });
        expect((await s.verify()).ok).toBe(true);
      });

      it('refuses an imported event that carries a "__proto__" key (a hash computed without it no longer passes)', async () => {
        const s = await make({ unknownEvents: 'passthrough' });
        const meta = { occurredAt: '2013-09-16T01:00:00.000Z', recordedAt: '2013-09-16T01:00:00.000Z', actor: { id: 'a', role: 'clerk' }, channel: 'window' as const, node: 'center' };
        const honest = { id: 'e1', stream: 'case-p', version: 1, type: 'Decided', schema: 1, data: { outcome: 'deny' }, meta };
        // What the old canonical form hashed: the injected key silently dropped.
        const hash = sha256Hex(GENESIS_HASH + canonicalJson(honest));
        const injected = { ...honest, data: JSON.parse('{"outcome":"deny","__proto__":{"outcome":"grant"}}') as unknown, hash };
        await expect(s.importEvents([injected])).rejects.toSatisfy((e) => e instanceof ValidationError || e instanceof IntegrityError);
        expect(await s.headPosition()).toBe(0);
      });
    });

    describe('checkpoints and projections', () => {
      it('saves and loads checkpoints, and a projection resumes where it stopped', async () => {
        const s = await make();
        expect(await s.checkpoints.load('nothing')).toBeUndefined();
        await s.checkpoints.save('p', { position: 3, state: { a: [1, 2] } });
        expect(await s.checkpoints.load('p')).toEqual({ position: 3, state: { a: [1, 2] } });
        const counting = { name: 'count', init: () => ({ n: 0 }), apply: (st: { n: number }) => ({ n: st.n + 1 }) };
        for (let i = 0; i < 5; i++) await s.append('case-p', [noted(String(i))]);
        const first = await runProjection(s, counting);
        expect(first).toMatchObject({ state: { n: 5 }, processed: 5 });
        for (let i = 0; i < 3; i++) await s.append('case-q', [noted(String(i))]);
        const second = await runProjection(s, counting);
        expect(second).toMatchObject({ state: { n: 8 }, processed: 3, position: await s.headPosition() });
        expect(await runProjection(s, counting)).toMatchObject({ processed: 0, state: { n: 8 } });
      });
    });

    describe('subscribe', () => {
      it('yields stored events, then new ones as they commit, and stops on abort', async () => {
        const s = await make();
        await s.append('case-s', [noted('1'), noted('2')]);
        const ac = new AbortController();
        const seen: string[] = [];
        const done = (async () => {
          for await (const e of s.subscribe({ fromPosition: 1, signal: ac.signal, pollIntervalMs: 20 })) {
            seen.push((e.data as { text: string }).text);
            if (seen.length === 4) ac.abort();
          }
        })();
        await new Promise((r) => setTimeout(r, 30));
        await s.append('case-s', [noted('3')]);
        await s.append('case-t', [noted('4')]);
        await done;
        expect(seen).toEqual(['1', '2', '3', '4']);
      });
    });

    describe('hash chain', () => {
      it('verifies an intact log and a single stream', async () => {
        const s = await make();
        for (let i = 0; i < 6; i++) await s.append(`case-${i % 2}`, [noted(String(i))]);
        expect(await s.verify()).toMatchObject({ ok: true, events: 6, streams: 2 });
        expect(await s.verify({ stream: 'case-1' })).toMatchObject({ ok: true, events: 3 });
      });

      it('reports the first corrupted event (stream, version, expected vs found)', async () => {
        const s = await make();
        for (let i = 0; i < 6; i++) await s.append(`case-${i % 2}`, [noted(String(i))]);
        const victim = (await drain(s.readAll()))[3] as StoredEvent;
        await harness.corrupt(s, victim.position);
        const report = await s.verify();
        expect(report.ok).toBe(false);
        if (!report.ok) {
          expect(report.break).toMatchObject({ stream: victim.stream, version: victim.version, reason: 'hash mismatch' });
          expect(report.break.found).toBe(victim.hash);
          expect(report.break.expected).not.toBe(victim.hash);
        }
      });
    });
  });
}
