import { defineEvent, type RecordedEvent } from '@banshi/core';
import { nonEmptyString, nullableString, oneOf, payloadSchema, plainObject, positiveInteger } from '../_lib/payloadSchema.js';

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
export const StreamOwnershipTransferred = defineEvent(syncEventTypes.ownershipTransferred, payloadSchema({ from: nonEmptyString, to: nonEmptyString }));

/** Payload of {@link StreamOwnershipTransferred}. */
export interface StreamOwnershipTransferredData {
  readonly from: string;
  readonly to: string;
}

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
  payloadSchema({ node: nonEmptyString, stream: nonEmptyString, version: positiveInteger, reason: oneOf(conflictReasons), existingEventId: nullableString, event: plainObject }),
);

/** Payload of {@link SyncConflictDetected}. */
export interface SyncConflictData {
  readonly node: string;
  readonly stream: string;
  readonly version: number;
  readonly reason: ConflictReason;
  /** The center's event at that version (`null` when the conflict follows an earlier one). */
  readonly existingEventId: string | null;
  readonly event: RecordedEvent;
}

/**
 * The event definitions sync writes: add them to the center's and the nodes' registries.
 *
 * @example
 * const registry = createEventRegistry([...caseEvents, ...syncEvents]);
 */
export const syncEvents = [StreamOwnershipTransferred, SyncConflictDetected] as const;
