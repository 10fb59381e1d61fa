import { BanshiError } from '@banshi/core';

/**
 * The stable codes of sync errors and the HTTP status each travels as.
 *
 * @example
 * syncErrorStatus.SYNC_FORBIDDEN; // 403
 */
export const syncErrorStatus = {
  SYNC_BAD_BATCH: 400,
  SYNC_UNAUTHORIZED: 401,
  SYNC_FORBIDDEN: 403,
  SYNC_TIMEOUT: 408,
  SYNC_OUT_OF_ORDER: 409,
  SYNC_PAYLOAD_TOO_LARGE: 413,
  SYNC_REJECTED: 422,
  SYNC_RECEIPT: 502,
  SYNC_TRANSPORT: 503,
  SYNC_CONFIG: 500,
  /** Sent by the center for a route it does not serve (no class: the client never asks for one). */
  SYNC_NOT_FOUND: 404,
  /** Sent by the center when it failed; the detail reveals nothing internal. */
  SYNC_INTERNAL: 500,
} as const;

/**
 * One of the keys of {@link syncErrorStatus}.
 *
 * @example
 * const code: SyncErrorCode = 'SYNC_FORBIDDEN';
 */
export type SyncErrorCode = keyof typeof syncErrorStatus;

/**
 * Every stable error code `@banshi/sync` throws or sends (the keys of {@link syncErrorStatus}; the
 * table of every banshi code is in `@banshi/core`'s README).
 *
 * @example
 * syncErrorCodes.includes('SYNC_REJECTED'); // true
 */
export const syncErrorCodes = Object.keys(syncErrorStatus) as readonly SyncErrorCode[];

/**
 * Base of every sync error: a stable `code`, the HTTP `status` it maps to, and `detail` — the
 * problem without the advice, which is what crosses the wire. Never contains a credential.
 *
 * @example
 * if (e instanceof SyncError) console.log(e.code, e.status);
 */
export class SyncError extends BanshiError {
  override readonly code: SyncErrorCode;
  readonly status: number;
  readonly detail: string;
  /** The event the error is about, when there is one. */
  readonly eventId: string | undefined;
  constructor(code: SyncErrorCode, detail: string, advice: string, eventId?: string, options?: { cause?: unknown }) {
    super(code, `${detail}. ${advice}`, options);
    this.code = code;
    this.status = syncErrorStatus[code];
    this.detail = detail;
    this.eventId = eventId;
  }
}

/** The one wording of every 401, whatever was wrong, so node ids cannot be enumerated. */
export const UNAUTHORIZED_DETAIL = 'no registered node with that id and token: send "Authorization: Bearer <token>" and "x-banshi-node: <node id>"';

/**
 * An unknown node, a credential that does not match, or none at all (HTTP 401). The detail is
 * the same in every case (the center logs which); nothing was written.
 *
 * @example
 * new SyncUnauthorizedError();
 */
export class SyncUnauthorizedError extends SyncError {
  constructor(detail: string = UNAUTHORIZED_DETAIL) {
    super('SYNC_UNAUTHORIZED', detail, "Nothing was written; check the node id and its secret against the center's node list");
  }
}

/**
 * The request (headers and body) did not arrive within the server's `requestTimeoutMs` (HTTP 408).
 * Nothing was written.
 *
 * @example
 * new SyncRequestTimeoutError(30_000);
 */
