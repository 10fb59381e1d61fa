import type { StoredEvent } from '@banshi/core';
import type Database from 'better-sqlite3';
import { StoreCorruptError } from '../errors/index.js';

/** A row of `events` as `.raw()` returns it. */
export type Row = [position: number, id: string, stream: string, version: number, type: string, schema: number, data: string, meta: string, hash: string];

const COLUMNS = 'position, id, stream, version, type, schema, data, meta, hash';
const INSERT_COLUMNS = 'id, stream, version, type, schema, data, meta, hash';
/** Rows per multi-row INSERT: fewer statement calls, well below SQLite's 32,766 parameters. */
export const ROWS_PER_INSERT = 64;

type Stmt<P extends unknown[] = unknown[], R = unknown> = Database.Statement<P, R>;

/** The prepared statements of one store. */
export interface Statements {
  readonly streamOfId: Stmt<[string], string>;
  readonly hashOfId: Stmt<[string], string>;
  readonly byId: Stmt;
  readonly head: Stmt<[string], [number, string]>;
  readonly anyStream: Stmt<[], number>;
  readonly streamVersion: Stmt<[string], number>;
  readonly maxVersion: Stmt<[string], number | null>;
  readonly headPosition: Stmt<[], number | null>;
  /** The first event after a position whose type is in a JSON list (an append condition's check). */
  readonly typedAfter: Stmt<[number, string], [number, string]>;
  readonly insertOne: Stmt;
  readonly insertMany: Stmt;
  readonly upsertHead: Stmt;
  readonly page: Stmt;
  readonly pageTyped: Stmt;
  readonly streamRange: Stmt;
  readonly loadCheckpoint: Stmt<[string], [number, string | null]>;
  readonly saveCheckpoint: Stmt;
}

/** Every statement the store runs, prepared once per connection. */
export function prepareStatements(db: Database.Database): Statements {
  return {
    streamOfId: db.prepare<[string], string>('SELECT stream FROM events WHERE id = ?').pluck(),
    hashOfId: db.prepare<[string], string>('SELECT hash FROM events WHERE id = ?').pluck(),
    byId: db.prepare(`SELECT ${COLUMNS} FROM events WHERE id = ?`).raw(),
    head: db.prepare<[string], [number, string]>('SELECT version, hash FROM streams WHERE stream = ?').raw(),
    anyStream: db.prepare<[], number>('SELECT 1 FROM streams LIMIT 1').pluck(),
    streamVersion: db.prepare<[string], number>('SELECT version FROM streams WHERE stream = ?').pluck(),
    maxVersion: db.prepare<[string], number | null>('SELECT max(version) FROM events WHERE stream = ?').pluck(),
    headPosition: db.prepare<[], number | null>('SELECT max(position) FROM events').pluck(),
    typedAfter: db.prepare<[number, string], [number, string]>('SELECT position, type FROM events WHERE position > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT 1').raw(),
    insertOne: db.prepare(`INSERT INTO events (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    insertMany: db.prepare(`INSERT INTO events (${INSERT_COLUMNS}) VALUES ${Array.from({ length: ROWS_PER_INSERT }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`),
    upsertHead: db.prepare('INSERT INTO streams (stream, version, hash) VALUES (?, ?, ?) ON CONFLICT (stream) DO UPDATE SET version = excluded.version, hash = excluded.hash'),
    page: db.prepare(`SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`).raw(),
    pageTyped: db.prepare(`SELECT ${COLUMNS} FROM events WHERE position >= ? AND type IN (SELECT value FROM json_each(?)) ORDER BY position LIMIT ?`).raw(),
    streamRange: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND version >= ? AND version <= ? ORDER BY version LIMIT ?`).raw(),
    loadCheckpoint: db.prepare<[string], [number, string | null]>('SELECT position, state FROM checkpoints WHERE name = ?').raw(),
    saveCheckpoint: db.prepare('INSERT INTO checkpoints (name, position, state) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state'),
  };
}

/** Turns a raw row into a stored event; text that is not JSON is `StoreCorruptError`. */
export function decodeRow(r: Row, path: string): StoredEvent {
  let data: unknown;
  let meta: StoredEvent['meta'];
  try {
    data = JSON.parse(r[6]);
    meta = JSON.parse(r[7]) as StoredEvent['meta'];
  } catch (err) {
    throw new StoreCorruptError(path, `the event at position ${r[0]} (${r[2]}@${r[3]}) holds text that is not JSON`, { cause: err });
  }
  return { id: r[1], stream: r[2], version: r[3], type: r[4], schema: r[5], data, meta, hash: r[8], position: r[0] };
}
