import { BanshiError } from '@banshi/core';

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
      'STORE_BUSY',
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
      'STORE_CORRUPT',
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
      'STORE_SCHEMA_TOO_NEW',
      `${path} has store schema ${found}, but this @banshi/store-sqlite understands schemas up to ${supported}: the file was not changed. Upgrade @banshi/store-sqlite to open it.`,
    );
  }
}