export class SyncRequestTimeoutError extends SyncError {
  readonly timeoutMs: number;
  constructor(timeoutMs: number) {
    super('SYNC_TIMEOUT', `the request did not arrive within ${timeoutMs} ms`, 'Nothing was written; ship smaller batches or check the link');
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The node may not write this event: another node owns the stream, the type is not in the
 * node's permissions, or the event claims another node (HTTP 403). Nothing of the batch was written.
 *
 * @example
 * new SyncForbiddenError('stream case-1 is owned by node "hr"', 'V1StGXR8_Z5jdHi6B-myT');
 */
export class SyncForbiddenError extends SyncError {
  constructor(detail: string, eventId?: string) {
    super(
      'SYNC_FORBIDDEN',
      detail,
      "Nothing of the batch was written; hand the stream over with StreamOwnershipTransferred, or grant the event type in the center's node permissions",
      eventId,
    );
  }
}

/**
 * A malformed request: not JSON lines, a missing header line, a count that does not match,
 * an event without its envelope (HTTP 400). Nothing was written.
 *
 * @example
 * new SyncBadBatchError('line 3 is not JSON');
 */
export class SyncBadBatchError extends SyncError {
  constructor(detail: string, eventId?: string) {
    super('SYNC_BAD_BATCH', detail, 'Nothing was written; send a header line then one {"position","event"} line per event', eventId);
  }
}

/**
 * A request body over the server's limit (HTTP 413). Nothing was written.
 *
 * @example
 * new SyncPayloadTooLargeError(8_388_608);
 */
export class SyncPayloadTooLargeError extends SyncError {
  readonly limitBytes: number;
  constructor(limitBytes: number) {
    super('SYNC_PAYLOAD_TOO_LARGE', `the request body is larger than ${limitBytes} bytes`, 'Nothing was written; ship smaller batches (the node option batchSize)');
    this.limitBytes = limitBytes;
  }
}

/**
 * A batch that starts after the center's checkpoint for the node: events in between would be
 * skipped (HTTP 409). Nothing was written.
 *
 * @example
 * new SyncOutOfOrderError(120, 500);
 */
export class SyncOutOfOrderError extends SyncError {
  readonly checkpoint: number;
  readonly fromPosition: number;
  constructor(checkpoint: number, fromPosition: number) {
    super(
      'SYNC_OUT_OF_ORDER',
      `the batch starts at position ${fromPosition} but the center has applied this node only up to ${checkpoint}`,
      'Nothing was written; ask the center for its checkpoint and ship from the position after it',
    );
    this.checkpoint = checkpoint;
    this.fromPosition = fromPosition;
  }
}

/**
 * The center's store refused the batch: a broken hash chain (a tampered event), a payload
 * that fails its schema, an unknown event type, an id reused with other content (HTTP 422).
 * `reason` is the store's error code. Nothing of the batch was written.
 *
 * @example
 * new SyncRejectedError('CORE_INTEGRITY', 'log integrity broken at case-1@2: hash mismatch', 'V1StGXR8_Z5jdHi6B-myT');
 */
export class SyncRejectedError extends SyncError {
  readonly reason: string;
  /** The store's own message, without the reason and advice around it. */
  readonly storeMessage: string;
  constructor(reason: string, storeMessage: string, eventId?: string, options?: { cause?: unknown }) {
    super(
      'SYNC_REJECTED',
      `${reason}: ${storeMessage}${eventId !== undefined && !storeMessage.includes(eventId) ? ` (event ${eventId})` : ''}`,
      'Nothing of the batch was written; verify the node log (banshi verify) and re-ship from a good copy',
      eventId,
      options,
    );
    this.reason = reason;
    this.storeMessage = storeMessage;
  }
}

/**
 * The center was configured wrongly: a node without an id or secret, a node id used twice or
 * equal to the center's id. Thrown by `createSyncCenter`, before anything runs.
 *
 * @example
 * new SyncConfigError('node id "port" is registered twice');
 */
export class SyncConfigError extends SyncError {
  constructor(detail: string) {
    super('SYNC_CONFIG', detail, 'Fix the nodes list passed to createSyncCenter: one entry per node, each with a distinct id and its own secret');
  }
}

/**
 * The link to the center failed (refused connection, reset, timeout, a 5xx). Nothing is lost:
 * ship again later; the center skips what it already applied.
 *
 * @example
 * new SyncTransportError('connect ECONNREFUSED 127.0.0.1:8443');
 */
export class SyncTransportError extends SyncError {
  constructor(detail: string, options?: { cause?: unknown }) {
    super('SYNC_TRANSPORT', detail, 'Nothing is lost: keep working offline and ship again when the link is back', undefined, options);
  }
}

/**
 * The center applied a batch but its signed receipt does not prove it holds the events: no
 * receipt, a bad signature, a root the events do not lead to, or events missing (HTTP 502 on the
 * node's side: the center's answer is not to be trusted). The center did write the batch; keep
 * the node's log and raise it with the center's operator.
 *
 * @example
 * new SyncReceiptError('the receipt is not signed by the center\'s key');
 */
export class SyncReceiptError extends SyncError {
  constructor(detail: string) {
    super('SYNC_RECEIPT', detail, "The center says it applied the batch; keep this node's log and check the center against its signed checkpoints (banshi verify --against)");
  }
}
