import type { PullRequest, PullResult, ShipBatch, ShipResult } from '../protocol/index.js';

/** Called for each batch of a stream the center applied, in order, before the next one is reported. */
export type ShipAcknowledged = (result: ShipResult, batch: ShipBatch) => Promise<void> | void;

/**
 * How a node reaches the center. Every call is authenticated as the transport's node.
 * Failures are `SyncError`s: `SyncTransportError` means "try again later", the others mean
 * the center refused and wrote nothing.
 *
 * @example
 * const transport: SyncTransport = createHttpTransport({ url, nodeId: 'port', token });
 * const checkpoint = await transport.checkpoint();
 */
export interface SyncTransport {
  /** The last position of this node's log the center has applied. */
  checkpoint(): Promise<number>;
  ship(batch: ShipBatch): Promise<ShipResult>;
  /**
   * Ships batches in order as one stream (protocol 2 over HTTP: one request, the center applying
   * each batch as its bytes arrive). `acknowledged` runs for every batch the center applied, in
   * order; the promise rejects with the first refusal or break, and the batches acknowledged
   * before it stay applied. A transport without it ships batch by batch with `ship`.
   */
  shipStream?(batches: AsyncIterable<ShipBatch>, acknowledged: ShipAcknowledged): Promise<void>;
  pull(request: PullRequest): Promise<PullResult>;
}
