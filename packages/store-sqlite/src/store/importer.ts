import { DuplicateEventIdError, encodeEvent, GENESIS_HASH, IntegrityError, ValidationError, type ImportResult, type RecordedEvent, type StoredEvent } from '@banshi/core';
import { atSourceIndex, checkImported, checkImportedPayload } from '@banshi/core/adapter';
import Database from 'better-sqlite3';
import { setRow } from './append.js';
import { assertOpen, headPositionOf, type StoreContext } from './context.js';
import { ROWS_PER_INSERT } from './statements.js';

/** Parameters per row of `insertMany` (id, stream, version, type, schema, data, meta, hash). */
const COLS = 8;

/**
 * Checks and writes imported events inside an open transaction, in multi-row inserts. Each
 * event is canonicalized and hashed once: `checkImported` hands back the texts it hashed, and
 * those are the texts stored. A checked event goes straight into the parameters of the next
 * insert, which runs as soon as it holds {@link ROWS_PER_INSERT} rows: no object is kept per
 * event, and nothing an import made lives long enough for the garbage collector to copy it.
 * An error names the event by its index in the source (`atSourceIndex`).
 */
/** A stream's head as an import moves it; `stored` is its version before the import. */
interface Head {
  version: number;
  hash: string;
  dirty: boolean;
  stored: number;
}

/** What an importer needs of a store: an import worker builds it on its own connection. */
export type ImporterContext = Pick<StoreContext, 'q' | 'registry' | 'hasher' | 'policy' | 'state' | 'path'>;

/** Why an import refuses an event whose id is stored (or imported before) with other content. */
export const OTHER_CONTENT = 'already stored with different content';

/** The error of an event whose canonical text could not be made. */
export function unhashable(stream: unknown, version: unknown, reason: string): ValidationError {
  return new ValidationError(`recorded event ${String(stream)}@${String(version)} cannot be hashed: ${reason}`);
}

/**
 * Thrown by `addVerified` for a row the caller refused before (`dataEnd` −1), once the importer
 * has found it is not a repeat: the caller throws its own error for the row, at the same point of
 * the checks as `add` would.
 */
export class RefusedBeforeImport extends Error {}

