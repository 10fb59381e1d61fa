export type {
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
export { followLog, sleep, type FollowSource } from './follow.js';
export {
  assertStreamId,
  atSourceIndex,
  checkExpectedVersion,
  checkImported,
  classifyIds,
  defaultNewId,
  givenIds,
  prepareAppend,
  recordedEventIssues,
  sourceIndexOf,
  type PrepareContext,
} from './adapterKit.js';
