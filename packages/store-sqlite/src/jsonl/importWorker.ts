/**
 * The worker thread of `importJsonlFile`: reads the log, parses and checks each line (the strict
 * reader), checks the log's own version order and canonicalizes each event once, while the
 * calling thread hashes and inserts the batches it already sent. It decides nothing that depends
 * on the store: the importer does (skips, versions against the store's heads, the hash chain).
 * See importVerified.ts.
 */
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { JsonlLineError, readJsonl, type StoredEvent } from '@banshi/core';
import { setVerifiedRow, VERIFIED_FIELDS } from '../store/importer.js';

/** What the worker posts: verified rows, then `done`, or a bad line, or a failure. */
export type WorkerMessage =
  | { readonly t: 'rows'; readonly rows: unknown[]; readonly at: Float64Array }
  | { readonly t: 'done'; readonly lines: number; readonly torn: { byteOffset: number; bytes: number; line: number } | undefined }
  | { readonly t: 'line'; readonly line: number; readonly byteOffset: number; readonly reason: string }
  | { readonly t: 'fail'; readonly error: unknown };

/** What the worker is given. */
export interface WorkerInput {
  readonly path: string;
  readonly chunkBytes: number;
  /** Batches posted and not yet taken by the importer, at most: the worker waits beyond this. */
  readonly window: number;
}

const port = parentPort;
if (port) {
  const input = workerData as WorkerInput;
  let credit = input.window;
  let resume: (() => void) | undefined;
  port.on('message', () => {
    credit++;
    resume?.();
    resume = undefined;
  });
  const post = (m: WorkerMessage): void => port.postMessage(m);
  void run(input, post, async () => {
    while (credit <= 0) await new Promise<void>((r) => (resume = r));
    credit--;
  }).catch((error: unknown) => {
    if (error instanceof JsonlLineError) post({ t: 'line', line: error.line, byteOffset: error.byteOffset, reason: error.reason });
    else post({ t: 'fail', error });
  });
}

async function run(input: WorkerInput, post: (m: WorkerMessage) => void, slot: () => Promise<void>): Promise<void> {
  const reader = readJsonl(createReadStream(input.path, { highWaterMark: input.chunkBytes }), { strict: true, canonicalLines: false });
  /** Each stream's last version in the log. */
  const last = new Map<string, { version: number }>();
  for await (const batch of reader.batches()) {
    const rows = new Array<unknown>(batch.length * VERIFIED_FIELDS);
    const at = new Float64Array(batch.length * 2);
    let bad: JsonlLineError | undefined;
    let n = 0;
    for (; n < batch.length; n++) {
      const e = batch[n] as StoredEvent;
      const line = reader.batchLines[n] ?? 0;
      const byteOffset = reader.batchOffsets[n] ?? -1;
      // A log holds each event once, in order (importJsonl's own check, with its words).
      const prev = last.get(e.stream);
      if (prev !== undefined && e.version !== prev.version + 1) {
        bad = new JsonlLineError(line, byteOffset, `${e.stream}@${e.version} follows ${e.stream}@${prev.version} in the log: a duplicated, reordered or missing line`);
        break;
      }
      if (prev) {
        prev.version = e.version;
      } else last.set(e.stream, { version: e.version });
      setVerifiedRow(e, rows, n * VERIFIED_FIELDS);
      at[n * 2] = line;
      at[n * 2 + 1] = byteOffset;
    }
    if (n > 0) {
      await slot();
      rows.length = n * VERIFIED_FIELDS;
      post({ t: 'rows', rows, at: at.subarray(0, n * 2) });
    }
    if (bad) throw bad;
  }
  post({ t: 'done', lines: reader.summary.lines, torn: reader.summary.torn });
}
