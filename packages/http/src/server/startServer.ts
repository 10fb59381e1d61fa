import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

/**
 * Options of {@link startServer}.
 *
 * @example
 * const o: StartServerOptions = { port: 8080, requestTimeoutMs: 15_000 };
 */
export interface StartServerOptions {
  /** Default 127.0.0.1: put a reverse proxy in front for anything else. */
  readonly hostname?: string;
  /** Default 0 (any free port; read it from the result). */
  readonly port?: number;
  /** A request (headers and body) must arrive within this long, or the socket is closed (default 15 s): slow bodies cannot hold connections. */
  readonly requestTimeoutMs?: number;
  /** Headers must arrive within this long (default 10 s). */
  readonly headersTimeoutMs?: number;
}

/**
 * A listening server.
 *
 * @example
 * const { url, close } = await startServer(banshi.app);
 */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Stops accepting, ends open connections (SSE streams included), resolves when closed. */
  close(): Promise<void>;
}

/**
 * Serves a Hono app on Node (`@hono/node-server`) with timeouts for slow clients.
 *
 * @example
 * const server = await startServer(banshi.app, { port: 8080 });
 * console.log(`listening on ${server.url}`);
 */
export function startServer(app: Hono, options: StartServerOptions = {}): Promise<RunningServer> {
  const hostname = options.hostname ?? '127.0.0.1';
  const requestTimeout = options.requestTimeoutMs ?? 15_000;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout);
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname, port: options.port ?? 0, serverOptions: { requestTimeout, headersTimeout, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeout / 4))) } },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          server: server as Server,
          close: () =>
            new Promise<void>((done) => {
              (server as Server).closeAllConnections();
              server.close(() => done());
            }),
        });
      },
    ) as Server;
    server.once('error', reject);
  });
}
