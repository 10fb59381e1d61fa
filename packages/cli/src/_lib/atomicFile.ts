import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { uniqueTempPath } from './fileLock.js';

/** A file could not be written (missing directory, full disk, no permission): one line, no stack. */
export class FileWriteError extends Error {
  readonly code = 'CLI_WRITE' as const;
  constructor(path: string, cause: unknown) {
    const e = cause as NodeJS.ErrnoException;
    const why = e?.code === 'ENOENT' ? 'its directory does not exist' : e?.code === 'ENOSPC' || e?.code === 'EFBIG' ? 'the disk is full or the file size limit was reached' : e?.code === 'EACCES' || e?.code === 'EROFS' ? 'no permission to write there' : String(e?.message ?? cause).split('\n')[0];
    super(`cannot write ${path}: ${why}; nothing was written there`, { cause });
    this.name = 'FileWriteError';
  }
}

/**
 * Writes text chunks to `path` atomically: a temporary file of this run, renamed into place at the
 * end. On any failure the temporary file is removed and a `FileWriteError` thrown.
 */
export async function writeFileAtomically(path: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const tmp = uniqueTempPath(path);
  try {
    await pipeline(Readable.from(chunks, { objectMode: false }), createWriteStream(tmp, { flags: 'wx' }));
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    if ((err as { code?: unknown }).code !== undefined && typeof (err as { code?: unknown }).code === 'string' && /^E[A-Z]+$/.test((err as { code: string }).code)) throw new FileWriteError(path, err);
    throw err;
  }
}
