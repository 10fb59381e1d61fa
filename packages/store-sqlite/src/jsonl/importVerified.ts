import { Worker } from 'node:worker_threads';
import { BanshiError, IntegrityError, JsonlLineError, ValidationError, type JsonlImportResult } from '@banshi/core';
import { sourceIndexOf } from '@banshi/core/adapter';
import { VERIFIED_FIELDS } from '../store/importer.js';
import type { VerifiedImport } from '../store/verifiedImport.js';
import type { WorkerInput, WorkerMessage } from './importWorker.js';
import { workerModule, type WorkerModule } from '../_lib/workerModule.js';

export { workerModule };

/** Batches the worker may run ahead of the importer (each ≈ one 64 KiB chunk of the log). */
const WINDOW = 8;
/** Where each imported event sits in the log, in blocks of (line, byte offset) pairs. */
const BLOCK = 1 << 15;

/**
 * `importJsonlFile` into a SQLite store with a worker thread: the worker reads, parses, checks and
 * canonicalizes the log a batch ahead while this thread hashes each event over its stream's head
 * and inserts (on two cores the two overlap). The same events are imported, skipped or refused, with the same errors naming the
 * same lines, as on one thread; the import is still one transaction.
 */
export async function importVerified(run: VerifiedImport, module: WorkerModule, path: string, chunkBytes: number): Promise<JsonlImportResult> {
  const input: WorkerInput = { path, chunkBytes, window: WINDOW };
  const worker = new Worker(module.url, { workerData: input, ...(module.execArgv ? { execArgv: module.execArgv } : {}) });
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | undefined;
  let exited: Error | undefined;
  const push = (m: WorkerMessage): void => {
    queue.push(m);
    wake?.();
    wake = undefined;
  };
  worker.on('message', push);
  worker.on('error', (error: unknown) => push({ t: 'fail', error }));
  worker.on('exit', (code) => {
    exited = new Error(`the import worker stopped (exit code ${code}) before it read the whole log`);
    wake?.();
    wake = undefined;
  });
  const next = async (): Promise<WorkerMessage> => {
    while (queue.length === 0) {
      if (exited) return { t: 'fail', error: exited };
      await new Promise<void>((r) => (wake = r));
    }
    return queue.shift() as WorkerMessage;
  };
  const blocks: Float64Array[] = [];
  let n = 0;
  let end: Extract<WorkerMessage, { t: 'done' }> | undefined;
  try {
    const r = await run(async (add) => {
      for (;;) {
        const m = await next();
        if (m.t === 'done') {
          end = m;
          return;
        }
        if (m.t === 'line') throw new JsonlLineError(m.line, m.byteOffset, m.reason);
        if (m.t === 'fail') throw m.error;
        worker.postMessage(0);
        const { rows, at } = m;
        const count = rows.length / VERIFIED_FIELDS;
        for (let i = 0; i < count; i++) {
          if ((n & (BLOCK - 1)) === 0) blocks.push(new Float64Array(BLOCK * 2));
          const b = blocks[blocks.length - 1] as Float64Array;
          b[(n & (BLOCK - 1)) * 2] = at[i * 2] as number;
          b[(n & (BLOCK - 1)) * 2 + 1] = at[i * 2 + 1] as number;
          n++;
          add(rows, i * VERIFIED_FIELDS);
        }
      }
    });
    const done = end as Extract<WorkerMessage, { t: 'done' }>;
    return { ...r, lines: done.lines, torn: done.torn };
  } catch (err) {
    // As importJsonl words them: a bad line, or a store's refusal of the event on a line.
    if (err instanceof JsonlLineError) throw new JsonlLineError(err.line, err.byteOffset, err.reason, 'Nothing was imported');
    if (err instanceof BanshiError && (err instanceof ValidationError || err instanceof IntegrityError || err.code === 'CORE_UNKNOWN_EVENT_TYPE' || err.code === 'CORE_DUPLICATE_EVENT_ID')) {
      const i = sourceIndexOf(err) ?? n - 1;
      const b = i >= 0 && i < n ? blocks[Math.floor(i / BLOCK)] : undefined;
      const line = b ? (b[(i % BLOCK) * 2] as number) : 0;
      const byteOffset = b ? (b[(i % BLOCK) * 2 + 1] as number) : -1;
      throw new JsonlLineError(line, byteOffset, err.message, 'Nothing was imported');
    }
    throw err;
  } finally {
    await worker.terminate();
  }
}
