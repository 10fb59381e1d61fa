/**
 * The service of the README's "embedding in ten lines", as a function the test and `main.ts`
 * share: one tenant on an SQLite file with its read models in the same file, bearer tokens
 * for machine clients, a login form for people, the due-check scheduler, and a server on
 * 127.0.0.1.
 */
import { anyOf, banshiRegistry, createBanshiApp, createBearerAuth, createDueCheckScheduler, createSessionAuth, startServer, type BusinessClock, type HttpActor } from '@banshi/http';
import { createSqliteDocumentTables, createSqliteStore } from '@banshi/store-sqlite';

export interface ServiceOptions {
  readonly file: string;
  readonly secret: string;
  /** Bearer token → actor. */
  readonly tokens: Readonly<Record<string, HttpActor>>;
  /** username → password and actor, for the login form. */
  readonly users?: Readonly<Record<string, { readonly password: string; readonly actor: HttpActor }>>;
  readonly port?: number;
  readonly clock?: BusinessClock;
  readonly requestTimeoutMs?: number;
}

export async function startService(options: ServiceOptions) {
  const store = createSqliteStore(options.file, { registry: banshiRegistry, node: 'tz' });
  const tables = createSqliteDocumentTables(store.path);
  const session = createSessionAuth({ secret: options.secret, secure: false, login: (u, p) => (options.users?.[u]?.password === p ? options.users[u].actor : null) });
  const authenticate = anyOf(await createBearerAuth({ tokens: options.tokens }), session.authenticate);
  const banshi = createBanshiApp({ tenants: { tz: { store, tables, name: '台州市行政服务中心' } }, authenticate, csrf: session.verifyCsrf, secret: options.secret, ...(options.clock ? { clock: options.clock } : {}) });
  banshi.app.route('/', session.routes);
  const scheduler = createDueCheckScheduler(banshi);
  scheduler.start();
  const server = await startServer(banshi.app, { port: options.port ?? 0, ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}) });
  return {
    url: server.url,
    store,
    session,
    banshi,
    scheduler,
    async close() {
      await scheduler.stop();
      await server.close();
      await tables.close();
      await store.close();
    },
  };
}
