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
  /**
   * Each connection waits at most this long for a lock (set once, when it connects): then
   * {@link Driver.bounded} needs no `set_config('lock_timeout', …)` of its own. Undefined for a
   * caller's Pool and PGlite, whose sessions the store does not configure.
   */
  readonly lockTimeoutMs: number | undefined;
  /**
   * The named prepared statement `name` (`text`) for a statement that may wait for locks at most
   * `lockTimeoutMs` and then fails with SQLSTATE 55P03 (an append); resolves to the first column
   * of each row as text. A `query` or `rows` statement of a driver with `lockTimeoutMs` that hits
   * the connection's lock timeout is run again (it wrote nothing), so it waits for locks as long
   * as it needs, as on a connection without the setting (a read behind a migration); `exec`
   * scripts and `session` work are not run again (a migration sets `lock_timeout = 0` for its
   * transaction).
   */
  bounded(text: string, params: readonly unknown[], name: string): Promise<string[]>;
  /**
   * The named prepared statement `name` (`text`, one text per name), each row handed to `map` as
   * its column values: text (NULL as null) on the store's own connections, which read the rows
   * without `pg`'s result objects; `pg`'s or PGlite's parsed values elsewhere, so `map` must take
   * both. Run again when it hits the connection's lock timeout, as `query` is.
   */
  prepared<T>(text: string, params: readonly unknown[], name: string, map: (row: readonly unknown[]) => T): Promise<T[]>;
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

/** A connection lent to one caller until `release`; `broken` drops it instead of reusing it. */
interface Lease {
  readonly client: { query: PgPoolLike['query'] };
  release(broken?: boolean): void;
}

/** Where a driver gets its connections: a caller's `pg` Pool, or the store's own {@link ownConnections}. */
export interface Connections {
  /** One statement on any free connection. */
  query: PgPoolLike['query'];
  /** A named prepared statement on any free connection, each row mapped by `map` (see {@link Driver.prepared}). */
  textRows<T>(name: string, text: string, values: readonly unknown[], map: (row: readonly unknown[]) => T): Promise<T[]>;
  /** A connection for a unit of work (a transaction, a session lock). */
  acquire(): Promise<Lease>;
  /** The lock timeout every connection was opened with (see {@link Driver.lockTimeoutMs}). */
  readonly lockTimeoutMs?: number | undefined;
  end(): Promise<void>;
}

/** The first column of a row, as text (positions: `pg` reads an int8 as text, PGlite as a number). */
const firstAsText = (row: readonly unknown[]): string => String(row[0]);

/** A caller's `pg` Pool as {@link Connections}: its own checkout per statement, never ended by the store. */
export function poolConnections(pool: PgPoolLike): Connections {
  return {
    query: (textOrConfig, params) => pool.query(textOrConfig, params),
    textRows: async (name, text, values, map) => (await pool.query<unknown[] & pg.QueryResultRow>({ name, text, values: [...values], rowMode: 'array' })).rows.map(map),
    async acquire() {
      const client = await pool.connect();
      // A checked-out client whose connection dies emits 'error'; unhandled, it would crash the process.
      // The failure reaches the caller through the pending query instead.
      const ignore = () => undefined;
      client.on('error', ignore);
      return {
        client,
        release(broken) {
          client.release(broken === true ? true : undefined);
          client.off('error', ignore);
        },
      };
    },
    end: () => pool.end(),
  };
}

/** The part of a `pg` connection (`client.connection`) a {@link TextRows} writes to. */
interface PgConnection {
  readonly parsedStatements: Record<string, string | undefined>;
  readonly submittedNamedStatements: Record<string, string | undefined>;
  readonly stream: { cork?(): void; uncork?(): void };
  parse(query: { text: string; name: string }): void;
  bind(config: { statement: string; values: readonly string[] }): void;
  execute(config?: object): void;
  sync(): void;
  sendCopyFail(message: string): void;
}

/**
 * One execution of a named prepared statement whose rows are handed to `map` as the text of their
 * columns, given to a `pg` Client as a custom query (`pg`'s "submittable", the interface
 * pg-cursor uses): Parse once per connection, then Bind, Execute, Sync and no Describe, so the
 * server sends no row description and `pg` builds no query object, result, field parsers or row
 * objects for it (bench/README.md, "PostgreSQL durable append", seventh pass). Parameters are
 * text or numbers.
 */
