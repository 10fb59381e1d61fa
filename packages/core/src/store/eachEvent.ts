/**
 * The events of `batches` one by one, for a store's `readAll` over its `readAllBatches`. The same
 * as `for await (const b of batches) yield* b`, without an async generator's extra promise turns
 * per event: an event of a batch already read is handed out at once. Stopping early (`break`,
 * `return()`) stops `batches` too; an error of `batches` reaches the caller's `next()`.
 *
 * @example
 * readAll: (opts) => eachEvent(readAllBatches(opts)),
 */
export function eachEvent<T>(batches: AsyncIterable<readonly T[]>): AsyncIterableIterator<T> {
  let source: AsyncIterator<readonly T[]> | undefined;
  let batch: readonly T[] = [];
  let at = 0;
  let finished = false;
  /** The next() still waiting for a batch; calls made meanwhile queue behind it. */
  let pending: Promise<IteratorResult<T>> | undefined;
  const end = (): IteratorResult<T> => ({ value: undefined, done: true });
  async function refill(): Promise<IteratorResult<T>> {
    while (at >= batch.length) {
      if (finished) return end();
      source ??= batches[Symbol.asyncIterator]();
      const r = await source.next();
      if (r.done) {
        finished = true;
        return end();
      }
      batch = r.value;
      at = 0;
    }
    return { value: batch[at++] as T, done: false };
  }
  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (pending === undefined && at < batch.length) return Promise.resolve({ value: batch[at++] as T, done: false });
      const p = pending ? pending.then(refill, refill) : refill();
      pending = p;
      const settle = () => {
        if (pending === p) pending = undefined;
      };
      p.then(settle, settle);
      return p;
    },
    async return() {
      finished = true;
      batch = [];
      await source?.return?.();
      return end();
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
