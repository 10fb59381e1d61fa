/**
 * The worker thread of a large `importEvents` into a SQLite file (see importInWorker.ts). Its own
 * connection holds the import's transaction from the start. The calling thread checks each
 * event's envelope and payload and canonicalizes it once (`encodeForImport`); this thread does
 * what depends on the store, with the same importer as one thread: skips, versions against the
 * stream heads, the hash chain (SHA-256 over the texts it was given), the inserts, the commit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DuplicateEventIdError, IntegrityError, ValidationError, type ImportResult, type IntegrityBreak } from '@banshi/core';
import { sourceIndexOf } from '@banshi/core/adapter';
import { sha256HexNode } from '@banshi/core/node';
import Database from 'better-sqlite3';
import { createImporter, RefusedBeforeImport, VERIFIED_FIELDS } from './importer.js';
import { prepareStatements } from './statements.js';

/** What the worker is given: the store's file and the settings its own connection takes. */
export interface EventsWorkerInput {
  readonly path: string;
  readonly busyTimeoutMs: number;
  /** `PRAGMA synchronous` level (2 full, 1 normal). */
  readonly synchronous: number;
  readonly cacheSizeKiB: number;
  readonly walSizeLimitBytes: number;
}

/** From the calling thread: a batch of rows, the end of the source (commit), or a request to check what was sent (no commit). */
export type ToEventsWorker = { readonly t: 'rows'; readonly rows: unknown[] } | { readonly t: 'end' } | { readonly t: 'check' };

/** A refusal as it crosses the threads; the calling thread makes the same error again (see importInWorker.ts). */
export type WireError =
  | { readonly kind: 'refused'; readonly index: number }
  | { readonly kind: 'integrity'; readonly index: number; readonly breakAt: IntegrityBreak }
  | { readonly kind: 'duplicate'; readonly index: number; readonly id: string }
  | { readonly kind: 'unhashable'; readonly index: number; readonly stream: unknown; readonly version: unknown; readonly reason: string }
  | { readonly kind: 'sqlite'; readonly message: string; readonly code: string }
  | { readonly kind: 'other'; readonly message: string };

/** To the calling thread: a batch taken (rows up to source index `through` are in), the result after the commit, the check passed, or the first refusal. */
export type FromEventsWorker =
  | { readonly t: 'ack'; readonly through: number }
  | { readonly t: 'done'; readonly result: ImportResult }
  | { readonly t: 'checked' }
  | { readonly t: 'fail'; readonly error: WireError };

/** The wire form of an error the importer threw at row `k` of `rows`. */
function toWire(err: unknown, rows: readonly unknown[], k: number): WireError {
  const index = sourceIndexOf(err) ?? -1;
  if (err instanceof RefusedBeforeImport) return { kind: 'refused', index };
  if (err instanceof IntegrityError) return { kind: 'integrity', index, breakAt: err.breakAt };
  if (err instanceof DuplicateEventIdError) return { kind: 'duplicate', index, id: err.eventId };
  // The importer's only ValidationError: a row whose text could not be made (the reason in place of the hash input).
  if (err instanceof ValidationError) return { kind: 'unhashable', index, stream: rows[k + 1], version: rows[k + 2], reason: String(rows[k + 6]) };
  if (err instanceof Database.SqliteError) return { kind: 'sqlite', message: err.message, code: err.code };
  return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
}

const port = parentPort;
if (port) {
  const input = workerData as EventsWorkerInput;
  const post = (m: FromEventsWorker): void => port.postMessage(m);
  let db: Database.Database | undefined;
  const fail = (error: WireError): void => {
    port.removeAllListeners('message');
    try {
      if (db?.inTransaction) db.exec('ROLLBACK');
      db?.close();
    } catch {
      // closing rolls back whatever is left
    }
    post({ t: 'fail', error });
  };
  try {
    db = new Database(input.path, { timeout: input.busyTimeoutMs, fileMustExist: true });
    db.pragma(`synchronous = ${input.synchronous}`);
    db.pragma(`cache_size = -${input.cacheSizeKiB}`);
    db.pragma(`journal_size_limit = ${input.walSizeLimitBytes}`);
    const conn = db;
    const importer = createImporter({ q: prepareStatements(conn), registry: undefined, hasher: sha256HexNode, policy: 'error', state: { closed: false, importing: undefined }, path: input.path });
    conn.exec('BEGIN IMMEDIATE');
    let through = 0;
    port.on('message', (m: ToEventsWorker) => {
      if (m.t === 'rows') {
        const { rows } = m;
        for (let k = 0; k < rows.length; k += VERIFIED_FIELDS) {
          try {
            importer.addVerified(rows, k);
          } catch (err) {
            fail(toWire(err, rows, k));
            return;
          }
        }
        through += rows.length / VERIFIED_FIELDS;
        post({ t: 'ack', through });
      } else if (m.t === 'check') post({ t: 'checked' });
      else {
        try {
          const result = importer.finish();
          conn.exec('COMMIT');
          conn.close();
          port.removeAllListeners('message');
          post({ t: 'done', result });
        } catch (err) {
          fail(toWire(err, [], 0));
        }
      }
    });
  } catch (err) {
    fail(toWire(err, [], 0));
  }
}
