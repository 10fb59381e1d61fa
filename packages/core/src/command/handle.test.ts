import { describe, expect, it } from 'vitest';
import { ConcurrencyError, createMemoryStore, DomainError, handle, IdempotencyConflictError, type DecideContext, type Decider, type StoredEvent } from '../index.js';

type Said = { type: 'Said'; data: { by: string } };
/** Records who asked, as `decide` was told: the authenticated actor, never a field of the command. */
const echo: Decider<number, { say: true; by?: string }, Said> = {
  initialState: 0,
  decide: (_c, _s, context?: DecideContext) => (context?.actor ? [{ type: 'Said', data: { by: `${context.actor.id}/${context.actor.role}` } }] : new DomainError('CORE_TEST_ANONYMOUS', 'who is asking?')),
  evolve: (s) => s + 1,
};

describe('handle() passes the authenticated actor to decide (design §7)', () => {
  it('decide sees meta.actor — the actor recorded on the events — and nothing from the command body', async () => {
    const store = createMemoryStore();
    const r = await handle(store, 's-1', { say: true, by: 'head' }, echo, { meta: { actor: { id: 'w-7', role: 'clerk' } } });
    expect(r.events.map((e) => [e.data, e.meta.actor])).toEqual([[{ by: 'w-7/clerk' }, { id: 'w-7', role: 'clerk' }]]);
  });

  it('without meta.actor, decide gets no actor', async () => {
    await expect(handle(createMemoryStore(), 's-1', { say: true }, echo)).rejects.toMatchObject({ code: 'CORE_TEST_ANONYMOUS' });
  });
});

type Added = { type: 'Added'; data: { n: number } };
const counter: Decider<number, { add: number }, Added> = {
  initialState: 0,
  decide: (c) => (c.add === 0 ? [] : [{ type: 'Added', data: { n: c.add } }]),
  evolve: (s, e) => s + e.data.n,
};
const clerk = { id: 'w-7', role: 'clerk' };

