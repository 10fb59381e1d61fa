import { readJsonl, type EventStore, type JsonlSummary, type Projection, type StoredEvent, type StoreOptions } from '@banshi/core';
import { createNatsStore } from '@banshi/store-nats';
import { createPostgresStore } from '@banshi/store-postgres';
import { createSqliteStore } from '@banshi/store-sqlite';
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { UsageError, type CliIO } from '../command.js';
import { readConfigFile } from './configFile.js';
import { keepFoldHeapNearLive } from './foldHeap.js';
import { readLogFile } from './logSource.js';

/** Where events come from or go to, as written on the command line. */
export type SourceSpec =
  | { readonly kind: 'jsonl'; readonly path: string; readonly chunks?: () => AsyncIterable<Uint8Array> }
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string }
  | { readonly kind: 'nats'; readonly servers: readonly string[]; readonly stream: string; readonly subjectPrefix?: string; readonly node?: string; readonly user?: string; readonly pass?: string; readonly appendConditions?: boolean };

const NATS_RE = /^nats:\/\/(?:([^:@/]+)(?::([^@/]*))?@)?([^/?@]+)(?:\/([^?]*))?(?:\?(.*))?$/;

/** `nats://[user[:password]@]host[:port][,host:port…]/<STREAM>[?prefix=banshi&node=center&appendConditions=true]`. */
function parseNats(text: string, flag: string): SourceSpec {
  const m = NATS_RE.exec(text);
  const stream = decodeURIComponent(m?.[4] ?? '');
  if (!m || !/^[A-Za-z0-9_-]{1,64}$/.test(stream)) throw new UsageError(`${flag} ${text}: write nats://host:4222/STREAM (a JetStream stream name: A–Z a–z 0–9 _ -), optionally ?prefix=…&node=…`);
  const query = new URLSearchParams(m[5] ?? '');
  const prefix = query.get('prefix');
  const node = query.get('node');
  // The store's NatsStoreOptions.appendConditions (off unless asked for: see @banshi/store-nats, "Append conditions").
  const conditions = query.get('appendConditions');
  if (conditions !== null && conditions !== 'true' && conditions !== 'false') throw new UsageError(`${flag} ${text}: appendConditions is true or false (true only for a stream that no nats-server older than 2.10.14 sources)`);
  return {
    kind: 'nats',
    servers: (m[3] as string).split(',').map((h) => (h.includes(':') ? h : `${h}:4222`)),
    stream,
    ...(prefix ? { subjectPrefix: prefix } : {}),
    ...(node ? { node } : {}),
    ...(m[1] ? { user: decodeURIComponent(m[1]) } : {}),
    ...(m[2] !== undefined ? { pass: decodeURIComponent(m[2]) } : {}),
    ...(conditions !== null ? { appendConditions: conditions === 'true' } : {}),
  };
}

/**
 * Parses `file.jsonl`, `sqlite:path` (or a path ending in `.db`/`.sqlite`),
 * `postgres://…[?schema=name]` and `nats://host:port/STREAM[?prefix=…&node=…&appendConditions=true]`. Anything else is a
 * `UsageError` that lists the forms.
 */
export function parseSourceSpec(text: string | undefined, flag = '--from'): SourceSpec {
  if (!text) throw new UsageError(`${flag} is required (or set BANSHI_STORE, "store" in banshi.config.json, or DATABASE_URL): a file.jsonl, - for standard input, sqlite:path/to/file.db, postgres://user@host/db or nats://host:4222/STREAM`);
  if (text.startsWith('nats://')) return parseNats(text, flag);
  if (/^postgres(ql)?:\/\//.test(text)) {
    const url = new URL(text);
    const schema = url.searchParams.get('schema') ?? 'banshi';
    url.searchParams.delete('schema');
    return { kind: 'postgres', connectionString: url.toString(), schema };
  }
  if (text.startsWith('sqlite:')) return { kind: 'sqlite', path: text.slice('sqlite:'.length) };
  if (/\.(db|sqlite|sqlite3)$/.test(text)) return { kind: 'sqlite', path: text };
  if (/\.jsonl$/.test(text)) return { kind: 'jsonl', path: text };
  throw new UsageError(`${flag} ${text}: not a log I can open — give a file.jsonl, sqlite:path/to/file.db, postgres://user@host/db or nats://host:4222/STREAM`);
}

/** Where a command reads when no `--from` is given, and what named it. */
export interface ConfiguredSource {
  readonly text: string;
  readonly origin: string;
}

/**
 * The log or store a command uses without `--from`: `BANSHI_STORE`, else `store` in
 * `banshi.config.json` of the working directory, else `DATABASE_URL` (as prisma and drizzle-kit
 * read theirs). `undefined` when none is set.
 *
 * @example
 * configuredSource({ ...io, env: { BANSHI_STORE: 'sqlite:hall.db' } }); // { text: 'sqlite:hall.db', origin: 'BANSHI_STORE' }
 */
export function configuredSource(io: CliIO): ConfiguredSource | undefined {
  const env = io.env ?? {};
  if (env['BANSHI_STORE']) return { text: env['BANSHI_STORE'], origin: 'BANSHI_STORE' };
  const config = readConfigFile(io);
  const store = config?.values['store'];
  if (config && store !== undefined && typeof store !== 'string') throw new UsageError(`${config.path}: "store" must be a string such as "sqlite:hall.db" or "postgres://user@host/db"`);
  if (config && typeof store === 'string' && store) return { text: store, origin: config.path };
  if (env['DATABASE_URL']) return { text: env['DATABASE_URL'], origin: 'DATABASE_URL' };
  return undefined;
}

