export { createNatsStore } from './natsStore.js';
export type { NatsStore, NatsStoreOptions } from './natsStore.js';
