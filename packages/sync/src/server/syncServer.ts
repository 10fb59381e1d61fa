import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { NodeCredential, SyncCenter } from '../center/index.js';
import { SyncBadBatchError, SyncError, SyncOutOfOrderError, SyncPayloadTooLargeError, SyncRejectedError, SyncRequestTimeoutError, SyncUnauthorizedError } from '../errors/index.js';
import { createShipBatchDecoder, createShipStreamDecoder, encodePullResult, syncLimits, type ShipBatch, type ShipBatchDecoder } from '../protocol/index.js';
import { NODE_HEADER, SYNC_PROTOCOL, syncRoutes } from '../transport/index.js';

export interface SyncServerOptions {
  /** Defaults to 0 (any free port). */
  readonly port?: number;
  /** Defaults to `127.0.0.1`. Bind other addresses only with `tls`. */
  readonly host?: string;
  /** TLS key and certificate: the server then speaks HTTPS. Loopback tests run plain HTTP. */
  readonly tls?: HttpsServerOptions;
  readonly maxBodyBytes?: number;
  /** Headers and body must arrive within this many ms (default `syncLimits.requestTimeoutMs`), else 408 and the connection closes. */
  readonly requestTimeoutMs?: number;
}

/** A running sync server. */
export interface SyncServer {
  /** e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

function credentialOf(req: IncomingMessage): NodeCredential {
  const auth = req.headers.authorization ?? '';
  const node = req.headers[NODE_HEADER];
  const match = /^Bearer (.+)$/.exec(auth);
  if (!match || typeof node !== 'string' || node.length === 0) {
    throw new SyncUnauthorizedError();
  }
  return { nodeId: node, token: match[1] as string };
}

/**
 * Reads a ship body as it arrives, parsing each line once (no whole-body string, no second
 * split). Resolves with the decoder when the body ended, complete and within `limit` bytes;
 * its `end()` then gives the batch or says what is malformed.
 */
function readShipBody(req: IncomingMessage, limit: number, deadline: number): Promise<ShipBatchDecoder> {
  return new Promise<ShipBatchDecoder>((resolve, reject) => {
    const timer = setTimeout(() => reject(new SyncRequestTimeoutError(deadline)), deadline);
    req.on('close', () => clearTimeout(timer));
    req.on('end', () => clearTimeout(timer));
    const utf8 = new StringDecoder('utf8');
    const decoder = createShipBatchDecoder();
    let size = 0;
    let tooLarge = Number(req.headers['content-length'] ?? 0) > limit;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) decoder.write(utf8.write(c));
    });
    // A request cut off mid-body (the node died mid-batch) never becomes a batch: nothing is applied.
    req.on('close', () => {
      if (!req.complete) reject(new SyncBadBatchError('the request was cut off before its body ended'));
    });
    req.on('error', (err) => reject(new SyncBadBatchError(`the request body could not be read: ${err.message}`)));
    req.on('end', () => {
      if (tooLarge) reject(new SyncPayloadTooLargeError(limit));
      else {
        decoder.write(utf8.end());
        resolve(decoder);
      }
    });
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...(close ? { connection: 'close' } : {}) });
  // A body left unread (refused before reading it, or too slow) is not waited for: hang up.
  res.end(text, close ? () => res.socket?.destroy() : undefined);
}

/** The wire form of a refusal: its HTTP status and `{ error }` body. */
function errorAnswer(err: unknown): { status: number; error: Record<string, unknown> } {
  if (err instanceof SyncError) {
    return {
      status: err.status,
      error: {
        code: err.code,
        detail: err instanceof SyncRejectedError ? err.storeMessage : err.detail,
        message: err.message,
        ...(err.eventId !== undefined ? { eventId: err.eventId } : {}),
        ...(err instanceof SyncRejectedError ? { reason: err.reason } : {}),
        ...(err instanceof SyncOutOfOrderError ? { checkpoint: err.checkpoint, fromPosition: err.fromPosition } : {}),
        ...(err instanceof SyncPayloadTooLargeError ? { limitBytes: err.limitBytes } : {}),
      },
    };
  }
  // Unexpected failures: a generic answer, no internals on the wire.
  return { status: 500, error: { code: 'SYNC_INTERNAL', detail: 'the center failed to process the request; try again later' } };
}

function sendError(res: ServerResponse, err: unknown, bodyUnread: boolean): void {
  if (res.headersSent || res.destroyed) return;
  const { status, error } = errorAnswer(err);
  const close = err instanceof SyncError && (bodyUnread || err instanceof SyncRequestTimeoutError || err instanceof SyncPayloadTooLargeError);
  sendJson(res, status, { error }, close);
}

/**
 * Protocol 2: applies the batches of one streamed body in order, each as soon as its last line
 * has arrived, and answers one `{"result"}` line per applied batch as it goes. A refusal of the
 * first batch is an ordinary HTTP error; a later one is a final `{"error": {…, "status"}}` line.
 * Either way nothing after the refused batch is read or applied, and the batches before it stay
 * applied (the node resumes from the center's checkpoint). A body cut off mid-batch applies the
 * batches that arrived whole, never the cut one. Each batch is held to `limit` bytes.
 */
