import { createHash } from 'node:crypto';
import {
  canonicalJson,
  ConcurrencyError,
  createChainVerifier,
  DuplicateEventIdError,
  GENESIS_HASH,
  StoreUnavailableError,
  ValidationError,
  type AppendOptions,
  type AppendResult,
  type Checkpoint,
  type EventStore,
  type Hasher,
  type ImportResult,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredEvent,
  type StoreOptions,
  type SubscribeOptions,
  type VerifyReport,
} from '@banshi/core';
import {
  assertStreamId,
  atSourceIndex,
  checkExpectedVersion,
  checkImported,
  classifyIds,
  defaultNewId,
  followLog,
  givenIds,
  prepareAppend,
  sleep,
} from '@banshi/core/adapter';
import { pgDriver, pgliteDriver, pgPool, type Driver, type PGliteLike, type PgPoolLike } from './_lib/driver.js';
import { assertSchemaName, LOCK_CLASS, migrate, schemaLockKey } from './_lib/schema.js';

/**
 * Options of {@link createPostgresStore}: exactly one of `connectionString`, `pool`, `pglite`,
 * plus the options every store takes (`registry`, `node`, `now`, …).
 *
 * @example
 * const options: PostgresStoreOptions = { connectionString: process.env.DATABASE_URL, schema: 'taizhou', node: 'center' };
 */
export interface PostgresStoreOptions extends StoreOptions {
  /** e.g. `postgres://banshi@db.example:5432/taizhou`; the store opens (and closes) its own pool. */
  readonly connectionString?: string;
  /** A `pg` Pool the caller owns (the store never ends it). */
  readonly pool?: PgPoolLike;
  /** A PGlite instance the caller owns: PostgreSQL in process, for tests and single-user tools. */
  readonly pglite?: PGliteLike;
  /** PostgreSQL schema holding the tables, created on demand (default `banshi`). */
  readonly schema?: string;
  /** Give up connecting after this long with `StoreUnavailableError` (default 5000 ms). */
  readonly connectTimeoutMs?: number;
  /** Connections of the store's own pool (default 10). */
  readonly poolSize?: number;
  /**
   * How long an append or import may wait for another writer's locks before it fails with
   * `StoreUnavailableError` instead of hanging behind a stuck client (default 10000 ms).
   */
  readonly lockTimeoutMs?: number;
}

/**
 * A PostgreSQL-backed `EventStore`, with the schema it lives in and which engine runs it.
 *
 * @example
 * const store: PostgresStore = await createPostgresStore({ pglite: await PGlite.create(), schema: 'demo' });
 * store.engine; // 'pglite'
 */
export interface PostgresStore extends EventStore {
  readonly kind: 'postgres';
  /** `server` for a pg connection, `pglite` for PGlite in process. */
  readonly engine: 'server' | 'pglite';
  readonly schema: string;
  /** Creates or upgrades the schema (done on open; safe to repeat). Resolves to the schema version. */
  migrate(): Promise<number>;
}

interface EventRow {
  readonly position: string | number | bigint;
  readonly id: string;
  readonly stream: string;
  readonly version: number;
  readonly type: string;
  readonly schema: number;
  readonly data: string;
  readonly meta: string;
  readonly hash: string;
}

const COLUMNS = 'position, id, stream, version, type, schema, data, meta, hash';
/** Give up after this many optimistic rounds of an `expectedVersion: 'any'` append on a hot stream. */
const MAX_APPEND_ROUNDS = 100;
const IMPORT_CHUNK = 1000;

const nodeSha256: Hasher = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

const toRecorded = (r: EventRow): RecordedEvent => ({
  id: r.id,
  stream: r.stream,
  version: r.version,
  type: r.type,
  schema: r.schema,
  data: JSON.parse(r.data) as unknown,
  meta: JSON.parse(r.meta) as RecordedEvent['meta'],
  hash: r.hash,
});
const toStored = (r: EventRow): StoredEvent => ({ ...toRecorded(r), position: Number(r.position) });

/** Column arrays for `unnest`, in version order. */
function columns(events: readonly RecordedEvent[]) {
  return [
    events.map((e) => e.id),
    events.map((e) => e.stream),
    events.map((e) => e.version),
    events.map((e) => e.type),
    events.map((e) => e.schema),
    events.map((e) => canonicalJson(e.data)),
    events.map((e) => canonicalJson(e.meta)),
    events.map((e) => e.hash),
  ];
}

