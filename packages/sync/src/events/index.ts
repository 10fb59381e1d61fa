import { defineEvent, type RecordedEvent } from '@banshi/core';
import { z } from 'zod';

/**
 * The stream at the center where conflicts are kept for the operator.
 *
 * @example
 * await center.store.readStream(SYNC_CONFLICTS_STREAM);
 */
export const SYNC_CONFLICTS_STREAM = 'sync-conflicts';

/**
 * Event types sync itself writes or interprets.
 *
 * @example
 * if (event.type === syncEventTypes.ownershipTransferred) owner = event.data.to;
 */
export const syncEventTypes = {
  ownershipTransferred: 'StreamOwnershipTransferred',
  conflictDetected: 'SyncConflictDetected',
} as const;

/**
 * Hands a stream over to another node. Written into the stream itself by its current owner;
 * from then on the center accepts that stream's events only from `to`.
 *
 * @example
 * await store.append('case-1', [{ type: 'StreamOwnershipTransferred', data: { from: 'port', to: 'center' } }]);
 */
export const StreamOwnershipTransferred = defineEvent(syncEventTypes.ownershipTransferred, z.object({ from: z.string().min(1), to: z.string().min(1) }));

/**
 * Payload of {@link StreamOwnershipTransferred}: the node handing the stream over and the node taking it.
 *
 * @example
 * const d: StreamOwnershipTransferredData = { from: 'port', to: 'center' };
 */
export type StreamOwnershipTransferredData = z.infer<typeof StreamOwnershipTransferred.data>;

/**
 * Why an event was kept as a conflict instead of being applied: it `diverged` from the
 * center's event at that version, or it `follows-conflict` (builds on a diverged event).
 *
 * @example
 * const diverged = (await center.conflicts()).filter((c) => c.reason === conflictReasons[0]);
 */
export const conflictReasons = ['diverged', 'follows-conflict'] as const;
/** One of {@link conflictReasons}. */
export type ConflictReason = (typeof conflictReasons)[number];

/**
 * A node shipped an event for a stream version the center already holds with another event
 * (two writers during a partition), or an event that builds on such an event. The shipped
 * event is kept whole in `event`; nothing is merged.
 *
 * @example
 * const registry = createEventRegistry([...myEvents, ...syncEvents]);
 */
export const SyncConflictDetected = defineEvent(
  syncEventTypes.conflictDetected,
  z.object({
    node: z.string().min(1),
    stream: z.string().min(1),
    version: z.int().min(1),
    reason: z.enum(conflictReasons),
    /** The center's event at that version (`null` when the conflict follows an earlier one). */
    existingEventId: z.string().nullable(),
    // Kept whole as shipped: its envelope was checked on receipt, its payload belongs to the sender's registry.
    event: z.custom<RecordedEvent>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { error: 'Invalid input: expected the shipped event as an object' }),
  }),
);

/**
 * Payload of {@link SyncConflictDetected}.
 *
 * @example
 * const d: SyncConflictData = { node: 'port', stream: 'case-1', version: 2, reason: 'diverged', existingEventId: 'ev-9', event: shipped };
 */
export type SyncConflictData = z.infer<typeof SyncConflictDetected.data>;

/**
 * The event definitions sync writes: add them to the center's and the nodes' registries.
 *
 * @example
 * const registry = createEventRegistry([...caseEvents, ...syncEvents]);
 */
export const syncEvents = [StreamOwnershipTransferred, SyncConflictDetected] as const;
