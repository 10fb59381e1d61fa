import {
  assertTableSpec,
  documentFindSql,
  DocumentQueryError,
  encodeCursor,
  normalizeQuery,
  parseShadowTableName,
  ValidationError,
  type DocumentPage,
  type DocumentQuery,
  type DocumentTables,
  type DocumentTableSpec,
  type FieldValue,
} from '@banshi/core';
import Database from 'better-sqlite3';
import { mapSqliteError } from '../_lib/mapSqliteError.js';

/**
 * Options of {@link createSqliteDocumentTables}.
 *
 * @example
 * const o: SqliteDocumentTablesOptions = { busyTimeoutMs: 10_000 };
 */
export interface SqliteDocumentTablesOptions {
  /** How long a commit waits for the store's write lock (ms, default 5000). */
  readonly busyTimeoutMs?: number;
}

const META = 'rm_meta';

/**
 * Read models in tables of a SQLite store's own file (the `DocumentTables` contract of
 * `@banshi/core`): one table `rm_<name>` per model (`id`, `doc` JSON, one indexed column per
 * field) and its checkpoint in `rm_meta`, written in one transaction. Opens its own
 * connection to `path` (WAL lets it read while the store writes), so give the path of a
 * store file, not `':memory:'`.
 *
 * @example
 * const store = createSqliteStore('center.db', { registry });
 * const tables = createSqliteDocumentTables(store.path);
 * await runDocumentProjection(store, tables, openCases);
 */
