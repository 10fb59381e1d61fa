export { createSqliteStore, sqliteDefaults, synchronousModes } from './sqliteStore.js';
export type { SqliteEventStore, SqlitePragmas, SqliteStoreOptions, SynchronousMode } from './sqliteStore.js';
