import { request as httpRequest, type Agent as HttpAgent } from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';
import {
  SyncBadBatchError,
  type SyncError,
  SyncForbiddenError,
  SyncOutOfOrderError,
  SyncPayloadTooLargeError,
  SyncRejectedError,
  SyncTransportError,
  SyncRequestTimeoutError,
  SyncUnauthorizedError,
} from '../errors/index.js';
import { StringDecoder } from 'node:string_decoder';
import { decodePullResult, encodeShipBatchPieces, encodeShipStreamBytes, syncLimits, type ShipBatch, type ShipResult } from '../protocol/index.js';
import type { ShipAcknowledged, SyncTransport } from './syncTransport.js';

/**
 * Paths the sync server answers.
 *
 * @example
 * await fetch(new URL(syncRoutes.checkpoint, url), { headers: { authorization: `Bearer ${token}`, [NODE_HEADER]: 'port' } });
 */
export const syncRoutes = {
  checkpoint: '/sync/v1/checkpoint',
  ship: '/sync/v1/ship',
  /** Protocol 2: one request carries many batches, answered with one JSON line per applied batch. */
  shipStream: '/sync/v2/ship',
  pull: '/sync/v1/pull',
} as const;

/**
 * The newest sync protocol this package speaks. The center names its own in the checkpoint
 * answer (`{"checkpoint","protocol"}`); a center that names none speaks protocol 1, and a node
 * then ships batch by batch on `syncRoutes.ship`.
 *
 * @example
 * createHttpTransport({ url, nodeId: 'port', token, protocol: 1 }); // talk to a center that predates streams
 */
export const SYNC_PROTOCOL = 2;

/**
 * The header that names the node; the token travels as `Authorization: Bearer`.
 *
 * @example
 * headers[NODE_HEADER] = 'port';
 */
export const NODE_HEADER = 'x-banshi-node';

export interface HttpTransportOptions {
  /** The center's base URL, e.g. `https://center.example:8443` (`http:` only on loopback). */
  readonly url: string;
  readonly nodeId: string;
  readonly token: string;
  readonly timeoutMs?: number;
  /** An agent carrying TLS settings (a private CA, a client certificate) or keep-alive. */
  readonly agent?: HttpAgent | HttpsAgent;
  /**
   * The newest protocol to use (default `SYNC_PROTOCOL`). The transport uses the lower of this
   * and what the center's checkpoint answer names; 1 ships one request per batch.
   */
  readonly protocol?: 1 | 2;
}

interface WireError {
  readonly error?: { readonly code?: string; readonly detail?: string; readonly eventId?: string; readonly reason?: string; readonly checkpoint?: number; readonly fromPosition?: number; readonly limitBytes?: number };
}

function errorFrom(status: number, body: string): SyncError {
  let parsed: WireError = {};
  try {
    parsed = JSON.parse(body) as WireError;
  } catch {
    // a proxy's HTML page, say: fall through to the status alone
  }
  return wireError(status, parsed.error ?? {});
}

function wireError(status: number, e: NonNullable<WireError['error']>): SyncError {
  const detail = e.detail ?? `the center answered HTTP ${status}`;
  switch (e.code) {
    case 'SYNC_UNAUTHORIZED':
      return new SyncUnauthorizedError(detail);
    case 'SYNC_TIMEOUT':
      return new SyncRequestTimeoutError(syncLimits.requestTimeoutMs);
    case 'SYNC_FORBIDDEN':
      return new SyncForbiddenError(detail, e.eventId);
    case 'SYNC_BAD_BATCH':
      return new SyncBadBatchError(detail, e.eventId);
    case 'SYNC_PAYLOAD_TOO_LARGE':
      return new SyncPayloadTooLargeError(e.limitBytes ?? syncLimits.maxBodyBytes);
    case 'SYNC_OUT_OF_ORDER':
      return new SyncOutOfOrderError(e.checkpoint ?? 0, e.fromPosition ?? 0);
    case 'SYNC_REJECTED':
      return new SyncRejectedError(e.reason ?? 'SYNC_REJECTED', detail, e.eventId);
    default:
      if (status === 401) return new SyncUnauthorizedError(detail);
      if (status === 403) return new SyncForbiddenError(detail);
      if (status === 413) return new SyncPayloadTooLargeError(syncLimits.maxBodyBytes);
      return new SyncTransportError(detail);
  }
}

