import { sealRecorded } from '@banshi/core/adapter';
import type { NodeCredential, SyncCenter } from '../center/index.js';
import type { ShippedEvent } from '../protocol/index.js';
import type { SyncTransport } from './syncTransport.js';

/**
 * A transport that calls the center in the same process. Batches are copied through JSON
 * both ways, as on a wire, so neither side can alias the other's objects; the copied events are
 * sealed, as the HTTP decoders seal theirs.
 *
 * @example
 * const transport = createInProcessTransport(center, { nodeId: 'port', token: 'port-secret' });
 * await createSyncNode({ id: 'port', store, transport }).push();
 */
export function createInProcessTransport(center: SyncCenter, credential: NodeCredential): SyncTransport {
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const sealed = <T extends { readonly events: readonly ShippedEvent[] }>(value: T): T => {
    if (Array.isArray(value?.events)) for (const e of value.events) sealRecorded((e as Partial<ShippedEvent> | null)?.event);
    return value;
  };
  return {
    checkpoint: () => center.checkpoint(credential),
    async ship(batch) {
      return copy(await center.ship(credential, sealed(copy(batch))));
    },
    async pull(request) {
      return sealed(copy(await center.pull(credential, copy(request))));
    },
  };
}