/**
 * Opens an `EventStore` on PostgreSQL — a server through `pg`, or PGlite in process — creating
 * its tables on demand in `schema`. Appends are atomic and checked against `expectedVersion`;
 * `readAll` and `subscribe` never skip an event that a concurrent transaction commits later
 * (see the README's "Gap-free global order").
 *
 * Throws `ValidationError` for bad options, `StoreUnavailableError` when the server cannot be
 * reached within `connectTimeoutMs`, `SchemaVersionError` for a schema from a newer release.
 *
 * @example
 * const store = await createPostgresStore({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', schema: 'taizhou', registry });
 * await store.append('case-TZ-2013-000123', [{ type: 'CaseReceived', data: { itemCode: 'XK-001' } }], { expectedVersion: 'no-stream' });
 * for await (const e of store.readAll()) console.log(e.position, e.type);
 * await store.close();
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const sources = [options.connectionString, options.pool, options.pglite].filter((x) => x !== undefined);
  if (sources.length !== 1) {
    throw new ValidationError('createPostgresStore needs exactly one of connectionString, pool or pglite');
  }
  if (options.connectionString !== undefined && (typeof options.connectionString !== 'string' || options.connectionString.length === 0)) {
    throw new ValidationError('connectionString must be a postgres:// URL such as postgres://user:password@host:5432/database');
  }
  const schema = options.schema ?? 'banshi';
  assertSchemaName(schema);
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  let driver: Driver;
  if (options.pglite) driver = pgliteDriver(options.pglite);
  else if (options.pool) driver = pgDriver(options.pool, false);
  else driver = pgDriver(pgPool(options.connectionString as string, { connectTimeoutMs, max: options.poolSize ?? 10 }), true);
  try {
    await migrate(driver, schema);
  } catch (err) {
    await driver.close().catch(() => undefined);
    throw err;
  }
  return openStore(driver, schema, options);
}

function openStore(driver: Driver, schemaName: string, options: PostgresStoreOptions): PostgresStore {
  const s = `"${schemaName}"`;
  const lockArgs = `${LOCK_CLASS}, ${schemaLockKey(schemaName, 'append')}`;
  const lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
  if (!Number.isSafeInteger(lockTimeoutMs) || lockTimeoutMs < 1) throw new ValidationError(`lockTimeoutMs ${String(lockTimeoutMs)} must be a whole number of milliseconds ≥ 1`);
  const appendKey = schemaLockKey(schemaName, 'append');
  /** Opens the import's write transaction and enters the append critical section (see FINISHED). */
  const enter = `BEGIN; SET LOCAL lock_timeout = ${lockTimeoutMs}; SELECT pg_advisory_lock(${lockArgs})`;
  /** A writer waited longer than lockTimeoutMs: report it instead of hanging. */
  const lockTimedOut = (err: unknown): never => {
    if ((err as { code?: unknown }).code === '55P03') {
      throw new StoreUnavailableError(
        `another writer held the locks of schema ${schemaName} for more than ${lockTimeoutMs} ms: nothing was written; retry, and look for a stuck client in pg_stat_activity (or raise lockTimeoutMs)`,
        { cause: err },
      );
    }
    throw err;
  };
  const hasher = options.hasher ?? nodeSha256;
  const now = options.now ?? (() => new Date());
  const node = options.node ?? 'center';
  const newId = options.newId ?? defaultNewId;
  const { registry } = options;
  const policy = options.unknownEvents ?? 'error';
  const waiters = new Set<() => void>();
  let closed = false;

  const alive = () => {
    if (closed) throw new StoreUnavailableError(`the postgres store (schema ${schemaName}) is closed: open a new one with createPostgresStore()`);
  };
  const out = (e: StoredEvent): StoredEvent => (registry ? registry.upcast(e, policy) : e);
  const wake = () => {
    for (const w of waiters) w();
    waiters.clear();
  };
  /**
   * Gap-free global order. Positions come from a sequence when a row is inserted, but
   * transactions commit in any order: a reader that returned position 11 while 10 was still
   * uncommitted would move its checkpoint past 10 and never see it. So readers only return
   * rows whose writing transaction (`tx`, its xid8) is below `pg_snapshot_xmin` — the oldest
   * transaction still running when the reader's snapshot was taken. Every such transaction has
   * ended, so its rows are visible (or rolled back for good).
   *
   * That guard alone is not enough: it assumes that a smaller xid never holds a larger
   * position. Without help it can (T2 takes its xid, T1 takes a larger xid and position 10,
   * T2 takes 11 and commits: 11 passes the guard while 10 is open). So writers take an xid
   * and their positions inside one critical section (a session advisory lock per schema, taken
   * and released inside the `append_events` SQL function and around `importEvents`' inserts,
   * always before COMMIT so commits still overlap). Then xid order = position order,
   * and for any returned row r every smaller position belongs to a transaction with
   * xid ≤ tx(r) < xmin: already ended and visible. Cost: a transaction that holds an xid
   * anywhere in the cluster delays (never reorders or drops) what readers see until it ends.
   */
  const FINISHED = 'tx < pg_snapshot_xmin(pg_current_snapshot())';

  async function storedByIds(ids: readonly string[]): Promise<StoredEvent[]> {
    const rows = await driver.query<EventRow>(`SELECT ${COLUMNS} FROM ${s}.events WHERE id = ANY($1::text[])`, [ids]);
    const byId = new Map(rows.map((r) => [r.id, toStored(r)]));
    return ids.map((id) => byId.get(id) as StoredEvent);
  }

  /**
   * Writes `recorded` iff the stream is still at `from`: one autocommit call of the schema's
   * `append_events` function, which runs the critical section server-side (see FINISHED) and
   * leaves it before the COMMIT. Resolves to positions, or undefined when another writer moved
   * the stream first.
   */
  async function write(stream: string, from: number, recorded: readonly RecordedEvent[]): Promise<number[] | undefined> {
    const last = recorded.at(-1) as RecordedEvent;
    const [ids, , versions, types, schemas, data, meta, hashes] = columns(recorded);
    const rows = await driver.query<{ position: string | number | bigint }>(
      `SELECT p AS position FROM ${s}.append_events($1, $2, $3, $4, $5::text[], $6::int[], $7::text[], $8::int[], $9::text[], $10::text[], $11::text[], $12, $13, $14, $15) AS p`,
      [stream, from, last.version, last.hash, ids, versions, types, schemas, data, meta, hashes, LOCK_CLASS, appendKey, schemaLockKey(schemaName, `stream:${stream}`), lockTimeoutMs],
    );
    return rows.length ? rows.map((r) => Number(r.position)) : undefined;
  }

  async function appendOnce(stream: string, events: readonly NewEvent[], opts: AppendOptions): Promise<AppendResult | undefined> {
    const ids = givenIds(events);
    const [head] = await driver.query<{ version: number; hash: string }>(`SELECT version, hash FROM ${s}.streams WHERE stream = $1`, [stream]);
    if (ids.length) {
      const known = new Map((await driver.query<{ id: string; stream: string }>(`SELECT id, stream FROM ${s}.events WHERE id = ANY($1::text[])`, [ids])).map((r) => [r.id, r.stream]));
      if (classifyIds(stream, ids, (id) => known.get(id)) === 'duplicate') {
        if (ids.length < events.length) throw new DuplicateEventIdError(ids[0] as string, 'the batch repeats stored events and adds events without ids');
        const stored = (await storedByIds(ids)).map(out);
        return { stream, events: stored, nextExpectedVersion: head?.version ?? 0, lastPosition: (stored.at(-1) as StoredEvent).position, duplicate: true };
      }
    }
    const current = head?.version ?? 0;
    checkExpectedVersion(stream, opts.expectedVersion, current);
    const recorded = prepareAppend(events, { stream, currentVersion: current, lastHash: head?.hash ?? GENESIS_HASH, registry, hasher, now, node, newId });
    if (recorded.length === 0) {
      return { stream, events: [], nextExpectedVersion: current, lastPosition: await headPosition(), duplicate: false };
    }
    let positions: number[] | undefined;
    try {
      positions = await write(stream, current, recorded);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === '23505') return undefined; // a concurrent writer stored one of these ids or versions first: classify again
      if (typeof code === 'string' && code.startsWith('22')) {
        throw new ValidationError(`PostgreSQL refused an event of ${stream}: ${(err as Error).message}`);
      }
      return lockTimedOut(err);
    }
    if (!positions) return undefined;
    const stored = recorded.map((r, i): StoredEvent => ({ ...r, data: JSON.parse(canonicalJson(r.data)) as unknown, position: positions[i] as number }));
    wake();
    return { stream, events: stored.map(out), nextExpectedVersion: current + stored.length, lastPosition: positions.at(-1) as number, duplicate: false };
  }

  async function headPosition(): Promise<number> {
    const [row] = await driver.query<{ position: string | number | bigint }>(`SELECT position FROM ${s}.events WHERE ${FINISHED} ORDER BY position DESC LIMIT 1`);
    return row ? Number(row.position) : 0;
  }

  async function* batches(opts: ReadAllOptions = {}): AsyncGenerator<readonly StoredEvent[]> {
    const size = Math.max(1, Math.floor(opts.batchSize ?? 1000));
    const types = opts.types ? [...opts.types] : undefined;
    const view = opts.upcast === false ? (e: StoredEvent) => e : out;
    let from = Math.max(1, opts.fromPosition ?? 1);
    for (;;) {
      alive();
      const rows = types
        ? await driver.query<EventRow>(`SELECT ${COLUMNS} FROM ${s}.events WHERE position >= $1 AND ${FINISHED} AND type = ANY($3::text[]) ORDER BY position LIMIT $2`, [from, size, types])
        : await driver.query<EventRow>(`SELECT ${COLUMNS} FROM ${s}.events WHERE position >= $1 AND ${FINISHED} ORDER BY position LIMIT $2`, [from, size]);
      if (rows.length) yield rows.map((r) => view(toStored(r)));
      if (rows.length < size) return;
      from = Number((rows.at(-1) as EventRow).position) + 1;
    }
  }

  const store: PostgresStore = {
    kind: 'postgres',
    engine: driver.engine,
    schema: schemaName,
    registry,
    migrate: () => migrate(driver, schemaName),
    async append(stream: string, events: readonly NewEvent[], opts: AppendOptions = {}): Promise<AppendResult> {
      alive();
      assertStreamId(stream);
      if (!Array.isArray(events)) throw new ValidationError('append takes an array of events');
      for (let round = 0; round < MAX_APPEND_ROUNDS; round++) {
        const result = await appendOnce(stream, events, opts);
        if (result) return result;
      }
      throw new ConcurrencyError(stream, opts.expectedVersion ?? 'any', await store.streamVersion(stream));
    },
    async readStream(stream: string, opts: ReadStreamOptions = {}) {
      alive();
      assertStreamId(stream);
      const rows = await driver.query<EventRow>(`SELECT ${COLUMNS} FROM ${s}.events WHERE stream = $1 AND version BETWEEN $2 AND $3 ORDER BY version`, [
        stream,
        Math.max(1, opts.fromVersion ?? 1),
        Math.min(2147483647, opts.toVersion ?? 2147483647),
      ]);
      return opts.upcast === false ? rows.map(toStored) : rows.map((r) => out(toStored(r)));
    },
    async streamVersion(stream: string) {
      alive();
      const [row] = await driver.query<{ version: number }>(`SELECT version FROM ${s}.streams WHERE stream = $1`, [stream]);
      return row?.version ?? 0;
    },
    async *readAll(opts: ReadAllOptions = {}) {
      for await (const b of batches(opts)) yield* b;
    },
    readAllBatches: batches,
    async headPosition() {
      alive();
      return headPosition();
    },
    subscribe(opts: SubscribeOptions = {}) {
      return followLog(
        {
          readAllBatches: batches,
          // Appends through this store wake the follower at once; other writers are found by polling.
          waitForAppend: (_position, timeoutMs, signal) =>
            new Promise<void>((resolve) => {
              waiters.add(resolve);
              void sleep(timeoutMs, signal).then(() => {
                waiters.delete(resolve);
                resolve();
              });
            }),
        },
        opts,
      );
    },
    async verify(opts: { readonly stream?: string } = {}): Promise<VerifyReport> {
      alive();
      const v = createChainVerifier(hasher);
      let after = 0;
      for (;;) {
        const rows =
          opts.stream !== undefined
            ? await driver.query<EventRow>(`SELECT ${COLUMNS} FROM ${s}.events WHERE stream = $1 AND position > $2 ORDER BY position LIMIT 1000`, [opts.stream, after])
            : await driver.query<EventRow>(`SELECT ${COLUMNS} FROM ${s}.events WHERE position > $1 ORDER BY position LIMIT 1000`, [after]);
        for (const r of rows) {
          let e: StoredEvent;
          try {
            e = toStored(r);
          } catch (err) {
            return { ok: false, events: v.events + 1, streams: v.streams, break: { stream: r.stream, version: r.version, position: Number(r.position), eventId: r.id, reason: `stored data or meta is not valid JSON (${(err as Error).message})`, found: r.hash } };
          }
          const b = v.check(e);
          if (b) return { ok: false, events: v.events, streams: v.streams, break: b };
        }
        if (rows.length < 1000) return { ok: true, events: v.events, streams: v.streams };
        after = Number((rows.at(-1) as EventRow).position);
      }
    },
    async importEvents(source): Promise<ImportResult> {
      alive();
      const incoming: RecordedEvent[] = [];
      for await (const e of source) incoming.push(e);
      if (incoming.length === 0) return { imported: 0, skipped: 0, lastPosition: await headPosition() };
      const result = await driver.session(async (sql) => {
        await sql.exec(enter);
        const streamIds = [...new Set(incoming.map((e) => (typeof e?.stream === 'string' ? e.stream : '')))].sort();
        // Placeholder heads make new streams lockable too; a rollback removes them.
        await sql.query(`INSERT INTO ${s}.streams (stream, version, hash) SELECT unnest($1::text[]), 0, '' ON CONFLICT (stream) DO NOTHING`, [streamIds]);
        const heads = new Map(
          (await sql.query<{ stream: string; version: number; hash: string }>(`SELECT stream, version, hash FROM ${s}.streams WHERE stream = ANY($1::text[]) ORDER BY stream FOR UPDATE`, [streamIds])).map((r) => [
            r.stream,
            r.version === 0 ? undefined : { version: r.version, hash: r.hash },
          ]),
        );
        const ids = incoming.map((e) => (typeof e?.id === 'string' ? e.id : ''));
        const storedHash = new Map((await sql.query<{ id: string; hash: string }>(`SELECT id, hash FROM ${s}.events WHERE id = ANY($1::text[])`, [ids])).map((r) => [r.id, r.hash]));
        const staged: RecordedEvent[] = [];
        let skipped = 0;
        for (let i = 0; i < incoming.length; i++) {
          const e = incoming[i] as RecordedEvent;
          const known = storedHash.get(e?.id);
          if (known !== undefined) {
            if (known !== e.hash) throw atSourceIndex(new DuplicateEventIdError(e.id, 'already stored with different content'), i);
            skipped++;
            continue;
          }
          try {
            heads.set(e.stream, checkImported(e, heads.get(e?.stream), { registry, hasher, unknownEvents: policy }));
          } catch (err) {
            throw atSourceIndex(err, i);
          }
          storedHash.set(e.id, e.hash);
          staged.push(e);
        }
        let lastPosition = 0;
        for (let i = 0; i < staged.length; i += IMPORT_CHUNK) {
          const rows = await sql.query<{ position: string | number | bigint }>(
            `INSERT INTO ${s}.events (id, stream, version, type, schema, data, meta, hash)
             SELECT e.id, e.stream, e.version, e.type, e.schema, e.data, e.meta, e.hash
             FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS e(id, stream, version, type, schema, data, meta, hash, ord)
             ORDER BY e.ord
             RETURNING position`,
            columns(staged.slice(i, i + IMPORT_CHUNK)),
          );
          lastPosition = Number((rows.at(-1) as { position: string }).position);
        }
        const touched = [...heads].filter((entry): entry is [string, { version: number; hash: string }] => entry[1] !== undefined);
        await sql.query(
          `UPDATE ${s}.streams AS h SET version = u.version, hash = u.hash FROM unnest($1::text[], $2::int[], $3::text[]) AS u(stream, version, hash) WHERE h.stream = u.stream`,
          [touched.map(([k]) => k), touched.map(([, h]) => h.version), touched.map(([, h]) => h.hash)],
        );
        await sql.exec(`SELECT pg_advisory_unlock(${lockArgs}); COMMIT`);
        return { imported: staged.length, skipped, lastPosition };
      }).catch(lockTimedOut);
      if (result.imported) wake();
      return result.imported ? result : { ...result, lastPosition: await headPosition() };
    },
    checkpoints: {
      async load(name) {
        alive();
        const [row] = await driver.query<{ position: string | number | bigint; state: string | null }>(`SELECT position, state FROM ${s}.checkpoints WHERE name = $1`, [name]);
        if (!row) return undefined;
        return { position: Number(row.position), ...(row.state !== null ? { state: JSON.parse(row.state) as unknown } : {}) };
      },
      async save(name, checkpoint: Checkpoint) {
        alive();
        if (typeof name !== 'string' || name.length === 0 || name.length > 200) throw new ValidationError('a checkpoint name must be a string of 1–200 characters');
        if (!Number.isSafeInteger(checkpoint?.position) || checkpoint.position < 0) throw new ValidationError(`checkpoint position ${JSON.stringify(checkpoint?.position)} must be an integer ≥ 0`);
        let state: string | null = null;
        try {
          if (checkpoint.state !== undefined) state = canonicalJson(checkpoint.state);
        } catch (err) {
          throw new ValidationError(`the state of checkpoint ${name} is not JSON-serializable: ${(err as Error).message}`);
        }
        await driver.query(
          `INSERT INTO ${s}.checkpoints (name, position, state, saved_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, state = EXCLUDED.state, saved_at = now()`,
          [name, checkpoint.position, state],
        );
      },
    },
    async close() {
      if (closed) return;
      closed = true;
      wake();
      await driver.close();
    },
  };
  return store;
}
