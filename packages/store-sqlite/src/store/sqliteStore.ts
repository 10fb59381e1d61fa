import {
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
  type ExpectedVersion,
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
import { assertStreamId, checkExpectedVersion, checkImported, classifyIds, followLog, givenIds, prepareAppend, sleep } from '@banshi/core/adapter';
import Database from 'better-sqlite3';
import { mapSqliteError } from '../_lib/mapSqliteError.js';
import { sha256HexNode } from '@banshi/core/node';
import { sortableId } from '../_lib/sortableId.js';
import { StoreCorruptError } from '../errors/index.js';
import { checkSchema, migrate } from '../schema/index.js';
import { SCHEMA_VERSION } from '../schema/migrations.js';

/**
 * The `PRAGMA synchronous` levels a store may run at.
 *
 * @example
 * synchronousModes.includes('full'); // true
 */
export const synchronousModes = ['full', 'normal'] as const;
/**
 * `full`: an acknowledged append survives power loss (the WAL is fsynced at every commit).
 * `normal`: survives a process crash, may lose the last commits on power loss; faster.
 *
 * @example
 * const mode: SynchronousMode = 'normal'; // an explicit opt-in
 */
export type SynchronousMode = (typeof synchronousModes)[number];

/**
 * Defaults of {@link SqliteStoreOptions}.
 *
 * @example
 * sqliteDefaults.busyTimeoutMs; // 5000
 */
export const sqliteDefaults = {
  synchronous: 'full',
  busyTimeoutMs: 5000,
  pollIntervalMs: 250,
  /** Page cache per connection (KiB); large imports touch the id index at random. */
  cacheSizeKiB: 32768,
  /** The WAL file is truncated to this size after a checkpoint (bytes). */
  walSizeLimitBytes: 64 * 1024 * 1024,
  batchSize: 1000,
} as const;

/**
 * Options of {@link createSqliteStore} beyond the common `StoreOptions`.
 *
 * @example
 * const options: SqliteStoreOptions = { synchronous: 'full', busyTimeoutMs: 10_000 };
 */
export interface SqliteStoreOptions {
  /** Durability of a commit; default `'full'` (survives power loss). */
  readonly synchronous?: SynchronousMode;
  /** How long a writer waits for another connection's write lock before `StoreBusyError` (ms, default 5000). The wait blocks the thread. */
  readonly busyTimeoutMs?: number;
  /** Default poll interval of `subscribe` for appends made by other connections (ms, default 250). */
  readonly pollIntervalMs?: number;
  /**
   * Opens an existing store for reading only (verify, replay, export): nothing is created,
   * migrated or written, and it works in a read-only directory. Appends and imports throw
   * `StoreUnavailableError`. A missing or empty file is `StoreCorruptError`, never a new store.
   */
  readonly readOnly?: boolean;
}

/**
 * The settings a store actually runs with, read back from SQLite.
 *
 * @example
 * createSqliteStore('center.db').pragmas; // { journalMode: 'wal', synchronous: 'full', busyTimeoutMs: 5000 }
 */
export interface SqlitePragmas {
  /** `wal` for a file, `memory` for `:memory:`. */
  readonly journalMode: string;
  readonly synchronous: SynchronousMode;
  readonly busyTimeoutMs: number;
}

/** Opens a file read-only; a WAL file in a directory we cannot write is opened immutable. */
function openReadOnly(path: string, timeout: number): Database.Database {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true, timeout });
    db.pragma('schema_version'); // touches the file: a WAL database without a writable -shm fails here
    return db;
  } catch (err) {
    if ((err as { code?: string }).code !== 'SQLITE_CANTOPEN' && !/readonly|read-only|unable to open/i.test(String((err as Error).message))) throw err;
    const uri = 'file:' + encodeURI(path).replace(/\?/g, '%3F').replace(/#/g, '%23') + '?immutable=1';
    return new Database(uri, { readonly: true, fileMustExist: true, timeout });
  }
}

/**
 * An `EventStore` on a SQLite file, plus where it lives and how it is configured.
 *
 * @example
 * const store: SqliteEventStore = createSqliteStore('center.db');
 * store.path; // 'center.db'
 */
export interface SqliteEventStore extends EventStore {
  readonly kind: 'sqlite';
  /**
   * SQLite's own check of the file's pages and indexes (`PRAGMA quick_check`, or
   * `integrity_check` with `full`): the problems found, none when the file is sound. The hash
   * chains cannot see a damaged index; this can.
   */
  integrityCheck(options?: { readonly full?: boolean }): Promise<readonly string[]>;
  readonly path: string;
  readonly pragmas: SqlitePragmas;
}

