import { describeEventStoreContract } from '@banshi/testing';
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