describe('handle() for callers that saw a version and hold a request (HTTP)', () => {
  it('expectedVersion: another version is a ConcurrencyError at once, nothing written, no retry', async () => {
    const store = createMemoryStore();
    await handle(store, 's-1', { add: 1 }, counter);
    await expect(handle(store, 's-1', { add: 2 }, counter, { expectedVersion: 0 })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.headPosition()).toBe(1);
    const r = await handle(store, 's-1', { add: 2 }, counter, { expectedVersion: 1 });
    expect([r.version, r.state, r.history.length]).toEqual([2, 3, 2]);
  });

  it('authorize sees the state and history before decide; a refusal writes nothing', async () => {
    const store = createMemoryStore();
    await handle(store, 's-1', { add: 5 }, counter);
    const seen: [number, number][] = [];
    const refuse = (state: number, history: readonly StoredEvent[]) => {
      seen.push([state, history.length]);
      throw new DomainError('CORE_TEST_NOT_YOURS', 'not yours');
    };
    await expect(handle(store, 's-1', { add: 1 }, counter, { authorize: refuse })).rejects.toMatchObject({ code: 'CORE_TEST_NOT_YOURS' });
    expect(seen).toEqual([[5, 1]]);
    expect(await store.headPosition()).toBe(1);
  });

  it('the same command id with the same command replays the first events (same ids); with another command or actor it is refused and writes nothing', async () => {
    const store = createMemoryStore();
    const first = await handle(store, 's-1', { add: 2 }, counter, { commandId: 'k-1', meta: { actor: clerk } });
    const again = await handle(store, 's-1', { add: 2 }, counter, { commandId: 'k-1', meta: { actor: clerk } });
    expect(again.duplicate).toBe(true);
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    await expect(handle(store, 's-1', { add: 3 }, counter, { commandId: 'k-1', meta: { actor: clerk } })).rejects.toMatchObject({ code: 'CORE_IDEMPOTENCY_CONFLICT', differs: 'command' });
    await expect(handle(store, 's-1', { add: 2 }, counter, { commandId: 'k-1', meta: { actor: { id: 'w-8', role: 'clerk' } } })).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await store.headPosition()).toBe(1);
    // A fingerprint given by the caller (HTTP: the request body) replaces the command's.
    await handle(store, 's-2', { add: 2 }, counter, { commandId: 'k-1', fingerprint: 'body-a' });
    expect((await handle(store, 's-2', { add: 9 }, counter, { commandId: 'k-1', fingerprint: 'body-a' })).duplicate).toBe(true);
    await expect(handle(store, 's-2', { add: 2 }, counter, { commandId: 'k-1', fingerprint: 'body-b' })).rejects.toBeInstanceOf(IdempotencyConflictError);
  });

  it('a command id whose events carry store-made ids (written before fingerprints) still replays', async () => {
    const store = createMemoryStore();
    await store.append('s-1', [{ type: 'Added', data: { n: 4 }, meta: { commandId: 'old' } }]);
    const r = await handle(store, 's-1', { add: 7 }, counter, { commandId: 'old' });
    expect([r.duplicate, r.state, await store.headPosition()]).toEqual([true, 4, 1]);
  });

  it('copies of one command sent at once append once; every copy gets the same events', async () => {
    const store = createMemoryStore();
    const rs = await Promise.all(Array.from({ length: 5 }, () => handle(store, 's-1', { add: 1 }, counter, { commandId: 'race' })));
    expect(await store.headPosition()).toBe(1);
    expect(new Set(rs.map((r) => r.events.map((e) => e.id).join()))).toHaveProperty('size', 1);
    expect(rs.filter((r) => !r.duplicate)).toHaveLength(1);
    // With the version the callers saw (HTTP If-Match), the copies that lose the race get the winner's result, not a conflict.
    const seen = await Promise.all(Array.from({ length: 5 }, () => handle(store, 's-1', { add: 2 }, counter, { commandId: 'race-2', expectedVersion: 1 })));
    expect(await store.headPosition()).toBe(2);
    expect(new Set(seen.map((r) => r.events.map((e) => e.id).join()))).toHaveProperty('size', 1);
    // A different command that loses the race is a conflict, as the caller saw another version.
    const [a, b] = await Promise.allSettled([handle(store, 's-1', { add: 3 }, counter, { expectedVersion: 2 }), handle(store, 's-1', { add: 4 }, counter, { expectedVersion: 2 })]);
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    expect(((a.status === 'rejected' ? a : b) as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
  });

  it('event ids start with the time, so they land at the end of the id index', async () => {
    const store = createMemoryStore();
    const r = await handle(store, 's-1', { add: 1 }, counter, { commandId: 'k-t' });
    const id = r.events[0]?.id ?? '';
    expect(id).toMatch(/^k[0-9a-z]{9}[0-9a-f]{24}$/);
    expect(parseInt(id.slice(1, 10), 36)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('handle() ids are reproducible when the caller says when the command was recorded', () => {
  it('the same commands with the same meta.recordedAt give the same ids in two stores, whatever the clock says', async () => {
    const run = async () => {
      const store = createMemoryStore();
      const meta = { actor: { id: 'u-1', role: 'clerk' }, recordedAt: '2013-09-16T02:00:00.000Z' };
      await handle(store, 's-1', { say: true }, echo, { commandId: 'c-1', meta });
      await new Promise((r) => setTimeout(r, 5));
      await handle(store, 's-1', { say: true }, echo, { commandId: 'c-2', meta });
      const ids: string[] = [];
      for await (const e of store.readAll()) ids.push(e.id);
      return ids;
    };
    const first = await run();
    await new Promise((r) => setTimeout(r, 5));
    expect(await run()).toEqual(first);
    expect(first[0]?.slice(1, 10)).toBe(Date.parse('2013-09-16T02:00:00.000Z').toString(36).padStart(9, '0'));
  });
});

describe('handle() ids from the business instant', () => {
  it('meta.occurredAt alone also fixes the ids', async () => {
    const ids = async () => {
      const store = createMemoryStore();
      const r = await handle(store, 's-1', { say: true }, echo, { commandId: 'c-1', meta: { actor: { id: 'u', role: 'clerk' }, occurredAt: '2013-09-16T02:00:00.000Z' } });
      return r.events.map((e) => e.id);
    };
    const a = await ids();
    await new Promise((r) => setTimeout(r, 5));
    expect(await ids()).toEqual(a);
  });
});
