/**
 * Where the hall keeps its log: the embedded SQLite file by default, PostgreSQL or NATS
 * JetStream by one setting (`HALL_STORE`). Read models go to the same database where the store
 * has one (SQLite, PostgreSQL); on NATS they are kept in memory and rebuilt from the stream at start.
 */
import { createMemoryDocumentTables, ValidationError, type DocumentTables, type EventStore } from '@banshi/core';
import { banshiRegistry } from '@banshi/http';
import { createNatsStore } from '@banshi/store-nats';
import { createPostgresDocumentTables, createPostgresStore } from '@banshi/store-postgres';
import { createSqliteDocumentTables, createSqliteStore } from '@banshi/store-sqlite';

/** An opened store with the tables of its read models. */
export interface HallStore {
  readonly store: EventStore;
  readonly tables: DocumentTables;
  /** What it is, for the start-up banner (passwords masked). */
  readonly label: string;
  close(): Promise<void>;
}

/**
 * Opens the store a setting names: a file path or `sqlite:<path>`, `postgres://…` (schema from
 * `?schema=`, default `hall`), or `nats://host:port/STREAM[?appendConditions=true]`. Throws `ValidationError` otherwise.
 *
 * @example
 * const { store, tables } = await openHallStore('sqlite:.banshi/hall.db');
 */
export async function openHallStore(setting: string): Promise<HallStore> {
  if (/^postgres(ql)?:\/\//.test(setting)) {
    const url = new URL(setting);
    const schema = url.searchParams.get('schema') ?? 'hall';
    url.searchParams.delete('schema');
    const connectionString = url.toString();
    const store = await createPostgresStore({ connectionString, schema, registry: banshiRegistry, node: 'tz-center' });
    const tables = await createPostgresDocumentTables({ connectionString, schema });
    return { store, tables, label: `PostgreSQL ${setting.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`, close: async () => (await tables.close(), await store.close()) };
  }
  if (setting.startsWith('nats://')) {
    const url = new URL(setting);
    const stream = url.pathname.replace(/^\//, '') || 'HALL';
    // `?appendConditions=true`: a Receive's catalog check goes with its append (@banshi/store-nats, "Append conditions").
    const conditions = url.searchParams.get('appendConditions');
    if (conditions !== null && conditions !== 'true' && conditions !== 'false') throw new ValidationError(`HALL_STORE ${JSON.stringify(setting.slice(0, 80))}: appendConditions is true or false`);
    const store = await createNatsStore({ servers: url.host, stream, registry: banshiRegistry, node: 'tz-center', appendConditions: conditions === 'true' });
    const tables = createMemoryDocumentTables();
    return { store, tables, label: `NATS JetStream ${url.host} stream ${stream}`, close: async () => (await tables.close(), await store.close()) };
  }
  if (/^[a-z]+:\/\//.test(setting)) throw new ValidationError(`HALL_STORE ${JSON.stringify(setting.slice(0, 80))} is not a store: give a file path, sqlite:<path>, postgres://… or nats://host:port/STREAM`);
  const file = setting.startsWith('sqlite:') ? setting.slice('sqlite:'.length) : setting;
  const store = createSqliteStore(file, { registry: banshiRegistry, node: 'tz-center' });
  const tables = createSqliteDocumentTables(store.path);
  return { store, tables, label: `SQLite ${file}`, close: async () => (await tables.close(), await store.close()) };
}
