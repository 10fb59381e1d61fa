import type { StoredEvent } from '../envelope/index.js';
import { BanshiError, ValidationError } from '../errors/index.js';
import type { EventStore } from '../store/types.js';

/**
 * The value types a read-model field may hold (portable across SQLite and PostgreSQL).
 *
 * @example
 * const t: FieldType = 'integer';
 */
export type FieldType = 'text' | 'integer';

/** A field's value in a document's row; `null` when it does not apply. */
export type FieldValue = string | number | null;

/**
 * A read model kept in a table of the store's own database (Marten's inline documents, Pongo's
 * collections): one JSON document per key, plus typed, indexed fields that queries filter and
 * sort on. The table and its checkpoint move in one transaction, so the table never shows an
 * event its checkpoint does not cover, and never misses one it does (design §7).
 *
 * `evolve` is a plain reducer (design §3): it must not throw on any stored event.
 *
 * @example
 * const openCases: DocumentProjection<{ status: string }> = {
 *   name: 'open_cases', version: 1, types: ['CaseReceived', 'CaseDecided'],
 *   fields: { status: 'text' },
 *   key: (e) => e.stream,
 *   evolve: (doc, e) => (e.type === 'CaseDecided' ? null : { status: 'open' }),
 *   fieldsOf: (doc) => ({ status: doc.status }),
 * };
 */
export interface DocumentProjection<D> {
  /** Table name: 1–40 characters of a–z, 0–9 and `_`, starting with a letter. */
  readonly name: string;
  /** Bump it when `evolve` or `fields` change: the tables rebuild the model from the log. */
  readonly version: number;
  /** The event types it reads (the store filters the rest out). */
  readonly types: readonly string[];
  /** Queryable fields and their types; each gets an index. */
  readonly fields: Readonly<Record<string, FieldType>>;
  /** Which document an event touches (usually `event.stream`); `undefined` skips the event. */
  key(event: StoredEvent): string | undefined;
  /** The next document; `null` deletes it. */
  evolve(doc: D | undefined, event: StoredEvent): D | null;
  /** The document's queryable fields (every key of `fields`). */
  fieldsOf(doc: D): Readonly<Record<string, FieldValue>>;
}

/** One filter of a {@link DocumentQuery}: a value, a set of values (`in`), or a range. */
export type FieldFilter = FieldValue | { readonly in: readonly FieldValue[] } | { readonly gte?: string | number; readonly lte?: string | number };

/**
 * A query on a document table: equality / `in` / range filters on fields, one sort field
 * (ties broken by id), and keyset paging with an opaque cursor.
 *
 * @example
 * const q: DocumentQuery = { where: { department: '市场监管', level: { in: ['yellow', 'red'] } }, orderBy: 'statutoryDue', limit: 50 };
 */
export interface DocumentQuery {
  readonly where?: Readonly<Record<string, FieldFilter>>;
  /** A field to sort on, ascending (nulls last); default: the document id. */
  readonly orderBy?: string;
  readonly descending?: boolean;
  /** The `next` cursor of the previous page. */
  readonly after?: string;
  /** 1–500, default 50. */
  readonly limit?: number;
}

/**
 * One page of a query's answer.
 *
 * @example
 * const page: DocumentPage<{ status: string }> = { items: [{ id: 'case-1', doc: { status: 'review' } }], next: null, position: 42 };
 */
export interface DocumentPage<D> {
  readonly items: readonly { readonly id: string; readonly doc: D }[];
  /** Pass as `after` for the next page; `null` on the last page. */
  readonly next: string | null;
  /** The log position the table covers (its checkpoint). */
  readonly position: number;
}

/** A change to one document, written together with the checkpoint. */
export interface DocumentChange {
  readonly id: string;
  /** JSON of the new document, or `null` to delete it. */
  readonly doc: unknown;
  readonly fields: Readonly<Record<string, FieldValue>>;
}

/** The shape of a table as {@link DocumentTables.ensure} creates it. */
export interface DocumentTableSpec {
  readonly name: string;
  readonly version: number;
  readonly fields: Readonly<Record<string, FieldType>>;
}

/**
 * What a store adapter implements to keep read models in its own database (SQLite:
 * `createSqliteDocumentTables`, PostgreSQL: `createPostgresDocumentTables`, memory:
 * {@link createMemoryDocumentTables}). Small on purpose: the folding is
 * {@link runDocumentProjection}'s, the same for every adapter.
 *
 * @example
 * const tables: DocumentTables = createMemoryDocumentTables();
 * await runDocumentProjection(store, tables, openCases);
 * const page = await tables.find('open_cases', { where: { status: 'review' } });
 */