class TextRows<T> {
  readonly rows: T[] = [];
  readonly done: Promise<T[]>;
  private settle!: { resolve(rows: T[]): void; reject(err: unknown): void };
  private failed: unknown;
  constructor(
    readonly name: string,
    readonly text: string,
    private readonly values: readonly string[],
    private readonly map: (row: readonly unknown[]) => T,
  ) {
    this.done = new Promise<T[]>((resolve, reject) => (this.settle = { resolve, reject }));
  }
  submit(connection: PgConnection): Error | null {
    const previous = connection.parsedStatements[this.name] ?? connection.submittedNamedStatements[this.name];
    if (previous !== undefined && previous !== this.text) return new Error(`prepared statement ${this.name} was used for a different statement`);
    connection.stream.cork?.();
    try {
      if (previous === undefined) {
        connection.parse({ text: this.text, name: this.name });
        connection.submittedNamedStatements[this.name] = this.text;
      }
      connection.bind({ statement: this.name, values: this.values });
      connection.execute();
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }
  handleDataRow(msg: { fields: readonly (string | null)[] }): void {
    if (this.failed !== undefined) return;
    try {
      this.rows.push(this.map(msg.fields));
    } catch (err) {
      // Kept until the server has finished answering, so the connection is ready for the next statement.
      this.failed = err;
    }
  }
  handleError(err: unknown): void {
    this.failed ??= err;
    this.settle.reject(this.failed);
  }
  handleReadyForQuery(): void {
    if (this.failed !== undefined) this.settle.reject(this.failed);
    else this.settle.resolve(this.rows);
  }
  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFail('banshi sends no COPY data');
  }
  handleRowDescription(): void {}
  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/** A statement's parameters as the text `pg` would send for them; undefined unless all are text or numbers (arrays go through `pg`'s own encoding). */
function textParams(values: readonly unknown[]): string[] | undefined {
  const out = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string') out[i] = v;
    else if (typeof v === 'number') out[i] = String(v);
    else return undefined;
  }
  return out;
}

/** How long an idle connection of the store's own is kept before it is closed. */
const IDLE_MS = 10_000;

/**
 * The store's own connections: at most `max` `pg` Clients, idle ones reused newest first (so a
 * lone writer keeps one connection and its prepared statements). A statement takes an idle
 * client without `pg.Pool`'s checkout, its events and its timers per query (bench/README.md,
 * "PostgreSQL durable append"). A client whose connection failed or ended is dropped, never
 * reused; the next statement opens a new one. `end()` closes the idle clients at once and
 * each busy one when its statement is done, and resolves when all are closed.
 */
export function ownConnections(connectionString: string, options: { readonly connectTimeoutMs: number; readonly max: number; readonly lockTimeoutMs?: number }): Connections {
  interface Conn {
    readonly client: pg.Client;
    /** The connection failed or ended: never reused. */
    dead: boolean;
    /** Its slot was given back (`open` no longer counts it). */
    gone: boolean;
    /** Its socket has closed (`end()` would wait for an event that has passed). */
    ended: boolean;
    idleSince: number;
  }
  type Waiter = { resolve(c: Conn): void; reject(err: unknown): void };
  const idle: Conn[] = [];
  const waiting: Waiter[] = [];
  let open = 0;
  let ended = false;
  let allClosed: (() => void) | undefined;
  let sweep: NodeJS.Timeout | undefined;
  /** `end()` of clients being closed, awaited by `end()`. */
  const closing = new Set<Promise<void>>();

  const closed = () => new StoreUnavailableError('the connections of this store were closed: open a new store');
  const drop = (conn: Conn) => {
    if (conn.gone) return;
    conn.gone = true;
    conn.dead = true;
    open--;
    if (!conn.ended) {
      const ending = conn.client.end().catch(() => undefined);
      closing.add(ending);
      void ending.then(() => closing.delete(ending));
    }
    if (open === 0) allClosed?.();
    // A slot came free: a waiting caller gets a new connection.
    const next = waiting.shift();
    if (next) connectFor(next);
  };
  const connectFor = (w: Waiter) => {
    open++;
    const client = new (loadPg().Client)({
      connectionString,
      connectionTimeoutMillis: options.connectTimeoutMs,
      // Sent with the login: no statement pays for setting it (bench/README.md, "PostgreSQL durable append").
      ...(options.lockTimeoutMs !== undefined ? { lock_timeout: options.lockTimeoutMs } : {}),
    });
    const conn: Conn = { client, dead: false, gone: false, ended: false, idleSince: 0 };
    // A connection the server drops must not crash the process: an idle one is dropped now, a busy
    // one when its caller gives it back (its statement fails with the error); the next statement reconnects.
    const lost = () => {
      conn.dead = true;
      const at = idle.indexOf(conn);
      if (at >= 0) {
        idle.splice(at, 1);
        drop(conn);
      }
    };
    client.on('error', lost);
    client.on('end', () => {
      conn.ended = true;
      lost();
    });
    client.connect().then(
      () => w.resolve(conn),
      (err: unknown) => {
        drop(conn);
        w.reject(err);
      },
    );
  };
  const take = (): Promise<Conn> | Conn => {
    if (ended) throw closed();
    const conn = idle.pop();
    if (conn) return conn;
    return new Promise<Conn>((resolve, reject) => {
      const w = { resolve, reject };
      if (open < options.max) connectFor(w);
      else waiting.push(w);
    });
  };
  const closeIdle = () => {
    sweep = undefined;
    const now = Date.now();
    for (let i = idle.length - 1; i >= 0; i--) {
      const conn = idle[i] as Conn;
      if (now - conn.idleSince >= IDLE_MS) {
        idle.splice(i, 1);
        drop(conn);
      }
    }
    if (idle.length) sweep = setTimeout(closeIdle, IDLE_MS).unref();
  };
  const give = (conn: Conn, broken: boolean) => {
    if (broken || conn.dead || ended) return drop(conn);
    const next = waiting.shift();
    if (next) return next.resolve(conn);
    conn.idleSince = Date.now();
    idle.push(conn);
    sweep ??= setTimeout(closeIdle, IDLE_MS).unref();
  };
  /** Runs one statement on a free connection and gives it back (dropped when the statement found it unusable). */
  const onConn = async <T>(statement: (conn: Conn) => Promise<T>): Promise<T> => {
    const taken = take();
    const conn = taken instanceof Promise ? await taken : taken;
    try {
      const result = await statement(conn);
      give(conn, false);
      return result;
    } catch (err) {
      give(conn, isUnavailable(err));
      throw err;
    }
  };
  return {
    lockTimeoutMs: options.lockTimeoutMs,
    query: (textOrConfig, params) => onConn((conn) => conn.client.query(textOrConfig as string, params)),
    textRows(name, text, values, map) {
      const params = textParams(values);
      return onConn(async (conn) => {
        if (!params) return (await conn.client.query<unknown[]>({ name, text, values: [...values], rowMode: 'array' })).rows.map(map);
        const statement = new TextRows(name, text, params, map);
        void conn.client.query(statement as unknown as pg.QueryConfig);
        return statement.done;
      });
    },
    async acquire() {
      const conn = await take();
      return { client: conn.client, release: (broken) => give(conn, broken === true) };
    },
    async end() {
      if (ended) return;
      ended = true;
      if (sweep) clearTimeout(sweep);
      for (const w of waiting.splice(0)) w.reject(closed());
      const done = new Promise<void>((resolve) => (allClosed = resolve));
      for (const conn of idle.splice(0)) drop(conn);
      if (open > 0) await done;
      await Promise.all(closing);
    },
  };
}

