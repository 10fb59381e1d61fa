import { DuplicateEventIdError, type ImportResult, type RecordedEvent } from '@banshi/core';
import { checkImported, type EncodedEvent } from '@banshi/core/adapter';
import Database from 'better-sqlite3';
import { insertRows } from './append.js';
import { assertOpen, headPositionOf, type StoreContext } from './context.js';
import { ROWS_PER_INSERT } from './statements.js';

/**
 * Checks and writes imported events inside an open transaction, in batches of multi-row
 * inserts. Each event is canonicalized and hashed once: `checkImported` hands back the texts
 * it hashed, and those are the texts stored.
 */
export function createImporter(ctx: StoreContext) {
  const { q, registry, hasher, policy } = ctx;
  /** Each stream's head as this import moves it; `stored` is its version before the import. */
  const heads = new Map<string, { version: number; hash: string; dirty: boolean; stored: number }>();
  const pending: EncodedEvent[] = [];
  // A store without streams has no heads to look up: only the ones this import makes.
  const noStoredHeads = q.anyStream.get() === undefined;
  let imported = 0;
  let skipped = 0;
  const flush = () => {
    if (pending.length === 0) return;
    try {
      insertRows(ctx, pending);
    } catch (err) {
      if (err instanceof Database.SqliteError && /events\.id/.test(err.message)) {
        // Rows of this batch before the culprit are already in; the culprit's id holds other content.
        const taken = pending.find((r) => (q.hashOfId.get(r.event.id) ?? r.event.hash) !== r.event.hash)?.event.id ?? pending[0]?.event.id ?? '?';
        throw new DuplicateEventIdError(taken, 'already stored with different content');
      }
      throw err;
    }
    pending.length = 0;
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
  return {
    add(e: RecordedEvent): void {
      if (ctx.state.closed) assertOpen(ctx);
      const head = typeof e === 'object' && e !== null && typeof e.stream === 'string' ? headOf(e.stream) : undefined;
      if (head && typeof e.version === 'number' && e.version <= head.version && typeof e.id === 'string') {
        // Only an event at or below the stream head can already be stored.
        // Above the stored head, only this import can hold it (a source that repeats an event):
        // the batch not yet written, then the rows already flushed.
        const inThisImport = e.version > head.stored ? pending.find((r) => r.event.id === e.id)?.event.hash : undefined;
        const storedHash = inThisImport ?? q.hashOfId.get(e.id);
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
      pending.push({ event: e, data: next.data, meta: next.meta });
      imported++;
      if (pending.length >= ROWS_PER_INSERT * 16) flush();
    },
    finish(): ImportResult {
      flush();
      for (const [stream, h] of heads) if (h.dirty) q.upsertHead.run(stream, h.version, h.hash);
      return { imported, skipped, lastPosition: headPositionOf(ctx) };
    },
  };
}