export interface DocumentTables {
  readonly kind: string;
  /**
   * Opens the table for this process. `'ready'`: it exists with this `version` and field set,
   * fold into it. `'rebuild'`: it has to be built from the log — {@link runDocumentProjection}
   * builds it under a {@link shadowTableName} and swaps it in. A new table is created empty
   * (version 0: no build has finished yet); a table of another version or field set is left
   * as it is for its readers until the swap. A shadow name gets a new empty table of `spec`.
   */
  ensure(spec: DocumentTableSpec): Promise<'ready' | 'rebuild'>;
  /** The tables in the database (shadows included), e.g. to find shadows a crashed rebuild left. */
  names(): Promise<readonly string[]>;
  /** The table's checkpoint: the last log position its documents cover (0 = none). */
  position(name: string): Promise<number>;
  /** The current documents of these ids (absent ids are left out). */
  load(name: string, ids: readonly string[]): Promise<ReadonlyMap<string, unknown>>;
  /**
   * Writes the changes and moves the checkpoint from `from` to `to`, in one transaction.
   * Writes nothing and resolves `false` when the checkpoint is no longer at `from` (another
   * runner got there first) or the table is no longer of the version this process opened
   * (another process swapped a rebuild in).
   */
  commit(name: string, changes: readonly DocumentChange[], from: number, to: number): Promise<boolean>;
  /** Empties the table and resets its checkpoint to 0, in one transaction. */
  reset(name: string): Promise<void>;
  /**
   * Replaces table `name` by table `shadow` (built under the other name), documents,
   * checkpoint, version and fields, in one transaction; `shadow` is gone afterwards. A reader
   * sees the old table or the new one, never one half built.
   */
  swap(name: string, shadow: string): Promise<void>;
  /** Drops a table and its checkpoint, if they exist (e.g. a shadow left by a crashed rebuild). */
  drop(name: string): Promise<void>;
  find<D>(name: string, query?: DocumentQuery): Promise<DocumentPage<D>>;
  get<D>(name: string, id: string): Promise<D | undefined>;
  close(): Promise<void>;
}

/**
 * A table, field, query or cursor the document tables cannot use. Nothing was written; fix
 * the name or the query.
 *
 * @example
 * new DocumentQueryError('orderBy "colour" is not a field of open_cases (fields: status)').code; // 'CORE_DOCUMENT_QUERY'
 */
export class DocumentQueryError extends BanshiError {
  constructor(reason: string) {
    super('CORE_DOCUMENT_QUERY', `${reason}. Nothing was written; use a declared table, field and cursor.`);
  }
}

const NAME_RE = /^[a-z][a-z0-9_]{0,39}$/;
const SHADOW_RE = /^([a-z][a-z0-9_]{0,39})__sh_([0-9a-z]{9})([0-9a-z]{4})$/;

/**
 * A fresh name to build a model's new table under before it is swapped in: `<name>__sh_`, the
 * time in base 36 and four random characters, so two processes rebuilding at once never build
 * into one table, and a shadow a crashed rebuild left can be told by its age.
 *
 * @example
 * shadowTableName('open_cases'); // 'open_cases__sh_0mi5z3k2qa7x1'
 */
export function shadowTableName(name: string, now: number = Date.now()): string {
  let rnd = '';
  for (let i = 0; i < 4; i++) rnd += Math.floor(Math.random() * 36).toString(36);
  return `${name}__sh_${Math.max(0, Math.floor(now)).toString(36).padStart(9, '0').slice(-9)}${rnd}`;
}

/**
 * The model and creation time of a shadow table name, or `undefined` for any other name.
 *
 * @example
 * parseShadowTableName(shadowTableName('open_cases', 0)); // { name: 'open_cases', createdAt: 0 }
 */
export function parseShadowTableName(table: string): { readonly name: string; readonly createdAt: number } | undefined {
  const m = SHADOW_RE.exec(table);
  return m ? { name: m[1] as string, createdAt: parseInt(m[2] as string, 36) } : undefined;
}

const validName = (name: string) => NAME_RE.test(name) || SHADOW_RE.test(name);

