import { createReadStream, existsSync, statSync } from 'node:fs';
import { UsageError } from '../command.js';

/**
 * Streams a JSONL log file in 1 MiB chunks (constant memory). Throws `UsageError` naming the
 * path when the file does not exist.
 */
export function readLogFile(path: string): AsyncIterable<Uint8Array> {
  if (!existsSync(path)) throw new UsageError(`log file not found: ${path} (give a .jsonl file written by "banshi export")`);
  if (!statSync(path).isFile()) throw new UsageError(`${path} is a folder, not a log file (give a .jsonl file written by "banshi export")`);
  return createReadStream(path, { highWaterMark: 1 << 20 });
}
