import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Another process (or another run in this one) holds the lock and did not let go in time. */
export class LockTimeoutError extends Error {
  readonly code = 'CLI_LOCKED' as const;
  constructor(
    readonly path: string,
    readonly holder: string,
  ) {
    super(`${path} is locked by ${holder}: wait for that run to finish, or remove ${path} if no such process runs`);
    this.name = 'LockTimeoutError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock file (`O_EXCL` create) holding `pid token`. Waits for a live holder up to
 * `waitMs`, takes over a lock whose process is gone, and returns the release function.
 */
export async function acquireFileLock(path: string, options: { readonly waitMs?: number; readonly onWait?: (holder: string) => void } = {}): Promise<() => void> {
  const token = randomBytes(8).toString('hex');
  const deadline = Date.now() + (options.waitMs ?? 300_000);
  let told = false;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, `${process.pid} ${token}\n`);
      } finally {
        closeSync(fd);
      }
      return () => {
        try {
          if (readFileSync(path, 'utf8').split(/\s/)[1] === token) rmSync(path, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder = '';
    try {
      holder = readFileSync(path, 'utf8').trim();
    } catch {
      continue; // released between our open and read
    }
    const pid = Number(holder.split(/\s/)[0]);
    if (holder !== '' && Number.isInteger(pid) && pid > 0 && !alive(pid)) {
      rmSync(path, { force: true }); // its process is gone
      continue;
    }
    if (Date.now() >= deadline) throw new LockTimeoutError(path, holder === '' ? 'another run' : `process ${pid}`);
    if (!told) options.onWait?.(holder === '' ? 'another run' : `process ${pid}`);
    told = true;
    await sleep(50);
  }
}

/** A temporary name beside `path` that no other run uses (`<path>.<pid>-<random>.partial`). */
export function uniqueTempPath(path: string): string {
  return `${path}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
}
