import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { importJsonl, ValidationError, type EventStore, type JsonlImportResult, type UnknownEventPolicy } from '@banshi/core';
import { verifiedImportOf } from '../store/verifiedImport.js';
import { importVerified, workerModule } from './importVerified.js';

/**
 * Read size for log files. 64 KiB, not 1 MiB: a chunk's parsed events stay alive until the store
 * has taken them, and every young-generation collection copies them — with 1 MiB chunks (≈2,300
 * events) that copying cost an import about a fifth of its CPU time.
 */
const CHUNK_BYTES = 1 << 16;

/**
 * Imports a JSONL log file into a store in one transaction (all complete events, or none):
 * the analyst's path from a log to SQLite. A torn last line is left out and reported in
 * `torn`; any other bad line throws `JsonlLineError` naming the line, and nothing is written.
 *
 * @example
 * const store = createSqliteStore('2013.db');
 * const r = await importJsonlFile(store, '2013.jsonl');
 * console.log(`${r.imported} imported, ${r.skipped} already there`, r.torn ?? '');
 */
export async function importJsonlFile(store: EventStore, path: string, options: ImportJsonlFileOptions = {}): Promise<JsonlImportResult> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new ValidationError(`the log file ${path} does not exist or is not a file`);
  // A worker only pays where a second core can run it.
  const verified = options.worker === false || (options.worker === undefined && availableParallelism() < 2) ? undefined : verifiedImportOf(store);
  const module = verified && workerModule();
  if (verified && module) return importVerified(verified, module, path, CHUNK_BYTES);
  return importJsonl(store, createReadStream(path, { highWaterMark: CHUNK_BYTES }), options.unknownEvents ? { unknownEvents: options.unknownEvents } : {});
}

/**
 * Options of {@link importJsonlFile}.
 *
 * @example
 * await importJsonlFile(store, '2013.jsonl', { worker: false }); // all on the calling thread
 */
export interface ImportJsonlFileOptions {
  readonly unknownEvents?: UnknownEventPolicy;
  /**
   * Into a SQLite store without an event registry or a custom hasher, a worker thread parses,
   * checks and canonicalizes the log a batch ahead of the inserts (default: when the machine has
   * two cores or more; the verdicts and errors are the same). `false` does everything on the
   * calling thread.
   */
  readonly worker?: boolean;
}
