import { describe, expect, it } from 'vitest';
import { eachEvent } from './eachEvent.js';

/** Batches that record how far they were read and whether they were stopped. */
function recorded(pages: readonly (readonly number[])[], failAt?: number) {
  const seen = { pages: 0, stopped: false };
  async function* batches(): AsyncGenerator<readonly number[]> {
    try {
      for (let i = 0; i < pages.length; i++) {
        await new Promise((r) => setTimeout(r, 0));
        if (i === failAt) throw new Error(`page ${i} failed`);
        seen.pages++;
        yield pages[i] as readonly number[];
      }
    } finally {
      seen.stopped = true;
    }
  }
  return { seen, batches: batches() };
}

describe('eachEvent', () => {
  it('hands out every event of every batch in order, skipping empty batches', async () => {
    const { batches } = recorded([[1, 2], [], [3], [4, 5, 6]]);
    const out: number[] = [];
    for await (const e of eachEvent(batches)) out.push(e);
    expect(out).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('stops the batches when the caller stops early, without reading further', async () => {
    const { seen, batches } = recorded([[1, 2], [3, 4], [5, 6]]);
    const out: number[] = [];
    for await (const e of eachEvent(batches)) {
      out.push(e);
      if (e === 3) break;
    }
    expect(out).toEqual([1, 2, 3]);
    expect(seen).toEqual({ pages: 2, stopped: true });
  });

  it("passes the batches' error to the caller after the events before it", async () => {
    const { batches } = recorded([[1], [2], [3]], 2);
    const out: number[] = [];
    await expect(
      (async () => {
        for await (const e of eachEvent(batches)) out.push(e);
      })(),
    ).rejects.toThrow('page 2 failed');
    expect(out).toEqual([1, 2]);
  });

  it('answers next() calls made without waiting in call order, then done for ever', async () => {
    const { batches } = recorded([[1, 2], [3]]);
    const it = eachEvent(batches);
    const results = await Promise.all([it.next(), it.next(), it.next(), it.next(), it.next()]);
    expect(results).toEqual([
      { value: 1, done: false },
      { value: 2, done: false },
      { value: 3, done: false },
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
    expect(await it.next()).toEqual({ value: undefined, done: true });
  });
});
