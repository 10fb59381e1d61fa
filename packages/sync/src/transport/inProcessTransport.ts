import type { NodeCredential, SyncCenter } from '../center/index.js';
import type { SyncTransport } from './syncTransport.js';

/**
 * A transport that calls the center in the same process. Batches are copied through JSON
 * both ways, as on a wire, so neither side can alias the other's objects.
 *
 * @example
 * const transport = createInProcessTransport(center, { nodeId: 'port', token: 'port-secret' });
 * await createSyncNode({ id: 'port', store, transport }).push();
 */
export function createInProcessTransport(center: SyncCenter, credential: NodeCredential): SyncTransport {
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    checkpoint: () => center.checkpoint(credential),
    async ship(batch) {
      return copy(await center.ship(credential, copy(batch)));
    },
    async pull(request) {
      return copy(await center.pull(credential, copy(request)));
    },
  };
}
