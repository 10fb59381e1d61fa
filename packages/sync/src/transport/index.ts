export type { ShipAcknowledged, SyncTransport } from './syncTransport.js';
export { createInProcessTransport } from './inProcessTransport.js';
export { createHttpTransport, NODE_HEADER, SYNC_PROTOCOL, syncRoutes } from './httpTransport.js';
export type { HttpTransportOptions } from './httpTransport.js';
