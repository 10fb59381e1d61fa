import type Database from 'better-sqlite3';
import { SchemaTooNewError, StoreCorruptError } from '../errors/index.js';
import { APPLICATION_ID, migrations, SCHEMA_VERSION } from './migrations.js';

/** What {@link checkSchema} found in a file's header. */
export interface SchemaState {
  /** Schema version of the file (0 = a new, empty database). */
  readonly version: number;
}

const pragmaNumber = (db: Database.Database, name: string): number => Number(db.pragma(name, { simple: true }));

/**
 * Reads the file's schema version without writing anything. Throws `SchemaTooNewError` for a
 * file from a newer package and `StoreCorruptError` for another program's database.
 *
 * @example
 * const { version } = checkSchema(db, path);
 */
export function checkSchema(db: Database.Database, path: string): SchemaState {
  // One read transaction: another process may commit its migration between separate reads,
  // and a header read before it with a table count read after it would look like a foreign file.
  const read = () => ({
    version: pragmaNumber(db, 'user_version'),
    appId: pragmaNumber(db, 'application_id'),
    tables: Number(db.prepare(`SELECT count(*) FROM sqlite_schema`).pluck().get()),
  });
  const { version, appId, tables } = db.inTransaction ? read() : db.transaction(read).deferred();
  if (version === 0) {
    if (appId !== 0 && appId !== APPLICATION_ID) throw new StoreCorruptError(path, `it is a SQLite database of another program (application_id ${appId})`);
    if (tables > 0 && appId !== APPLICATION_ID) throw new StoreCorruptError(path, 'it is a SQLite database of another program (it has tables but no banshi schema version)');
    return { version };
  }
  if (appId !== APPLICATION_ID) throw new StoreCorruptError(path, `it is a SQLite database of another program (application_id ${appId}, user_version ${version})`);
  if (version > SCHEMA_VERSION) throw new SchemaTooNewError(path, version, SCHEMA_VERSION);
  return { version };
}

/**
 * Brings the file to {@link SCHEMA_VERSION} in one `BEGIN IMMEDIATE` transaction (so two
 * processes opening a new file at once migrate it once). Returns the migrations applied.
 *
 * @example
 * migrate(db, path); // [] when the file is current
 */
export function migrate(db: Database.Database, path: string): readonly number[] {
  if (checkSchema(db, path).version === SCHEMA_VERSION) return [];
  return db
    .transaction(() => {
      // Re-read under the write lock: another process may have migrated meanwhile.
      const from = checkSchema(db, path).version;
      const applied: number[] = [];
      for (const m of migrations) {
        if (m.version <= from) continue;
        for (const statement of m.sql) db.exec(statement);
        applied.push(m.version);
      }
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
      return applied;
    })
    .immediate();
}