async function serveShipStream(center: SyncCenter, credential: NodeCredential, req: IncomingMessage, res: ServerResponse, limit: number, deadline: number): Promise<void> {
  const queue: ShipBatch[] = [];
  let batchBytes = 0;
  const decoder = createShipStreamDecoder((batch) => {
    batchBytes = 0;
    queue.push(batch);
  });
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const stop = (err: unknown): void => {
    failure ??= err;
    signal();
  };
  const timer = setTimeout(() => stop(new SyncRequestTimeoutError(deadline)), deadline);
  req.on('data', (c: Buffer) => {
    if (failure !== undefined) return;
    // Bytes since the last batch ended (counted per chunk, so a batch may overrun by one chunk).
    batchBytes += c.length;
    if (batchBytes > limit) return stop(new SyncPayloadTooLargeError(limit));
    try {
      // The bytes as they came: the decoder reads them one character per byte and decodes UTF-8 itself.
      decoder.writeBytes(c);
    } catch (err) {
      return stop(err);
    }
    // Decoding runs ahead of the store by at most two batches.
    if (queue.length >= 2) req.pause();
    signal();
  });
  req.on('end', () => {
    clearTimeout(timer);
    if (failure === undefined) {
      try {
        decoder.end();
      } catch (err) {
        failure = err;
      }
    }
    ended = true;
    signal();
  });
  req.on('close', () => {
    clearTimeout(timer);
    // A request cut off mid-body: the batches that arrived whole are applied, the cut one never.
    if (!req.complete) stop(new SyncBadBatchError(`the request was cut off inside batch ${decoder.batches + 1} of the stream`));
    ended = true;
    signal();
  });
  req.on('error', (err) => stop(new SyncBadBatchError(`the request body could not be read: ${err.message}`)));
  try {
    for (;;) {
      const batch = queue.shift();
      if (batch !== undefined) {
        if (queue.length < 2 && req.isPaused()) req.resume();
        const result = await center.ship(credential, batch);
        if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
        res.write(`${JSON.stringify({ result })}\n`);
        continue;
      }
      if (failure !== undefined) throw failure;
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    res.end();
  } catch (err) {
    clearTimeout(timer);
    if (!res.headersSent) return sendError(res, err, !ended);
    const { status, error } = errorAnswer(err);
    // Nothing after the refused batch is read: hang up once the answer is out.
    res.end(`${JSON.stringify({ error: { ...error, status } })}\n`, () => {
      if (!ended) res.socket?.destroy();
    });
  }
}

/**
 * Serves a center over HTTP (or HTTPS with `tls`): `GET /sync/v1/checkpoint`,
 * `POST /sync/v1/ship` (JSON lines), `GET /sync/v1/pull?from=&limit=`. Answers 400 for a
 * malformed body, 401 for an unknown node or bad credential, 403 for a refused event, 409 for
 * a gap, 413 over `maxBodyBytes`, 422 for a broken hash chain. Binds 127.0.0.1 by default.
 *
 * @example
 * const server = await createSyncServer(center, { port: 0, host: '127.0.0.1' });
 * const transport = createHttpTransport({ url: server.url, nodeId: 'port', token });
 * await server.close();
 */
export async function createSyncServer(center: SyncCenter, options: SyncServerOptions = {}): Promise<SyncServer> {
  const limit = options.maxBodyBytes ?? syncLimits.maxBodyBytes;
  const timeoutMs = options.requestTimeoutMs ?? syncLimits.requestTimeoutMs;
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    let bodyUnread = req.method === 'POST';
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      try {
        // Who is asking comes first: nothing of an unauthenticated body is read.
        const credential = credentialOf(req);
        center.authenticate(credential);
        if (req.method === 'GET' && url.pathname === syncRoutes.checkpoint) {
          sendJson(res, 200, { checkpoint: await center.checkpoint(credential), protocol: SYNC_PROTOCOL });
        } else if (req.method === 'POST' && url.pathname === syncRoutes.ship) {
          const body = await readShipBody(req, limit, timeoutMs);
          bodyUnread = false;
          sendJson(res, 200, await center.ship(credential, body.end()));
        } else if (req.method === 'POST' && url.pathname === syncRoutes.shipStream) {
          bodyUnread = false;
          await serveShipStream(center, credential, req, res, limit, timeoutMs);
        } else if (req.method === 'GET' && url.pathname === syncRoutes.pull) {
          const from = Number(url.searchParams.get('from') ?? '1');
          const limitParam = url.searchParams.get('limit');
          if (!Number.isInteger(from) || from < 1 || (limitParam !== null && !/^[1-9]\d*$/.test(limitParam))) {
            throw new SyncBadBatchError('pull takes ?from=<integer ≥ 1>&limit=<integer ≥ 1>');
          }
          const text = encodePullResult(await center.pull(credential, { fromPosition: from, ...(limitParam !== null ? { limit: Number(limitParam) } : {}) }));
          res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-length': Buffer.byteLength(text) });
          res.end(text);
        } else {
          sendJson(res, 404, { error: { code: 'SYNC_NOT_FOUND', detail: `no route ${req.method ?? ''} ${url.pathname}; use ${Object.values(syncRoutes).join(', ')}` } });
        }
      } catch (err) {
        sendError(res, err, bodyUnread);
      }
    })();
  };
  // Node's own limits back the body timer up (its checks run every connectionsCheckingInterval).
  const limits = { requestTimeout: timeoutMs, headersTimeout: Math.min(timeoutMs, 60_000), connectionsCheckingInterval: Math.max(50, Math.min(1_000, timeoutMs / 2)) };
  const server: Server = options.tls ? createHttpsServer({ ...options.tls, ...limits }, handler) : createHttpServer(limits, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${address.port}`,
    port: address.port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
