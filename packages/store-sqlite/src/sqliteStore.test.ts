import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '@banshi/testing';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { createSqliteStore, type SqliteEventStore } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'banshi-sqlite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

// On files, not ':memory:', so WAL, fsync and the corrupt hook's second connection are real.
describeEventStoreContract('sqlite', {
  make: (o) => createSqliteStore(join(dir, `contract-${++n}.db`), o),
  async corrupt(store, position) {
    // A second connection rewrites the stored payload behind the store's back, as a bit flip would.
    const db = new Database((store as SqliteEventStore).path);
    db.prepare(`UPDATE events SET data = json_set(data, '$.text', 'flipped') WHERE position = ?`).run(position);
    db.close();
  },
});
