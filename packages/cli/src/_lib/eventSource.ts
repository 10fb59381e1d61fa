import { readJsonl, type EventStore, type JsonlSummary, type Projection, type StoredEvent, type StoreOptions } from '@banshi/core';
import { createPostgresStore } from '@banshi/store-postgres';
import { createSqliteStore } from '@banshi/store-sqlite';
import { existsSync } from 'node:fs';
import { UsageError } from '../command.js';
import { readLogFile } from './logSource.js';

/** Where events come from or go to, as written on the command line. */
export type SourceSpec =
  | { readonly kind: 'jsonl'; readonly path: string }
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema: string };

/**
 * Parses `file.jsonl`, `sqlite:path` (or a path ending in `.db`/`.sqlite`) and
 * `postgres://…[?schema=name]`. Anything else is a `UsageError` that lists the forms.
 */
export function parseSourceSpec(text: string | undefined, flag = '--from'): SourceSpec {
  if (!text) throw new UsageError(`${flag} is required: a file.jsonl, sqlite:path/to/file.db or postgres://user@host/db`);
  if (/^postgres(ql)?:\/\//.test(text)) {
    const url = new URL(text);
    const schema = url.searchParams.get('schema') ?? 'banshi';
    url.searchParams.delete('schema');
    return { kind: 'postgres', connectionString: url.toString(), schema };
  }
  if (text.startsWith('sqlite:')) return { kind: 'sqlite', path: text.slice('sqlite:'.length) };
  if (/\.(db|sqlite|sqlite3)$/.test(text)) return { kind: 'sqlite', path: text };
  if (/\.jsonl$/.test(text)) return { kind: 'jsonl', path: text };
  throw new UsageError(`${flag} ${text}: not a log I can open — give a file.jsonl, sqlite:path/to/file.db or postgres://user@host/db`);
}

/** Opens a store named by a spec (`jsonl` is not a store). `mustExist` refuses to create an empty SQLite file by mistake. */
export async function openStore(spec: SourceSpec, options: StoreOptions & { readonly mustExist?: boolean } = {}): Promise<EventStore> {
  const { mustExist, ...storeOptions } = options;
  switch (spec.kind) {
    case 'sqlite':
      if (mustExist && !existsSync(spec.path)) throw new UsageError(`no SQLite store at ${spec.path}`);
      return createSqliteStore(spec.path, storeOptions);
    case 'postgres':
      return createPostgresStore({ connectionString: spec.connectionString, schema: spec.schema, ...storeOptions });
    case 'jsonl':
      throw new UsageError(`${spec.path} is a JSONL log, not a store: use sqlite:… or postgres://… here`);
  }
}

/**
 * Every event of a log or store in global order, in batches; closes the store at the end.
 * `raw` reads events exactly as stored (no upcasting): what an export must write.
 */
export async function* readSource(spec: SourceSpec, options: { readonly raw?: boolean; readonly summary?: (s: JsonlSummary) => void } = {}): AsyncGenerator<readonly StoredEvent[]> {
  if (spec.kind === 'jsonl') {
    const reader = readJsonl(readLogFile(spec.path), { unknownEvents: 'passthrough' });
    yield* reader.batches();
    options.summary?.(reader.summary);
    return;
  }
  const store = await openStore(spec, { mustExist: true });
  try {
    yield* store.readAllBatches({ batchSize: 5000, ...(options.raw ? { upcast: false } : {}) });
  } finally {
    await store.close();
  }
}

/** Folds every event of a log or store into a projection (all event types; `types` filters too). */
export async function foldSource<S>(spec: SourceSpec, projection: Projection<S>): Promise<S> {
  let state = projection.init();
  const types = projection.types ? new Set(projection.types) : undefined;
  for await (const batch of readSource(spec)) for (const e of batch) if (!types || types.has(e.type)) state = projection.apply(state, e);
  return state;
}