export function createImporter(ctx: ImporterContext) {
  const { q, registry, hasher, policy } = ctx;
  /** Each stream's head as this import moves it; `stored` is its version before the import. */
  const heads = new Map<string, Head>();
  /** The next insert's parameters, filled in place; `rows` rows are in it. */
  const params = new Array<unknown>(ROWS_PER_INSERT * COLS);
  /** The source index of each row in `params`. */
  const sourceOf = new Float64Array(ROWS_PER_INSERT);
  let rows = 0;
  // A store without streams has no heads to look up: only the ones this import makes.
  const noStoredHeads = q.anyStream.get() === undefined;
  let index = 0;
  let imported = 0;
  let skipped = 0;
  const flush = () => {
    if (rows === 0) return;
    try {
      if (rows === ROWS_PER_INSERT) q.insertMany.run(params);
      else for (let k = 0; k < rows * COLS; k += COLS) q.insertOne.run(params[k], params[k + 1], params[k + 2], params[k + 3], params[k + 4], params[k + 5], params[k + 6], params[k + 7]);
    } catch (err) {
      if (err instanceof Database.SqliteError && /events\.id/.test(err.message)) {
        // The culprit is the first row whose id holds other content: stored (also by this import's
        // earlier inserts) or in an earlier row of this insert.
        const before = new Map<string, unknown>();
        let k = 0;
        for (; k < rows - 1; k++) {
          const id = params[k * COLS] as string;
          if ((before.get(id) ?? q.hashOfId.get(id) ?? params[k * COLS + 7]) !== params[k * COLS + 7]) break;
          before.set(id, params[k * COLS + 7]);
        }
        throw atSourceIndex(new DuplicateEventIdError(params[k * COLS] as string, OTHER_CONTENT), sourceOf[k] as number);
      }
      throw err;
    }
    rows = 0;
  };
  const headOf = (stream: string) => {
    let h = heads.get(stream);
    if (!h) {
      if (noStoredHeads) return undefined;
      const row = q.head.get(stream);
      if (!row) return undefined;
      h = { version: row[0], hash: row[1], dirty: false, stored: row[0] };
      heads.set(stream, h);
    }
    return h;
  };
  /** The hash of an event with this id in the insert not yet run, if any. */
  const unwrittenHashOf = (id: string): string | undefined => {
    for (let k = 0; k < rows * COLS; k += COLS) if (params[k] === id) return params[k + 7] as string;
    return undefined;
  };
  /**
   * Whether the event with this id is stored (or in the insert not yet run) with this hash: then
   * it is skipped; with another hash it is refused. Only an event at or below the stream head can
   * be stored; above the stored head, only this import can hold it (a source that repeats an
   * event): the insert not yet run, then the rows already written.
   */
  const isRepeat = (head: Head, id: string, version: number, hash: string): boolean => {
    if (version > head.version) return false;
    const storedHash = (version > head.stored ? unwrittenHashOf(id) : undefined) ?? q.hashOfId.get(id);
    if (storedHash === undefined) return false;
    if (storedHash !== hash) throw new DuplicateEventIdError(id, OTHER_CONTENT);
    skipped++;
    return true;
  };
  /** Moves the stream's head to the event just checked. */
  const advance = (stream: string, head: Head | undefined, version: number, hash: string): void => {
    if (head) {
      head.version = version;
      head.hash = hash;
      head.dirty = true;
    } else heads.set(stream, { version, hash, dirty: true, stored: 0 });
  };
  const add = (e: RecordedEvent): void => {
    const head = typeof e === 'object' && e !== null && typeof e.stream === 'string' ? headOf(e.stream) : undefined;
    if (head && typeof e.version === 'number' && typeof e.id === 'string' && isRepeat(head, e.id, e.version, e.hash)) return;
    const next = checkImported(e, head, { registry, hasher, unknownEvents: policy });
    advance(e.stream, head, next.version, next.hash);
    setRow(params, rows * COLS, e, next.data, next.meta);
    sourceOf[rows] = index;
    imported++;
    if (++rows === ROWS_PER_INSERT) flush();
  };
  /**
   * Takes row `k` of a batch an import worker checked (see {@link VERIFIED_FIELDS}): the same
   * verdicts, in the same order, as `add` gives the event — skip, version, canonical form, hash.
   * The worker parsed the line, checked its envelope and canonicalized it; the hash over the
   * stream's head is taken here, and `data` and `meta` are stored as the pieces of the hashed text.
   */
  const addVerified = (v: readonly unknown[], k: number): void => {
    const id = v[k] as string;
    const stream = v[k + 1] as string;
    const version = v[k + 2] as number;
    const hash = v[k + 5] as string;
    const dataEnd = v[k + 7] as number;
    // A refused row's fields are only what `add` would look at before refusing it (see encodeForImport).
    const head = typeof stream === 'string' ? headOf(stream) : undefined;
    if (head && typeof version === 'number' && typeof id === 'string' && isRepeat(head, id, version, hash)) return;
    if (dataEnd === REFUSED) throw new RefusedBeforeImport();
    const expectedVersion = (head?.version ?? 0) + 1;
    if (version !== expectedVersion) {
      throw new IntegrityError({ stream, version, eventId: id, reason: 'stream version out of sequence', expected: String(expectedVersion), found: String(version) });
    }
    const input = v[k + 6] as string;
    if (dataEnd === 0) throw unhashable(stream, version, input);
    const expected = hasher((head?.hash ?? GENESIS_HASH) + input);
    if (expected !== hash) throw new IntegrityError({ stream, version, eventId: id, reason: 'hash mismatch', expected, found: hash });
    advance(stream, head, version, hash);
    const at = rows * COLS;
    params[at] = id;
    params[at + 1] = stream;
    params[at + 2] = version;
    params[at + 3] = v[k + 3];
    params[at + 4] = v[k + 4];
    params[at + 5] = dataEnd === APART ? v[k + 8] : input.slice(8, dataEnd);
    params[at + 6] = dataEnd === APART ? v[k + 9] : input.slice(v[k + 8] as number, v[k + 9] as number);
    params[at + 7] = hash;
    sourceOf[rows] = index;
    imported++;
    if (++rows === ROWS_PER_INSERT) flush();
  };
  return {
    /** Row `k` (its first field's index) of a worker's verified batch `v`. */
    addVerified(v: readonly unknown[], k: number): void {
      if (ctx.state.closed) assertOpen(ctx);
      try {
        addVerified(v, k);
      } catch (err) {
        throw atSourceIndex(err, index);
      } finally {
        index++;
      }
    },
    add(e: RecordedEvent): void {
      if (ctx.state.closed) assertOpen(ctx);
      try {
        add(e);
      } catch (err) {
        throw atSourceIndex(err, index);
      } finally {
        index++;
      }
    },
    finish(): ImportResult {
      flush();
      for (const [stream, h] of heads) if (h.dirty) q.upsertHead.run(stream, h.version, h.hash);
      return { imported, skipped, lastPosition: headPositionOf(ctx) };
    },
  };
}

