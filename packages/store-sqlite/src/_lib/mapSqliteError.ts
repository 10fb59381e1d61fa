import { BanshiError, StoreUnavailableError } from '@banshi/core';
import Database from 'better-sqlite3';
import { StoreBusyError, StoreCorruptError } from '../errors/index.js';

/**
 * Turns a better-sqlite3 error into the typed banshi error a caller can act on; other errors
 * (banshi's own, bugs) pass through unchanged.
 */
export function mapSqliteError(err: unknown, path: string, busyTimeoutMs: number): unknown {
  if (err instanceof BanshiError) return err;
  if (err instanceof Database.SqliteError) {
    const code = err.code;
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new StoreBusyError(path, busyTimeoutMs, { cause: err });
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new StoreCorruptError(path, err.message, { cause: err });
    if (code === 'SQLITE_FULL') return new StoreUnavailableError(`the disk holding ${path} is full: nothing was written. Free space and retry.`, { cause: err });
    if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
      return new StoreUnavailableError(`cannot open ${path} for writing (${err.message}): check that the directory exists and the process may write to it.`, { cause: err });
    }
    if (code.startsWith('SQLITE_IOERR')) return new StoreUnavailableError(`the disk failed while using ${path} (${err.message}): nothing was acknowledged. Check the disk, then retry.`, { cause: err });
    return err;
  }
  if (err instanceof TypeError && /database connection is not open/i.test(err.message)) {
    return new StoreUnavailableError(`the SQLite store ${path} is closed: open it again with createSqliteStore()`, { cause: err });
  }
  if (err instanceof TypeError && /directory does not exist/i.test(err.message)) {
    return new StoreUnavailableError(`cannot open ${path}: its directory does not exist. Create the directory first.`, { cause: err });
  }
  return err;
}
