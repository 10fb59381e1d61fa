import { ValidationError, type ReadAllOptions, type StoredEvent } from '@banshi/core';
import { sleep } from '@banshi/core/adapter';
import { headPositionOf, idle, type StoreContext } from './context.js';
import type { Row } from './statements.js';

/** Reads in global order and the wake-up of followers, for one store. */
export function createReads(ctx: StoreContext, batchSize: number, fail: (err: unknown) => never) {
  const { q, state } = ctx;
  const waiters = new Set<() => void>();

  async function* batches(opts: ReadAllOptions = {}): AsyncGenerator<readonly StoredEvent[]> {
    const size = Math.max(1, Math.floor(opts.batchSize ?? batchSize));
    let from = Math.max(1, Math.floor(opts.fromPosition ?? 1));
    if (!Number.isFinite(size) || !Number.isFinite(from)) throw new ValidationError('readAll options are invalid: fromPosition and batchSize must be numbers');
    const types = opts.types ? JSON.stringify(opts.types) : undefined;
    // `upcast: false`: events exactly as stored, so exports and replication keep bytes that match their hashes.
    const view = opts.upcast === false ? ctx.decode : ctx.decodeOut;
    for (;;) {
      if (state.importing || state.closed) await idle(ctx);
      let batch: StoredEvent[];
      try {
        const rows = (types === undefined ? q.page.all(from, size) : q.pageTyped.all(from, types, size)) as Row[];
        if (rows.length === 0) return;
        batch = new Array<StoredEvent>(rows.length);
        for (let i = 0; i < rows.length; i++) batch[i] = view(rows[i] as Row);
      } catch (err) {
        return fail(err);
      }
      from = (batch.at(-1) as StoredEvent).position + 1;
      yield batch;
      if (batch.length < size) return;
    }
  }

  /** Raw (not upcast) events in log order, or one stream's in version order: what the hash chain covers. */
  function* rawEvents(stream: string | undefined): Generator<StoredEvent> {
    let from = 1;
    for (;;) {
      const rows = (stream === undefined ? q.page.all(from, batchSize) : q.streamRange.all(stream, from, Number.MAX_SAFE_INTEGER, batchSize)) as Row[];
      for (const r of rows) yield ctx.decode(r);
      if (rows.length < batchSize) return;
      const last = rows.at(-1) as Row;
      from = (stream === undefined ? last[0] : last[3]) + 1;
    }
  }

  /** Resolves when this connection appends past `position`, or after `timeoutMs` (other processes are found by polling). */
  function waitForAppend(position: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (state.closed || headPositionOf(ctx) > position) return Promise.resolve();
    return new Promise<void>((resolve) => {
      waiters.add(resolve);
      void sleep(timeoutMs, signal).then(() => {
        waiters.delete(resolve);
        resolve();
      });
    });
  }

  function wake(): void {
    for (const w of waiters) w();
    waiters.clear();
  }

  return { batches, rawEvents, waitForAppend, wake };
}
