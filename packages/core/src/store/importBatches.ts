/** Where a source made by {@link withBatches} keeps its batch view (only core can attach one). */
const BATCHES: unique symbol = Symbol('banshi.importBatches');

type Batched<T> = AsyncIterable<T> & { readonly [BATCHES]: () => AsyncIterable<readonly T[]> };

/**
 * An import source that can also hand its events over a batch at a time: a store that asks
 * with {@link importBatchesOf} takes each batch in one step instead of one promise per event
 * (an import moves millions of them); any other store iterates `events` as before. Both views
 * give the same events in the same order; a batch view that meets an error yields the events
 * before it first, then throws, so a store reports errors in source order either way.
 *
 * @example
 * const source = withBatches(eachEvent(batches()), batches);
 * await store.importEvents(source);
 */
export function withBatches<T>(events: AsyncIterable<T>, batches: () => AsyncIterable<readonly T[]>): AsyncIterable<T> {
  const source = { [Symbol.asyncIterator]: () => events[Symbol.asyncIterator](), [BATCHES]: batches };
  return source as Batched<T>;
}

/**
 * The batch view of an import source made by {@link withBatches}, or undefined for any other
 * source (iterate that one event by event).
 *
 * @example
 * const batched = importBatchesOf(source);
 * if (batched) for await (const batch of batched) for (const e of batch) importer.add(e);
 * else for await (const e of source) importer.add(e);
 */
export function importBatchesOf<T>(source: AsyncIterable<T> | Iterable<T>): AsyncIterable<readonly T[]> | undefined {
  return typeof source === 'object' && source !== null && BATCHES in source ? (source as Batched<T>)[BATCHES]() : undefined;
}
