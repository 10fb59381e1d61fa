export { createSyncCenter, defaultReferencePrefixes } from './syncCenter.js';
export type { NodeCredential, NodeRegistration, SyncCenter, SyncCenterOptions, SyncConflict, SyncLogEntry } from './syncCenter.js';
