import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireFileLock, LockTimeoutError, uniqueTempPath } from './fileLock.js';

const dir = mkdtempSync(join(tmpdir(), 'banshi-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('acquireFileLock', () => {
  it('lets one holder in at a time; the second gets it once the first releases', async () => {
    const path = join(dir, 'a.lock');
    const order: string[] = [];
    const release1 = await acquireFileLock(path);
    const second = acquireFileLock(path, { waitMs: 5_000 }).then((r) => (order.push('second'), r));
    await new Promise((r) => setTimeout(r, 120));
    order.push('first released');
    release1();
    (await second)();
    expect(order).toEqual(['first released', 'second']);
    expect(existsSync(path)).toBe(false);
  });

  it('fails clearly with CLI_LOCKED when a live holder keeps it past the wait', async () => {
    const path = join(dir, 'b.lock');
    const release = await acquireFileLock(path);
    await expect(acquireFileLock(path, { waitMs: 100 })).rejects.toThrow(LockTimeoutError);
    await expect(acquireFileLock(path, { waitMs: 0 })).rejects.toMatchObject({ code: 'CLI_LOCKED', message: expect.stringContaining(`process ${process.pid}`) });
    release();
  });

  it('takes over a lock whose process is gone', async () => {
    const path = join(dir, 'c.lock');
    writeFileSync(path, '2147483646 deadbeef\n');
    const release = await acquireFileLock(path, { waitMs: 0 });
    release();
    expect(existsSync(path)).toBe(false);
  });

  it('gives every run its own temporary name', () => {
    expect(uniqueTempPath('/x/y.db')).not.toBe(uniqueTempPath('/x/y.db'));
    expect(uniqueTempPath('/x/y.db')).toMatch(/^\/x\/y\.db\.\d+-[0-9a-f]{8}\.partial$/);
  });
});
