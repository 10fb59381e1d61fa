import { createMemoryStore, type EventStore, type StoredEvent } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSyncCenter } from '../center/index.js';
import { createInProcessTransport, type SyncTransport } from '../transport/index.js';
import { createSyncNode } from './syncNode.js';

const nodeIds = ['port', 'hr'] as const;
type Fault = 'none' | 'before' | 'after';

/** A link that can fail before the center sees a batch, or after it applied it (a lost ack). */
function faultyLink(inner: SyncTransport, fault: () => Fault): SyncTransport {
  return {
    checkpoint: () => inner.checkpoint(),
    pull: (r) => inner.pull(r),
    async ship(batch) {
      const f = fault();
      if (f === 'before') throw new Error('link down');
      const r = await inner.ship(batch);
      if (f === 'after') throw new Error('ack lost');
      return r;
    },
  };
}

async function all(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

const arbOp = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), node: fc.constantFrom(...nodeIds), stream: fc.integer({ min: 0, max: 3 }), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('push' as const), node: fc.constantFrom(...nodeIds), faults: fc.array(fc.constantFrom<Fault>('none', 'none', 'before', 'after'), { minLength: 1, maxLength: 4 }) }),
);

describe('replication property', () => {
  it('whatever links fail and acks get lost, every node event reaches the center exactly once, in stream order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbOp, { maxLength: 40 }), fc.integer({ min: 1, max: 5 }), async (ops, batchSize) => {
        const center = createSyncCenter({ store: createMemoryStore({ node: 'center' }), nodes: nodeIds.map((id) => ({ id, secret: `${id}-secret`, writes: ['Noted'] })) });
        let faults: Fault[] = [];
        const nodes = Object.fromEntries(
          nodeIds.map((id) => [
            id,
            createSyncNode({
              id,
              store: createMemoryStore({ node: id }),
              batchSize,
              transport: faultyLink(createInProcessTransport(center, { nodeId: id, token: `${id}-secret` }), () => faults.shift() ?? 'none'),
            }),
          ]),
        );
        let n = 0;
        for (const op of ops) {
          const node = nodes[op.node] as ReturnType<typeof createSyncNode>;
          if (op.kind === 'append') {
            await node.store.append(`case-${op.node}-${op.stream}`, Array.from({ length: op.count }, () => ({ type: 'Noted', data: { text: String(n++) } })));
          } else {
            faults = [...op.faults];
            await node.push().catch(() => undefined);
          }
        }
        faults = [];
        for (const id of nodeIds) await (nodes[id] as ReturnType<typeof createSyncNode>).push();

        const remote = await all(center.store);
        const local = (await Promise.all(nodeIds.map((id) => all((nodes[id] as ReturnType<typeof createSyncNode>).store)))).flat();
        expect(new Set(remote.map((e) => e.id)).size).toBe(remote.length);
        expect([...remote.map((e) => e.id)].sort()).toEqual([...local.map((e) => e.id)].sort());
        for (const e of local) {
          const [copy] = await center.store.readStream(e.stream, { fromVersion: e.version, toVersion: e.version });
          expect(copy?.id).toBe(e.id);
        }
        expect((await center.store.verify()).ok).toBe(true);
        expect(await center.conflicts()).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
