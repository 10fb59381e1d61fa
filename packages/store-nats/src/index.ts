/**
 * @banshi/store-nats — the banshi `EventStore` on NATS JetStream: one replicated stream per
 * deployment, one subject per event stream, sub-centers as leaf nodes whose streams the center sources.
 */
export { createNatsStore } from './store/index.js';
export type { NatsStore, NatsStoreOptions } from './store/index.js';
export { ForeignStreamError, storeNatsErrorCodes, StreamConfigError, SubjectPermissionError, type StoreNatsErrorCode } from './errors/index.js';
export { encodeToken, decodeToken } from './_lib/subjects.js';
export { POSITION_STRIDE } from './_lib/positions.js';
