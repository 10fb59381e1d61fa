import { createSqliteStore } from '@banshi/store-sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as v8 from 'node:v8';
import { afterAll, describe, expect, it, vi } from 'vitest';

const setFlags = vi.hoisted(() => vi.fn());
vi.mock('node:v8', async (original) => ({ ...(await original<typeof v8>()), setFlagsFromString: setFlags }));
const { foldSource } = await import('./eventSource.js');
const { foldHeapFlag } = await import('./foldHeap.js');

const dir = mkdtempSync(join(tmpdir(), 'banshi-fold-heap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the heap of a fold', () => {
  it('folding a log keeps V8 from growing the heap to 4× the state it keeps: growth past the live heap is capped at 50 %, once per process', async () => {
    const path = join(dir, 'log.db');
    const store = createSqliteStore(path);
    await store.append('case-1', [{ type: 'Noted', data: {} }, { type: 'Noted', data: {} }], { expectedVersion: 'no-stream' });
    await store.close();
    const count = { name: 'count', init: () => 0, apply: (n: number) => n + 1 };
    expect(await foldSource({ kind: 'sqlite', path }, count)).toBe(2);
    expect(await foldSource({ kind: 'sqlite', path }, count)).toBe(2);
    expect(setFlags.mock.calls).toEqual([['--heap-growing-percent=50']]);
  });

  it("leaves the heap growth alone when the user chose one, as a node flag or in NODE_OPTIONS", () => {
    expect(foldHeapFlag([], '')).toBe('--heap-growing-percent=50');
    expect(foldHeapFlag(['--heap-growing-percent=200'], '')).toBeUndefined();
    expect(foldHeapFlag([], '--max-old-space-size=512 --heap_growing_percent=10')).toBeUndefined();
  });
});
