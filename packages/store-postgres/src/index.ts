/**
 * @banshi/store-postgres — the banshi `EventStore` on PostgreSQL (a server through `pg`, or
 * PGlite in process), with gap-free global ordering for projections and followers.
 */
export { createPostgresStore } from './postgresStore.js';
export type { PostgresStore, PostgresStoreOptions } from './postgresStore.js';
export type { PGliteLike, PgPoolLike } from './_lib/driver.js';
export { SchemaVersionError, storePostgresErrorCodes, type StorePostgresErrorCode } from './errors/index.js';
export { createPostgresDocumentTables } from './tables/postgresDocumentTables.js';
export type { PostgresDocumentTablesOptions } from './tables/postgresDocumentTables.js';
