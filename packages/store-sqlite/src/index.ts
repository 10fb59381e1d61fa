/**
 * @banshi/store-sqlite — the embedded default event store (design §1, §6): one SQLite file in
 * WAL mode, durable by default (`synchronous=FULL`), schema-versioned, safe to share between
 * processes (one writer at a time, readers never block), with batched JSONL import.
 */
export { createSqliteStore, sqliteDefaults, synchronousModes } from './store/index.js';
export type { SqliteEventStore, SqlitePragmas, SqliteStoreOptions, SynchronousMode } from './store/index.js';
export { SchemaTooNewError, StoreBusyError, StoreCorruptError, storeSqliteErrorCodes, type StoreSqliteErrorCode } from './errors/index.js';
export { APPLICATION_ID, migrations, SCHEMA_VERSION } from './schema/index.js';
export type { Migration } from './schema/index.js';
export { importJsonlFile } from './jsonl/index.js';
export type { ImportJsonlFileOptions } from './jsonl/index.js';
/** @deprecated Moved to `@banshi/core/node`; this re-export stays one release for the CLI's demo. */
export { sha256HexNode } from '@banshi/core/node';
export { createSqliteDocumentTables } from './tables/sqliteDocumentTables.js';
export type { SqliteDocumentTablesOptions } from './tables/sqliteDocumentTables.js';
