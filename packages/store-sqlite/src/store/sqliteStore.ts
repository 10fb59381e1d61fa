import {
  createChainVerifier,
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
import { assertStreamId, checkCondition, defaultNewId, followLog, importBatchesOf } from '@banshi/core/adapter';
import { sha256HexNode } from '@banshi/core/node';
import Database from 'better-sqlite3';
import { mapSqliteError } from '../_lib/mapSqliteError.js';
import { StoreCorruptError } from '../errors/index.js';
import { checkSchema, migrate } from '../schema/index.js';
import { SCHEMA_VERSION } from '../schema/migrations.js';
import { constraintError, createAppendTx, isStoredIdError } from './append.js';
import { assertOpen, headPositionOf, idle, type StoreContext, type StoreState } from './context.js';
import { createImporter } from './importer.js';
import { createReads } from './reads.js';
import { decodeRow, prepareStatements, type Row } from './statements.js';
import { registerVerifiedImport } from './verifiedImport.js';
import { createWorkerImport, WORKER_FROM } from './importInWorker.js';
import { workerModule } from '../_lib/workerModule.js';
import { availableParallelism } from 'node:os';

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
  /**
   * `importEvents` of a large source (16,384 events or more) into a file runs the hash chain and
   * the inserts on a worker thread with its own connection, while the calling thread checks and
   * canonicalizes the events (default: when the store has the default hasher and the machine two
   * cores or more; the verdicts and errors are the same). `false` keeps every import on the calling thread.
   */
  readonly importWorker?: boolean;
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
  const policy = options.unknownEvents ?? 'error';
  const state: StoreState = { closed: false, importing: undefined };
  const decode = (r: Row): StoredEvent => decodeRow(r, path);
  const out = (e: StoredEvent): StoredEvent => (registry ? registry.upcast(e, policy) : e);
  const ctx: StoreContext = {
    db,
    q: prepareStatements(db),
    path,
    registry,
    hasher: options.hasher ?? sha256HexNode,
    now: options.now ?? (() => new Date()),
    node: options.node ?? 'center',
    // Time-ordered ids keep the id index append-mostly (see sortableId); any other factory may be given.
    newId: options.newId ?? defaultNewId,
    policy,
    decode,
    decodeOut: registry ? (r: Row): StoredEvent => registry.upcast(decode(r), policy) : decode,
    out,
    state,
  };
  const { q } = ctx;
  const appendTx = createAppendTx(ctx);
  const { batches, rawEvents, waitForAppend, wake } = createReads(ctx, sqliteDefaults.batchSize, fail);
  const writable = (): void => {
    if (readOnly) throw new StoreUnavailableError(`the SQLite store ${path} was opened read-only: open it without { readOnly: true } to write`);
  };
  const busy = (): boolean => state.importing !== undefined || state.closed;

  /** Runs `work` with other work on this connection waiting for it (an import across awaits). */
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    let release = (): void => undefined;
    state.importing = new Promise<void>((r) => (release = r));
    try {
      return await work();
    } finally {
      state.importing = undefined;
      release();
    }
  };
  /** One import transaction held open across awaits while `feed` gives the importer its events. */
  const importTransaction = async (feed: (importer: ReturnType<typeof createImporter>) => Promise<void> | void): Promise<ImportResult> => {
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      return fail(err);
    }
    try {
      const importer = createImporter(ctx);
      await feed(importer);
      assertOpen(ctx);
      const result = importer.finish();
      db.exec('COMMIT');
      if (result.imported) wake();
      return result;
    } catch (err) {
      if (!state.closed && db.inTransaction) db.exec('ROLLBACK');
      return fail(err);
    }
  };
  const streamingImport = (feed: (importer: ReturnType<typeof createImporter>) => Promise<void>): Promise<ImportResult> => exclusive(() => importTransaction(feed));
  // A worker has its own connection: only to a file, and only where a second core can run it.
  const eventsWorker =
    !readOnly && options.hasher === undefined && options.importWorker !== false && path !== ':memory:' && !path.startsWith('file:') && availableParallelism() >= 2
      ? workerModule('store/importEventsWorker.js')
      : undefined;
  /** `importEvents` with a worker (see importInWorker.ts); a source of fewer than WORKER_FROM events stays on this thread. */
  const workerImport = (module: NonNullable<typeof eventsWorker>, source: AsyncIterable<RecordedEvent> | readonly RecordedEvent[]): Promise<ImportResult> =>
    exclusive(async () => {
      const run = createWorkerImport({
        module,
        input: { path, busyTimeoutMs, synchronous: SYNC_PRAGMA[pragmas.synchronous], cacheSizeKiB: sqliteDefaults.cacheSizeKiB, walSizeLimitBytes: sqliteDefaults.walSizeLimitBytes },
        registry,
        policy,
        assertOpen: () => assertOpen(ctx),
        inThread: (feed) => importTransaction((importer) => feed(importer.addVerified)),
      });
      let result: ImportResult;
      try {
        try {
          // A promise only when a batch waits for the worker: no await per event.
          const take = async (events: Iterable<RecordedEvent>): Promise<void> => {
            for (const e of events) {
              const wait = run.add(e);
              if (wait) await wait;
            }
          };
          if (Array.isArray(source)) await take(source);
          else {
            const batched = importBatchesOf(source);
            if (batched) {
              for await (const batch of batched) await take(batch);
            } else
              for await (const e of source) {
                const wait = run.add(e);
                if (wait) await wait;
              }
          }
        } catch (err) {
          return await run.abort(err);
        }
        result = await run.end();
      } catch (err) {
        return fail(err);
      }
      if (result.imported) wake();
      return result;
    });

  const store: SqliteEventStore = {
    kind: 'sqlite',
    path,
    pragmas,
    registry,
    appendConditions: true,
    async append(stream: string, events: readonly NewEvent[], opts: AppendOptions = {}): Promise<AppendResult> {
      writable();
      if (busy()) await idle(ctx);
      assertStreamId(stream);
      if (!Array.isArray(events)) throw new ValidationError('append takes an array of events');
      const condition = checkCondition(opts);
      let result: AppendResult;
      try {
        try {
          // Ids are not looked up before the insert (one index read per event saved); a stored one rolls back and runs again with the look-up.
          result = appendTx.immediate(stream, events, opts.expectedVersion, true, condition);
        } catch (err) {
          if (!isStoredIdError(err)) throw err;
          result = appendTx.immediate(stream, events, opts.expectedVersion, false, condition);
        }
      } catch (err) {
        const ids = events.flatMap((e) => (typeof e?.id === 'string' ? [e.id] : []));
        return fail(constraintError(ctx, err, stream, opts.expectedVersion, ids));
      }
      if (result.events.length && !result.duplicate) wake();
      return result;
    },
    async readStream(stream: string, opts: ReadStreamOptions = {}): Promise<readonly StoredEvent[]> {
      if (busy()) await idle(ctx);
      assertStreamId(stream);
      const from = Math.max(1, opts.fromVersion ?? 1);
      const to = opts.toVersion ?? Number.MAX_SAFE_INTEGER;
      try {
        return (q.streamRange.all(stream, from, to, -1) as Row[]).map(opts.upcast === false ? decode : ctx.decodeOut);
      } catch (err) {
        return fail(err);
      }
    },
    async streamVersion(stream: string): Promise<number> {
      if (busy()) await idle(ctx);
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
      if (busy()) await idle(ctx);
      try {
        return headPositionOf(ctx);
      } catch (err) {
        return fail(err);
      }
    },
    subscribe(opts: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
      return followLog({ readAllBatches: batches, waitForAppend }, { pollIntervalMs: defaultPoll, ...opts });
    },
    async integrityCheck(opts: { readonly full?: boolean } = {}): Promise<readonly string[]> {
      if (busy()) await idle(ctx);
      try {
        const rows = db.pragma(opts.full ? 'integrity_check' : 'quick_check', { simple: false }) as Record<string, string>[];
        const problems = rows.map((r) => String(Object.values(r)[0]));
        return problems.length === 1 && problems[0] === 'ok' ? [] : problems;
      } catch (err) {
        return [(mapSqliteError(err, path, busyTimeoutMs) as Error).message];
      }
    },
    async verify(opts: { readonly stream?: string } = {}): Promise<VerifyReport> {
      if (busy()) await idle(ctx);
      if (opts.stream !== undefined) assertStreamId(opts.stream);
      const v = createChainVerifier(ctx.hasher);
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
      if (busy()) await idle(ctx);
      if (eventsWorker && (isAsyncIterable(source) || (Array.isArray(source) && source.length >= WORKER_FROM))) return workerImport(eventsWorker, source as AsyncIterable<RecordedEvent> | readonly RecordedEvent[]);
      if (!isAsyncIterable(source)) {
        let result: ImportResult;
        try {
          result = db
            .transaction(() => {
              const importer = createImporter(ctx);
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
      return streamingImport(async (importer) => {
        const batched = importBatchesOf(source);
        if (batched) {
          for await (const batch of batched) for (const e of batch) importer.add(e);
        } else for await (const e of source) importer.add(e);
      });
    },
    checkpoints: {
      async load(name: string): Promise<Checkpoint | undefined> {
        if (busy()) await idle(ctx);
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
        if (busy()) await idle(ctx);
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
      if (state.closed) return;
      state.closed = true;
      wake();
      db.close();
    },
  };
  // A worker can check what this store's importer would (no payload schemas, the default SHA-256).
  if (!readOnly && !registry && options.hasher === undefined) {
    registerVerifiedImport(store, async (feed) => {
      writable();
      if (busy()) await idle(ctx);
      return streamingImport((importer) => feed(importer.addVerified));
    });
  }
  return store;
}
