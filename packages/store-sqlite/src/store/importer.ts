import { DuplicateEventIdError, type ImportResult, type RecordedEvent } from '@banshi/core';
import { atSourceIndex, checkImported } from '@banshi/core/adapter';
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
export function createImporter(ctx: StoreContext) {
  const { q, registry, hasher, policy } = ctx;
  /** Each stream's head as this import moves it; `stored` is its version before the import. */
  const heads = new Map<string, { version: number; hash: string; dirty: boolean; stored: number }>();
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
        // The culprit's id holds other content (stored, or earlier in this import).
        let k = 0;
        while (k < rows - 1 && (q.hashOfId.get(params[k * COLS] as string) ?? params[k * COLS + 7]) === params[k * COLS + 7]) k++;
        throw atSourceIndex(new DuplicateEventIdError(params[k * COLS] as string, 'already stored with different content'), sourceOf[k] as number);
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
  const add = (e: RecordedEvent): void => {
    const head = typeof e === 'object' && e !== null && typeof e.stream === 'string' ? headOf(e.stream) : undefined;
    if (head && typeof e.version === 'number' && e.version <= head.version && typeof e.id === 'string') {
      // Only an event at or below the stream head can already be stored.
      // Above the stored head, only this import can hold it (a source that repeats an event):
      // the insert not yet run, then the rows already written.
      const storedHash = (e.version > head.stored ? unwrittenHashOf(e.id) : undefined) ?? q.hashOfId.get(e.id);
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
    } else heads.set(e.stream, { version: next.version, hash: next.hash, dirty: true, stored: 0 });
    setRow(params, rows * COLS, e, next.data, next.meta);
    sourceOf[rows] = index;
    imported++;
    if (++rows === ROWS_PER_INSERT) flush();
  };
  return {
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