/** A row of `events` as `.raw()` returns it. */
type Row = [position: number, id: string, stream: string, version: number, type: string, schema: number, data: string, meta: string, hash: string];

const COLUMNS = 'position, id, stream, version, type, schema, data, meta, hash';
const INSERT_COLUMNS = 'id, stream, version, type, schema, data, meta, hash';
/** Rows per multi-row INSERT: fewer statement calls, well below SQLite's 32,766 parameters. */
const ROWS_PER_INSERT = 64;
const SYNC_PRAGMA = { full: 2, normal: 1 } as const satisfies Record<SynchronousMode, number>;

const isAsyncIterable = (x: unknown): x is AsyncIterable<unknown> => typeof x === 'object' && x !== null && Symbol.asyncIterator in x;

/**
 * Opens (creating and migrating if needed) a durable event store in a SQLite file — WAL,
 * `synchronous=FULL` by default — or in memory with `':memory:'`. Several processes may open
 * the same file: one writes at a time (others wait `busyTimeoutMs`, then `StoreBusyError`),
 * readers never block. Throws `StoreCorruptError` for a damaged or foreign file and
 * `SchemaTooNewError` for a file from a newer version, leaving the file unchanged.
 *
 * @example
 * const store = createSqliteStore('/var/lib/banshi/center.db', { registry });
 * await store.append('case-TZ-2013-000123', [{ type: 'CaseReceived', data: { itemCode: 'XK-001' } }], { expectedVersion: 'no-stream' });
 * for await (const e of store.readAll()) console.log(e.position, e.type);
 * await store.close();
 */