export function createSqliteDocumentTables(path: string, options: SqliteDocumentTablesOptions = {}): DocumentTables {
  if (typeof path !== 'string' || path.length === 0 || path === ':memory:' || path.startsWith('file::memory:')) {
    throw new ValidationError(`document tables need the SQLite store's file path, got ${JSON.stringify(path)}: an in-memory store has no file to share (use createMemoryDocumentTables)`);
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: busyTimeoutMs, fileMustExist: true });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(`CREATE TABLE IF NOT EXISTS ${META} (name TEXT PRIMARY KEY, version INTEGER NOT NULL, fields TEXT NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID`);
  } catch (err) {
    throw mapSqliteError(err, path, busyTimeoutMs);
  }
  const specs = new Map<string, DocumentTableSpec>();
  const q = {
    meta: db.prepare<[string], { version: number; fields: string; position: number }>(`SELECT version, fields, position FROM ${META} WHERE name = ?`),
    position: db.prepare<[string], number>(`SELECT position FROM ${META} WHERE name = ?`).pluck(),
    move: db.prepare(`UPDATE ${META} SET position = ? WHERE name = ? AND position = ? AND version = ? AND fields = ?`),
    names: db.prepare<[], string>(`SELECT name FROM ${META} ORDER BY name`).pluck(),
  };
  const spec = (name: string): DocumentTableSpec => {
    const s = specs.get(name);
    if (!s) throw new DocumentQueryError(`read model ${JSON.stringify(name)} is not open in this process: run its projection (ensure) first`);
    return s;
  };
  const table = (name: string) => `"rm_${name}"`;
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const run = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof DocumentQueryError || err instanceof ValidationError) throw err;
      throw mapSqliteError(err, path, busyTimeoutMs);
    }
  };

  return {
    kind: 'sqlite',
    async ensure(s) {
      assertTableSpec(s);
      const fieldsJson = JSON.stringify(s.fields);
      const shadow = parseShadowTableName(s.name) !== undefined;
      return run(() =>
        db
          .transaction((): 'ready' | 'rebuild' => {
            const row = q.meta.get(s.name);
            if (!shadow && row) {
              // This process keeps the table's own shape (its readers' view) until a build is swapped in.
              specs.set(s.name, { name: s.name, version: row.version, fields: JSON.parse(row.fields) as DocumentTableSpec['fields'] });
              return row.version === s.version && row.fields === fieldsJson ? 'ready' : 'rebuild';
            }
            specs.set(s.name, s);
            db.exec(`DROP TABLE IF EXISTS ${table(s.name)}`);
            const cols = Object.entries(s.fields).map(([f, t]) => `f_${f} ${t === 'integer' ? 'INTEGER' : 'TEXT'}`);
            db.exec(`CREATE TABLE ${table(s.name)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL${cols.map((c) => ', ' + c).join('')}) WITHOUT ROWID`);
            // SQLite cannot rename an index, and a swapped-in shadow keeps its indexes: a fresh token keeps names unique.
            const token = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
            for (const f of Object.keys(s.fields)) db.exec(`CREATE INDEX "rm_${s.name}__${f}__${token}" ON ${table(s.name)} (f_${f}, id)`);
            // A new model's table is version 0 (empty, no build finished) until a build is swapped in.
            db.prepare(`INSERT INTO ${META} (name, version, fields, position) VALUES (?, ?, ?, 0) ON CONFLICT (name) DO UPDATE SET version = excluded.version, fields = excluded.fields, position = 0`).run(
              s.name,
              shadow ? s.version : 0,
              fieldsJson,
            );
            if (!shadow) specs.set(s.name, { ...s, version: 0 });
            statements.clear();
            return 'rebuild';
          })
          .immediate(),
      );
    },
    async names() {
      return run(() => q.names.all());
    },
    async position(name) {
      return run(() => q.position.get(name) ?? 0);
    },
    async load(name, ids) {
      spec(name);
      const out = new Map<string, unknown>();
      if (ids.length === 0) return out;
      return run(() => {
        const sel = prepared(`SELECT id, doc FROM ${table(name)} WHERE id IN (SELECT value FROM json_each(?))`);
        for (const r of sel.all(JSON.stringify(ids)) as { id: string; doc: string }[]) out.set(r.id, JSON.parse(r.doc));
        return out;
      });
    },
    async commit(name, changes, from, to) {
      const s = spec(name);
      const fields = Object.keys(s.fields);
      const upsert = prepared(
        `INSERT INTO ${table(name)} (id, doc${fields.map((f) => `, f_${f}`).join('')}) VALUES (?, ?${fields.map(() => ', ?').join('')}) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc${fields.map((f) => `, f_${f} = excluded.f_${f}`).join('')}`,
      );
      const del = prepared(`DELETE FROM ${table(name)} WHERE id = ?`);
      const rows = changes.map((c) => (c.doc === null ? { id: c.id, doc: null } : { id: c.id, doc: JSON.stringify(c.doc), values: fields.map((f) => c.fields[f] ?? null) }));
      return run(() =>
        db
          .transaction((): boolean => {
            if (q.move.run(to, name, from, s.version, JSON.stringify(s.fields)).changes !== 1) return false;
            for (const r of rows) {
              if (r.doc === null) del.run(r.id);
              else upsert.run(r.id, r.doc, ...(r.values ?? []));
            }
            return true;
          })
          .immediate(),
      );
    },
    async reset(name) {
      spec(name);
      run(() =>
        db
          .transaction(() => {
            db.prepare(`DELETE FROM ${table(name)}`).run();
            db.prepare(`UPDATE ${META} SET position = 0 WHERE name = ?`).run(name);
          })
          .immediate(),
      );
    },
    async swap(name, shadow) {
      const s = spec(shadow);
      run(() =>
        db
          .transaction(() => {
            const pos = q.position.get(shadow);
            if (pos === undefined) throw new DocumentQueryError(`read model ${JSON.stringify(shadow)} does not exist: build it before swapping it in`);
            db.exec(`DROP TABLE IF EXISTS ${table(name)}`);
            db.exec(`ALTER TABLE ${table(shadow)} RENAME TO ${table(name)}`);
            db.prepare(`UPDATE ${META} SET position = ?, version = ?, fields = ? WHERE name = ?`).run(pos, s.version, JSON.stringify(s.fields), name);
            db.prepare(`DELETE FROM ${META} WHERE name = ?`).run(shadow);
            statements.clear();
          })
          .immediate(),
      );
      specs.delete(shadow);
      specs.set(name, { ...s, name });
    },
    async drop(name) {
      run(() =>
        db
          .transaction(() => {
            db.exec(`DROP TABLE IF EXISTS ${table(name)}`);
            db.prepare(`DELETE FROM ${META} WHERE name = ?`).run(name);
            statements.clear();
          })
          .immediate(),
      );
      specs.delete(name);
    },
    async find<D>(name: string, query: DocumentQuery = {}): Promise<DocumentPage<D>> {
      return run(() =>
        db
          .transaction(() => {
            // The table's shape and checkpoint as of this read (a swap may have changed them).
            const row = q.meta.get(name);
            if (!row) throw new DocumentQueryError(`read model ${JSON.stringify(name)} does not exist: run its projection first`);
            const nq = normalizeQuery(query, JSON.parse(row.fields) as DocumentTableSpec['fields'], name);
            const { sql, params } = documentFindSql(table(name), nq, () => '?');
            const rows = prepared(sql).all(...params) as { id: string; doc: string; sort_value?: FieldValue }[];
            const page = rows.slice(0, nq.limit);
            const last = page.at(-1);
            return {
              items: page.map((r) => ({ id: r.id, doc: JSON.parse(r.doc) as D })),
              next: rows.length > nq.limit && last ? encodeCursor({ value: nq.orderBy === undefined ? last.id : (last.sort_value ?? null), id: last.id }) : null,
              position: row.position,
            };
          })
          .deferred(),
      );
    },
    async get<D>(name: string, id: string): Promise<D | undefined> {
      spec(name);
      return run(() => {
        const r = prepared(`SELECT doc FROM ${table(name)} WHERE id = ?`).get(id) as { doc: string } | undefined;
        return r ? (JSON.parse(r.doc) as D) : undefined;
      });
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