/**
 * Fields per event of a batch an import worker checked: id, stream, version, type, schema, hash,
 * the hash input (`encodeEvent`'s text, `{"data":…,"id":…,"meta":…,…}`), where `data` ends in it,
 * where `meta` starts and ends in it. An event that cannot be canonicalized has `data` ending at 0
 * and the reason in place of the hash input; one whose hash input is not in that shape (not plain
 * JSON data) has `data` ending at {@link APART} and its `data` and `meta` texts in the last two
 * fields; one the caller refused has it ending at {@link REFUSED}.
 */
export const VERIFIED_FIELDS = 10;
const APART = -2;
const REFUSED = -1;

/**
 * Writes a well-formed event's row (see {@link VERIFIED_FIELDS}) at `k` of `v`: its envelope
 * fields and its canonical texts, made once — the importer hashes and stores those texts.
 */
export function setVerifiedRow(e: RecordedEvent | StoredEvent, v: unknown[], k: number): void {
  v[k] = e.id;
  v[k + 1] = e.stream;
  v[k + 2] = e.version;
  v[k + 3] = e.type;
  v[k + 4] = e.schema;
  v[k + 5] = e.hash;
  let texts: ReturnType<typeof encodeEvent>;
  try {
    texts = encodeEvent(e);
  } catch (err) {
    v[k + 6] = (err as Error).message;
    v[k + 7] = 0;
    v[k + 8] = 0;
    v[k + 9] = 0;
    return;
  }
  const input = texts.hashInput;
  v[k + 6] = input;
  const dataEnd = 8 + texts.data.length;
  const metaStart = input.indexOf(',"meta":', dataEnd) + 8;
  // data and meta are pieces of the hashed text when it has encodeEvent's plain shape: one string crosses to the importer, not three.
  if (input.startsWith('{"data":') && input.startsWith(texts.data, 8) && metaStart >= 8 && input.startsWith(texts.meta, metaStart)) {
    v[k + 7] = dataEnd;
    v[k + 8] = metaStart;
    v[k + 9] = metaStart + texts.meta.length;
  } else {
    v[k + 7] = APART;
    v[k + 8] = texts.data;
    v[k + 9] = texts.meta;
  }
}

/**
 * Writes the row of an event for `importEvents` on a worker (see {@link VERIFIED_FIELDS}): the
 * checks `add` makes before the version and the hash (envelope, payload schema) run here, on the
 * event itself. Returns the error of an event they refuse, whose row then holds only the fields
 * `add` looks at first (is it a repeat?), so the importer refuses it at the same point as `add`.
 */
export function encodeForImport(e: RecordedEvent, v: unknown[], k: number, opts: Pick<ImporterContext, 'registry' | 'policy'>): unknown {
  try {
    checkImportedPayload(e, { registry: opts.registry, unknownEvents: opts.policy });
  } catch (err) {
    const o = (typeof e === 'object' && e !== null ? e : {}) as Partial<Record<keyof RecordedEvent, unknown>>;
    v[k] = typeof o.id === 'string' ? o.id : undefined;
    v[k + 1] = typeof o.stream === 'string' ? o.stream : undefined;
    v[k + 2] = typeof o.version === 'number' ? o.version : undefined;
    v[k + 5] = typeof o.hash === 'string' ? o.hash : null;
    v[k + 7] = REFUSED;
    return err;
  }
  setVerifiedRow(e, v, k);
  return undefined;
}