export function createSqliteStore(path: string, options: SqliteStoreOptions & StoreOptions = {}): SqliteEventStore {
  if (typeof path !== 'string' || path.length === 0) throw new ValidationError(`SQLite store path ${JSON.stringify(path)} is invalid: give a file path or ':memory:'`);
  const synchronous = options.synchronous ?? sqliteDefaults.synchronous;
  if (!synchronousModes.includes(synchronous)) throw new ValidationError(`synchronous ${JSON.stringify(synchronous)} is invalid: use one of ${synchronousModes.join(', ')}`);
  const busyTimeoutMs = options.busyTimeoutMs ?? sqliteDefaults.busyTimeoutMs;
  if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) throw new ValidationError(`busyTimeoutMs ${String(busyTimeoutMs)} is invalid: use a whole number of milliseconds ≥ 0`);
  const defaultPoll = options.pollIntervalMs ?? sqliteDefaults.pollIntervalMs;

  const fail = (err: unknown): never => {
    throw mapSqliteError(err, path, busyTimeoutMs);
  };

  const readOnly = options.readOnly === true;
  let db: Database.Database;
  try {
    db = readOnly ? openReadOnly(path, busyTimeoutMs) : new Database(path, { timeout: busyTimeoutMs });
  } catch (err) {
    return fail(err);
  }
  let pragmas: SqlitePragmas;
  if (readOnly) {
    try {
      const { version } = checkSchema(db, path);
      if (version === 0) throw new StoreCorruptError(path, 'it is empty, not a banshi store (nothing was created)');
      if (version !== SCHEMA_VERSION) throw new StoreCorruptError(path, `its schema is version ${version}; open it once for writing to migrate it to ${SCHEMA_VERSION}`);
      pragmas = { journalMode: String(db.pragma('journal_mode', { simple: true })), synchronous: 'full', busyTimeoutMs };
    } catch (err) {
      db.close();
      return fail(err);
    }
  } else {
    try {
    // Read the header before changing anything: a newer or foreign file must stay untouched.
    checkSchema(db, path);
    const journalMode = String(db.pragma('journal_mode = WAL', { simple: true }));
    db.pragma(`synchronous = ${SYNC_PRAGMA[synchronous]}`);
    db.pragma(`cache_size = -${sqliteDefaults.cacheSizeKiB}`);
    // A big import grows the WAL to its own size; give the space back after the checkpoint.
    db.pragma(`journal_size_limit = ${sqliteDefaults.walSizeLimitBytes}`);
    migrate(db, path);
    const level = Number(db.pragma('synchronous', { simple: true }));
    pragmas = { journalMode, synchronous: level === SYNC_PRAGMA.full ? 'full' : 'normal', busyTimeoutMs };
    } catch (err) {
      db.close();
      return fail(err);
    }
  }

  const { registry } = options;
  const hasher = options.hasher ?? sha256HexNode;
  const now = options.now ?? (() => new Date());
  const node = options.node ?? 'center';
  // Time-ordered ids keep the id index append-mostly (see sortableId); any other factory may be given.
  const newId = options.newId ?? sortableId;
  const policy = options.unknownEvents ?? 'error';
  let closed = false;
  /** Set while an import's transaction is open across awaits: other work on this connection waits for it. */
  let importing: Promise<void> | undefined;
  const waiters = new Set<() => void>();

  const q = {
    streamOfId: db.prepare<[string], string>('SELECT stream FROM events WHERE id = ?').pluck(),
    hashOfId: db.prepare<[string], string>('SELECT hash FROM events WHERE id = ?').pluck(),
    byId: db.prepare(`SELECT ${COLUMNS} FROM events WHERE id = ?`).raw(),
    head: db.prepare<[string], [number, string]>('SELECT version, hash FROM streams WHERE stream = ?').raw(),
    streamVersion: db.prepare<[string], number>('SELECT version FROM streams WHERE stream = ?').pluck(),
    maxVersion: db.prepare<[string], number | null>('SELECT max(version) FROM events WHERE stream = ?').pluck(),
    headPosition: db.prepare<[], number | null>('SELECT max(position) FROM events').pluck(),
    insertOne: db.prepare(`INSERT INTO events (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    insertMany: db.prepare(`INSERT INTO events (${INSERT_COLUMNS}) VALUES ${Array.from({ length: ROWS_PER_INSERT }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`),
    upsertHead: db.prepare('INSERT INTO streams (stream, version, hash) VALUES (?, ?, ?) ON CONFLICT (stream) DO UPDATE SET version = excluded.version, hash = excluded.hash'),
    page: db.prepare(`SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`).raw(),
    pageTyped: db.prepare(`SELECT ${COLUMNS} FROM events WHERE position >= ? AND type IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT ?`).raw(),
    streamRange: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND version >= ? AND version <= ? ORDER BY version LIMIT ?`).raw(),
    loadCheckpoint: db.prepare<[string], [number, string | null]>('SELECT position, state FROM checkpoints WHERE name = ?').raw(),
    saveCheckpoint: db.prepare('INSERT INTO checkpoints (name, position, state) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state'),
  };

  const alive = (): void => {
    if (closed) throw new StoreUnavailableError(`the SQLite store ${path} is closed: open it again with createSqliteStore()`);
  };
  const writable = (): void => {
    if (readOnly) throw new StoreUnavailableError(`the SQLite store ${path} was opened read-only: open it without { readOnly: true } to write`);
  };
  const idle = async (): Promise<void> => {
    while (importing) await importing;
    alive();
  };
  const wake = (): void => {
    for (const w of waiters) w();
    waiters.clear();
  };
  const headPosition = (): number => q.headPosition.get() ?? 0;

  const decode = (r: Row): StoredEvent => {
    let data: unknown;
    let meta: StoredEvent['meta'];
    try {
      data = JSON.parse(r[6]);
      meta = JSON.parse(r[7]) as StoredEvent['meta'];
    } catch (err) {
      throw new StoreCorruptError(path, `the event at position ${r[0]} (${r[2]}@${r[3]}) holds text that is not JSON`, { cause: err });
    }
    return { id: r[1], stream: r[2], version: r[3], type: r[4], schema: r[5], data, meta, hash: r[8], position: r[0] };
  };
  const out = (e: StoredEvent): StoredEvent => (registry ? registry.upcast(e, policy) : e);
  const decodeOut = registry ? (r: Row): StoredEvent => registry.upcast(decode(r), policy) : decode;

  /** Inserts recorded rows of one stream; returns the position of the first. */
  const insertRows = (rows: readonly RecordedEvent[]): number => {
    let first = 0;
    let i = 0;
    const params: unknown[] = [];
    for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
      params.length = 0;
      for (let k = i; k < i + ROWS_PER_INSERT; k++) pushRow(params, rows[k] as RecordedEvent);
      const last = Number(q.insertMany.run(...params).lastInsertRowid);
      if (i === 0) first = last - ROWS_PER_INSERT + 1;
    }
    for (; i < rows.length; i++) {
      const r = rows[i] as RecordedEvent;
      const pos = Number(q.insertOne.run(r.id, r.stream, r.version, r.type, r.schema, JSON.stringify(r.data), JSON.stringify(r.meta), r.hash).lastInsertRowid);
      if (i === 0) first = pos;
    }
    return first;
  };

  /** Turns a UNIQUE violation on `events` into the banshi error it means (the last line of defence against racing processes). */
  const constraintError = (err: unknown, stream: string, expected: ExpectedVersion | undefined, ids: readonly string[]): unknown => {
    if (!(err instanceof Database.SqliteError) || !err.code.startsWith('SQLITE_CONSTRAINT')) return err;
    if (/events\.stream, events\.version/.test(err.message)) return new ConcurrencyError(stream, expected ?? 'any', q.maxVersion.get(stream) ?? 0);
    if (/events\.id/.test(err.message)) {
      const taken = ids.find((id) => (q.streamOfId.get(id) ?? stream) !== stream) ?? ids[0] ?? '?';
      return new DuplicateEventIdError(taken, 'already stored');
    }
    return err;
  };

  const appendTx = db.transaction((stream: string, events: readonly NewEvent[], expected: ExpectedVersion | undefined): AppendResult => {
    const ids = givenIds(events);
    if (ids.length > 0) {
      const streamOf = (id: string) => q.streamOfId.get(id);
      if (classifyIds(stream, ids, streamOf) === 'duplicate') {
        if (ids.length !== events.length) {
          throw new DuplicateEventIdError(ids[0] as string, 'the batch mixes stored events with events that have no id');
        }
        const stored = ids.map((id) => decodeOut(q.byId.get(id) as Row));
        return { stream, events: stored, nextExpectedVersion: q.streamVersion.get(stream) ?? 0, lastPosition: (stored.at(-1) as StoredEvent).position, duplicate: true };
      }
    }
    const head = q.head.get(stream);
    const current = head?.[0] ?? 0;
    checkExpectedVersion(stream, expected, current);
    const recorded = prepareAppend(events, { stream, currentVersion: current, lastHash: head?.[1] ?? GENESIS_HASH, registry, hasher, now, node, newId });
    if (recorded.length === 0) return { stream, events: [], nextExpectedVersion: current, lastPosition: headPosition(), duplicate: false };
    const first = insertRows(recorded);
    const last = recorded.at(-1) as RecordedEvent;
    q.upsertHead.run(stream, last.version, last.hash);
    const stored = recorded.map((r, i) => out({ ...r, position: first + i }));
    return { stream, events: stored, nextExpectedVersion: last.version, lastPosition: first + recorded.length - 1, duplicate: false };
  });

  /** Checks and writes imported events inside an open transaction, in batches of multi-row inserts. */
  const createImporter = () => {
    const heads = new Map<string, { version: number; hash: string; dirty: boolean }>();
    const pending: RecordedEvent[] = [];
    const pendingHashes = new Map<string, string>();
    let imported = 0;
    let skipped = 0;
    const flush = () => {
      if (pending.length === 0) return;
      try {
        insertRows(pending);
      } catch (err) {
        if (err instanceof Database.SqliteError && /events\.id/.test(err.message)) {
          // Rows of this batch before the culprit are already in; the culprit's id holds other content.
          const taken = pending.find((e) => (q.hashOfId.get(e.id) ?? e.hash) !== e.hash)?.id ?? pending[0]?.id ?? '?';
          throw new DuplicateEventIdError(taken, 'already stored with different content');
        }
        throw err;
      }
      pending.length = 0;
      pendingHashes.clear();
    };
    const headOf = (stream: string) => {
      let h = heads.get(stream);
      if (!h) {
        const row = q.head.get(stream);
        if (!row) return undefined;
        h = { version: row[0], hash: row[1], dirty: false };
        heads.set(stream, h);
      }
      return h;
    };
    return {
      add(e: RecordedEvent): void {
        if (closed) alive();
        const head = typeof e === 'object' && e !== null && typeof e.stream === 'string' ? headOf(e.stream) : undefined;
        if (head && typeof e.version === 'number' && e.version <= head.version && typeof e.id === 'string') {
          // Only an event at or below the stream head can already be stored.
          const storedHash = pendingHashes.get(e.id) ?? q.hashOfId.get(e.id);
          if (storedHash !== undefined) {
            if (storedHash !== e.hash) throw new DuplicateEventIdError(e.id, 'already stored with different content');
            skipped++;
            return;
          }
        }
        const next = checkImported(e, head, { registry, hasher, unknownEvents: policy });
        if (head) {
          head.version = next.version;
          head.hash = next.hash;
          head.dirty = true;
        } else heads.set(e.stream, { ...next, dirty: true });
        pending.push(e);
        pendingHashes.set(e.id, e.hash);
        imported++;
        if (pending.length >= ROWS_PER_INSERT * 16) flush();
      },
      finish(): ImportResult {
        flush();
        for (const [stream, h] of heads) if (h.dirty) q.upsertHead.run(stream, h.version, h.hash);
        return { imported, skipped, lastPosition: headPosition() };
      },
    };
  };

  async function* batches(opts: ReadAllOptions = {}): AsyncGenerator<readonly StoredEvent[]> {
    const size = Math.max(1, Math.floor(opts.batchSize ?? sqliteDefaults.batchSize));
    let from = Math.max(1, Math.floor(opts.fromPosition ?? 1));
    if (!Number.isFinite(size) || !Number.isFinite(from)) throw new ValidationError('readAll options are invalid: fromPosition and batchSize must be numbers');
    const types = opts.types ? JSON.stringify(opts.types) : undefined;
    // `upcast: false`: events exactly as stored, so exports and replication keep bytes that match their hashes.
    const view = opts.upcast === false ? decode : decodeOut;
    for (;;) {
      if (importing || closed) await idle();
      let batch: StoredEvent[];
      try {
        const rows = (types === undefined ? q.page.all(from, size) : q.pageTyped.all(from, types, size)) as Row[];
        if (rows.length === 0) return;
        batch = new Array<StoredEvent>(rows.length);
        for (let i = 0; i < rows.length; i++) batch[i] = view(rows[i] as Row);
      } catch (err) {
        return fail(err);
      }
      from = (batch.at(-1) as StoredEvent).position + 1;
      yield batch;
      if (batch.length < size) return;
    }
  }

  /** Raw (not upcast) events in log order, or one stream's in version order: what the hash chain covers. */
  function* rawEvents(stream: string | undefined): Generator<StoredEvent> {
    const size = sqliteDefaults.batchSize;
    let from = 1;
    for (;;) {
      const rows = (stream === undefined ? q.page.all(from, size) : q.streamRange.all(stream, from, Number.MAX_SAFE_INTEGER, size)) as Row[];
      for (const r of rows) yield decode(r);
      if (rows.length < size) return;
      const last = rows.at(-1) as Row;
      from = (stream === undefined ? last[0] : last[3]) + 1;
    }
  }

  const store: SqliteEventStore = {
    kind: 'sqlite',
    path,
    pragmas,
    registry,
    async append(stream: string, events: readonly NewEvent[], opts: AppendOptions = {}): Promise<AppendResult> {
      writable();
      if (importing || closed) await idle();
      assertStreamId(stream);
      if (!Array.isArray(events)) throw new ValidationError('append takes an array of events');
      let result: AppendResult;
      try {
        result = appendTx.immediate(stream, events, opts.expectedVersion);
      } catch (err) {
        const ids = events.flatMap((e) => (typeof e?.id === 'string' ? [e.id] : []));
        return fail(constraintError(err, stream, opts.expectedVersion, ids));
      }
      if (result.events.length && !result.duplicate) wake();
      return result;
    },
    async readStream(stream: string, opts: ReadStreamOptions = {}): Promise<readonly StoredEvent[]> {
      if (importing || closed) await idle();
      assertStreamId(stream);
      const from = Math.max(1, opts.fromVersion ?? 1);
      const to = opts.toVersion ?? Number.MAX_SAFE_INTEGER;
      try {
        return (q.streamRange.all(stream, from, to, -1) as Row[]).map(opts.upcast === false ? decode : decodeOut);
      } catch (err) {
        return fail(err);
      }
    },
    async streamVersion(stream: string): Promise<number> {
      if (importing || closed) await idle();
      try {
        return q.streamVersion.get(stream) ?? 0;
      } catch (err) {
        return fail(err);
      }
    },
    async *readAll(opts: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
      for await (const b of batches(opts)) yield* b;
    },
    readAllBatches: batches,
    async headPosition(): Promise<number> {
      if (importing || closed) await idle();
      try {
        return headPosition();
      } catch (err) {
        return fail(err);
      }
    },
    subscribe(opts: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
      return followLog(
        {
          readAllBatches: batches,
          waitForAppend: (position, timeoutMs, signal) => {
            if (closed || headPosition() > position) return Promise.resolve();
            return new Promise<void>((resolve) => {
              waiters.add(resolve);
              void sleep(timeoutMs, signal).then(() => {
                waiters.delete(resolve);
                resolve();
              });
            });
          },
        },
        { pollIntervalMs: defaultPoll, ...opts },
      );
    },
    async integrityCheck(opts: { readonly full?: boolean } = {}): Promise<readonly string[]> {
      if (importing || closed) await idle();
      try {
        const rows = db.pragma(opts.full ? 'integrity_check' : 'quick_check', { simple: false }) as Record<string, string>[];
        const problems = rows.map((r) => String(Object.values(r)[0]));
        return problems.length === 1 && problems[0] === 'ok' ? [] : problems;
      } catch (err) {
        return [(mapSqliteError(err, path, busyTimeoutMs) as Error).message];
      }
    },
    async verify(opts: { readonly stream?: string } = {}): Promise<VerifyReport> {
      if (importing || closed) await idle();
      if (opts.stream !== undefined) assertStreamId(opts.stream);
      const v = createChainVerifier(hasher);
      try {
        for (const e of rawEvents(opts.stream)) {
          const b = v.check(e);
          if (b) return { ok: false, events: v.events, streams: v.streams, break: b };
        }
      } catch (err) {
        return fail(err);
      }
      return { ok: true, events: v.events, streams: v.streams };
    },
    async importEvents(source: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>): Promise<ImportResult> {
      writable();
      if (importing || closed) await idle();
      if (!isAsyncIterable(source)) {
        let result: ImportResult;
        try {
          result = db
            .transaction(() => {
              const importer = createImporter();
              for (const e of source) importer.add(e);
              return importer.finish();
            })
            .immediate();
        } catch (err) {
          return fail(err);
        }
        if (result.imported) wake();
        return result;
      }
      let release = (): void => undefined;
      importing = new Promise<void>((r) => (release = r));
      try {
        try {
          db.exec('BEGIN IMMEDIATE');
        } catch (err) {
          return fail(err);
        }
        try {
          const importer = createImporter();
          for await (const e of source) importer.add(e);
          alive();
          const result = importer.finish();
          db.exec('COMMIT');
          if (result.imported) wake();
          return result;
        } catch (err) {
          if (!closed && db.inTransaction) db.exec('ROLLBACK');
          return fail(err);
        }
      } finally {
        importing = undefined;
        release();
      }
    },
    checkpoints: {
      async load(name: string): Promise<Checkpoint | undefined> {
        if (importing || closed) await idle();
        if (typeof name !== 'string' || name.length === 0) throw new ValidationError('a checkpoint name must be a non-empty string');
        let row: [number, string | null] | undefined;
        try {
          row = q.loadCheckpoint.get(name);
        } catch (err) {
          return fail(err);
        }
        if (!row) return undefined;
        if (row[1] === null) return { position: row[0] };
        try {
          return { position: row[0], state: JSON.parse(row[1]) as unknown };
        } catch (err) {
          throw new StoreCorruptError(path, `the state of checkpoint ${name} is not JSON`, { cause: err });
        }
      },
      async save(name: string, checkpoint: Checkpoint): Promise<void> {
        writable();
        if (importing || closed) await idle();
        if (typeof name !== 'string' || name.length === 0) throw new ValidationError('a checkpoint name must be a non-empty string');
        if (!checkpoint || !Number.isInteger(checkpoint.position) || checkpoint.position < 0) {
          throw new ValidationError(`checkpoint ${name} needs a position that is a whole number ≥ 0`);
        }
        let state: string | null = null;
        if (checkpoint.state !== undefined) {
          try {
            state = JSON.stringify(checkpoint.state) ?? null;
          } catch (err) {
            throw new ValidationError(`the state of checkpoint ${name} is not JSON-serializable (${(err as Error).message}): give the projection a snapshot() that returns plain data`);
          }
        }
        try {
          q.saveCheckpoint.run(name, checkpoint.position, state);
        } catch (err) {
          fail(err);
        }
      },
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      wake();
      db.close();
    },
  };
  return store;
}

function pushRow(params: unknown[], r: RecordedEvent): void {
  params.push(r.id, r.stream, r.version, r.type, r.schema, JSON.stringify(r.data), JSON.stringify(r.meta), r.hash);
}
