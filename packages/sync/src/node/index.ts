export { createSyncNode, PULL_CHECKPOINT, RECEIPT_CHECKPOINT } from './syncNode.js';
export type { PullReport, PushReport, SyncNode, SyncNodeOptions } from './syncNode.js';
