import { arbAppends } from '@banshi/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDecider, type Decider } from '../command/index.js';
import type { NewEvent, StoredEvent } from '../envelope/index.js';
import { foldProjection, runProjection, type Projection } from '../projection/index.js';
import { createMemoryStore } from './memoryStore.js';

/** A read model whose result depends on order: per-stream event-type sequences plus a rolling checksum. */
const sequenceProjection: Projection<{ perStream: Record<string, string[]>; checksum: number }> = {
  name: 'sequence',
  init: () => ({ perStream: {}, checksum: 7 }),
  apply(state, e) {
    (state.perStream[e.stream] ??= []).push(`${e.version}:${e.type}`);
    state.checksum = (state.checksum * 31 + e.position * 17 + e.type.length) % 1_000_003;
    return state;
  },
};

const counter: Decider<{ n: number; types: string[] }, never, { type: string; data: unknown }> = {
  initialState: { n: 0, types: [] },
  decide: () => [],
  evolve: (s, e) => ({ n: s.n + 1, types: [...s.types, e.type] }),
};

async function build(appends: readonly { stream: string; events: readonly NewEvent[] }[]) {
  const s = createMemoryStore();
  for (const a of appends) await s.append(a.stream, a.events);
  return s;
}

async function drain(it: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of it) out.push(e);
  return out;
}

describe('event log properties', () => {
  it('folding the same events always gives the same state', async () => {
    await fc.assert(
      fc.asyncProperty(arbAppends(), async (appends) => {
        const events = await drain((await build(appends)).readAll());
        expect(foldDecider(counter, events)).toEqual(foldDecider(counter, [...events]));
        expect(await foldProjection(events, sequenceProjection)).toEqual(await foldProjection(events, sequenceProjection));
      }),
      { numRuns: 50 },
    );
  });

  it('replay from a checkpoint + the tail = full replay', async () => {
    await fc.assert(
      fc.asyncProperty(arbAppends(), arbAppends(), async (first, second) => {
        const s = createMemoryStore();
        for (const a of first) await s.append(a.stream, a.events);
        await runProjection(s, sequenceProjection);
        const saved = structuredClone(await s.checkpoints.load('sequence'));
        // A fresh process: restore the checkpoint into a new checkpoint store view and continue.
        for (const a of second) await s.append(a.stream, a.events);
        await s.checkpoints.save('sequence', saved as { position: number; state: unknown });
        const resumed = await runProjection(s, sequenceProjection);
        const full = await foldProjection(s.readAll(), sequenceProjection);
        expect(resumed.state).toEqual(full);
        expect(resumed.position).toBe(await s.headPosition());
      }),
      { numRuns: 50 },
    );
  });

  it('appending the same event ids twice changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(arbAppends({ maxAppends: 10 }), async (appends) => {
        let n = 0;
        const withIds = appends.map((a) => ({ stream: a.stream, events: a.events.map((e) => ({ ...e, id: `evt-${n++}` })) }));
        const s = await build(withIds);
        const before = await drain(s.readAll());
        for (const a of withIds) {
          const r = await s.append(a.stream, a.events, { expectedVersion: 0 });
          expect(r.duplicate).toBe(true);
        }
        expect(await drain(s.readAll())).toEqual(before);
        expect((await s.verify()).ok).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
