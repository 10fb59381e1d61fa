import type { PullRequest, PullResult, ShipBatch, ShipResult } from '../protocol/index.js';

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
  pull(request: PullRequest): Promise<PullResult>;
}
