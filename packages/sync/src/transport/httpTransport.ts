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
import { decodePullResult, encodeShipBatchPieces, syncLimits, type ShipResult } from '../protocol/index.js';
import type { SyncTransport } from './syncTransport.js';

/**
 * Paths the sync server answers.
 *
 * @example
 * await fetch(new URL(syncRoutes.checkpoint, url), { headers: { authorization: `Bearer ${token}`, [NODE_HEADER]: 'port' } });
 */
export const syncRoutes = {
  checkpoint: '/sync/v1/checkpoint',
  ship: '/sync/v1/ship',
  pull: '/sync/v1/pull',
} as const;

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
  const e = parsed.error ?? {};
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

  const parse = <T>(text: string): T => {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new SyncTransportError('the center answered with a body that is not JSON');
    }
  };

  return {
    async checkpoint() {
      const r = parse<{ checkpoint?: unknown }>(await call('GET', syncRoutes.checkpoint));
      if (!Number.isInteger(r.checkpoint)) throw new SyncTransportError('the center answered without a checkpoint');
      return r.checkpoint as number;
    },
    async ship(batch) {
      return parse<ShipResult>(await call('POST', syncRoutes.ship, encodeShipBatchPieces(batch)));
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
