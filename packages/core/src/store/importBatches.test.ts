import { describe, expect, it } from 'vitest';
import { eachEvent } from './eachEvent.js';
import { importBatchesOf, withBatches } from './importBatches.js';

async function* batches(): AsyncGenerator<readonly number[]> {
  yield [1, 2];
  yield [3];
}

describe('withBatches / importBatchesOf', () => {
  it('gives a store that asks the batches, and any other reader the same events one by one', async () => {
    const source = withBatches(eachEvent(batches()), batches);
    const seen: number[] = [];
    for await (const e of source) seen.push(e);
    expect(seen).toEqual([1, 2, 3]);
    const batched: (readonly number[])[] = [];
    for await (const b of importBatchesOf(source) ?? []) batched.push(b);
    expect(batched).toEqual([[1, 2], [3]]);
  });

  it('finds no batch view on plain sources or look-alikes', () => {
    expect(importBatchesOf([1, 2])).toBeUndefined();
    expect(importBatchesOf(eachEvent(batches()))).toBeUndefined();
    expect(importBatchesOf({ [Symbol.asyncIterator]: batches, [Symbol('banshi.importBatches')]: batches } as unknown as AsyncIterable<number>)).toBeUndefined();
  });
});
