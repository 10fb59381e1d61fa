import { AppendConditionError, ConcurrencyError, DuplicateEventIdError, GENESIS_HASH, type AppendResult, type ExpectedVersion, type NewEvent, type RecordedEvent, type StoredEvent } from '@banshi/core';
import { checkExpectedVersion, classifyIds, givenIds, prepareEncoded, type CheckedCondition, type EncodedEvent } from '@banshi/core/adapter';
import Database from 'better-sqlite3';
import { headPositionOf, type StoreContext } from './context.js';
import { ROWS_PER_INSERT, type Row } from './statements.js';

/** Inserts encoded rows (canonical data and meta texts, as hashed); returns the position of the first. */
export function insertRows(ctx: StoreContext, rows: readonly EncodedEvent[]): number {
  const { q } = ctx;
  let first = 0;
  let i = 0;
  const params = new Array<unknown>(ROWS_PER_INSERT * 8);
  for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
    for (let k = 0; k < ROWS_PER_INSERT; k++) {
      const r = rows[i + k] as EncodedEvent;
      setRow(params, k * 8, r.event, r.data, r.meta);
    }
    const last = Number(q.insertMany.run(params).lastInsertRowid);
    if (i === 0) first = last - ROWS_PER_INSERT + 1;
  }
  for (; i < rows.length; i++) {
    const { event: e, data, meta } = rows[i] as EncodedEvent;
    const pos = Number(q.insertOne.run(e.id, e.stream, e.version, e.type, e.schema, data, meta, e.hash).lastInsertRowid);
    if (i === 0) first = pos;
  }
  return first;
}

/** Puts one row's 8 parameters (id, stream, version, type, schema, data, meta, hash) at `at`. */
export function setRow(params: unknown[], at: number, e: RecordedEvent, data: string, meta: string): void {
  params[at] = e.id;
  params[at + 1] = e.stream;
  params[at + 2] = e.version;
  params[at + 3] = e.type;
  params[at + 4] = e.schema;
  params[at + 5] = data;
  params[at + 6] = meta;
  params[at + 7] = e.hash;
}

/** Turns a UNIQUE violation on `events` into the banshi error it means (the last line of defence against racing processes). */
export function constraintError(ctx: StoreContext, err: unknown, stream: string, expected: ExpectedVersion | undefined, ids: readonly string[]): unknown {
  if (!(err instanceof Database.SqliteError) || !err.code.startsWith('SQLITE_CONSTRAINT')) return err;
  if (/events\.stream, events\.version/.test(err.message)) return new ConcurrencyError(stream, expected ?? 'any', ctx.q.maxVersion.get(stream) ?? 0);
  if (/events\.id/.test(err.message)) {
    const taken = ids.find((id) => (ctx.q.streamOfId.get(id) ?? stream) !== stream) ?? ids[0] ?? '?';
    return new DuplicateEventIdError(taken, 'already stored');
  }
  return err;
}

/**
 * The append transaction: an idempotent repeat of stored ids returns what is stored; otherwise
 * the expected version is checked, the events prepared (one canonicalization and one hash each)
 * and inserted with the stream head, all or nothing.
 *
 * With `insertFirst`, given ids are not looked up before the insert: the ids' UNIQUE index
 * refuses a stored one, and the caller then rolls back and runs the transaction again without
 * `insertFirst` (see {@link isStoredIdError}), so a repeat is still answered as one. A refused
 * expected version or an invalid event looks the ids up first, as without it: a repeat wins.
 *
 * A `condition` is checked inside the transaction, after the expected version: the write lock
 * is held, so no other connection can store an event between the check and the commit.
 */
export function createAppendTx(
  ctx: StoreContext,
): Database.Transaction<(stream: string, events: readonly NewEvent[], expected: ExpectedVersion | undefined, insertFirst: boolean, condition: CheckedCondition | undefined) => AppendResult> {
  const { q } = ctx;
  const streamOf = (id: string) => q.streamOfId.get(id);
  /** The stored result when every id is stored in this stream; throws when some are, or elsewhere. */
  const repeatOf = (stream: string, events: readonly NewEvent[], ids: readonly string[]): AppendResult | undefined => {
    if (ids.length === 0 || classifyIds(stream, ids, streamOf) !== 'duplicate') return undefined;
    if (ids.length !== events.length) {
      throw new DuplicateEventIdError(ids[0] as string, 'the batch mixes stored events with events that have no id');
    }
    const stored = ids.map((id) => ctx.decodeOut(q.byId.get(id) as Row));
    return { stream, events: stored, nextExpectedVersion: q.streamVersion.get(stream) ?? 0, lastPosition: (stored.at(-1) as StoredEvent).position, duplicate: true };
  };
  return ctx.db.transaction((stream: string, events: readonly NewEvent[], expected: ExpectedVersion | undefined, insertFirst: boolean, condition: CheckedCondition | undefined): AppendResult => {
    const ids = givenIds(events);
    if (!insertFirst) {
      const repeat = repeatOf(stream, events, ids);
      if (repeat) return repeat;
    }
    const head = q.head.get(stream);
    const current = head?.[0] ?? 0;
    const { registry, hasher, now, node, newId } = ctx;
    let rows: readonly EncodedEvent[];
    try {
      checkExpectedVersion(stream, expected, current);
      if (condition) {
        const hit = q.typedAfter.get(condition.after, JSON.stringify(condition.types));
        if (hit) throw new AppendConditionError(stream, condition.after, hit[0], hit[1]);
      }
      rows = prepareEncoded(events, { stream, currentVersion: current, lastHash: head?.[1] ?? GENESIS_HASH, registry, hasher, now, node, newId });
    } catch (err) {
      const repeat = insertFirst ? repeatOf(stream, events, ids) : undefined;
      if (repeat) return repeat;
      throw err;
    }
    if (rows.length === 0) return { stream, events: [], nextExpectedVersion: current, lastPosition: headPositionOf(ctx), duplicate: false };
    const first = insertRows(ctx, rows);
    const last = (rows.at(-1) as EncodedEvent).event;
    q.upsertHead.run(stream, last.version, last.hash);
    const stored = new Array<StoredEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const e = (rows[i] as EncodedEvent).event;
      stored[i] = ctx.out({ id: e.id, stream, version: e.version, type: e.type, schema: e.schema, data: e.data, meta: e.meta, hash: e.hash, position: first + i });
    }
    return { stream, events: stored, nextExpectedVersion: last.version, lastPosition: first + rows.length - 1, duplicate: false };
  });
}

/** Whether an insert was refused because an event id is stored already (the ids' UNIQUE index). */
export function isStoredIdError(err: unknown): boolean {
  return err instanceof Database.SqliteError && err.code.startsWith('SQLITE_CONSTRAINT') && /events\.id/.test(err.message);
}