/**
 * Checks a table spec (names safe to splice into SQL, at least one field). Throws `ValidationError`.
 *
 * @example
 * assertTableSpec({ name: 'open_cases', version: 1, fields: { status: 'text' } });
 */
export function assertTableSpec(spec: DocumentTableSpec): void {
  if (!validName(spec.name)) throw new ValidationError(`read-model name ${JSON.stringify(spec.name)} is invalid: use 1–40 characters of a–z, 0–9 and _, starting with a letter`);
  if (!Number.isInteger(spec.version) || spec.version < 1) throw new ValidationError(`read model ${spec.name}: version must be an integer ≥ 1`);
  for (const [f, t] of Object.entries(spec.fields)) {
    if (!NAME_RE.test(f) || f === 'id' || f === 'doc') throw new ValidationError(`read model ${spec.name}: field name ${JSON.stringify(f)} is invalid (a–z, 0–9, _; not id or doc)`);
    if (t !== 'text' && t !== 'integer') throw new ValidationError(`read model ${spec.name}: field ${f} has type ${JSON.stringify(t)}; use 'text' or 'integer'`);
  }
}

/** A cursor: the sort value and id of the last row of a page. */
export interface PageCursor {
  readonly value: FieldValue;
  readonly id: string;
}

/**
 * Encodes a keyset cursor (opaque to clients).
 *
 * @example
 * decodeCursor(encodeCursor({ value: '2013-10-18', id: 'case-1' })); // { value: '2013-10-18', id: 'case-1' }
 */
export function encodeCursor(cursor: PageCursor): string {
  const json = JSON.stringify([cursor.value, cursor.id]);
  let bin = '';
  for (const b of new TextEncoder().encode(json)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes a cursor made by {@link encodeCursor}; throws `DocumentQueryError` for anything else.
 *
 * @example
 * decodeCursor('WyIyMDEzLTEwLTE4IiwiY2FzZS0xIl0'); // { value: '2013-10-18', id: 'case-1' }
 */
export function decodeCursor(text: string): PageCursor {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string' && (parsed[0] === null || typeof parsed[0] === 'string' || typeof parsed[0] === 'number')) {
      return { value: parsed[0] as FieldValue, id: parsed[1] };
    }
  } catch {
    // fall through to the typed error
  }
  throw new DocumentQueryError(`cursor ${JSON.stringify(text.slice(0, 80))} is not one this service made`);
}

/**
 * Checks a query against a table's fields and fills the defaults. Throws `DocumentQueryError`.
 *
 * @example
 * normalizeQuery({ where: { status: 'review' } }, { status: 'text' }, 'open_cases').limit; // 50
 */
export function normalizeQuery(
  query: DocumentQuery,
  fields: Readonly<Record<string, FieldType>>,
  name: string,
): { where: [string, FieldFilter][]; orderBy: string | undefined; descending: boolean; after: PageCursor | undefined; limit: number } {
  const known = (f: string, what: string) => {
    if (!Object.hasOwn(fields, f)) throw new DocumentQueryError(`${what} ${JSON.stringify(f)} is not a field of ${name} (fields: ${Object.keys(fields).join(', ')})`);
  };
  const where = Object.entries(query.where ?? {});
  for (const [f, v] of where) {
    known(f, 'filter');
    if (v !== null && typeof v === 'object' && 'in' in v && (!Array.isArray(v.in) || v.in.length > 100)) throw new DocumentQueryError(`filter ${f}: "in" takes at most 100 values`);
  }
  if (query.orderBy !== undefined) known(query.orderBy, 'orderBy');
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new DocumentQueryError(`limit ${String(limit)} must be an integer 1–500`);
  return { where, orderBy: query.orderBy, descending: query.descending === true, after: query.after === undefined ? undefined : decodeCursor(query.after), limit };
}

/** What a {@link runDocumentProjection} run did. */
export interface DocumentProjectionRun {
  /** The checkpoint after the run. */
  readonly position: number;
  /** Events folded in this run. */
  readonly processed: number;
  /** True when the table was (re)built from the start of the log. */
  readonly rebuilt: boolean;
}

