import {
  AppendConditionError,
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
  checkCondition,
  checkExpectedVersion,
  checkImported,
  classifyIds,
  defaultNewId,
  eachEvent,
  followLog,
  givenIds,
  prepareEncoded,
  sleep,
  type CheckedCondition,
  type EncodedEvent,
} from '@banshi/core/adapter';
import { sha256HexNode } from '@banshi/core/node';
import { ownConnections, pgDriver, pgliteDriver, poolConnections, type Driver, type PGliteLike, type PgPoolLike, type Sql } from './_lib/driver.js';
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
  /**
   * How long a reader (`readAll`, `subscribe`, `headPosition`) waits for writers that may still
   * hold positions below the newest one before it returns what is already final (default
   * 1000 ms). A writer open longer than this delays what readers see, never reorders it.
   */
  readonly readSettleMs?: number;
  /**
   * The most events an `importEvents` holds in memory (default 20,000). A source that ends within
   * it is imported in one transaction that is decided again when another writer takes one of its
   * versions first; a longer one (a whole log) is imported part by part in one transaction, in
   * memory that does not grow with the log, and fails with `StoreUnavailableError`, writing
   * nothing, if another writer stores events of its streams meanwhile: run it again.
   */
  readonly importMemoryEvents?: number;
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

/**
 * A stored event as the server returns it, one value per column of {@link COLUMNS} (rows come as
 * arrays: no object per row that would be thrown away for the `StoredEvent`); integers come as
 * text from the store's own connections (`Driver.prepared`), as numbers from `pg`'s parsers.
 */
type EventRow = readonly [position: string | number | bigint, id: string, stream: string, version: number | string, type: string, schema: number | string, data: string, meta: string, hash: string];

const COLUMNS = 'position, id, stream, version, type, schema, data, meta, hash';
/** Give up after this many optimistic rounds of an `expectedVersion: 'any'` append on a hot stream. */
const MAX_APPEND_ROUNDS = 100;
const IMPORT_CHUNK = 1000;
/** Imports decided again after another writer took one of their versions or ids first. */
const IMPORT_ROUNDS = 10;
/** Default of {@link PostgresStoreOptions.importMemoryEvents}. */
const IMPORT_MEMORY_EVENTS = 20_000;

/** Another writer took one of an import's versions or ids first (unique violation), or deadlocked with it. */
function isWriteConflict(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === '40P01';
}

/** One iterator over a sync or async source (awaiting a sync iterator's result is harmless). */
function eventIterator<T>(source: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in source ? (source as AsyncIterable<T>)[Symbol.asyncIterator]() : (source as Iterable<T>)[Symbol.iterator]();
}

/** The next `max` events of `it` at most; `done` once the source has ended. */
async function takePart<T>(it: AsyncIterator<T> | Iterator<T>, max: number): Promise<{ events: T[]; done: boolean }> {
  const events: T[] = [];
  while (events.length < max) {
    const r = await it.next();
    if (r.done) return { events, done: true };
    events.push(r.value);
  }
  return { events, done: false };
}
/** Pages of an unfiltered read asked for ahead of the caller (each on its own pooled connection). */
const READ_AHEAD = 2;

const toStored = ([position, id, stream, version, type, schema, data, meta, hash]: EventRow): StoredEvent => ({
  id,
  stream,
  version: Number(version),
  type,
  schema: Number(schema),
  data: JSON.parse(data) as unknown,
  meta: JSON.parse(meta) as RecordedEvent['meta'],
  hash,
  position: Number(position),
});

/** Column arrays for `unnest`, in version order; data and meta are the canonical texts that were hashed. */
function columns(rows: readonly EncodedEvent[]) {
  return [
    rows.map((r) => r.event.id),
    rows.map((r) => r.event.stream),
    rows.map((r) => r.event.version),
    rows.map((r) => r.event.type),
    rows.map((r) => r.event.schema),
    rows.map((r) => r.data),
    rows.map((r) => r.meta),
    rows.map((r) => r.event.hash),
  ];
}

/** Prepared-statement names handed out in this process, by purpose and schema (see `statementName`). */
const statementNames = new Map<string, string>();

