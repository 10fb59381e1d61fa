import type { StoredEvent } from '../envelope/index.js';
import type { ReadAllOptions, SubscribeOptions } from './types.js';

/** What `followLog` needs from a store. */
export interface FollowSource {
  readAllBatches(options: ReadAllOptions): AsyncIterable<readonly StoredEvent[]>;
  /** Resolves when the log may have grown past `position`, or after `timeoutMs`, or on abort. */
  waitForAppend(position: number, timeoutMs: number, signal: AbortSignal | undefined): Promise<void>;
}

/**
 * The shared `subscribe` loop: read everything from `fromPosition`, then wait for appends
 * (push where the store can, polling otherwise) and read again. Ends when `signal` aborts.
 *
 * @example
 * for await (const e of followLog(source, { fromPosition: 1, signal })) console.log(e.position);
 */
export async function* followLog(source: FollowSource, options: SubscribeOptions = {}): AsyncGenerator<StoredEvent> {
  let next = options.fromPosition ?? 1;
  const poll = options.pollIntervalMs ?? 250;
  const { signal } = options;
  while (!signal?.aborted) {
    let got = false;
    for await (const batch of source.readAllBatches({ ...options, fromPosition: next })) {
      for (const e of batch) {
        if (signal?.aborted) return;
        next = e.position + 1;
        got = true;
        yield e;
      }
    }
    if (!got) await source.waitForAppend(next - 1, poll, signal);
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