/** Options of {@link runDocumentProjection}. */
export interface RunDocumentProjectionOptions {
  /** Events per transaction (default 500). */
  readonly batchSize?: number;
  /** Stop after this position (inclusive). */
  readonly untilPosition?: number;
  /** Called around each batch, e.g. to open a tracing span. */
  readonly onBatch?: (info: { readonly name: string; readonly from: number; readonly to: number; readonly events: number }) => void;
  /**
   * A rebuild drops this model's shadow tables older than this (ms, default one day): what a
   * crashed rebuild left. A rebuild still running elsewhere after that long loses its shadow
   * and fails with `DocumentQueryError` (run it again).
   */
  readonly staleShadowMs?: number;
}

/**
 * Brings a document table up to the log: reads the events after its checkpoint in batches,
 * folds each batch into the touched documents, and commits documents and checkpoint in one
 * transaction. Safe to run from several processes at once: a runner whose commit finds the
 * checkpoint moved starts again from the new checkpoint, so no event is folded twice. A table
 * that is new, or of another version or field set, is built with
 * {@link rebuildDocumentProjection} (in a shadow table, swapped in whole): readers never see
 * it half built.
 *
 * @example
 * await runDocumentProjection(store, tables, openCases); // { position: 1234, processed: 1234, rebuilt: true }
 */
export async function runDocumentProjection<D>(store: EventStore, tables: DocumentTables, projection: DocumentProjection<D>, options: RunDocumentProjectionOptions = {}): Promise<DocumentProjectionRun> {
  const spec = { name: projection.name, version: projection.version, fields: projection.fields };
  assertTableSpec(spec);
  if ((await tables.ensure(spec)) === 'rebuild') return rebuildDocumentProjection(store, tables, projection, options);
  return { ...(await foldInto(store, tables, projection, options)), rebuilt: false };
}

