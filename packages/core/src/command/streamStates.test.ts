/**
 * handle() with `states` (what earlier commands left) and `assumeNew` (a creating command
 * starts from an empty stream): they save the stream read when they hold, and when they do
 * not — another writer appended, the stream exists after all — the answer is the one a read
 * gives, never an error the assumption caused.
 */
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, createMemoryStore, DomainError, handle, type Decider, type EventStore, type StreamState, type StreamStates } from '../index.js';

type Ev = { type: 'Opened'; data: { by: string } } | { type: 'Noted'; data: { text: string } };
type Cmd = { type: 'Open'; by: string } | { type: 'Note'; text: string };
/** Open once, then notes; a note on a stream not opened is refused. */
const notes: Decider<{ open: boolean; notes: string[] }, Cmd, Ev> = {
  initialState: { open: false, notes: [] },
  decide(c, s) {
    if (c.type === 'Open') return s.open ? new DomainError('OPEN_TWICE', 'already open') : [{ type: 'Opened', data: { by: c.by } }];
    if (!s.open) return new DomainError('NOT_OPEN', 'open it first');
    return s.notes.includes(c.text) ? [] : [{ type: 'Noted', data: { text: c.text } }];
  },
  evolve: (s, e) => (e.type === 'Opened' ? { ...s, open: true } : { ...s, notes: [...s.notes, e.data.text] }),
};

function cache(): StreamStates<unknown> & { m: Map<string, StreamState<unknown>> } {
  const m = new Map<string, StreamState<unknown>>();
  return { m, get: (s) => m.get(s), set: (s, v) => void m.set(s, v), delete: (s) => void m.delete(s) };
}

/** Counts stream reads. */
function counting(store: EventStore): EventStore & { reads: number } {
  const c = Object.create(store) as EventStore & { reads: number };
  c.reads = 0;
  c.readStream = async (...a: Parameters<EventStore['readStream']>) => {
    c.reads++;
    return store.readStream(...a);
  };
  return c;
}

describe('handle() with stream states', () => {
  it('starts from the state the last command left: no read while it holds, the same state and version as a read', async () => {
    const store = counting(createMemoryStore());
    const states = cache();
    await handle(store, 's-1', { type: 'Open', by: 'w-7' }, notes, { states, assumeNew: true });
    const r = await handle(store, 's-1', { type: 'Note', text: 'a' }, notes, { states });
    expect(store.reads).toBe(0);
    expect([r.version, r.state]).toEqual([2, { open: true, notes: ['a'] }]);
    const plain = await handle(createMemoryStore(), 's-1', { type: 'Open', by: 'w-7' }, notes);
    expect(plain.state).toEqual({ open: true, notes: [] });
  });

  it('a stale state (another writer appended) is read again: the command lands on the real state, nothing is lost', async () => {
    const store = counting(createMemoryStore());
    const states = cache();
    await handle(store, 's-1', { type: 'Open', by: 'w-7' }, notes, { states });
    await handle(store, 's-1', { type: 'Note', text: 'elsewhere' }, notes); // not through this cache
    const r = await handle(store, 's-1', { type: 'Note', text: 'b' }, notes, { states });
    expect([r.version, r.state]).toEqual([3, { open: true, notes: ['elsewhere', 'b'] }]);
    // A no-op on the stale state (the note is there already) is decided again on the read one.
    await handle(store, 's-1', { type: 'Note', text: 'c' }, notes);
    states.set('s-1', { history: (await store.readStream('s-1')).slice(0, 1), state: { open: true, notes: [] } });
    const again = await handle(store, 's-1', { type: 'Note', text: 'c' }, notes, { states });
    expect([again.events.length, again.version]).toEqual([0, 4]);
  });

  it('If-Match is checked against the stream, not a stale state', async () => {
    const store = createMemoryStore();
    const states = cache();
    await handle(store, 's-1', { type: 'Open', by: 'w-7' }, notes, { states });
    await handle(store, 's-1', { type: 'Note', text: 'x' }, notes);
    // The client saw version 2 (the real one); the cache says 1.
    const ok = await handle(store, 's-1', { type: 'Note', text: 'y' }, notes, { states, expectedVersion: 2 });
    expect(ok.version).toBe(3);
    // A client at version 2 now is behind: 409, whatever the cache says.
    await expect(handle(store, 's-1', { type: 'Note', text: 'z' }, notes, { states, expectedVersion: 2 })).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('assumeNew on a stream that exists answers as a read would: the real refusal, or the first result of a repeat', async () => {
    const store = createMemoryStore();
    await handle(store, 's-1', { type: 'Open', by: 'w-7' }, notes, { commandId: 'open-1' });
    await expect(handle(store, 's-1', { type: 'Open', by: 'w-8' }, notes, { assumeNew: true })).rejects.toMatchObject({ code: 'OPEN_TWICE' });
    const repeat = await handle(store, 's-1', { type: 'Open', by: 'w-7' }, notes, { commandId: 'open-1', assumeNew: true });
    expect([repeat.duplicate, repeat.version]).toEqual([true, 1]);
    // A refusal under the assumption is not the answer: a note on an unknown stream is read and refused for real.
    await expect(handle(store, 's-1', { type: 'Note', text: 'n' }, notes, { assumeNew: true })).resolves.toMatchObject({ version: 2 });
    expect(await store.streamVersion('s-1')).toBe(2);
  });

  it('authorize sees the real state when the assumed one is refused', async () => {
    const store = createMemoryStore();
    const states = cache();
    await handle(store, 's-1', { type: 'Open', by: 'w-7' }, notes);
    states.set('s-1', { history: [], state: notes.initialState });
    const seen: number[] = [];
    await handle(store, 's-1', { type: 'Note', text: 'q' }, notes, {
      states,
      authorize: (_s, history) => {
        seen.push(history.length);
        if (history.length === 0) throw new Error('no such stream');
      },
    });
    expect(seen).toEqual([0, 1]);
    expect(await store.streamVersion('s-1')).toBe(2);
  });
});
