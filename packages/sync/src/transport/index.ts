export type { SyncTransport } from './syncTransport.js';
export { createInProcessTransport } from './inProcessTransport.js';
export { createHttpTransport, NODE_HEADER, syncRoutes } from './httpTransport.js';
export type { HttpTransportOptions } from './httpTransport.js';