/** The catch-up loop of {@link runDocumentProjection} on a table that is open and of this spec. */
async function foldInto<D>(store: EventStore, tables: DocumentTables, projection: DocumentProjection<D>, options: RunDocumentProjectionOptions): Promise<{ position: number; processed: number }> {
  const until = options.untilPosition ?? Number.POSITIVE_INFINITY;
  const batchSize = options.batchSize ?? 500;
  let processed = 0;
  for (let attempt = 0; attempt < 1000; attempt++) {
    let from = await tables.position(projection.name);
    // The settled head before the read: every event at or below it is visible to the read, so
    // once they are folded the checkpoint may move past the events of other types too (a
    // disclosure list on a log of cases would otherwise rescan every case event on each run).
    const head = projection.types ? Math.min(await store.headPosition(), until) : 0;
    let raced = false;
    for await (const batch of store.readAllBatches({ fromPosition: from + 1, batchSize, types: projection.types })) {
      const events = batch.filter((e) => e.position <= until);
      if (events.length === 0) break;
      const to = (events.at(-1) as StoredEvent).position;
      const keys = new Map<string, StoredEvent[]>();
      for (const e of events) {
        const k = projection.key(e);
        if (k === undefined) continue;
        let list = keys.get(k);
        if (!list) keys.set(k, (list = []));
        list.push(e);
      }
      const current = await tables.load(projection.name, [...keys.keys()]);
      const changes: DocumentChange[] = [];
      for (const [id, list] of keys) {
        let doc = current.get(id) as D | undefined;
        let deleted = false;
        for (const e of list) {
          const next = projection.evolve(deleted ? undefined : doc, e);
          deleted = next === null;
          doc = next === null ? undefined : next;
        }
        changes.push(doc === undefined ? { id, doc: null, fields: {} } : { id, doc, fields: projection.fieldsOf(doc) });
      }
      options.onBatch?.({ name: projection.name, from, to, events: events.length });
      if (!(await tables.commit(projection.name, changes, from, to))) {
        raced = true;
        break;
      }
      processed += events.length;
      from = to;
      if (events.length < batch.length || to >= until) break;
    }
    if (!raced && head > from) {
      if (await tables.commit(projection.name, [], from, head)) from = head;
      else raced = true;
    }
    if (!raced) return { position: from, processed };
  }
  throw new DocumentQueryError(`read model ${projection.name} could not catch up: other runners kept moving its checkpoint`);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Folds the whole log into a new table (a new version of the model, after a bug fix in
 * `evolve`, or to check a table against the log) without readers ever seeing it half built:
 * the new table is built under a fresh {@link shadowTableName} while readers keep the old one,
 * then swapped in with its checkpoint in one transaction. Two processes rebuilding at once
 * build two shadows and the last swap wins (both are whole builds); catch-ups may run meanwhile.
 * Shadows a crashed rebuild left (older than `staleShadowMs`) are dropped first.
 *
 * @example
 * await rebuildDocumentProjection(store, tables, openCases);
 */
export async function rebuildDocumentProjection<D>(store: EventStore, tables: DocumentTables, projection: DocumentProjection<D>, options: RunDocumentProjectionOptions = {}): Promise<DocumentProjectionRun> {
  const spec = { name: projection.name, version: projection.version, fields: projection.fields };
  assertTableSpec(spec);
  await tables.ensure(spec);
  const stale = Date.now() - (options.staleShadowMs ?? DAY_MS);
  for (const table of await tables.names()) {
    const shadowOf = parseShadowTableName(table);
    if (shadowOf?.name === projection.name && shadowOf.createdAt < stale) await tables.drop(table);
  }
  const shadow = shadowTableName(projection.name);
  await tables.ensure({ ...spec, name: shadow });
  try {
    const run = await foldInto(store, tables, { ...projection, name: shadow }, options);
    await tables.swap(projection.name, shadow);
    return { ...run, rebuilt: true };
  } catch (err) {
    await tables.drop(shadow).catch(() => undefined);
    throw err;
  }
}

/** Compares two field values for sorting: nulls last, numbers before strings. */
export function compareFieldValues(a: FieldValue, b: FieldValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : 1;
}

function matches(value: FieldValue, filter: FieldFilter): boolean {
  if (filter === null || typeof filter !== 'object') return value === filter;
  if ('in' in filter) return filter.in.includes(value);
  if (value === null) return false;
  if (filter.gte !== undefined && compareFieldValues(value, filter.gte) < 0) return false;
  if (filter.lte !== undefined && compareFieldValues(value, filter.lte) > 0) return false;
  return true;
}

/**
 * Document tables in memory, for the memory store and tests. The same contract as the SQLite
 * and PostgreSQL tables (the conformance tests run on all three).
 *
 * @example
 * const tables = createMemoryDocumentTables();
 */
export function createMemoryDocumentTables(): DocumentTables {
  const tables = new Map<string, { spec: DocumentTableSpec; position: number; rows: Map<string, { doc: string; fields: Readonly<Record<string, FieldValue>> }> }>();
  const table = (name: string) => {
    const t = tables.get(name);
    if (!t) throw new DocumentQueryError(`read model ${JSON.stringify(name)} does not exist: run its projection first`);
    return t;
  };
  return {
    kind: 'memory',
    async ensure(spec) {
      assertTableSpec(spec);
      const t = tables.get(spec.name);
      if (parseShadowTableName(spec.name)) {
        tables.set(spec.name, { spec, position: 0, rows: new Map() });
        return 'rebuild';
      }
      if (t && t.spec.version === spec.version && JSON.stringify(t.spec.fields) === JSON.stringify(spec.fields)) return 'ready';
      // New: empty until a build is swapped in (version 0). Another version: kept for its readers.
      if (!t) tables.set(spec.name, { spec: { ...spec, version: 0 }, position: 0, rows: new Map() });
      return 'rebuild';
    },
    async names() {
      return [...tables.keys()];
    },
    async position(name) {
      return tables.get(name)?.position ?? 0;
    },
    async load(name, ids) {
      const t = table(name);
      const out = new Map<string, unknown>();
      for (const id of ids) {
        const r = t.rows.get(id);
        if (r) out.set(id, JSON.parse(r.doc));
      }
      return out;
    },
    async commit(name, changes, from, to) {
      const t = table(name);
      if (t.position !== from) return false;
      const staged = changes.map((c) => ({ id: c.id, doc: c.doc === null ? null : JSON.stringify(c.doc), fields: c.fields }));
      for (const c of staged) {
        if (c.doc === null) t.rows.delete(c.id);
        else t.rows.set(c.id, { doc: c.doc, fields: c.fields });
      }
      t.position = to;
      return true;
    },
    async reset(name) {
      const t = table(name);
      t.rows.clear();
      t.position = 0;
    },
    async swap(name, shadow) {
      const t = tables.get(shadow);
      if (!t) throw new DocumentQueryError(`read model ${JSON.stringify(shadow)} does not exist: build it before swapping it in`);
      tables.set(name, { ...t, spec: { ...t.spec, name } });
      tables.delete(shadow);
    },
    async drop(name) {
      tables.delete(name);
    },
    async find<D>(name: string, query: DocumentQuery = {}): Promise<DocumentPage<D>> {
      const t = table(name);
      const q = normalizeQuery(query, t.spec.fields, name);
      const key = (id: string, fields: Readonly<Record<string, FieldValue>>): FieldValue => (q.orderBy === undefined ? id : (fields[q.orderBy] ?? null));
      const cmp = (a: { id: string; v: FieldValue }, b: { id: string; v: FieldValue }) => {
        const c = compareFieldValues(a.v, b.v) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        return q.descending ? -c : c;
      };
      const rows = [...t.rows]
        .filter(([, r]) => q.where.every(([f, filter]) => matches(r.fields[f] ?? null, filter)))
        .map(([id, r]) => ({ id, v: key(id, r.fields), doc: r.doc }))
        .filter((r) => q.after === undefined || cmp(r, { id: q.after.id, v: q.after.value }) > 0)
        .sort(cmp);
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({ id: r.id, doc: JSON.parse(r.doc) as D })),
        next: rows.length > q.limit && last ? encodeCursor({ value: last.v, id: last.id }) : null,
        position: t.position,
      };
    },
    async get<D>(name: string, id: string): Promise<D | undefined> {
      const r = tables.get(name)?.rows.get(id);
      return r ? (JSON.parse(r.doc) as D) : undefined;
    },
    async close() {
      tables.clear();
    },
  };
}

