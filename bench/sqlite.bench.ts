/**
 * SQLite store benchmarks (issue 6, design §6). Every figure has its baseline measured in the
 * same run on the same disk (the OS temp directory):
 * - durable single appends vs a raw write+fsync loop and vs a bare better-sqlite3 insert loop;
 * - batched appends and the 1,000,000-event JSONL → SQLite import vs bare batched inserts;
 * - readAll into a projection vs a bare better-sqlite3 iterate + JSON.parse loop;
 * - Emmett's SQLite event store doing the same single appends, when `BANSHI_EMMETT_PATH`
 *   points at a folder where `@event-driven-io/emmett-sqlite` and `sqlite3` are installed.
 */
import { closeSync, createReadStream, createWriteStream, existsSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { canonicalJson, eventHash, GENESIS_HASH, readJsonl, runProjection, toRecorded, type NewEvent, type Projection, type RecordedEvent, type StoredEvent } from '@banshi/core';
import { sortableId } from '@banshi/core/adapter';
import { sha256HexNode } from '@banshi/core/node';
import { createSqliteStore, importJsonlFile } from '@banshi/store-sqlite';
import { alternate, roundsFigure, type Benchmark, type Figure } from './harness.js';

/** The part of better-sqlite3 the baselines use (loaded from the store package's dependencies). */
interface RawStatement {
  run(...params: unknown[]): unknown;
  raw(on?: boolean): RawStatement;
  iterate(...params: unknown[]): IterableIterator<unknown[]>;
}
interface RawDb {
  prepare(sql: string): RawStatement;
  exec(sql: string): void;
  pragma(sql: string): unknown;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): void;
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RawDatabase = createRequire(join(root, 'packages', 'store-sqlite', 'package.json'))('better-sqlite3') as new (path: string) => RawDb;

const SCHEMA = `CREATE TABLE events (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL,
  schema INTEGER NOT NULL, data TEXT NOT NULL, meta TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream, version))`;
const INSERT = 'INSERT INTO events (id, stream, version, type, schema, data, meta, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';

const DURABLE_MS = 3000;
const DURABLE_ROUNDS = 30;
const READ_PASSES = 2;
/** 1M by default; BENCH_SQLITE_IMPORT_EVENTS sets a smaller log for a quick check of the bench itself. */
const IMPORT_EVENTS = Number(process.env.BENCH_SQLITE_IMPORT_EVENTS ?? 1_000_000);
const IMPORT_LABEL = IMPORT_EVENTS === 1_000_000 ? '1M' : `${IMPORT_EVENTS}`;
/** Rounds of the four imports (banshi twice, bare twice), alternated; BENCH_SQLITE_IMPORT_ROUNDS overrides. */
const IMPORT_ROUNDS = Number(process.env.BENCH_SQLITE_IMPORT_ROUNDS ?? 3);
const STREAMS = 50_000;
/**
 * Every contender reads the log in the chunks `importJsonlFile` uses (64 KiB): smaller chunks
 * keep fewer parsed events alive for the garbage collector to copy, and that speeds the bare
 * import as much as banshi's (both went from 1 MiB to 64 KiB together).
 */
const READ_CHUNK = 1 << 16;
const types = ['CaseReceived', 'CaseAccepted', 'MaterialsRequested', 'CaseDecided', 'CertificateIssued'] as const;

function rawDb(path: string, synchronous: 'FULL' | 'NORMAL'): RawDb {
  const db = new RawDatabase(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(SCHEMA);
  return db;
}

/** A service-hall event of realistic size (≈ 400 bytes as a JSONL line). */
function newEvent(i: number): NewEvent {
  return {
    type: types[i % types.length] as string,
    data: { itemCode: `XK-${String(i % 897).padStart(4, '0')}`, applicant: '台州市某某建设工程有限公司', note: '材料齐全，予以受理' },
    meta: { channel: i % 2 ? 'window' : 'online', actor: { id: `clerk-${i % 40}`, role: 'clerk' }, occurredAt: new Date(Date.UTC(2013, 0, 1) + i * 60_000).toISOString() },
  };
}

function forCount(ms: number, step: () => void): void {
  const until = performance.now() + ms;
  while (performance.now() < until) step();
}

async function forMsAsync(ms: number, step: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  let i = 0;
  while (performance.now() - start < ms) await step(i++);
  return i / ((performance.now() - start) / 1000);
}

async function durableAppends(dir: string): Promise<Figure[]> {
  const file = openSync(join(dir, 'fsync.bin'), 'w');
  const record = Buffer.alloc(512, 1);
  let fsyncs = 0;
  const bare = rawDb(join(dir, 'bare-full.db'), 'FULL');
  const ins = bare.prepare(INSERT);
  const one = newEvent(0);
  const data = JSON.stringify(one.data);
  const meta = JSON.stringify({ ...one.meta, recordedAt: new Date().toISOString(), node: 'center' });
  let rows = 0;
  const store = createSqliteStore(join(dir, 'banshi-full.db'));
  const versions = new Array<number>(100).fill(0);
  let appends = 0;
  // Interleaved rounds: the disk and the shared CPUs drift, so each contender gets the same moments.
  const time = { fsync: 0, bare: 0, store: 0 };
  for (let round = 0; round < DURABLE_ROUNDS; round++) {
    let t = performance.now();
    forCount(DURABLE_MS / DURABLE_ROUNDS, () => {
      writeSync(file, record, 0, record.length, fsyncs * record.length);
      fsyncSync(file);
      fsyncs++;
    });
    time.fsync += performance.now() - t;
    t = performance.now();
    forCount(DURABLE_MS / DURABLE_ROUNDS, () => {
      ins.run(`id-${rows}`, `case-${rows % 100}`, Math.floor(rows / 100) + 1, one.type, 1, data, meta, 'f'.repeat(64));
      rows++;
    });
    time.bare += performance.now() - t;
    t = performance.now();
    const until = t + DURABLE_MS / DURABLE_ROUNDS;
    while (performance.now() < until) {
      const s = appends % 100;
      const r = await store.append(`case-${s}`, [newEvent(appends)], { expectedVersion: versions[s] ?? 0 });
      versions[s] = r.nextExpectedVersion;
      appends++;
    }
    time.store += performance.now() - t;
  }
  closeSync(file);
  bare.close();
  await store.close();
  const fsyncRate = fsyncs / (time.fsync / 1000);
  const bareRate = rows / (time.bare / 1000);
  const storeRate = appends / (time.store / 1000);

  return [
    { name: 'sqlite.fsync.raw', value: fsyncRate, unit: 'fsyncs/s', baseline: 'fs.writeSync 512 B + fs.fsyncSync loop, same disk' },
    { name: 'sqlite.insert.bareFull', value: bareRate, unit: 'rows/s', baseline: 'raw write+fsync loop', baselineValue: fsyncRate, ratio: bareRate / fsyncRate },
    {
      name: 'sqlite.append.durable',
      value: storeRate,
      unit: 'events/s',
      baseline: 'raw write+fsync loop (same disk)',
      baselineValue: fsyncRate,
      ratio: storeRate / fsyncRate,
      target: { kind: 'ratio', min: 0.5 },
    },
    {
      name: 'sqlite.append.durable.vsBareInsert',
      value: storeRate,
      unit: 'events/s',
      baseline: 'bare better-sqlite3 insert, WAL + synchronous=FULL, 1 row/tx',
      baselineValue: bareRate,
      ratio: storeRate / bareRate,
      target: { kind: 'ratio', min: 0.5 },
    },
  ];
}

/** A random 21-character id (the shape nanoid makes): what a B-tree index sees from random ids. */
function randomId(): string {
  return randomBytes(16).toString('base64url').slice(0, 21);
}

async function batchedAppends(dir: string): Promise<Figure[]> {
  const BATCH = 1000;
  const BATCHES = 200;
  const events = Array.from({ length: BATCH }, (_, i) => newEvent(i));
  const store = createSqliteStore(join(dir, 'banshi-batched.db'));
  const recordedAt = new Date().toISOString();
  /** A bare better-sqlite3 loop inserting one batch per transaction, ids from `id`. */
  const bareLoop = (file: string, id: () => string) => {
    const db = rawDb(join(dir, file), 'FULL');
    const ins = db.prepare(INSERT);
    const tx = db.transaction((b: number) => {
      for (let i = 0; i < BATCH; i++) {
        const e = events[i] as NewEvent;
        ins.run(id(), `case-b${b}`, i + 1, e.type, 1, JSON.stringify(e.data), JSON.stringify({ ...e.meta, recordedAt, node: 'center' }), 'f'.repeat(64));
      }
    });
    return { db, tx, ms: 0 };
  };
  const sorted = bareLoop('bare-sorted.db', sortableId);
  const random = bareLoop('bare-random.db', randomId);
  // Interleaved, one batch each in turn, so all three see the same machine load.
  let storeMs = 0;
  for (let b = 0; b < BATCHES; b++) {
    let t = performance.now();
    await store.append(`case-b${b}`, events, { expectedVersion: 'no-stream' });
    storeMs += performance.now() - t;
    for (const bare of [sorted, random]) {
      t = performance.now();
      bare.tx(b);
      bare.ms += performance.now() - t;
    }
  }
  await store.close();
  sorted.db.close();
  random.db.close();
  const rate = (ms: number) => (BATCH * BATCHES) / (ms / 1000);
  const storeRate = rate(storeMs);
  const sortedRate = rate(sorted.ms);
  const randomRate = rate(random.ms);
  const best = Math.max(sortedRate, randomRate);
  return [
    { name: 'sqlite.insert.batched.sortableIds', value: sortedRate, unit: 'rows/s', baseline: 'the same bare loop with random 21-character ids', baselineValue: randomRate, ratio: sortedRate / randomRate },
    {
      name: 'sqlite.append.batched',
      value: storeRate,
      unit: 'events/s',
      baseline: `best bare better-sqlite3 insert (time-ordered or random ids; JSON.stringify data+meta, no checks, no hash), ${BATCH} rows/tx, synchronous=FULL`,
      baselineValue: best,
      ratio: storeRate / best,
      target: { kind: 'ratio', min: 0.8 },
    },
  ];
}

/** Writes a hash-chained JSONL log of `count` events over `STREAMS` interleaved streams. */
async function writeLog(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  const heads = new Array<string>(STREAMS).fill(GENESIS_HASH);
  const recordedAt = '2014-01-01T00:00:00.000Z';
  let buf = '';
  for (let i = 0; i < count; i++) {
    const s = i % STREAMS;
    const e = newEvent(i);
    const unhashed = {
      id: `ev${i.toString(36).padStart(8, '0')}`,
      stream: `case-TZ-2013-${String(s).padStart(6, '0')}`,
      version: Math.floor(i / STREAMS) + 1,
      type: e.type,
      schema: 1,
      data: e.data,
      meta: { ...e.meta, recordedAt, node: 'center' } as RecordedEvent['meta'],
    };
    const hash = eventHash(heads[s] as string, unhashed, sha256HexNode);
    heads[s] = hash;
    buf += canonicalJson({ ...unhashed, hash }) + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

const counting: Projection<{ n: number; byType: Record<string, number> }> = {
  name: 'bench-counts',
  init: () => ({ n: 0, byType: {} }),
  apply(state, e) {
    state.n++;
    state.byType[e.type] = (state.byType[e.type] ?? 0) + 1;
    return state;
  },
};

async function importAndRead(dir: string): Promise<Figure[]> {
  const logPath = join(dir, 'log.jsonl');
  await writeLog(logPath, IMPORT_EVENTS);

  // Store-level import: importEvents fed by a plain (non-strict) JSONL reader.
  async function* recorded(): AsyncGenerator<RecordedEvent> {
    for await (const batch of readJsonl(createReadStream(logPath, { highWaterMark: READ_CHUNK })).batches()) for (const e of batch) yield toRecorded(e);
  }
  const timedImport = async (file: string, f: (path: string) => Promise<number>): Promise<number> => {
    const path = join(dir, file);
    rmSync(path, { force: true });
    const t = performance.now();
    const n = await f(path);
    const seconds = (performance.now() - t) / 1000;
    if (n !== IMPORT_EVENTS) throw new Error(`${file}: imported ${n} of ${IMPORT_EVENTS}`);
    return seconds;
  };
  const viaEventsPath = join(dir, 'import-events.db');
  const storeImport = (file: string) =>
    timedImport(file, async (path) => {
      const store = createSqliteStore(path);
      const r = await store.importEvents(recorded());
      await store.close();
      return r.imported;
    });
  // The analyst's path: importJsonlFile (core's strict reader: envelope checks per line). By
  // default a worker thread parses, checks and canonicalizes the log a batch ahead of the inserts;
  // `oneThread` is the same import with everything on the calling thread (what one core gets).
  const fileImport = (worker: boolean) =>
    timedImport('import-file.db', async (path) => {
      const store = createSqliteStore(path);
      const r = await importJsonlFile(store, logPath, { worker });
      await store.close();
      rmSync(path, { force: true });
      return r.imported;
    });
  // Baselines: bare inserts of the same rows (parsed from the same file), one transaction, once
  // with the log's time-ordered ids and once with random ids of the same length (a slice of the
  // event's hash); each round's ratio is taken against the faster of the two in that round.
  const bareImport = (file: string, id: (e: StoredEvent) => string) =>
    timedImport(file, async (path) => {
      const bare = rawDb(path, 'FULL');
      const ins = bare.prepare(INSERT);
      bare.exec('BEGIN IMMEDIATE');
      let n = 0;
      for await (const batch of readJsonl(createReadStream(logPath, { highWaterMark: READ_CHUNK })).batches()) {
        for (const e of batch) ins.run(id(e), e.stream, e.version, e.type, e.schema, JSON.stringify(e.data), JSON.stringify(e.meta), e.hash);
        n += batch.length;
      }
      bare.exec('COMMIT');
      bare.close();
      rmSync(path, { force: true });
      return n;
    });
  // Alternating rounds (A B C D, then D C B A, …) so drift in a loaded machine's load does not
  // bias the ratios; each figure is the median of its per-round ratios.
  const t = await alternate(IMPORT_ROUNDS, {
    importEvents: () => storeImport('import-events.db'),
    jsonlFile: () => fileImport(true),
    jsonlFileOneThread: () => fileImport(false),
    bareSorted: () => bareImport('bare-import.db', (e) => e.id),
    bareRandom: () => bareImport('bare-import-random.db', (e) => e.hash.slice(0, 16)),
  });
  // From sources (this bench), importJsonlFile starts the built worker module, or none.
  const workerBuilt = existsSync(join(root, 'packages', 'store-sqlite', 'dist', 'jsonl', 'importWorker.js'));
  const bestBare = t.bareSorted.map((sorted, i) => Math.min(sorted, t.bareRandom[i] as number));
  const importBaseline = 'best bare better-sqlite3 inserts of the same parsed rows (time-ordered or random ids, per round), one tx, no checks';
  const importFigures: Figure[] = [
    roundsFigure({ name: `sqlite.insert.${IMPORT_LABEL}.sortableIds`, unit: 'rows/s', ops: IMPORT_EVENTS, seconds: t.bareSorted, baseline: 'the same bare import with random ids', baselineSeconds: t.bareRandom }),
    roundsFigure({ name: `sqlite.import.${IMPORT_LABEL}.importEvents`, unit: 'events/s', ops: IMPORT_EVENTS, seconds: t.importEvents, baseline: importBaseline, baselineSeconds: bestBare, target: { kind: 'ratio', min: 0.8 } }),
    roundsFigure({ name: `sqlite.import.${IMPORT_LABEL}.jsonlFile${workerBuilt ? '' : ' (one thread: the import worker is not built, run pnpm build)'}`, unit: 'events/s', ops: IMPORT_EVENTS, seconds: t.jsonlFile, baseline: importBaseline, baselineSeconds: bestBare, target: { kind: 'ratio', min: 0.8 } }),
    roundsFigure({ name: `sqlite.import.${IMPORT_LABEL}.jsonlFile.oneThread`, unit: 'events/s', ops: IMPORT_EVENTS, seconds: t.jsonlFileOneThread, baseline: importBaseline, baselineSeconds: bestBare }),
  ];

  // readAll into a projection vs a bare iterate + JSON.parse loop over the same table,
  // alternating passes (bare, store, bare, store) so both see the same machine load.
  let start = 0;
  const reader = new RawDatabase(viaEventsPath);
  const iter = reader.prepare('SELECT position, id, stream, version, type, schema, data, meta, hash FROM events ORDER BY position').raw();
  const readStore = createSqliteStore(viaEventsPath);
  let bareReadMs = 0;
  let storeReadMs = 0;
  let storeRead = 0;
  let bareRead = 0;
  for (let pass = 0; pass < READ_PASSES; pass++) {
    start = performance.now();
    let state = counting.init();
    for (const r of iter.iterate()) {
      const e: StoredEvent = {
        id: r[1] as string,
        stream: r[2] as string,
        version: r[3] as number,
        type: r[4] as string,
        schema: r[5] as number,
        data: JSON.parse(r[6] as string) as unknown,
        meta: JSON.parse(r[7] as string) as StoredEvent['meta'],
        hash: r[8] as string,
        position: r[0] as number,
      };
      state = counting.apply(state, e);
    }
    bareReadMs += performance.now() - start;
    bareRead += state.n;
    await readStore.checkpoints.save(counting.name, { position: 0, state: counting.init() });
    start = performance.now();
    const run = await runProjection(readStore, counting, { batchSize: 1000 });
    storeReadMs += performance.now() - start;
    storeRead += run.processed;
  }
  await readStore.close();
  reader.close();
  const readRate = storeRead / (storeReadMs / 1000);
  const bareReadRate = bareRead / (bareReadMs / 1000);

  return [
    ...importFigures,
    {
      name: 'sqlite.readAll.projection',
      value: readRate,
      unit: 'events/s',
      baseline: 'bare better-sqlite3 iterate + JSON.parse(data, meta) loop, same table',
      baselineValue: bareReadRate,
      ratio: readRate / bareReadRate,
      target: { kind: 'ratio', min: 0.85 },
    },
    { name: 'sqlite.readAll.projection.value', value: readRate, unit: 'events/s', target: { kind: 'value', min: 500_000 } },
  ];
}

interface EmmettStore {
  appendToStream(stream: string, events: { type: string; data: unknown }[], options?: { expectedStreamVersion?: bigint }): Promise<unknown>;
  close?(): Promise<void> | void;
}

async function emmettAppends(dir: string, banshiRate: number): Promise<Figure[]> {
  const where = process.env.BANSHI_EMMETT_PATH;
  const name = 'sqlite.peer.emmett.append.durable';
  if (!where) return [{ name: `${name} (skipped: not installed; set BANSHI_EMMETT_PATH)`, value: 0, unit: 'events/s' }];
  let emmett: { getSQLiteEventStore(o: { fileName: string; schema?: { autoMigration: 'CreateOrUpdate' } }): EmmettStore };
  let version = '?';
  try {
    const req = createRequire(join(where, 'package.json'));
    emmett = req('@event-driven-io/emmett-sqlite') as typeof emmett;
    const main = req.resolve('@event-driven-io/emmett-sqlite');
    const pkg = join(main.slice(0, main.lastIndexOf('emmett-sqlite') + 'emmett-sqlite'.length), 'package.json');
    version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch (err) {
    return [{ name: `${name} (skipped: not installed at ${where}: ${(err as Error).message.split('\n')[0]})`, value: 0, unit: 'events/s' }];
  }
  const store = emmett.getSQLiteEventStore({ fileName: join(dir, 'emmett.db'), schema: { autoMigration: 'CreateOrUpdate' } });
  const rate = await forMsAsync(DURABLE_MS, (i) => {
    const e = newEvent(i);
    return store.appendToStream(`case-${i % 100}`, [{ type: e.type, data: e.data }]);
  });
  await store.close?.();
  return [
    {
      name: `${name}@${version}`,
      value: rate,
      unit: 'events/s',
      baseline: 'banshi sqlite.append.durable (same run)',
      baselineValue: banshiRate,
      ratio: rate / banshiRate,
    },
  ];
}

function inTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'banshi-bench-sqlite-'));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

let durableRate = 0;

const benches: readonly Benchmark[] = [
  {
    name: 'sqlite.append.durable',
    run: () =>
      inTemp(async (dir) => {
        const figures = await durableAppends(dir);
        durableRate = figures.find((f) => f.name === 'sqlite.append.durable')?.value ?? 0;
        return figures;
      }),
  },
  { name: 'sqlite.append.batched', run: () => inTemp(batchedAppends) },
  { name: 'sqlite.import', run: () => inTemp(importAndRead) },
  {
    name: 'sqlite.peer.emmett',
    run: () =>
      inTemp(async (dir) => {
        if (durableRate === 0) {
          const figures = await durableAppends(dir);
          durableRate = figures.find((f) => f.name === 'sqlite.append.durable')?.value ?? 0;
        }
        return emmettAppends(dir, durableRate);
      }),
  },
];

export default benches;