/**
 * The spec of a `--from`/`--to` value as a command sees it: `-` is a JSONL log on standard input,
 * no value falls back to {@link configuredSource}, and relative paths are taken from the working
 * directory.
 *
 * @example
 * sourceSpec(values.from, io); // { kind: 'sqlite', path: '/home/me/hall.db' }
 */
export function sourceSpec(text: string | undefined, io: CliIO, flag = '--from', options: { readonly configured?: boolean } = {}): SourceSpec {
  if (text === '-') {
    if (!io.stdin) throw new UsageError(`${flag} - reads a JSONL log from standard input, which this caller does not provide`);
    return { kind: 'jsonl', path: '-', chunks: io.stdin };
  }
  const given = text ?? (options.configured === false ? undefined : configuredSource(io)?.text);
  const spec = parseSourceSpec(given, flag);
  if ((spec.kind === 'jsonl' || spec.kind === 'sqlite') && !isAbsolute(spec.path)) return { ...spec, path: resolve(io.cwd, spec.path) };
  return spec;
}

/** The bytes of a JSONL spec: standard input for `-`, else the file (a missing file is a `UsageError`). */
export function jsonlChunks(spec: Extract<SourceSpec, { kind: 'jsonl' }>): AsyncIterable<Uint8Array> {
  return spec.chunks?.() ?? readLogFile(spec.path);
}

/** Opens a store named by a spec (`jsonl` is not a store). `mustExist` refuses to create an empty SQLite file by mistake. */
export async function openStore(spec: SourceSpec, options: StoreOptions & { readonly mustExist?: boolean; readonly readOnly?: boolean } = {}): Promise<EventStore> {
  const { mustExist, readOnly, ...storeOptions } = options;
  switch (spec.kind) {
    case 'sqlite':
      if ((mustExist || readOnly) && !existsSync(spec.path)) throw new UsageError(`no SQLite store at ${spec.path}: check the path, or give the store that exists (sqlite:path/to/file.db; banshi demo and banshi import write one)`);
      // Reading commands open read-only: they work in a read-only directory and never create a file.
      return createSqliteStore(spec.path, { ...storeOptions, ...(readOnly ? { readOnly: true } : {}) });
    case 'postgres':
      return createPostgresStore({ connectionString: spec.connectionString, schema: spec.schema, ...storeOptions });
    case 'nats': {
      const { kind: _kind, ...nats } = spec;
      // A reader never creates a stream: a mistyped name is an error, not an empty log.
      return createNatsStore({ ...nats, servers: [...spec.servers], create: !mustExist, ...storeOptions });
    }
    case 'jsonl':
      throw new UsageError(`${spec.path} is a JSONL log, not a store: use sqlite:…, postgres://… or nats://… here`);
  }
}

/**
 * Events per batch read from a store. From SQLite over 1.77M events, batches of 1,000 peaked about
 * 125 MiB lower than batches of 5,000 and read faster; from PostgreSQL they peaked about 130 MiB
 * lower but read at 0.74× the speed, so PostgreSQL keeps 5,000 (docs/performance.md, "Memory").
 */
export const storeReadBatch = (kind: SourceSpec['kind']): number => (kind === 'sqlite' ? 1000 : 5000);

/**
 * Every event of a log or store in global order, in batches; closes the store at the end.
 * `raw` reads events exactly as stored (no upcasting): what an export must write.
 */
export async function* readSource(spec: SourceSpec, options: { readonly raw?: boolean; readonly summary?: (s: JsonlSummary) => void } = {}): AsyncGenerator<readonly StoredEvent[]> {
  if (spec.kind === 'jsonl') {
    const reader = readJsonl(jsonlChunks(spec), { unknownEvents: 'passthrough' });
    yield* reader.batches();
    options.summary?.(reader.summary);
    return;
  }
  const store = await openStore(spec, { mustExist: true, readOnly: true });
  try {
    yield* store.readAllBatches({ batchSize: storeReadBatch(spec.kind), ...(options.raw ? { upcast: false } : {}) });
  } finally {
    await store.close();
  }
}

/**
 * Every event of a log or store in global order, exactly as stored.
 *
 * @example
 * for await (const e of readEvents(parseSourceSpec('log.jsonl'))) count++;
 */
export async function* readEvents(spec: SourceSpec): AsyncGenerator<StoredEvent> {
  for await (const batch of readSource(spec, { raw: true })) yield* batch;
}

/**
 * Folds every event of a log or store into a projection (its `types` filter too): the one fold of
 * the CLI, so `replay` and `demo` fold a log the same way. `onBatch` hears the number of events
 * read so far after each batch (a progress bar). Caps V8's heap growth for the process first
 * ({@link keepFoldHeapNearLive}), so peak memory follows the state the fold keeps.
 */
export async function foldSource<S>(spec: SourceSpec, projection: Projection<S>, options: { readonly onBatch?: (done: number) => void } = {}): Promise<S> {
  keepFoldHeapNearLive();
  let state = projection.init();
  const types = projection.types ? new Set(projection.types) : undefined;
  let done = 0;
  for await (const batch of readSource(spec)) {
    for (const e of batch) if (!types || types.has(e.type)) state = projection.apply(state, e);
    done += batch.length;
    options.onBatch?.(done);
  }
  return state;
}