/**
 * The SELECT of {@link DocumentTables.find} for SQL adapters: columns `id`, `doc` and one
 * column `f_<field>` per field, in table `table`; `param(i)` spells the i-th (1-based)
 * placeholder (`?` for SQLite, `$i` for PostgreSQL). Order: the sort field with nulls last,
 * then id; `descending` reverses the whole order. Fetches `limit + 1` rows to know whether a
 * next page exists.
 *
 * @example
 * const { sql, params } = documentFindSql('"rm_open_cases"', normalizeQuery(q, fields, 'open_cases'), (i) => `$${i}`);
 */
export function documentFindSql(
  table: string,
  q: ReturnType<typeof normalizeQuery>,
  param: (i: number) => string,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return param(params.length);
  };
  const col = (f: string) => `f_${f}`;
  const conds: string[] = [];
  for (const [f, filter] of q.where) {
    if (filter === null) conds.push(`${col(f)} IS NULL`);
    else if (typeof filter !== 'object') conds.push(`${col(f)} = ${p(filter)}`);
    else if ('in' in filter) {
      const values = filter.in.filter((v) => v !== null);
      const parts = values.length ? [`${col(f)} IN (${values.map((v) => p(v)).join(', ')})`] : [];
      if (filter.in.includes(null)) parts.push(`${col(f)} IS NULL`);
      conds.push(parts.length ? `(${parts.join(' OR ')})` : 'FALSE');
    } else {
      if (filter.gte !== undefined) conds.push(`${col(f)} >= ${p(filter.gte)}`);
      if (filter.lte !== undefined) conds.push(`${col(f)} <= ${p(filter.lte)}`);
    }
  }
  const sortCol = q.orderBy === undefined ? 'id' : col(q.orderBy);
  const lt = q.descending ? '<' : '>';
  if (q.after) {
    const a = q.after;
    if (q.orderBy === undefined) conds.push(`id ${lt} ${p(a.id)}`);
    else if (a.value === null) {
      conds.push(q.descending ? `((${sortCol} IS NULL AND id < ${p(a.id)}) OR ${sortCol} IS NOT NULL)` : `(${sortCol} IS NULL AND id > ${p(a.id)})`);
    } else {
      const v1 = p(a.value);
      const v2 = p(a.value);
      const idp = p(a.id);
      const after = `(${sortCol} IS NOT NULL AND (${sortCol} ${lt} ${v1} OR (${sortCol} = ${v2} AND id ${lt} ${idp})))`;
      conds.push(q.descending ? after : `(${after} OR ${sortCol} IS NULL)`);
    }
  }
  const dir = q.descending ? 'DESC' : 'ASC';
  const order = q.orderBy === undefined ? `id ${dir}` : `(${sortCol} IS NULL) ${dir}, ${sortCol} ${dir}, id ${dir}`;
  const sql = `SELECT id, doc${q.orderBy === undefined ? '' : `, ${sortCol} AS sort_value`} FROM ${table}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${p(q.limit + 1)}`;
  return { sql, params };
}
