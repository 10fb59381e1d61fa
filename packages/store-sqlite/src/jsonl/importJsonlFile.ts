import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { importJsonl, ValidationError, type EventStore, type JsonlImportResult, type UnknownEventPolicy } from '@banshi/core';

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
export async function importJsonlFile(store: EventStore, path: string, options: { readonly unknownEvents?: UnknownEventPolicy } = {}): Promise<JsonlImportResult> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new ValidationError(`the log file ${path} does not exist or is not a file`);
  return importJsonl(store, createReadStream(path, { highWaterMark: CHUNK_BYTES }), options);
}
