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
import { ownConnections, pgDriver, pgliteDriver, poolConnections, type Driver, type PGliteLike, type PgPoolLike } from '../_lib/driver.js';
import { assertSchemaName } from '../_lib/schema.js';

/**
 * Where the read models live: the same connection source and schema as the store
 * (exactly one of `connectionString`, `pool`, `pglite`).
 *
 * @example
 * const o: PostgresDocumentTablesOptions = { connectionString: process.env.DATABASE_URL, schema: 'taizhou' };
 */
export interface PostgresDocumentTablesOptions {
  readonly connectionString?: string;
  readonly pool?: PgPoolLike;
  readonly pglite?: PGliteLike;
  /** The store's schema (default `banshi`). */
  readonly schema?: string;
  readonly poolSize?: number;
  readonly connectTimeoutMs?: number;
}

/**
 * Read models in tables of the store's own PostgreSQL schema (the `DocumentTables` contract
 * of `@banshi/core`): `rm_<name>` (`id`, `doc` JSON text, one indexed column per field) and
 * its checkpoint in `rm_meta`, written in one transaction. A commit whose checkpoint moved
 * meanwhile (another process ran the projection) writes nothing and reports it.
 *
 * @example
 * const store = await createPostgresStore({ connectionString, schema: 'taizhou', registry });
 * const tables = await createPostgresDocumentTables({ connectionString, schema: 'taizhou' });
 * await runDocumentProjection(store, tables, openCases);
 */
