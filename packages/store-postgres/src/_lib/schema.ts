import { ValidationError } from '@banshi/core';
import { SchemaVersionError } from '../errors/index.js';
import type { Driver } from './driver.js';

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Throws `ValidationError` unless `schema` is a plain lowercase PostgreSQL identifier,
 * so it can be spliced into SQL without any quoting doubts.
 */
export function assertSchemaName(schema: unknown): asserts schema is string {
  if (typeof schema !== 'string' || !SCHEMA_RE.test(schema)) {
    throw new ValidationError(`schema name ${JSON.stringify(schema)} is invalid: use 1–63 characters of a–z, 0–9 and _, not starting with a digit (e.g. "banshi" or "city_taizhou")`);
  }
}

/** Advisory-lock namespace of banshi ('bans' as int4); the second key is per schema. */
export const LOCK_CLASS = 0x62616e73;

/** Advisory-lock namespace of per-stream writer locks ('bstr' as int4); the second key hashes schema and stream. */
export const STREAM_LOCK_CLASS = 0x62737472;

/** A stable int4 per schema name (FNV-1a), the second key of the schema's advisory locks. */
export function schemaLockKey(schema: string, purpose: 'append' | 'migrate' | `stream:${string}`): number {
  let h = 0x811c9dc5;
  for (const ch of `${purpose}:${schema}`) {
    h ^= ch.codePointAt(0) as number;
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** Each entry upgrades the schema by one version; never edit a shipped entry, append a new one. */
const migrations: readonly ((s: string, schema: string) => string)[] = [
  (s) => `
    CREATE TABLE ${s}.events (
      position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      id text NOT NULL UNIQUE,
      stream text NOT NULL,
      version integer NOT NULL CHECK (version >= 1),
      type text NOT NULL,
      schema integer NOT NULL,
      data text NOT NULL,
      meta text NOT NULL,
      hash text NOT NULL,
      tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
      UNIQUE (stream, version)
    );
    CREATE TABLE ${s}.streams (
      stream text PRIMARY KEY,
      version integer NOT NULL,
      hash text NOT NULL
    );
    CREATE TABLE ${s}.checkpoints (
      name text PRIMARY KEY,
      position bigint NOT NULL,
      state text,
      saved_at timestamptz NOT NULL DEFAULT now()
    );
    -- One append, server-side: queue behind writers of the same stream (no xid needed), then
    -- take the xid and the positions inside the schema's critical section and leave it before
    -- the caller's COMMIT. Writes nothing (returns no rows) unless the stream is at p_from.
    CREATE FUNCTION ${s}.append_events(
      p_stream text, p_from integer, p_to integer, p_hash text,
      p_ids text[], p_versions integer[], p_types text[], p_schemas integer[], p_data text[], p_meta text[], p_hashes text[],
      p_lock_class integer, p_lock_key integer, p_stream_key integer, p_lock_timeout_ms integer
    ) RETURNS SETOF bigint LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM set_config('lock_timeout', p_lock_timeout_ms::text, true);
      PERFORM pg_advisory_xact_lock(${STREAM_LOCK_CLASS}, p_stream_key);
      PERFORM pg_advisory_lock(p_lock_class, p_lock_key);
      BEGIN
        RETURN QUERY
          WITH head AS (
            INSERT INTO ${s}.streams AS h (stream, version, hash) VALUES (p_stream, p_to, p_hash)
            ON CONFLICT (stream) DO UPDATE SET version = EXCLUDED.version, hash = EXCLUDED.hash WHERE h.version = p_from
            RETURNING 1
          )
          INSERT INTO ${s}.events AS ev (id, stream, version, type, schema, data, meta, hash)
          SELECT e.id, p_stream, e.version, e.type, e.schema, e.data, e.meta, e.hash
          FROM unnest(p_ids, p_versions, p_types, p_schemas, p_data, p_meta, p_hashes) WITH ORDINALITY AS e(id, version, type, schema, data, meta, hash, ord)
          WHERE EXISTS (SELECT 1 FROM head)
          ORDER BY e.ord
          RETURNING ev.position;
      EXCEPTION WHEN OTHERS OR query_canceled THEN
        PERFORM pg_advisory_unlock(p_lock_class, p_lock_key);
        RAISE;
      END;
      PERFORM pg_advisory_unlock(p_lock_class, p_lock_key);
    END
    $fn$;`,
  // Version 2: no global critical section. Every statement that draws positions first takes the
  // schema's writer lock in SHARED mode (writers never wait for each other); readers find the
  // safe horizon from the sequence and the holders of that lock (see README, "Gap-free global order").
  (s, schema) => `
    DROP FUNCTION ${s}.append_events(text, integer, integer, text, text[], integer[], text[], integer[], text[], text[], text[], integer, integer, integer, integer);
    CREATE FUNCTION ${s}.announce_writer() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(TG_ARGV[0]::integer, TG_ARGV[1]::integer);
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER announce_writer BEFORE INSERT ON ${s}.events FOR EACH STATEMENT
      EXECUTE FUNCTION ${s}.announce_writer('${LOCK_CLASS}', '${schemaLockKey(schema, 'append')}');
    -- One append, server-side: queue behind writers of the same stream, then write the head and
    -- the events iff the stream is still at p_from (returns no rows otherwise).
    CREATE FUNCTION ${s}.append_events(
      p_stream text, p_from integer, p_to integer, p_hash text,
      p_ids text[], p_versions integer[], p_types text[], p_schemas integer[], p_data text[], p_meta text[], p_hashes text[],
      p_stream_key integer, p_lock_timeout_ms integer
    ) RETURNS SETOF bigint LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM set_config('lock_timeout', p_lock_timeout_ms::text, true);
      PERFORM pg_advisory_xact_lock(${STREAM_LOCK_CLASS}, p_stream_key);
      RETURN QUERY
        WITH head AS (
          INSERT INTO ${s}.streams AS h (stream, version, hash) VALUES (p_stream, p_to, p_hash)
          ON CONFLICT (stream) DO UPDATE SET version = EXCLUDED.version, hash = EXCLUDED.hash WHERE h.version = p_from
          RETURNING 1
        )
        INSERT INTO ${s}.events AS ev (id, stream, version, type, schema, data, meta, hash)
        SELECT e.id, p_stream, e.version, e.type, e.schema, e.data, e.meta, e.hash
        FROM unnest(p_ids, p_versions, p_types, p_schemas, p_data, p_meta, p_hashes) WITH ORDINALITY AS e(id, version, type, schema, data, meta, hash, ord)
        WHERE EXISTS (SELECT 1 FROM head)
        ORDER BY e.ord
        RETURNING ev.position;
    END
    $fn$;
    -- Which of the schema's writers (virtual transaction ids) still hold the writer lock; all
    -- of them when p_among is NULL.
    CREATE FUNCTION ${s}.open_writers(p_lock_class integer, p_lock_key integer, p_among text[]) RETURNS text[] LANGUAGE sql VOLATILE AS $fn$
      SELECT coalesce(array_agg(l.virtualtransaction), '{}') FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid = (p_lock_class::bigint & 4294967295)::oid AND l.objid = (p_lock_key::bigint & 4294967295)::oid AND l.objsubid = 2
        AND l.granted AND l.pid <> pg_backend_pid()
        AND (p_among IS NULL OR l.virtualtransaction = ANY (p_among))
    $fn$;
    -- The reader's horizon: the last position drawn, THEN the writers that may still hold one
    -- at or below it (the order matters: a writer takes the lock before it draws).
    CREATE FUNCTION ${s}.read_horizon(p_lock_class integer, p_lock_key integer) RETURNS TABLE (horizon bigint, writers text[]) LANGUAGE plpgsql VOLATILE AS $fn$
    BEGIN
      horizon := coalesce(pg_sequence_last_value(pg_get_serial_sequence('${s}.events', 'position')::regclass), 0);
      writers := ${s}.open_writers(p_lock_class, p_lock_key, NULL);
      RETURN NEXT;
    END
    $fn$;`,
  // Version 3: an append is one INSERT into events. The unique (stream, version) index is the
  // expectedVersion check and the stream's lock (a second writer of a version waits for the
  // first to end, then fails with a unique violation), so the head row and its second write per
  // append go. The writer lock moves from a statement trigger into the position's default, which
  // takes it before it draws (CASE evaluates its condition first); the sequence goes on from
  // where the identity stopped, so no position is ever drawn twice.
  (s, schema) => `
    LOCK TABLE ${s}.events, ${s}.streams IN ACCESS EXCLUSIVE MODE;
    DROP FUNCTION ${s}.append_events(text, integer, integer, text, text[], integer[], text[], integer[], text[], text[], text[], integer, integer);
    DROP TABLE ${s}.streams;
    DROP TRIGGER announce_writer ON ${s}.events;
    DROP FUNCTION ${s}.announce_writer();
    DO $m$
    DECLARE
      seq text := pg_get_serial_sequence('${s}.events', 'position');
      last bigint;
      called boolean;
    BEGIN
      EXECUTE format('SELECT last_value, is_called FROM %s', seq) INTO last, called;
      ALTER TABLE ${s}.events ALTER COLUMN position DROP IDENTITY;
      CREATE SEQUENCE ${s}.events_position_seq AS bigint OWNED BY ${s}.events.position;
      PERFORM setval('${s}.events_position_seq', last, called);
    END
    $m$;
    ALTER TABLE ${s}.events ALTER COLUMN position SET DEFAULT (
      CASE WHEN pg_advisory_xact_lock_shared(${LOCK_CLASS}, ${schemaLockKey(schema, 'append')}) IS NULL
        THEN nextval('${s}.events_position_seq') ELSE nextval('${s}.events_position_seq') END);`,
  // Version 4: "version ≥ 1" moves from a CHECK of the table into the column's type, a domain.
  // A table CHECK is read back from its stored text and planned again on every execution of the
  // insert (13,000 server instructions per append); a domain's check is kept ready in the type
  // cache (3,500). The same rows are refused, also by hand-written inserts. The domain takes the
  // column without its check (no rewrite, the indexes are kept), then gets the check, which
  // scans the rows once; all in the migration's transaction, so no row goes in unchecked.
  (s) => `
    CREATE DOMAIN ${s}.event_version AS integer;
    ALTER TABLE ${s}.events DROP CONSTRAINT events_version_check;
    ALTER TABLE ${s}.events ALTER COLUMN version TYPE ${s}.event_version;
    ALTER DOMAIN ${s}.event_version ADD CONSTRAINT event_version_at_least_1 CHECK (VALUE >= 1);`,
];

/** The schema version this package writes and reads. */
export const SCHEMA_VERSION = migrations.length;

/**
 * Creates the schema and its tables on demand, or upgrades them (to `upTo`, tests stop earlier);
 * one migrator at a time (transaction-scoped advisory lock). Throws `SchemaVersionError` for a
 * schema from a newer release.
 */
export async function migrate(driver: Driver, schema: string, upTo = SCHEMA_VERSION): Promise<number> {
  const s = `"${schema}"`;
  return driver.session(async (sql) => {
    // A migrator waits for another one however long it takes, also on a connection opened with a lock_timeout.
    await sql.exec(`BEGIN; SET LOCAL lock_timeout = 0; SELECT pg_advisory_xact_lock(${LOCK_CLASS}, ${schemaLockKey(schema, 'migrate')})`);
    await sql.exec(`CREATE SCHEMA IF NOT EXISTS ${s}; CREATE TABLE IF NOT EXISTS ${s}.migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const [row] = await sql.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${s}.migrations`);
    const found = Number(row?.v ?? 0);
    if (found > SCHEMA_VERSION) throw new SchemaVersionError(schema, found, SCHEMA_VERSION);
    for (let v = found + 1; v <= upTo; v++) {
      await sql.exec((migrations[v - 1] as (s: string, schema: string) => string)(s, schema));
      await sql.query(`INSERT INTO ${s}.migrations (version) VALUES ($1)`, [v]);
    }
    await sql.exec('COMMIT');
    return Math.max(found, upTo);
  });
}
