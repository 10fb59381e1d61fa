/**
 * `@banshi/core/adapter`: the kit every store adapter shares (design §2 written once): stream-id
 * and envelope checks, expected-version checks, event preparation (ids, meta, versions, hash
 * chain), the checks on imported events, and log following for polling stores. Applications
 * use `@banshi/core`; adapters (SQLite, PostgreSQL, JetStream …) import this.
 */
export {
  assertStreamId,
  atSourceIndex,
  checkCondition,
  checkExpectedVersion,
  checkImported,
  checkImportedPayload,
  classifyIds,
  defaultNewId,
  givenIds,
  isSealed,
  prepareAppend,
  prepareEncoded,
  recordedEventIssues,
  refuseCondition,
  sealRecorded,
  sourceIndexOf,
} from './store/adapterKit.js';
export type { CheckedCondition, EncodedEvent, PrepareContext } from './store/adapterKit.js';
export { sortableId } from './store/sortableId.js';
export { eachEvent } from './store/eachEvent.js';
export { importBatchesOf, withBatches } from './store/importBatches.js';
export { followLog, sleep } from './store/follow.js';
export { createSerializer } from './store/serializer.js';
export type { FollowSource } from './store/follow.js';
