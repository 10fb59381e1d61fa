import { BanshiError } from '@banshi/core';

/**
 * Every stable error code `@banshi/store-nats` throws (the prefix names the package; the table of every banshi
 * code is in `@banshi/core`'s README).
 *
 * @example
 * storeNatsErrorCodes.includes('STORE_NATS_FOREIGN_STREAM'); // true
 */
export const storeNatsErrorCodes = [
  'STORE_NATS_PERMISSION',
  'STORE_NATS_STREAM_CONFIG',
  'STORE_NATS_FOREIGN_STREAM',
] as const;
/**
 * One of {@link storeNatsErrorCodes}.
 *
 * @example
 * const code: StoreNatsErrorCode = 'STORE_NATS_FOREIGN_STREAM';
 */
export type StoreNatsErrorCode = (typeof storeNatsErrorCodes)[number];

/**
 * The NATS server refused this user a subject: a node may publish only to its own subjects
 * (`<prefix>.<node>.>`). Nothing was written. Check the store's `node` option against the user
 * the node connects as, or grant the subject in the server's permissions.
 *
 * @example
 * try { await store.append('case-1', events); }
 * catch (e) { if (e instanceof SubjectPermissionError) console.error(e.subject, e.operation); }
 */
export class SubjectPermissionError extends BanshiError {
  constructor(
    readonly operation: 'publish' | 'subscribe',
    readonly subject: string,
    options?: { cause?: unknown },
  ) {
    super(
      'STORE_NATS_PERMISSION',
      `the NATS server refused to let this user ${operation} on ${subject}: nothing was written. A node writes only its own subjects; check the store's node option and the user's permissions.`,
      options,
    );
  }
}

/**
 * The JetStream stream exists but cannot hold an event log as it is configured: a limit that
 * would drop events (`max_msgs`, `max_bytes`, `max_age`, per-subject limits, a retention policy
 * other than `limits`) or subjects that do not cover this node's. Nothing was changed.
 *
 * @example
 * new StreamConfigError('BANSHI', 'max_age is 24h: an event log keeps every event');
 */
export class StreamConfigError extends BanshiError {
  constructor(
    readonly stream: string,
    readonly problem: string,
  ) {
    super('STORE_NATS_STREAM_CONFIG', `JetStream stream ${stream} cannot hold a banshi log: ${problem}. Fix the stream's configuration (or use another stream name); nothing was changed.`);
  }
}

/**
 * A stream id already written by another node (its events sit under that node's subject): two
 * nodes appending to one stream would fork its hash chain. Append at the owning node.
 *
 * @example
 * new ForeignStreamError('case-GH-2013-0001', 'port', 'center');
 */
export class ForeignStreamError extends BanshiError {
  constructor(
    readonly stream: string,
    readonly owner: string,
    readonly node: string,
  ) {
    super('STORE_NATS_FOREIGN_STREAM', `stream ${stream} is written by node ${owner}, not by this store's node ${node}: nothing was written. Append to it at ${owner}.`);
  }
}
