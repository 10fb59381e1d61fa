import { StoreUnavailableError } from '@banshi/core';
import { createSerializer } from '@banshi/core/adapter';
import type pg from 'pg';
import { loadPg } from './loadPg.js';

/** The few calls the store makes; the same SQL runs on a PostgreSQL server and on PGlite. */
export interface Sql {
  /**
   * One statement with `$n` parameters; rows as objects. With `name`, a server parses and plans
   * `text` once per connection and then only binds parameters (a named prepared statement); one
   * name must always go with one text. PGlite ignores it.
   */
  query<R>(text: string, params?: readonly unknown[], name?: string): Promise<R[]>;
  /** One statement with `$n` parameters; each row as an array of its values in select-list order (no object per row). */
  rows<R extends readonly unknown[]>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements separated by `;`, no parameters. */
  exec(text: string): Promise<void>;
}

export interface Driver extends Sql {
  readonly engine: 'server' | 'pglite';
  /** Runs `fn` on one connection that nobody else uses meanwhile (a transaction, a session lock). */
  session<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The part of a PGlite instance the store uses (typed here so PGlite stays optional).
 *
 * @example
 * const pglite: PGliteLike = await PGlite.create(); // from '@electric-sql/pglite'
 */
export interface PGliteLike {
  query<R>(query: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<{ rows: R[] }>;
  exec(query: string): Promise<unknown>;
}

/**
 * The part of a `pg` Pool the store uses; pass your own Pool to share it (the store never ends it).
 *
 * @example
 * const pool: PgPoolLike = new pg.Pool({ connectionString, max: 20 });
 */
export interface PgPoolLike {
  connect(): Promise<pg.PoolClient>;
  query<R extends pg.QueryResultRow>(
    textOrConfig: string | { readonly text: string; readonly values?: unknown[]; readonly name?: string; readonly rowMode?: 'array' },
    params?: unknown[],
  ): Promise<pg.QueryResult<R>>;
  end(): Promise<void>;
}

const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);

/** SQLSTATE classes that mean "the database cannot be used", not "this statement was wrong". */
function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (CONNECTION_ERRNOS.has(code)) return true;
    if (/^(08|28|53|57P|3D)/.test(code)) return true;
  }
  return /connection terminated|timeout expired|connection timeout|Client has encountered a connection error|Connection terminated/i.test(err.message);
}

/** Rethrows connection-level failures as `StoreUnavailableError`, everything else unchanged. */
export function translate(err: unknown, where: string): never {
  if (err instanceof StoreUnavailableError || !isUnavailable(err)) throw err;
  const detail = err instanceof Error ? err.message : String(err);
  throw new StoreUnavailableError(
    `PostgreSQL is unavailable (${where}): ${detail}. Check the connection string (host, port, database, user, password) and that the server is up; nothing was written.`,
    { cause: err },
  );
}

function pgSql(client: { query: PgPoolLike['query'] }): Sql {
  return {
    async query<R>(text: string, params?: readonly unknown[], name?: string) {
      const values = params as unknown[] | undefined;
      const res = await (name === undefined ? client.query<R & pg.QueryResultRow>(text, values) : client.query<R & pg.QueryResultRow>({ name, text, values: values ?? [] }));
      return res.rows;
    },
    async rows<R extends readonly unknown[]>(text: string, params?: readonly unknown[]) {
      const res = await client.query<R & pg.QueryResultRow>({ text, values: params ? [...params] : [], rowMode: 'array' });
      return res.rows;
    },
    async exec(text: string) {
      await client.query(text);
    },
  };
}

/** A driver over a `pg` Pool; `owned` pools are ended by `close()`. */
export function pgDriver(pool: PgPoolLike, owned: boolean): Driver {
  const direct = pgSql(pool);
  return {
    engine: 'server',
    async query<R>(text: string, params?: readonly unknown[], name?: string) {
      try {
        return await direct.query<R>(text, params, name);
      } catch (err) {
        return translate(err, 'query');
      }
    },
    async rows<R extends readonly unknown[]>(text: string, params?: readonly unknown[]) {
      try {
        return await direct.rows<R>(text, params);
      } catch (err) {
        return translate(err, 'query');
      }
    },
    async exec(text: string) {
      try {
        await direct.exec(text);
      } catch (err) {
        translate(err, 'query');
      }
    },
    async session<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        return translate(err, 'connect');
      }
      // A checked-out client whose connection dies emits 'error'; unhandled, it would crash the process.
      // The failure reaches the caller through the pending query instead.
      const ignore = () => undefined;
      client.on('error', ignore);
      try {
        const result = await fn(pgSql(client));
        client.release();
        client.off('error', ignore);
        return result;
      } catch (err) {
        // Leave no transaction or session lock behind; a connection that cannot even do that is dropped.
        try {
          await client.query('ROLLBACK');
          await client.query('SELECT pg_advisory_unlock_all()');
          client.release();
        } catch {
          client.release(true);
        }
        client.off('error', ignore);
        return translate(err, 'transaction');
      }
    },
    async close() {
      if (owned) await pool.end();
    },
  };
}

/** Opens an owned pool for `connectionString`. */
export function pgPool(connectionString: string, options: { readonly connectTimeoutMs: number; readonly max: number }): PgPoolLike {
  const pool = new (loadPg().Pool)({ connectionString, connectionTimeoutMillis: options.connectTimeoutMs, max: options.max, idleTimeoutMillis: 10_000 });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** One queue per PGlite instance, shared by every store opened on it. */
const turns = new WeakMap<PGliteLike, ReturnType<typeof createSerializer>>();

/** A driver over a PGlite instance (one session: every unit of work takes turns). */
export function pgliteDriver(db: PGliteLike): Driver {
  const turn = turns.get(db) ?? createSerializer();
  turns.set(db, turn);
  const sql: Sql = {
    async query<R>(text: string, params?: readonly unknown[]) {
      return (await db.query<R>(text, params ? [...params] : undefined)).rows;
    },
    async rows<R extends readonly unknown[]>(text: string, params?: readonly unknown[]) {
      return (await db.query<R>(text, params ? [...params] : undefined, { rowMode: 'array' })).rows;
    },
    async exec(text: string) {
      await db.exec(text);
    },
  };
  return {
    engine: 'pglite',
    query: (text, params) => turn(() => sql.query(text, params)),
    rows: (text, params) => turn(() => sql.rows(text, params)),
    exec: (text) => turn(() => sql.exec(text)),
    session: (fn) =>
      turn(async () => {
        try {
          return await fn(sql);
        } catch (err) {
          await sql.exec('ROLLBACK; SELECT pg_advisory_unlock_all()').catch(() => undefined);
          throw err;
        }
      }),
    async close() {
      // The caller owns the PGlite instance and closes it.
    },
  };
}