export async function createPostgresDocumentTables(options: PostgresDocumentTablesOptions): Promise<DocumentTables> {
  const sources = [options.connectionString, options.pool, options.pglite].filter((x) => x !== undefined);
  if (sources.length !== 1) throw new ValidationError('createPostgresDocumentTables needs exactly one of connectionString, pool or pglite');
  const schema = options.schema ?? 'banshi';
  assertSchemaName(schema);
  let driver: Driver;
  if (options.pglite) driver = pgliteDriver(options.pglite);
  else if (options.pool) driver = pgDriver(poolConnections(options.pool), false);
  else driver = pgDriver(ownConnections(options.connectionString as string, { connectTimeoutMs: options.connectTimeoutMs ?? 5000, max: options.poolSize ?? 4 }), true);
  const s = `"${schema}"`;
  const meta = `${s}.rm_meta`;
  try {
    await driver.exec(`CREATE SCHEMA IF NOT EXISTS ${s}; CREATE TABLE IF NOT EXISTS ${meta} (name text PRIMARY KEY, version integer NOT NULL, fields text NOT NULL, position bigint NOT NULL)`);
  } catch (err) {
    await driver.close().catch(() => undefined);
    throw err;
  }
  const specs = new Map<string, DocumentTableSpec>();
  const spec = (name: string): DocumentTableSpec => {
    const t = specs.get(name);
    if (!t) throw new DocumentQueryError(`read model ${JSON.stringify(name)} is not open in this process: run its projection (ensure) first`);
    return t;
  };
  const table = (name: string) => `${s}."rm_${name}"`;
  const lockKey = (name: string) => `banshi.rm:${schema}.${name}`;
  const position = async (name: string): Promise<number> => {
    const [row] = await driver.query<{ position: string | number }>(`SELECT position FROM ${meta} WHERE name = $1`, [name]);
    return row ? Number(row.position) : 0;
  };

  return {
    kind: 'postgres',
    async ensure(t) {
      assertTableSpec(t);
      const fieldsJson = JSON.stringify(t.fields);
      const shadow = parseShadowTableName(t.name) !== undefined;
      return driver.session(async (sql) => {
        await sql.exec('BEGIN');
        try {
          // One migrator per model name at a time (two processes starting together).
          await sql.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [lockKey(t.name)]);
          const [row] = await sql.query<{ version: number; fields: string }>(`SELECT version, fields FROM ${meta} WHERE name = $1`, [t.name]);
          if (!shadow && row) {
            await sql.exec('COMMIT');
            // This process keeps the table's own shape (its readers' view) until a build is swapped in.
            specs.set(t.name, { name: t.name, version: row.version, fields: JSON.parse(row.fields) as DocumentTableSpec['fields'] });
            return row.version === t.version && row.fields === fieldsJson ? ('ready' as const) : ('rebuild' as const);
          }
          const cols = Object.entries(t.fields).map(([f, ty]) => `, f_${f} ${ty === 'integer' ? 'bigint' : 'text'}`);
          await sql.exec(`DROP TABLE IF EXISTS ${table(t.name)}; CREATE TABLE ${table(t.name)} (id text PRIMARY KEY, doc text NOT NULL${cols.join('')})`);
          // Index names of their own (a swap renames the table, not its indexes; 63 bytes at most).
          const token = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
          let i = 0;
          for (const f of Object.keys(t.fields)) await sql.exec(`CREATE INDEX "rm_ix_${token}_${i++}" ON ${table(t.name)} (f_${f}, id)`);
          // A new model's table is version 0 (empty, no build finished) until a build is swapped in.
          await sql.query(
            `INSERT INTO ${meta} (name, version, fields, position) VALUES ($1, $2, $3, 0) ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, fields = EXCLUDED.fields, position = 0`,
            [t.name, shadow ? t.version : 0, fieldsJson],
          );
          await sql.exec('COMMIT');
          specs.set(t.name, shadow ? t : { ...t, version: 0 });
          return 'rebuild' as const;
        } catch (err) {
          await sql.exec('ROLLBACK').catch(() => undefined);
          throw err;
        }
      });
    },
    async names() {
      return (await driver.query<{ name: string }>(`SELECT name FROM ${meta} ORDER BY name`)).map((r) => r.name);
    },
    position,
    async load(name, ids) {
      spec(name);
      const out = new Map<string, unknown>();
      if (ids.length === 0) return out;
      for (const r of await driver.query<{ id: string; doc: string }>(`SELECT id, doc FROM ${table(name)} WHERE id = ANY($1::text[])`, [ids])) out.set(r.id, JSON.parse(r.doc));
      return out;
    },
    async commit(name, changes, from, to) {
      const t = spec(name);
      const fields = Object.entries(t.fields);
      const kept = changes.filter((c) => c.doc !== null);
      const gone = changes.filter((c) => c.doc === null).map((c) => c.id);
      return driver.session(async (sql) => {
        await sql.exec('BEGIN');
        const moved = await sql.query(`UPDATE ${meta} SET position = $1 WHERE name = $2 AND position = $3 AND version = $4 AND fields = $5 RETURNING 1`, [to, name, from, t.version, JSON.stringify(t.fields)]);
        if (moved.length !== 1) {
          await sql.exec('ROLLBACK');
          return false;
        }
        if (gone.length) await sql.query(`DELETE FROM ${table(name)} WHERE id = ANY($1::text[])`, [gone]);
        if (kept.length) {
          const arrays: unknown[] = [kept.map((c) => c.id), kept.map((c) => JSON.stringify(c.doc))];
          for (const [f] of fields) arrays.push(kept.map((c) => c.fields[f] ?? null));
          const casts = fields.map(([, ty], i) => `$${i + 3}::${ty === 'integer' ? 'bigint' : 'text'}[]`);
          const names = fields.map(([f]) => `f_${f}`);
          await sql.query(
            `INSERT INTO ${table(name)} (id, doc${names.map((n) => ', ' + n).join('')})
             SELECT * FROM unnest($1::text[], $2::text[]${casts.map((c) => ', ' + c).join('')})
             ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc${names.map((n) => `, ${n} = EXCLUDED.${n}`).join('')}`,
            arrays,
          );
        }
        await sql.exec('COMMIT');
        return true;
      });
    },
    async reset(name) {
      spec(name);
      await driver.session(async (sql) => {
        await sql.exec(`BEGIN; DELETE FROM ${table(name)}`);
        await sql.query(`UPDATE ${meta} SET position = 0 WHERE name = $1`, [name]);
        await sql.exec('COMMIT');
      });
    },
    async swap(name, shadow) {
      const t = spec(shadow);
      await driver.session(async (sql) => {
        await sql.exec('BEGIN');
        try {
          // One swap of a model at a time (two processes finishing rebuilds together).
          await sql.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [lockKey(name)]);
          const [row] = await sql.query<{ position: string | number }>(`SELECT position FROM ${meta} WHERE name = $1 FOR UPDATE`, [shadow]);
          if (!row) throw new DocumentQueryError(`read model ${JSON.stringify(shadow)} does not exist: build it before swapping it in`);
          // Readers of the old table finish first (DROP waits for their locks); later ones find the new table.
          await sql.exec(`DROP TABLE IF EXISTS ${table(name)}; ALTER TABLE ${table(shadow)} RENAME TO "rm_${name}"`);
          await sql.query(
            `INSERT INTO ${meta} (name, version, fields, position) VALUES ($4, $2, $3, $1) ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, version = EXCLUDED.version, fields = EXCLUDED.fields`,
            [row.position, t.version, JSON.stringify(t.fields), name],
          );
          await sql.query(`DELETE FROM ${meta} WHERE name = $1`, [shadow]);
          await sql.exec('COMMIT');
        } catch (err) {
          await sql.exec('ROLLBACK').catch(() => undefined);
          throw err;
        }
      });
      specs.delete(shadow);
      specs.set(name, { ...t, name });
    },
    async drop(name) {
      await driver.session(async (sql) => {
        await sql.exec(`BEGIN; DROP TABLE IF EXISTS ${table(name)}`);
        await sql.query(`DELETE FROM ${meta} WHERE name = $1`, [name]);
        await sql.exec('COMMIT');
      });
      specs.delete(name);
    },
    async find<D>(name: string, query: DocumentQuery = {}): Promise<DocumentPage<D>> {
      return driver.session(async (c) => {
        await c.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        try {
          // The lock first, then the snapshot: a swap committed while this waited is in it, so
          // the shape, the rows and the checkpoint below are one table's.
          try {
            await c.exec(`LOCK TABLE ${table(name)} IN ACCESS SHARE MODE`);
          } catch (err) {
            if ((err as { code?: unknown }).code === '42P01') throw new DocumentQueryError(`read model ${JSON.stringify(name)} does not exist: run its projection first`);
            throw err;
          }
          const [row] = await c.query<{ position: string | number; fields: string }>(`SELECT position, fields FROM ${meta} WHERE name = $1`, [name]);
          if (!row) throw new DocumentQueryError(`read model ${JSON.stringify(name)} does not exist: run its projection first`);
          const fields = JSON.parse(row.fields) as DocumentTableSpec['fields'];
          const nq = normalizeQuery(query, fields, name);
          const { sql, params } = documentFindSql(table(name), nq, (i) => `$${i}`);
          const integerSort = nq.orderBy !== undefined && fields[nq.orderBy] === 'integer';
          const rows = await c.query<{ id: string; doc: string; sort_value?: string | number | null }>(sql, params);
          await c.exec('COMMIT');
          const page = rows.slice(0, nq.limit);
          const last = page.at(-1);
          const sortValue = (v: string | number | null | undefined): FieldValue => (v === null || v === undefined ? null : integerSort ? Number(v) : v);
          return {
            items: page.map((r) => ({ id: r.id, doc: JSON.parse(r.doc) as D })),
            next: rows.length > nq.limit && last ? encodeCursor({ value: nq.orderBy === undefined ? last.id : sortValue(last.sort_value), id: last.id }) : null,
            position: Number(row.position),
          };
        } catch (err) {
          await c.exec('ROLLBACK').catch(() => undefined);
          throw err;
        }
      });
    },
    async get<D>(name: string, id: string): Promise<D | undefined> {
      spec(name);
      const [r] = await driver.query<{ doc: string }>(`SELECT doc FROM ${table(name)} WHERE id = $1`, [id]);
      return r ? (JSON.parse(r.doc) as D) : undefined;
    },
    async close() {
      await driver.close();
    },
  };
}