/** A driver over `connections`; `owned` ones are ended by `close()`. */
export function pgDriver(connections: Connections, owned: boolean): Driver {
  const direct = pgSql(connections);
  const { lockTimeoutMs } = connections;
  /** Runs `statement` again while it fails on the connection's lock timeout (see {@link Driver.bounded}). */
  const unbounded = async <T>(statement: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await statement();
      } catch (err) {
        if (lockTimeoutMs === undefined || (err as { code?: unknown }).code !== '55P03') return translate(err, 'query');
      }
    }
  };
  return {
    engine: 'server',
    lockTimeoutMs,
    query: <R>(text: string, params?: readonly unknown[], name?: string) => unbounded(() => direct.query<R>(text, params, name)),
    rows: <R extends readonly unknown[]>(text: string, params?: readonly unknown[]) => unbounded(() => direct.rows<R>(text, params)),
    // Not run again: a script may hold its own BEGIN … COMMIT, which a second run would not repeat safely.
    async exec(text: string) {
      try {
        await direct.exec(text);
      } catch (err) {
        translate(err, 'query');
      }
    },
    bounded(text: string, params: readonly unknown[], name: string) {
      return connections.textRows(name, text, params, firstAsText).catch((err: unknown) => translate(err, 'query'));
    },
    prepared: (text, params, name, map) => unbounded(() => connections.textRows(name, text, params, map)),
    async session<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
      let lease: Lease;
      try {
        lease = await connections.acquire();
      } catch (err) {
        return translate(err, 'connect');
      }
      try {
        const result = await fn(pgSql(lease.client));
        lease.release();
        return result;
      } catch (err) {
        // Leave no transaction or session lock behind; a connection that cannot even do that is dropped.
        try {
          await lease.client.query('ROLLBACK');
          await lease.client.query('SELECT pg_advisory_unlock_all()');
          lease.release();
        } catch {
          lease.release(true);
        }
        return translate(err, 'transaction');
      }
    },
    async close() {
      if (owned) await connections.end();
    },
  };
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
    lockTimeoutMs: undefined,
    query: (text, params) => turn(() => sql.query(text, params)),
    bounded: (text, params) => turn(async () => (await sql.rows<[unknown]>(text, params)).map(firstAsText)),
    prepared: (text, params, _name, map) => turn(async () => (await sql.rows<unknown[]>(text, params)).map(map)),
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
