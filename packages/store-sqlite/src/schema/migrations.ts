/**
 * The store's schema, as an ordered list of migrations. A file's `PRAGMA user_version` is the
 * number of migrations applied to it; `PRAGMA application_id` marks it as a banshi store.
 * Append new migrations at the end; never edit one that has shipped.
 *
 * @example
 * migrations.at(-1)?.version; // the schema version this package writes
 */
export const migrations = [
  {
    version: 1,
    description: 'events with global position, stream heads, projection checkpoints',
    sql: [
      `CREATE TABLE events (
        position INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        stream TEXT NOT NULL,
        version INTEGER NOT NULL,
        type TEXT NOT NULL,
        schema INTEGER NOT NULL,
        data TEXT NOT NULL,
        meta TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (stream, version)
      )`,
      `CREATE TABLE streams (
        stream TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        hash TEXT NOT NULL
      ) WITHOUT ROWID`,
      `CREATE TABLE checkpoints (
        name TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        state TEXT
      ) WITHOUT ROWID`,
    ],
  },
] as const;

/**
 * One entry of {@link migrations}.
 *
 * @example
 * const first: Migration = migrations[0];
 */
export type Migration = (typeof migrations)[number];

/**
 * The schema version this package writes (the number of migrations).
 *
 * @example
 * SCHEMA_VERSION; // 1
 */
export const SCHEMA_VERSION: number = migrations.length;

/**
 * `PRAGMA application_id` of a banshi store: ASCII "bshi". Tells a banshi file from another
 * program's SQLite database.
 *
 * @example
 * db.pragma(`application_id = ${APPLICATION_ID}`);
 */
export const APPLICATION_ID = 0x62736869;
