import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/index.js';
import { createMemoryStore } from '../store/memoryStore.js';
import { handle, type Decider } from './index.js';

type Ev = { type: 'Set'; data: { on: string } };
/** A decider whose fold refuses an impossible date, as a real statutory clock does. */
const strict: Decider<string[], { on: string }, Ev> = {
  initialState: [],
  decide: (c, s) => (s.includes(c.on) ? new DomainError('twice', `${c.on} already set`) : [{ type: 'Set', data: { on: c.on } }]),
  evolve: (s, e) => {
    const d = new Date(`${e.data.on}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== e.data.on) throw new RangeError(`no such date ${e.data.on}`);
    return [...s, e.data.on];
  },
};

describe('handle', () => {
  it('folds the decided events before appending: a fold that throws writes nothing, and the stream still takes commands', async () => {
    const store = createMemoryStore();
    await handle(store, 'case-1', { on: '2013-02-28' }, strict);
    await expect(handle(store, 'case-1', { on: '2013-02-30' }, strict)).rejects.toThrow(/no such date 2013-02-30/);
    expect(await store.streamVersion('case-1')).toBe(1);
    expect(await store.headPosition()).toBe(1);
    await expect(handle(store, 'case-new', { on: '2013-02-30' }, strict)).rejects.toThrow(RangeError);
    expect(await store.streamVersion('case-new')).toBe(0);
    const r = await handle(store, 'case-1', { on: '2013-03-01' }, strict);
    expect(r.state).toEqual(['2013-02-28', '2013-03-01']);
    expect(r.version).toBe(2);
  });

  it('returns the folded state and is still idempotent by commandId', async () => {
    const store = createMemoryStore();
    const a = await handle(store, 'case-1', { on: '2013-09-16' }, strict, { commandId: 'cmd-1' });
    const b = await handle(store, 'case-1', { on: '2013-09-16' }, strict, { commandId: 'cmd-1' });
    expect(b.duplicate).toBe(true);
    expect(b.state).toEqual(a.state);
    expect(b.events.map((e) => e.id)).toEqual(a.events.map((e) => e.id));
  });
});
