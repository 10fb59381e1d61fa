export type {
  AppendCondition,
  AppendOptions,
  AppendResult,
  Checkpoint,
  CheckpointStore,
  EventStore,
  ExpectedVersion,
  ImportResult,
  ReadAllOptions,
  ReadStreamOptions,
  StoreOptions,
  SubscribeOptions,
} from './types.js';
export { createMemoryStore } from './memoryStore.js';