/**
 * A transport over HTTP(S) with Node's `http`/`https`: JSON-lines bodies, the node's token as
 * `Authorization: Bearer`, resumable from the center's checkpoint. Network failures and 5xx
 * become `SyncTransportError`; refusals become the matching `SyncError`.
 *
 * @example
 * const transport = createHttpTransport({ url: 'http://127.0.0.1:8080', nodeId: 'port', token: 'port-secret' });
 * await transport.ship({ fromPosition: 1, toPosition: 0, events: [] });
 */
export function createHttpTransport(options: HttpTransportOptions): SyncTransport {
  const base = new URL(options.url);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new SyncTransportError(`url ${options.url} must start with http: or https:`);
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  const timeoutMs = options.timeoutMs ?? syncLimits.requestTimeoutMs;

  /** One request; a `body` is streamed piece by piece (chunked), never built whole. */
  function call(method: 'GET' | 'POST', path: string, body?: Iterable<string>): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const url = new URL(path, base);
      const headers: Record<string, string | number> = { authorization: `Bearer ${options.token}`, [NODE_HEADER]: options.nodeId };
      if (body !== undefined) headers['content-type'] = 'application/x-ndjson';
      const req = send(url, { method, headers, timeout: timeoutMs, ...(options.agent ? { agent: options.agent } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => reject(new SyncTransportError(`the response from ${url.origin} broke off: ${err.message}`, { cause: err })));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(text);
          else reject(errorFrom(status, text));
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (err) => reject(new SyncTransportError(`cannot reach the center at ${url.origin}: ${err.message}`, { cause: err })));
      if (body === undefined) {
        req.end();
        return;
      }
      // Each piece is encoded when the socket has taken the previous ones (backpressure).
      const pieces = body[Symbol.iterator]();
      const pump = (): void => {
        for (let next = pieces.next(); !next.done; next = pieces.next()) {
          if (!req.write(next.value)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
  }

  const waitDrain = (req: ReturnType<typeof send>): Promise<void> =>
    new Promise<void>((resolve) => {
      const done = (): void => {
        req.off('drain', done);
        req.off('close', done);
        resolve();
      };
      req.on('drain', done);
      req.on('close', done);
    });

  /**
   * Protocol 2: one POST carrying the batches one after another, a line each (each encoded when
   * the socket has taken the previous one); the center answers a JSON line per batch it applied, as it
   * applies them, and a final `{"error"}` line when it refuses one (or the HTTP status of the
   * refusal when it refuses the first). Acknowledgements are handed on in order.
   */
  function streamShip(first: ShipBatch, rest: AsyncIterator<ShipBatch>, acknowledged: ShipAcknowledged): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const url = new URL(syncRoutes.shipStream, base);
      const headers = { authorization: `Bearer ${options.token}`, [NODE_HEADER]: options.nodeId, 'content-type': 'application/x-ndjson' };
      const sent: ShipBatch[] = [];
      let acked = 0;
      let allSent = false;
      let stopped = false;
      let answered = false;
      let failure: unknown;
      let chain: Promise<void> = Promise.resolve();
      const fail = (err: unknown): void => {
        failure ??= err;
        stopped = true;
      };
      const finish = (): void => {
        stopped = true;
        void chain.then(() => (failure === undefined ? resolve() : reject(failure)), reject);
      };
      const req = send(url, { method: 'POST', headers, timeout: timeoutMs, ...(options.agent ? { agent: options.agent } : {}) }, (res) => {
        answered = true;
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('close', () => {
            fail(res.complete ? errorFrom(status, Buffer.concat(chunks).toString('utf8')) : new SyncTransportError(`the answer from ${url.origin} broke off (HTTP ${status})`));
            finish();
          });
          return;
        }
        const utf8 = new StringDecoder('utf8');
        let pending = '';
        const line = (text: string): void => {
          if (text.length === 0 || failure !== undefined) return;
          let parsed: { result?: ShipResult; error?: NonNullable<WireError['error']> & { status?: number } };
          try {
            parsed = JSON.parse(text) as typeof parsed;
          } catch {
            return fail(new SyncTransportError('the center answered a stream line that is not JSON'));
          }
          if (parsed.error) return fail(wireError(parsed.error.status ?? 0, parsed.error));
          const batch = sent.shift();
          if (!parsed.result || !batch) return fail(new SyncTransportError('the center acknowledged a batch it was not sent'));
          const result = parsed.result;
          acked++;
          chain = chain.then(() => acknowledged(result, batch)).catch((err: unknown) => {
            fail(err);
            req.destroy();
          });
        };
        res.on('data', (c: Buffer) => {
          const lines = (pending + utf8.write(c)).split('\n');
          pending = lines.pop() as string;
          for (const l of lines) line(l);
        });
        res.on('close', () => {
          line(pending + utf8.end());
          if (failure === undefined && (!res.complete || !allSent || sent.length > 0)) {
            fail(new SyncTransportError(`the stream to ${url.origin} broke off after ${acked} acknowledged batch(es)`));
          }
          finish();
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (err) => {
        // Once the center answered, its answer (read to its end) says what happened.
        if (answered) return;
        fail(new SyncTransportError(`cannot reach the center at ${url.origin}: ${err.message}`, { cause: err }));
        finish();
      });
      void (async () => {
        try {
          for (let batch: ShipBatch | undefined = first; batch !== undefined && !stopped; ) {
            sent.push(batch);
            // One line per batch, as bytes; the next is encoded when the socket has taken this one.
            if (!req.write(encodeShipStreamBytes(batch))) await waitDrain(req);
            const next = await rest.next();
            batch = next.done ? undefined : next.value;
          }
          if (stopped) return;
          allSent = true;
          req.end();
        } catch (err) {
          // Reading the node's own store failed: nothing more is sent, and that is the error.
          fail(err);
          req.destroy();
        }
      })();
    });
  }

  let centerProtocol: number | undefined;
  const wanted = options.protocol ?? SYNC_PROTOCOL;

  /** The center's checkpoint for this node; the answer also names the center's protocol. */
  async function checkpoint(): Promise<number> {
    const r = parse<{ checkpoint?: unknown; protocol?: unknown }>(await call('GET', syncRoutes.checkpoint));
    if (!Number.isInteger(r.checkpoint)) throw new SyncTransportError('the center answered without a checkpoint');
    centerProtocol = Number.isInteger(r.protocol) ? (r.protocol as number) : 1;
    return r.checkpoint as number;
  }

  const ship = async (batch: ShipBatch): Promise<ShipResult> => parse<ShipResult>(await call('POST', syncRoutes.ship, encodeShipBatchPieces(batch)));

  const parse = <T>(text: string): T => {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new SyncTransportError('the center answered with a body that is not JSON');
    }
  };

  return {
    checkpoint,
    ship,
    async shipStream(batches, acknowledged) {
      const it = batches[Symbol.asyncIterator]();
      const first = await it.next();
      if (first.done) return;
      if (centerProtocol === undefined) await checkpoint();
      if (Math.min(wanted, centerProtocol ?? 1) >= 2) return streamShip(first.value, it, acknowledged);
      // A center that predates streams: one request per batch, as protocol 1 ships.
      for (let next: IteratorResult<ShipBatch> = first; !next.done; next = await it.next()) await acknowledged(await ship(next.value), next.value);
    },
    async pull(request) {
      const q = new URLSearchParams({ from: String(request.fromPosition) });
      if (request.limit !== undefined) q.set('limit', String(request.limit));
      const text = await call('GET', `${syncRoutes.pull}?${q.toString()}`);
      try {
        return decodePullResult(text);
      } catch (err) {
        throw new SyncTransportError(`the center's pull response is malformed: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}
