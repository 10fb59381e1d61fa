import { describeEventStoreContract } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { toRecorded, type RecordedEvent, type StoredEvent } from '../envelope/index.js';
import { sealRecorded } from './adapterKit.js';
import { createMemoryStore } from './memoryStore.js';

describeEventStoreContract('memory', {
  make: (options) => createMemoryStore(options),
  async corrupt(store, position) {
    // The memory store shares its event objects: mutate one in place, as a bit flip would.
    for await (const e of store.readAll({ fromPosition: position, batchSize: 1 })) {
      (e.data as Record<string, unknown>).text = 'flipped';
      break;
    }
  },
});

describe('memory store: what it keeps', () => {
  it('keeps an imported event as a durable store would write it: the envelope, no stray key of the caller', async () => {
    const node = createMemoryStore({ node: 'port' });
    await node.append('case-1', [{ type: 'CaseReceived', data: { itemCode: 'XK-001' } }]);
    const [stored] = await node.readStream('case-1');
    const sent = JSON.parse(JSON.stringify({ ...toRecorded(stored as StoredEvent), note: 'not hashed' })) as RecordedEvent;
    const unsealed = { ...sent, meta: { ...sent.meta } };
    expect(sealRecorded(sent)).toEqual([]);
    for (const event of [sent, unsealed]) {
      const center = createMemoryStore();
      await center.importEvents([event]);
      const [kept] = await center.readStream('case-1');
      expect(Object.keys(kept as StoredEvent)).toEqual(['id', 'stream', 'version', 'type', 'schema', 'data', 'meta', 'hash', 'position']);
    }
  });
});
