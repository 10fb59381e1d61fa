import { Worker } from 'node:worker_threads';
import { DuplicateEventIdError, IntegrityError, type ImportResult, type RecordedEvent } from '@banshi/core';
import { atSourceIndex, sourceIndexOf } from '@banshi/core/adapter';
import Database from 'better-sqlite3';
import type { WorkerModule } from '../_lib/workerModule.js';
import { encodeForImport, OTHER_CONTENT, RefusedBeforeImport, unhashable, VERIFIED_FIELDS, type ImporterContext } from './importer.js';
import type { EventsWorkerInput, FromEventsWorker, ToEventsWorker, WireError } from './importEventsWorker.js';
import type { AddVerified } from './verifiedImport.js';

/** Events an import reads before it starts a worker: a smaller one is over before a worker would have started. */
export const WORKER_FROM = 16_384;
/** Rows per batch sent to the worker. */
const BATCH = 512;
/** Batches sent and not yet taken by the worker, at most. */
const WINDOW = 8;

/** What an import on a worker needs from its store. */
export interface WorkerImportOptions extends Pick<ImporterContext, 'registry' | 'policy'> {
  readonly module: WorkerModule;
  readonly input: EventsWorkerInput;
  readonly assertOpen: () => void;
  /** The same import on this thread, in the store's own transaction (a source too small for a worker). */
  readonly inThread: (feed: (add: AddVerified) => void) => Promise<ImportResult>;
}

/**
 * `importEvents` of a large source with a worker thread: this thread checks each event's envelope
 * and payload and canonicalizes it once (`encodeForImport`), and hands the rows over a batch at a
 * time; the worker's own connection hashes, checks the chain, skips and inserts in one transaction
 * (on two cores the two overlap). The same events are imported, skipped or refused, with the same
 * errors at the same source index, as on one thread: an event this thread refuses is refused by
 * the importer at the point `add` would refuse it, and an error of this thread (the source's own)
 * is thrown only after the worker has found nothing wrong before it. A source of fewer than
 * {@link WORKER_FROM} events is imported on this thread from the same rows.
 */
export function createWorkerImport(o: WorkerImportOptions) {
  const F = VERIFIED_FIELDS;
  /** Errors of the events this thread refused, by source index, until the worker has passed them. */
  const errors = new Map<number, unknown>();
  const held: unknown[][] = [];
  let rows = new Array<unknown>(BATCH * F);
  let n = 0;
  let index = 0;
  let worker: Worker | undefined;
  let credit = WINDOW;
  let failure: WireError | undefined;
  let answer: FromEventsWorker | undefined;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    wake?.();
    wake = undefined;
  };
  const wait = (): Promise<void> => new Promise<void>((r) => (wake = r));
  const fromWire = (w: WireError): unknown => {
    switch (w.kind) {
      case 'refused':
        return atSourceIndex(errors.get(w.index), w.index);
      case 'integrity':
        return atSourceIndex(new IntegrityError(w.breakAt), w.index);
      case 'duplicate':
        return atSourceIndex(new DuplicateEventIdError(w.id, OTHER_CONTENT), w.index);
      case 'unhashable':
        return atSourceIndex(unhashable(w.stream, w.version, w.reason), w.index);
      case 'sqlite':
        return new Database.SqliteError(w.message, w.code);
      default:
        return new Error(`the import worker failed: ${w.message}`);
    }
  };
  const start = (): Worker => {
    const w = new Worker(o.module.url, { workerData: o.input, ...(o.module.execArgv ? { execArgv: o.module.execArgv } : {}) });
    w.on('message', (m: FromEventsWorker) => {
      if (m.t === 'ack') {
        credit++;
        for (const i of errors.keys()) {
          if (i >= m.through) break;
          errors.delete(i);
        }
      } else if (m.t === 'fail') failure = m.error;
      else answer = m;
      signal();
    });
    w.on('error', (err: unknown) => {
      failure ??= { kind: 'other', message: err instanceof Error ? err.message : String(err) };
      signal();
    });
    w.on('exit', (code) => {
      failure ??= answer ? undefined : { kind: 'other', message: `it stopped (exit code ${code}) before the import was over` };
      signal();
    });
    return w;
  };
  const send = (m: ToEventsWorker): void => {
    (worker as Worker).postMessage(m);
    if (m.t === 'rows') credit--;
  };
  const sendRows = async (batch: unknown[]): Promise<void> => {
    if (!worker) {
      held.push(batch);
      if (index < WORKER_FROM) return;
      worker = start();
      for (const b of held.splice(0)) send({ t: 'rows', rows: b });
    } else send({ t: 'rows', rows: batch });
    while (credit <= 0 && !failure) await wait();
    if (failure) throw fromWire(failure);
  };
  /** Sends the rows not yet sent, then `m`, and waits for its answer. */
  const finishWith = async (m: ToEventsWorker): Promise<FromEventsWorker> => {
    if (n > 0) {
      rows.length = n * F;
      send({ t: 'rows', rows });
      n = 0;
    }
    send(m);
    while (!answer && !failure) await wait();
    if (failure) throw fromWire(failure);
    return answer as FromEventsWorker;
  };
  /** Runs the held rows on this thread: the source ended before a worker was worth starting. */
  const inThread = (after?: unknown): Promise<ImportResult> => {
    if (n > 0) {
      rows.length = n * F;
      held.push(rows);
      n = 0;
    }
    return o.inThread((add) => {
      for (const b of held)
        for (let k = 0; k < b.length; k += F) {
          try {
            add(b, k);
          } catch (err) {
            if (!(err instanceof RefusedBeforeImport)) throw err;
            const i = sourceIndexOf(err) as number;
            throw atSourceIndex(errors.get(i), i);
          }
        }
      if (after !== undefined) throw after;
    });
  };
  return {
    /** Takes the next event of the source; wait for the promise when there is one. */
    add(e: RecordedEvent): Promise<void> | undefined {
      o.assertOpen();
      const refused = encodeForImport(e, rows, n * F, o);
      if (refused !== undefined) errors.set(index, refused);
      index++;
      if (++n < BATCH) return undefined;
      const batch = rows;
      rows = new Array<unknown>(BATCH * F);
      n = 0;
      return sendRows(batch);
    },
    /** The source is over: commit. */
    async end(): Promise<ImportResult> {
      try {
        if (!worker) return await inThread();
        return (await finishWith({ t: 'end' }) as Extract<FromEventsWorker, { t: 'done' }>).result;
      } finally {
        await worker?.terminate();
      }
    },
    /** This thread failed with `err` (the source threw, the store was closed): the first refusal before it wins. */
    async abort(err: unknown): Promise<never> {
      try {
        if (!worker) await inThread(err);
        else if (failure === undefined) await finishWith({ t: 'check' });
        throw err;
      } finally {
        await worker?.terminate();
      }
    },
  };
}
