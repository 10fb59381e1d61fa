import { toRecorded, type EventStore, type SignatureVerifier, type StoredEvent } from '@banshi/core';
import { SyncReceiptError } from '../errors/index.js';
import { checkShipReceipt } from '../receipt/index.js';
import { syncLimits, type ShipBatch, type ShipResult, type ShippedEvent } from '../protocol/index.js';
import type { SyncTransport } from '../transport/index.js';

/**
 * The checkpoint name under which a node keeps its last pulled center position.
 *
 * @example
 * await node.store.checkpoints.load(PULL_CHECKPOINT); // { position: 4812 }
 */
export const PULL_CHECKPOINT = 'sync:pull';

/** Where a node keeps the last ship receipt it checked. */
export const RECEIPT_CHECKPOINT = 'sync:receipt';

export interface SyncNodeOptions {
  /** This node's id: the `meta.node` of the events it writes (give its store the same `node`). */
  readonly id: string;
  /** The node's local store; commands keep appending to it while the link is down. */
  readonly store: EventStore;
  readonly transport: SyncTransport;
  /** Store positions per shipped batch (default `syncLimits.batchSize`). */
  readonly batchSize?: number;
  /** Batches per streamed request when the transport streams (default `syncLimits.streamBatches`). */
  readonly streamBatches?: number;
  /** Center positions scanned per pull request (default and maximum `syncLimits.pullLimit`). */
  readonly pullBatchSize?: number;
  /**
   * The center's public key: every ship receipt is then checked (signature, root, and that the
   * events it applied are in the signed log) and the last one kept in the node's checkpoints as
   * `sync:receipt`. A receipt that does not check is a `SyncReceiptError`.
   */
  readonly centerKey?: SignatureVerifier;
}

/** What one `push` shipped. */
export interface PushReport {
  readonly batches: number;
  readonly applied: number;
  readonly skipped: number;
  readonly conflicts: number;
  /** The center's checkpoint for this node after the push. */
  readonly checkpoint: number;
  /** When the center received the last batch (its clock); undefined when nothing was shipped. */
  readonly receivedAt: string | undefined;
  /** Ship receipts checked against `centerKey` during this push. */
  readonly receipts: number;
}

/** What one `pull` brought in. */
export interface PullReport {
  readonly imported: number;
  readonly skipped: number;
  /** The last center position pulled. */
  readonly position: number;
}

/** The sending side of replication, around a node's local store. */
export interface SyncNode {
  readonly id: string;
  readonly store: EventStore;
  /** Ships this node's events the center has not applied yet, resuming from the center's checkpoint. */
  push(): Promise<PushReport>;
  /** Imports reference data (and streams handed to this node) from the center. */
  pull(): Promise<PullReport>;
  /** `push` then `pull`. */
  sync(): Promise<{ readonly push: PushReport; readonly pull: PullReport }>;
}

/**
 * Creates a node: it keeps appending to its own store whatever the link does, and `push`
 * ships its own events (those with `meta.node === id`) in position order. A push that fails
 * halfway loses nothing: the next one resumes from the center's checkpoint, and the center
 * skips what it already has.
 *
 * @example
 * const node = createSyncNode({ id: 'port', store, transport: createHttpTransport({ url, nodeId: 'port', token }) });
 * await node.push(); // { batches: 1, applied: 12, skipped: 0, conflicts: 0, checkpoint: 12 }
 */
export function createSyncNode(options: SyncNodeOptions): SyncNode {
  const { id, store, transport } = options;
  const batchSize = Math.max(1, options.batchSize ?? syncLimits.batchSize);
  const streamBatches = Math.max(1, options.streamBatches ?? syncLimits.streamBatches);
  const pullBatchSize = Math.max(1, Math.min(options.pullBatchSize ?? syncLimits.pullLimit, syncLimits.pullLimit));

  async function push(): Promise<PushReport> {
    let checkpoint = await transport.checkpoint();
    let batches = 0;
    let applied = 0;
    let skipped = 0;
    let conflicts = 0;
    let receivedAt: string | undefined;
    let receipts = 0;

    /** The node's own events after `from`, as batches; positions between them count as covered. */
    async function* unshipped(from: number): AsyncGenerator<ShipBatch> {
      for await (const batch of store.readAllBatches({ fromPosition: from, batchSize, upcast: false })) {
        const events: ShippedEvent[] = [];
        for (const e of batch as readonly StoredEvent[]) if (e.meta.node === id) events.push({ position: e.position, event: toRecorded(e) });
        // Positions holding other nodes' events are not shipped, and a batch claims only up to its
        // last event: the center's checkpoint never covers a position it was not sent.
        if (events.length === 0) continue;
        const toPosition = (events.at(-1) as ShippedEvent).position;
        yield { fromPosition: from, toPosition, events };
        from = toPosition + 1;
      }
    }

    /** What the center said about one batch, in shipping order. */
    async function acknowledged(r: ShipResult, batch: ShipBatch): Promise<void> {
      if (options.centerKey && r.applied > 0) {
        if (!r.receipt) throw new SyncReceiptError(`the center applied ${r.applied} event(s) but sent no signed receipt`);
        const check = checkShipReceipt(r.receipt, [], options.centerKey);
        const held = new Set(r.receipt.leaves.map((l) => l.id));
        const found = batch.events.filter((e) => held.has(e.event.id)).length;
        if (!check.ok || found < r.applied) throw new SyncReceiptError(check.ok ? `the receipt holds ${found} of the ${r.applied} events the center says it applied` : check.message);
        await store.checkpoints.save(RECEIPT_CHECKPOINT, { position: batch.toPosition, state: r.receipt });
        receipts++;
      }
      batches++;
      applied += r.applied;
      skipped += r.skipped;
      conflicts += r.conflicts;
      checkpoint = r.checkpoint;
      receivedAt = r.receivedAt;
    }

    const source = unshipped(checkpoint + 1);
    if (transport.shipStream) {
      // Streams of at most `streamBatches` batches, each one request; the next starts where the
      // last acknowledged batch ended (the source generator carries on from there).
      let more = true;
      while (more) {
        let taken = 0;
        const slice: AsyncIterable<ShipBatch> = {
          async *[Symbol.asyncIterator]() {
            while (taken < streamBatches) {
              const next = await source.next();
              if (next.done) {
                more = false;
                return;
              }
              taken++;
              yield next.value;
            }
          },
        };
        await transport.shipStream(slice, acknowledged);
        if (taken === 0) break;
      }
    } else {
      for await (const batch of source) await acknowledged(await transport.ship(batch), batch);
    }
    return { batches, applied, skipped, conflicts, checkpoint, receivedAt, receipts };
  }

  async function pull(): Promise<PullReport> {
    let position = (await store.checkpoints.load(PULL_CHECKPOINT))?.position ?? 0;
    let imported = 0;
    let skipped = 0;
    for (;;) {
      const r = await transport.pull({ fromPosition: position + 1, limit: pullBatchSize });
      if (r.events.length) {
        const res = await store.importEvents(r.events.map((e) => e.event));
        imported += res.imported;
        skipped += res.skipped;
      }
      if (r.toPosition > position) {
        position = r.toPosition;
        await store.checkpoints.save(PULL_CHECKPOINT, { position });
      }
      if (r.toPosition >= r.head || r.toPosition < position) break;
    }
    return { imported, skipped, position };
  }

  return {
    id,
    store,
    push,
    pull,
    async sync() {
      const p = await push();
      return { push: p, pull: await pull() };
    },
  };
}