/**
 * The name of the prepared statement for `purpose` in `schema`: the same for every store of this
 * process on that schema (their statements have the same text), different for every other schema,
 * and short (a server keeps the first 63 bytes of a name, a schema name alone may have 63).
 */
function statementName(purpose: string, schema: string): string {
  const key = `${purpose}:${schema}`;
  let name = statementNames.get(key);
  if (name === undefined) statementNames.set(key, (name = `banshi_${purpose}_${statementNames.size + 1}`));
  return name;
}

/** How long a reader waits for writers that may hold positions below its horizon before it settles for the last safe one. */
const READ_SETTLE_MS = 1000;
/** Stream heads a store keeps in memory (see `knownHeads`). */
const KNOWN_HEADS = 10_000;

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
  const lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
  if (!Number.isSafeInteger(lockTimeoutMs) || lockTimeoutMs < 1) throw new ValidationError(`lockTimeoutMs ${String(lockTimeoutMs)} must be a whole number of milliseconds ≥ 1`);
  let driver: Driver;
  if (options.pglite) driver = pgliteDriver(options.pglite);
  else if (options.pool) driver = pgDriver(poolConnections(options.pool), false);
  else driver = pgDriver(ownConnections(options.connectionString as string, { connectTimeoutMs, max: options.poolSize ?? 10, lockTimeoutMs }), true);
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
  const lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
  /** The schema's writer lock, taken SHARED by every statement that draws positions (see `settledHorizon`). */
  const writerKey = schemaLockKey(schemaName, 'append');
  const readSettleMs = options.readSettleMs ?? READ_SETTLE_MS;
  if (!Number.isSafeInteger(readSettleMs) || readSettleMs < 0) throw new ValidationError(`readSettleMs ${String(readSettleMs)} must be a whole number of milliseconds ≥ 0`);
  const enter = `BEGIN; SET LOCAL lock_timeout = ${lockTimeoutMs}`;
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
  const hasher = options.hasher ?? sha256HexNode;
  const now = options.now ?? (() => new Date());
  const node = options.node ?? 'center';
  const newId = options.newId ?? defaultNewId;
  const { registry } = options;
  const policy = options.unknownEvents ?? 'error';
  const importMemoryEvents = options.importMemoryEvents ?? IMPORT_MEMORY_EVENTS;
  if (!Number.isSafeInteger(importMemoryEvents) || importMemoryEvents < 1) throw new ValidationError(`importMemoryEvents ${String(importMemoryEvents)} must be a whole number ≥ 1`);
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
   * Gap-free global order without a global critical section. Positions come from a sequence
   * when a row is inserted, and transactions commit in any order: a reader that returned 11
   * while 10 was still uncommitted would move its checkpoint past 10 and never see it.
   *
   * Every INSERT into events first takes the schema's writer lock in SHARED mode (the default
   * of position takes it before it draws the position) and holds it until its transaction has
   * ended — writers never wait for each other. A reader (1) reads the last position drawn, h,
   * THEN (2) lists the transactions holding the writer lock, and (3) waits until each of them
   * has released it. Any position ≤ h was drawn before (1) by a transaction that already held
   * the lock; at (2) it either had ended or is listed, so after (3) it has ended, and a
   * snapshot taken now sees all of its rows, or none if it rolled back. So the rows ≤ h that
   * a reader sees are final: nothing at or below h can appear later. Readers return only those.
   * A writer still open after readSettleMs (a stuck client, a long import) holds readers at
   * the last horizon that did settle: delayed, never reordered or skipped.
   */
  let settled = 0;
  async function settledHorizon(): Promise<number> {
    const [row] = await driver.query<{ horizon: string | number; writers: string[] }>(`SELECT horizon, writers FROM ${s}.read_horizon($1, $2)`, [LOCK_CLASS, writerKey]);
    const horizon = Number(row?.horizon ?? 0);
    let writers = row?.writers ?? [];
    const deadline = Date.now() + readSettleMs;
    for (let pause = 1; writers.length > 0; pause = Math.min(pause * 2, 25)) {
      if (Date.now() >= deadline) return settled;
      await sleep(pause);
      const [open] = await driver.query<{ writers: string[] }>(`SELECT ${s}.open_writers($1, $2, $3::text[]) AS writers`, [LOCK_CLASS, writerKey, writers]);
      writers = open?.writers ?? [];
    }
    if (horizon > settled) settled = horizon;
    return settled;
  }

  /**
   * Checks and inserts one part of an import inside the open transaction `sql`: `offset` is the
   * part's first index in the whole source (errors name the source index), `heads` the streams'
   * heads as this import has moved them (a stream not in it is looked up once).
   */
  async function importPart(sql: Sql, incoming: readonly RecordedEvent[], offset: number, heads: Map<string, { version: number; hash: string } | undefined>): Promise<ImportResult> {
    const unknown = [...new Set(incoming.map((e) => (typeof e?.stream === 'string' ? e.stream : '')))].filter((stream) => !heads.has(stream));
    for (const stream of unknown) heads.set(stream, undefined);
    if (unknown.length) {
      const found = await sql.query<{ stream: string; version: number; hash: string }>(
        `SELECT s.stream, h.version, h.hash FROM unnest($1::text[]) AS s(stream) CROSS JOIN LATERAL (SELECT version, hash FROM ${s}.events WHERE stream = s.stream ORDER BY version DESC LIMIT 1) AS h`,
        [unknown],
      );
      for (const r of found) heads.set(r.stream, { version: r.version, hash: r.hash });
    }
    // Stored ids, also those an earlier part of this import stored (the transaction sees its own rows).
    const ids = incoming.map((e) => (typeof e?.id === 'string' ? e.id : ''));
    const storedHash = new Map((await sql.query<{ id: string; hash: string }>(`SELECT id, hash FROM ${s}.events WHERE id = ANY($1::text[])`, [ids])).map((r) => [r.id, r.hash]));
    const staged: EncodedEvent[] = [];
    let skipped = 0;
    for (let i = 0; i < incoming.length; i++) {
      const e = incoming[i] as RecordedEvent;
      const known = storedHash.get(e?.id);
      if (known !== undefined) {
        if (known !== e.hash) throw atSourceIndex(new DuplicateEventIdError(e.id, 'already stored with different content'), offset + i);
        skipped++;
        continue;
      }
      let next: ReturnType<typeof checkImported>;
      try {
        next = checkImported(e, heads.get(e?.stream), { registry, hasher, unknownEvents: policy });
      } catch (err) {
        throw atSourceIndex(err, offset + i);
      }
      heads.set(e.stream, { version: next.version, hash: next.hash });
      storedHash.set(e.id, e.hash);
      staged.push({ event: e, data: next.data, meta: next.meta });
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
    return { imported: staged.length, skipped, lastPosition };
  }

  async function storedByIds(ids: readonly string[], sql: Sql = driver): Promise<StoredEvent[]> {
    const rows = await sql.rows<EventRow>(`SELECT ${COLUMNS} FROM ${s}.events WHERE id = ANY($1::text[])`, [ids]);
    const byId = new Map(rows.map((r) => [r[1], toStored(r)]));
    return ids.map((id) => byId.get(id) as StoredEvent);
  }

  /**
   * Inserts `encoded` (the stream's next versions) in one autocommit statement and resolves to
   * their positions. The unique (stream, version) index is the `expectedVersion` check: if
   * another writer stored one of these versions first, or is still storing it (the insert waits
   * for that transaction to end, at most lockTimeoutMs), the statement fails with a unique
   * violation and writes nothing. No head row: a second row write per append was half of the
   * server's work (bench/README.md, "PostgreSQL durable append"). One event goes as scalar
   * parameters: no array to build here or to parse on the server.
   *
   * How long the insert may wait for locks: on the store's own connections, the lock_timeout
   * each was opened with (nothing per statement; other statements on them wait as long as they
   * need, see `Driver.bounded`); on a caller's Pool or PGlite, a `set_config` in the statement,
   * local to its transaction (13,000 more server instructions per append, bench/README.md).
   */
  const perConnection = driver.lockTimeoutMs === lockTimeoutMs;
  const setting = perConnection ? '' : ` FROM (SELECT set_config('lock_timeout', $9, true)) AS setting`;
  const appendOneSql = `INSERT INTO ${s}.events (id, stream, version, type, schema, data, meta, hash)
    SELECT $1, $2, $3, $4, $5, $6, $7, $8${setting}
    RETURNING position`;
  const appendManySql = `INSERT INTO ${s}.events AS ev (id, stream, version, type, schema, data, meta, hash)
    SELECT e.id, $1, e.version, e.type, e.schema, e.data, e.meta, e.hash
    FROM${perConnection ? '' : ` (SELECT set_config('lock_timeout', $9, true)) AS setting,`}
      unnest($2::text[], $3::int[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY AS e(id, version, type, schema, data, meta, hash, ord)
    ORDER BY e.ord
    RETURNING ev.position`;
  /** Each parsed and planned once per connection (named prepared statements; one name per text). */
  const appendOneStatement = statementName(perConnection ? 'append_one_c' : 'append_one', schemaName);
  const appendManyStatement = statementName(perConnection ? 'append_many_c' : 'append_many', schemaName);
  const lockTimeoutSetting = String(lockTimeoutMs);
  /** Inserts the events (on `tx`, an open transaction, when given); their positions. */
  async function write(stream: string, encoded: readonly EncodedEvent[], tx?: Sql): Promise<number[]> {
    let params: unknown[];
    let rows: string[];
    const run = (text: string, name: string) => (tx ? tx.rows<[unknown]>(text, params).then((r) => r.map((x) => String(x[0]))) : driver.bounded(text, params, name));
    if (encoded.length === 1) {
      const { event, data, meta } = encoded[0] as EncodedEvent;
      params = [event.id, stream, event.version, event.type, event.schema, data, meta, event.hash];
      if (!perConnection) params.push(lockTimeoutSetting);
      rows = await run(appendOneSql, appendOneStatement);
    } else {
      const [ids, , versions, types, schemas, data, meta, hashes] = columns(encoded);
      params = [stream, ids, versions, types, schemas, data, meta, hashes];
      if (!perConnection) params.push(lockTimeoutSetting);
      rows = await run(appendManySql, appendManyStatement);
    }
    const positions = new Array<number>(rows.length);
    for (let i = 0; i < rows.length; i++) positions[i] = Number(rows[i]);
    return positions;
  }

  /** The stream's last version and its hash (undefined for a stream without events): the newest entry of the (stream, version) index. */
  const headSql = `SELECT version, hash FROM ${s}.events WHERE stream = $1 ORDER BY version DESC LIMIT 1`;

  /**
   * Stream heads this store wrote or read last, so a writer that keeps appending to its streams
   * pays one round trip per append. A stale head costs nothing but a retry: the append
   * writes only if the stream is still at the version the events were chained to.
   */
  const knownHeads = new Map<string, { readonly version: number; readonly hash: string }>();
  const remember = (stream: string, head: { readonly version: number; readonly hash: string }) => {
    knownHeads.delete(stream);
    knownHeads.set(stream, head);
    if (knownHeads.size > KNOWN_HEADS) knownHeads.delete(knownHeads.keys().next().value as string);
  };

  /**
   * One attempt at an append: the stream's head (from memory when `mayGuess`), the ids, the
   * expected version, the insert. `undefined` when it must be decided again on the stored head.
   * With `tx` every statement runs in that open transaction (a conditional append) and
   * subscribers are woken by the caller after its COMMIT.
   */
  async function appendOnce(stream: string, events: readonly NewEvent[], opts: AppendOptions, mayGuess: boolean, tx?: Sql, condition?: CheckedCondition): Promise<AppendResult | undefined> {
    const sql: Sql = tx ?? driver;
    const ids = givenIds(events);
    // Without given ids there is nothing to deduplicate: the head may come from memory, or be
    // assumed absent for 'no-stream'; a wrong guess makes the append write nothing.
    const guess = mayGuess && ids.length === 0 ? (knownHeads.get(stream) ?? (opts.expectedVersion === 'no-stream' ? null : undefined)) : undefined;
    const [head] =
      guess === undefined
        ? await sql.query<{ version: number; hash: string }>(headSql, [stream])
        : guess === null
          ? []
          : [guess];
    if (ids.length) {
      const known = new Map((await sql.query<{ id: string; stream: string }>(`SELECT id, stream FROM ${s}.events WHERE id = ANY($1::text[])`, [ids])).map((r) => [r.id, r.stream]));
      if (classifyIds(stream, ids, (id) => known.get(id)) === 'duplicate') {
        if (ids.length < events.length) throw new DuplicateEventIdError(ids[0] as string, 'the batch repeats stored events and adds events without ids');
        const stored = (await storedByIds(ids, sql)).map(out);
        return { stream, events: stored, nextExpectedVersion: head?.version ?? 0, lastPosition: (stored.at(-1) as StoredEvent).position, duplicate: true };
      }
    }
    const current = head?.version ?? 0;
    try {
      checkExpectedVersion(stream, opts.expectedVersion, current);
    } catch (err) {
      if (guess === undefined) throw err;
      knownHeads.delete(stream);
      return undefined; // the guess may be stale: decide on the stored head
    }
    if (tx && condition) {
      // After the repeat and the expected version, as every store checks it.
      const [hit] = await tx.rows<[unknown, string]>(`SELECT position, type FROM ${s}.events WHERE position > $1 AND type = ANY($2::text[]) ORDER BY position LIMIT 1`, [condition.after, condition.types]);
      if (hit) throw new AppendConditionError(stream, condition.after, Number(hit[0]), hit[1]);
    }
    const encoded = prepareEncoded(events, { stream, currentVersion: current, lastHash: head?.hash ?? GENESIS_HASH, registry, hasher, now, node, newId });
    if (encoded.length === 0) {
      return { stream, events: [], nextExpectedVersion: current, lastPosition: tx ? 0 : await headPosition(), duplicate: false };
    }
    let positions: number[];
    try {
      positions = await write(stream, encoded, tx);
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code === '23505') {
        knownHeads.delete(stream);
        return undefined; // another writer stored one of these versions or ids first: decide on the stored head again
      }
      if (typeof code === 'string' && code.startsWith('22')) {
        throw new ValidationError(`PostgreSQL refused an event of ${stream}: ${(err as Error).message}`);
      }
      return lockTimedOut(err);
    }
    const last = (encoded.at(-1) as EncodedEvent).event;
    remember(stream, { version: last.version, hash: last.hash });
    // The data as a reader will get it back (what canonical JSON kept), not the caller's object.
    // Built as literals of one shape (a spread of the recorded event with two keys replaced cost 5 µs per append).
    const storedEvents: StoredEvent[] = new Array<StoredEvent>(encoded.length);
    for (let i = 0; i < encoded.length; i++) {
      const { event: e, data } = encoded[i] as EncodedEvent;
      const stored: StoredEvent = { id: e.id, stream: e.stream, version: e.version, type: e.type, schema: e.schema, data: JSON.parse(data) as unknown, meta: e.meta, hash: e.hash, position: positions[i] as number };
      storedEvents[i] = out(stored);
    }
    if (!tx) wake();
    return { stream, events: storedEvents, nextExpectedVersion: current + encoded.length, lastPosition: positions[positions.length - 1] as number, duplicate: false };
  }

  /**
   * An append with a condition (core `AppendCondition`), in one transaction: the schema's writer
   * lock taken EXCLUSIVE (every append in flight holds it SHARED until it commits, so this waits
   * for them, and appends that start later wait for this one), then the append, whose statements
   * after the lock see every committed event, with the condition checked after the repeat and the
   * expected version. Nothing can be stored between the check and the COMMIT.
   */
  async function appendConditional(stream: string, events: readonly NewEvent[], opts: AppendOptions, condition: CheckedCondition): Promise<AppendResult> {
    for (let round = 0; round < MAX_APPEND_ROUNDS; round++) {
      const result = await driver.session(async (tx) => {
        await tx.exec(enter);
        try {
          await tx.query('SELECT pg_advisory_xact_lock($1::integer, $2::integer)', [LOCK_CLASS, writerKey]);
        } catch (err) {
          return lockTimedOut(err);
        }
        const r = await appendOnce(stream, events, opts, false, tx, condition);
        if (r === undefined) {
          await tx.exec('ROLLBACK');
          return undefined;
        }
        await tx.exec('COMMIT');
        return r;
      });
      if (result === undefined) continue;
      if (result.events.length === 0 && !result.duplicate) return { ...result, lastPosition: await headPosition() };
      if (!result.duplicate) wake();
      return result;
    }
    throw new ConcurrencyError(stream, opts.expectedVersion ?? 'any', await store.streamVersion(stream));
  }

  async function headPosition(): Promise<number> {
    const horizon = await settledHorizon();
    const [row] = await driver.query<{ position: string | number | bigint }>(`SELECT position FROM ${s}.events WHERE position <= $1 ORDER BY position DESC LIMIT 1`, [horizon]);
    return row ? Number(row.position) : 0;
  }

  const pageSql = `SELECT ${COLUMNS} FROM ${s}.events WHERE position BETWEEN $1 AND $2 ORDER BY position`;
  const pageStatement = statementName('page', schemaName);

  async function* batches(opts: ReadAllOptions = {}): AsyncGenerator<readonly StoredEvent[]> {
    const size = Math.max(1, Math.floor(opts.batchSize ?? 1000));
    const types = opts.types ? [...opts.types] : undefined;
    const view = opts.upcast === false ? (e: StoredEvent) => e : out;
    alive();
    const horizon = await settledHorizon();
    let from = Math.max(1, opts.fromPosition ?? 1);
    if (types) {
      // Filtered by type, a page may skip many rows: keyset pages, bounded by the horizon.
      for (;;) {
        alive();
        if (from > horizon) return;
        const rows = await driver.rows<EventRow>(`SELECT ${COLUMNS} FROM ${s}.events WHERE position >= $1 AND position <= $4 AND type = ANY($3::text[]) ORDER BY position LIMIT $2`, [from, size, types, horizon]);
        if (rows.length) yield rows.map((r) => view(toStored(r)));
        if (rows.length < size) return;
        from = Number((rows.at(-1) as EventRow)[0]) + 1;
      }
    }
    // Unfiltered, every page is a range of positions below the settled horizon: its rows are
    // final, so pages do not depend on each other and READ_AHEAD of them are asked for at once
    // (on as many pooled connections) while this process decodes and the caller consumes. A
    // range holds at most `size` rows (fewer where positions were skipped by rolled-back writers).
    // Each page is a named prepared statement whose rows become stored events as they arrive
    // (no row objects of `pg`'s in between on the store's own connections).
    const page = (row: readonly unknown[]) => view(toStored(row as EventRow));
    const queue: Promise<StoredEvent[]>[] = [];
    const fill = (): void => {
      while (queue.length < READ_AHEAD && from <= horizon) {
        alive();
        const to = Math.min(horizon, from + size - 1);
        const next = driver.prepared(pageSql, [from, to], pageStatement, page);
        // A page read ahead may fail while an earlier one is still awaited (a killed connection):
        // it is observed now, so its failure is never an unhandled rejection; the loop below still
        // awaits it and fails the read with it. A caller that stops early leaves pages to settle unobserved.
        next.catch(() => undefined);
        queue.push(next);
        from = to + 1;
      }
    };
    fill();
    while (queue.length) {
      const events = await (queue.shift() as Promise<StoredEvent[]>);
      fill();
      if (events.length) yield events;
    }
  }

  const store: PostgresStore = {
    kind: 'postgres',
    engine: driver.engine,
    schema: schemaName,
    registry,
    appendConditions: true,
    migrate: () => migrate(driver, schemaName),
    async append(stream: string, events: readonly NewEvent[], opts: AppendOptions = {}): Promise<AppendResult> {
      alive();
      assertStreamId(stream);
      if (!Array.isArray(events)) throw new ValidationError('append takes an array of events');
      const condition = checkCondition(opts);
      if (condition) return appendConditional(stream, events, opts, condition);
      for (let round = 0; round < MAX_APPEND_ROUNDS; round++) {
        const result = await appendOnce(stream, events, opts, round === 0);
        if (result) return result;
      }
      throw new ConcurrencyError(stream, opts.expectedVersion ?? 'any', await store.streamVersion(stream));
    },
    async readStream(stream: string, opts: ReadStreamOptions = {}) {
      alive();
      assertStreamId(stream);
      const rows = await driver.rows<EventRow>(`SELECT ${COLUMNS} FROM ${s}.events WHERE stream = $1 AND version BETWEEN $2 AND $3 ORDER BY version`, [
        stream,
        Math.max(1, opts.fromVersion ?? 1),
        Math.min(2147483647, opts.toVersion ?? 2147483647),
      ]);
      return opts.upcast === false ? rows.map(toStored) : rows.map((r) => out(toStored(r)));
    },
    async streamVersion(stream: string) {
      alive();
      const [row] = await driver.query<{ version: number }>(headSql, [stream]);
      return row?.version ?? 0;
    },
    readAll: (opts: ReadAllOptions = {}) => eachEvent(batches(opts)),
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
            ? await driver.rows<EventRow>(`SELECT ${COLUMNS} FROM ${s}.events WHERE stream = $1 AND position > $2 ORDER BY position LIMIT 1000`, [opts.stream, after])
            : await driver.rows<EventRow>(`SELECT ${COLUMNS} FROM ${s}.events WHERE position > $1 ORDER BY position LIMIT 1000`, [after]);
        for (const r of rows) {
          let e: StoredEvent;
          try {
            e = toStored(r);
          } catch (err) {
            const [position, eventId, stream, version, , , , , found] = r;
            return { ok: false, events: v.events + 1, streams: v.streams, break: { stream, version: Number(version), position: Number(position), eventId, reason: `stored data or meta is not valid JSON (${(err as Error).message})`, found } };
          }
          const b = v.check(e);
          if (b) return { ok: false, events: v.events, streams: v.streams, break: b };
        }
        if (rows.length < 1000) return { ok: true, events: v.events, streams: v.streams };
        after = Number((rows.at(-1) as EventRow)[0]);
      }
    },
    async importEvents(source): Promise<ImportResult> {
      alive();
      const events = eventIterator(source);
      const first = await takePart(events, importMemoryEvents);
      if (first.events.length === 0) return { imported: 0, skipped: 0, lastPosition: await headPosition() };
      let result: ImportResult | undefined;
      if (first.done) {
        // The whole source is in memory: no locks taken up front. A concurrent writer of one of
        // these streams makes an insert fail with a unique violation (or a deadlock with another
        // import), the transaction writes nothing, and the import is decided again on the new heads.
        const once = () =>
          driver.session(async (sql) => {
            await sql.exec(enter);
            const r = await importPart(sql, first.events, 0, new Map());
            await sql.exec('COMMIT');
            return r;
          });
        for (let round = 1; !result; round++) {
          try {
            result = await once();
          } catch (err) {
            if (!isWriteConflict(err)) lockTimedOut(err);
            if (round === IMPORT_ROUNDS) {
              throw new StoreUnavailableError(`other writers stored events of the same streams first ${IMPORT_ROUNDS} times while this import ran: nothing was written; retry the import`, { cause: err });
            }
          }
        }
      } else {
        // A longer source is never held whole (a province's log would fill the heap): one
        // transaction takes it part by part, so it cannot be decided again, and another writer of
        // its streams makes it fail, writing nothing.
        try {
          result = await driver.session(async (sql) => {
            await sql.exec(enter);
            const heads = new Map<string, { version: number; hash: string } | undefined>();
            let total = { imported: 0, skipped: 0, lastPosition: 0 };
            for (let part = first, offset = 0; part.events.length > 0; offset += part.events.length, part = part.done ? { events: [], done: true } : await takePart(events, importMemoryEvents)) {
              const r = await importPart(sql, part.events, offset, heads);
              total = { imported: total.imported + r.imported, skipped: total.skipped + r.skipped, lastPosition: r.lastPosition || total.lastPosition };
            }
            await sql.exec('COMMIT');
            return total;
          });
        } catch (err) {
          // A source left unread (a bad event, a failed insert) is closed, as `for await` would.
          await Promise.resolve(events.return?.()).catch(() => undefined);
          if (!isWriteConflict(err)) lockTimedOut(err);
          throw new StoreUnavailableError(
            `another writer stored events of the same streams while this import of more than ${importMemoryEvents} events ran: nothing was written; run the import again (events already stored are skipped)`,
            { cause: err },
          );
        }
      }
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
