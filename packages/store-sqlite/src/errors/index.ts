import { BanshiError } from '@banshi/core';

/**
 * Every stable error code `@banshi/store-sqlite` throws (the prefix names the package; the table of every banshi
 * code is in `@banshi/core`'s README).
 *
 * @example
 * storeSqliteErrorCodes.includes('STORE_SQLITE_BUSY'); // true
 */
export const storeSqliteErrorCodes = [
  'STORE_SQLITE_BUSY',
  'STORE_SQLITE_CORRUPT',
  'STORE_SQLITE_SCHEMA_TOO_NEW',
] as const;
/**
 * One of {@link storeSqliteErrorCodes}.
 *
 * @example
 * const code: StoreSqliteErrorCode = 'STORE_SQLITE_BUSY';
 */
export type StoreSqliteErrorCode = (typeof storeSqliteErrorCodes)[number];

/**
 * Another connection (usually another process) held the database's write lock for longer
 * than `busyTimeoutMs`. Nothing was written: retry, or raise `busyTimeoutMs`.
 *
 * @example
 * try { await store.append('case-1', events); }
 * catch (e) { if (e instanceof StoreBusyError) setTimeout(retry, 100); }
 */
export class StoreBusyError extends BanshiError {
  constructor(
    readonly path: string,
    readonly busyTimeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(
      'STORE_SQLITE_BUSY',
      `the database ${path} stayed locked by another writer for ${busyTimeoutMs} ms (busyTimeoutMs): nothing was written. Retry the operation, or open the store with a larger busyTimeoutMs if writers hold the lock longer.`,
      options,
    );
  }
}

/**
 * The file is not a readable banshi event store: not a SQLite database, damaged pages, or a
 * SQLite database of some other program. Nothing was written to it.
 *
 * @example
 * try { createSqliteStore('/data/banshi.db'); }
 * catch (e) { if (e instanceof StoreCorruptError) console.error(e.reason); }
 */
export class StoreCorruptError extends BanshiError {
  constructor(
    readonly path: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      'STORE_SQLITE_CORRUPT',
      `${path} is not a readable banshi event store (${reason}): nothing was written. Stop writing to it; restore it from a backup, or import a JSONL export into a new file with importJsonlFile().`,
      options,
    );
  }
}

/**
 * The file was written by a newer `@banshi/store-sqlite` whose schema this version does not
 * know. The file was not changed.
 *
 * @example
 * try { createSqliteStore('/data/banshi.db'); }
 * catch (e) { if (e instanceof SchemaTooNewError) console.error(e.found, '>', e.supported); }
 */
export class SchemaTooNewError extends BanshiError {
  constructor(
    readonly path: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      'STORE_SQLITE_SCHEMA_TOO_NEW',
      `${path} has store schema ${found}, but this @banshi/store-sqlite understands schemas up to ${supported}: the file was not changed. Upgrade @banshi/store-sqlite to open it.`,
    );
  }
}
