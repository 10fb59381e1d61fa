import { StoreUnavailableError, type EventRegistry, type Hasher, type StoredEvent, type UnknownEventPolicy } from '@banshi/core';
import type Database from 'better-sqlite3';
import type { Row, Statements } from './statements.js';

/** What the parts of one open store (append, import, reads) share. */
export interface StoreContext {
  readonly db: Database.Database;
  readonly q: Statements;
  readonly path: string;
  readonly registry: EventRegistry | undefined;
  readonly hasher: Hasher;
  readonly now: () => Date;
  readonly node: string;
  readonly newId: () => string;
  readonly policy: UnknownEventPolicy;
  /** A row as stored (what the hash chain covers). */
  readonly decode: (r: Row) => StoredEvent;
  /** A row upcast for the reader (the same as `decode` without a registry). */
  readonly decodeOut: (r: Row) => StoredEvent;
  readonly out: (e: StoredEvent) => StoredEvent;
  readonly state: StoreState;
}

/** The mutable life of a store: closed, or holding a streaming import's transaction open. */
export interface StoreState {
  closed: boolean;
  /** Set while an import's transaction is open across awaits: other work on this connection waits for it. */
  importing: Promise<void> | undefined;
}

/** Throws unless the store is open. */
export function assertOpen(ctx: Pick<StoreContext, 'state' | 'path'>): void {
  if (ctx.state.closed) throw new StoreUnavailableError(`the SQLite store ${ctx.path} is closed: open it again with createSqliteStore()`);
}

/** Waits for a streaming import on this connection to finish, then checks the store is open. */
export async function idle(ctx: Pick<StoreContext, 'state' | 'path'>): Promise<void> {
  while (ctx.state.importing) await ctx.state.importing;
  assertOpen(ctx);
}

/** The highest position stored (0 for an empty store). */
export function headPositionOf(ctx: Pick<StoreContext, 'q'>): number {
  return ctx.q.headPosition.get() ?? 0;
}
