/**
 * @banshi/sync — replication between the center, its sub-centers and offline window
 * terminals (design §1): every node appends to its own store; batches ship node → center
 * (and reference data center → node) over a transport, atomically, idempotently by event id,
 * resumable from the center's checkpoint, with hash chains checked, stream ownership and
 * per-node permissions enforced, and conflicts kept for an operator.
 */
export {
  SyncBadBatchError,
  SyncConfigError,
  SyncError,
  syncErrorCodes,
  syncErrorStatus,
  SyncForbiddenError,
  SyncOutOfOrderError,
  SyncPayloadTooLargeError,
  SyncReceiptError,
  SyncRejectedError,
  SyncTransportError,
  SyncRequestTimeoutError,
  SyncUnauthorizedError,
  UNAUTHORIZED_DETAIL,
} from './errors/index.js';
export type { SyncErrorCode } from './errors/index.js';
export { conflictReasons, StreamOwnershipTransferred, SYNC_CONFLICTS_STREAM, SyncConflictDetected, syncEvents, syncEventTypes } from './events/index.js';
export type { ConflictReason, StreamOwnershipTransferredData, SyncConflictData } from './events/index.js';
export { assertShipBatch, createShipBatchDecoder, createShipStreamDecoder, decodePullResult, decodeShipBatch, encodePullResult, encodeShipBatch, encodeShipBatchPieces, encodeShipStreamBytes, encodeShipStreamLine, syncLimits } from './protocol/index.js';
export type { PullRequest, PullResult, ShipBatch, ShipBatchDecoder, ShipStreamDecoder, ShipResult, ShippedEvent } from './protocol/index.js';
export { createSyncCenter, defaultReferencePrefixes } from './center/index.js';
export type { NodeCredential, NodeRegistration, SyncCenter, SyncCenterOptions, SyncConflict, SyncLogEntry } from './center/index.js';
export { createSyncNode, PULL_CHECKPOINT, RECEIPT_CHECKPOINT } from './node/index.js';
export { checkShipReceipt, extendCenterTree, TREE_CHECKPOINT } from './receipt/index.js';
export type { ShipReceipt } from './receipt/index.js';
export type { PullReport, PushReport, SyncNode, SyncNodeOptions } from './node/index.js';
export { createHttpTransport, createInProcessTransport, NODE_HEADER, SYNC_PROTOCOL, syncRoutes } from './transport/index.js';
export type { HttpTransportOptions, ShipAcknowledged, SyncTransport } from './transport/index.js';
export { createSyncServer } from './server/index.js';
export type { SyncServer, SyncServerOptions } from './server/index.js';
