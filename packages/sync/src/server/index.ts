export { createSyncServer } from './syncServer.js';
export type { SyncServer, SyncServerOptions } from './syncServer.js';
