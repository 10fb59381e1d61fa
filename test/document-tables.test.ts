/**
 * The DocumentTables contract (read models in the store's own database) on memory, SQLite and
 * PostgreSQL: the same projection over the same log gives the same pages on every adapter;
 * checkpoint and documents move together; two runners racing fold every event once; a new
 * version rebuilds from the log; paging with cursors visits every row once in order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMemoryDocumentTables,
  createMemoryStore,
  DocumentQueryError,
  parseShadowTableName,
  rebuildDocumentProjection,
  runDocumentProjection,
  shadowTableName,
  type DocumentProjection,
  type DocumentQuery,
  type DocumentTables,
  type EventStore,
} from '@banshi/core';
import { createPostgresDocumentTables, createPostgresStore } from '@banshi/store-postgres';
import { createSqliteDocumentTables, createSqliteStore } from '@banshi/store-sqlite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchema, hasServer, openPglite, rawClient, serverUrl, type TestPGlite } from './fixtures/postgres-env.js';

interface Counter {
  readonly stream: string;
  readonly n: number;
  readonly group: string | null;
  readonly sum: number;
}

const counters: DocumentProjection<Counter> = {
  name: 'counters',
  version: 1,
  types: ['Added', 'Removed'],
  fields: { grp: 'text', n: 'integer' },
  key: (e) => e.stream,
  evolve(doc, e) {
    if (e.type === 'Removed') return null;
    const d = e.data as { amount: number; group?: string };
    return { stream: e.stream, n: (doc?.n ?? 0) + 1, group: d.group ?? doc?.group ?? null, sum: (doc?.sum ?? 0) + d.amount };
  },
  fieldsOf: (doc) => ({ grp: doc.group, n: doc.n }),
};

type Adapter = { name: string; open(): Promise<{ store: EventStore; tables: () => Promise<DocumentTables>; close(): Promise<void> }> };

const dir = mkdtempSync(join(tmpdir(), 'banshi-tables-'));
let lite: TestPGlite | undefined;
const schemas: string[] = [];

beforeAll(async () => {
  if (!hasServer) lite = await openPglite();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (hasServer) {
    const admin = rawClient();
    await admin.connect();
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await admin.end();
  }
  await lite?.close();
});

let seq = 0;
const adapters: Adapter[] = [
  {
    name: 'memory',
    async open() {
      const store = createMemoryStore();
      const shared = createMemoryDocumentTables();
      return { store, tables: async () => shared, close: () => store.close() };
    },
  },
  {
    name: 'sqlite',
    async open() {
      const path = join(dir, `t${seq++}.db`);
      const store = createSqliteStore(path);
      const opened: DocumentTables[] = [];
      return {
        store,
        tables: async () => {
          const t = createSqliteDocumentTables(path);
          opened.push(t);
          return t;
        },
        close: async () => {
          for (const t of opened) await t.close();
          await store.close();
        },
      };
    },
  },
  {
    name: hasServer ? 'postgres' : 'pglite',
    async open() {
      const schema = freshSchema('rm');
      schemas.push(schema);
      const source = hasServer ? { connectionString: serverUrl as string } : { pglite: lite as TestPGlite };
      const store = await createPostgresStore({ ...source, schema });
      const opened: DocumentTables[] = [];
      return {
        store,
        tables: async () => {
          const t = await createPostgresDocumentTables({ ...source, schema });
          opened.push(t);
          return t;
        },
        close: async () => {
          for (const t of opened) await t.close();
          await store.close();
        },
      };
    },
  },
];

/**
 * Waits until the store shows `n` events to readers. PostgreSQL readers see an event only when
 * every transaction that could hold a smaller position has ended, cluster-wide (the store's
 * gap-free guard), so on a busy server a fresh append can take a moment to become readable.
 */
async function visible(store: EventStore, n: number): Promise<void> {
  for (let i = 0; i < 400 && (await store.headPosition()) < n; i++) await new Promise((r) => setTimeout(r, 25));
  expect(await store.headPosition()).toBe(n);
}

async function pages(tables: DocumentTables, q: DocumentQuery): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await tables.find<Counter>('counters', { ...q, ...(after ? { after } : {}) });
    ids.push(...page.items.map((x) => x.id));
    if (!page.next) return ids;
    after = page.next;
  }
  throw new Error('paging did not end');
}

describe.each(adapters)('document tables on $name', (adapter) => {
  it('folds the log into documents and a checkpoint, resumes from it, deletes on null', async () => {
    const { store, tables: open, close } = await adapter.open();
    try {
      const tables = await open();
      await store.append('c-1', [{ type: 'Added', data: { amount: 2, group: 'a' } }, { type: 'Ignored', data: {} }, { type: 'Added', data: { amount: 3 } }]);
      await store.append('c-2', [{ type: 'Added', data: { amount: 5, group: 'b' } }]);
      await visible(store, 4);
      const first = await runDocumentProjection(store, tables, counters, { batchSize: 2 });
      expect(first).toMatchObject({ position: 4, processed: 3, rebuilt: true });
      expect(await tables.get<Counter>('counters', 'c-1')).toEqual({ stream: 'c-1', n: 2, group: 'a', sum: 5 });
      await store.append('c-2', [{ type: 'Removed', data: {} }]);
      await store.append('c-3', [{ type: 'Added', data: { amount: 1, group: 'a' } }]);
      await visible(store, 6);
      const second = await runDocumentProjection(store, tables, counters);
      expect(second).toMatchObject({ position: 6, processed: 2, rebuilt: false });
      expect(await tables.get('counters', 'c-2')).toBeUndefined();
      const page = await tables.find<Counter>('counters', { where: { grp: 'a' }, orderBy: 'n', descending: true });
      expect(page.items.map((x) => x.id)).toEqual(['c-1', 'c-3']);
      expect(page.position).toBe(6);
      expect((await tables.find('counters', { where: { n: { gte: 2 } } })).items.map((x) => x.id)).toEqual(['c-1']);
      expect((await tables.find('counters', { where: { grp: { in: ['b', null] } } })).items).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the checkpoint moves past events of other types, so the next run does not read them again', async () => {
    const { store, tables: open, close } = await adapter.open();
    try {
      const tables = await open();
      await store.append('c-1', [{ type: 'Added', data: { amount: 2, group: 'a' } }]);
      for (let i = 0; i < 5; i++) await store.append(`other-${i}`, [{ type: 'Ignored', data: {} }]);
      await visible(store, 6);
      expect(await runDocumentProjection(store, tables, counters)).toMatchObject({ position: 6, processed: 1 });
      expect(await tables.position('counters')).toBe(6);
      await store.append('other-x', [{ type: 'Ignored', data: {} }]);
      await visible(store, 7);
      expect(await runDocumentProjection(store, tables, counters)).toMatchObject({ position: 7, processed: 0, rebuilt: false });
      expect(await tables.position('counters')).toBe(7);
      expect(await tables.get<Counter>('counters', 'c-1')).toEqual({ stream: 'c-1', n: 1, group: 'a', sum: 2 });
    } finally {
      await close();
    }
  });

  it('a commit whose checkpoint moved writes nothing; two runners racing fold each event once', async () => {
    const { store, tables: open, close } = await adapter.open();
    try {
      for (let i = 0; i < 60; i++) await store.append(`c-${i % 7}`, [{ type: 'Added', data: { amount: i, group: i % 2 ? 'odd' : 'even' } }]);
      await visible(store, 60);
      const a = await open();
      const b = await open();
      await a.ensure(counters);
      expect(await a.commit('counters', [{ id: 'x', doc: { stream: 'x' }, fields: {} }], 5, 9)).toBe(false);
      expect(await a.get('counters', 'x')).toBeUndefined();
      await Promise.all([runDocumentProjection(store, a, counters, { batchSize: 4 }), runDocumentProjection(store, b, counters, { batchSize: 5 })]);
      const all = await a.find<Counter>('counters', { limit: 500 });
      expect(all.items.reduce((s, x) => s + x.doc.n, 0)).toBe(60);
      expect(all.items.reduce((s, x) => s + x.doc.sum, 0)).toBe((59 * 60) / 2);
      expect(all.position).toBe(60);
    } finally {
      await close();
    }
  });

  it('a new version rebuilds the table from the log; rebuild gives the same documents', async () => {
    const { store, tables: open, close } = await adapter.open();
    try {
      const tables = await open();
      for (let i = 0; i < 10; i++) await store.append(`c-${i % 3}`, [{ type: 'Added', data: { amount: 1 } }]);
      await visible(store, 10);
      await runDocumentProjection(store, tables, counters);
      const before = await tables.find('counters');
      const v2 = { ...counters, version: 2 };
      expect((await runDocumentProjection(store, tables, v2)).rebuilt).toBe(true);
      expect(await tables.find('counters')).toEqual(before);
      const again = await rebuildDocumentProjection(store, tables, v2);
      expect(again).toMatchObject({ position: 10, processed: 10, rebuilt: true });
      expect(await tables.find('counters')).toEqual(before);
    } finally {
      await close();
    }
  });

  it('a rebuild is built in a shadow table and swapped in: a reader sees the whole old table until the swap, then the whole new one', async () => {
    const { store, tables: open, close } = await adapter.open();
    try {
      for (let i = 0; i < 40; i++) await store.append(`c-${i % 8}`, [{ type: 'Added', data: { amount: 1 } }]);
      await visible(store, 40);
      const writer = await open();
      const reader = await open();
      await runDocumentProjection(store, writer, counters);
      await reader.ensure(counters);
      // The bug fix the rebuild is for: every amount now counts ten times.
      const fixed: DocumentProjection<Counter> = { ...counters, evolve: (doc, e) => (e.type === 'Removed' ? null : { stream: e.stream, n: (doc?.n ?? 0) + 1, group: null, sum: (doc?.sum ?? 0) + 10 * (e.data as { amount: number }).amount }) };
      const seen: { rows: number; sum: number; position: number }[] = [];
      const look = async () => {
        const page = await reader.find<Counter>('counters', { limit: 500 });
        seen.push({ rows: page.items.length, sum: page.items.reduce((t, x) => t + x.doc.sum, 0), position: page.position });
      };
      // A shadow left behind by a crashed rebuild two days ago is dropped first; a fresh one (another rebuild running) is not.
      const crashed = shadowTableName('counters', Date.now() - 2 * 24 * 3600_000);
      const running = shadowTableName('counters');
      for (const name of [crashed, running]) {
        await writer.ensure({ name, version: 1, fields: counters.fields });
        await writer.commit(name, [{ id: 'junk', doc: { stream: 'junk' }, fields: {} }], 0, 3);
      }
      const watched: DocumentTables = {
        ...writer,
        async commit(name, changes, from, to) {
          const ok = await writer.commit(name, changes, from, to);
          await look(); // between two batches of the shadow
          return ok;
        },
      };
      const run = await rebuildDocumentProjection(store, watched, fixed, { batchSize: 7 });
      expect(run).toMatchObject({ position: 40, processed: 40, rebuilt: true });
      await look();
      expect(seen.length).toBeGreaterThanOrEqual(6);
      expect(seen.slice(0, -1).every((x) => x.rows === 8 && x.sum === 40 && x.position === 40)).toBe(true);
      expect(seen.at(-1)).toEqual({ rows: 8, sum: 400, position: 40 });
      expect(await reader.get('counters', 'junk')).toBeUndefined();
      expect((await writer.names()).filter((n) => parseShadowTableName(n))).toEqual([running]);
      await writer.drop(running);
      // Again (no name left over from the first swap), then the table keeps catching up.
      await rebuildDocumentProjection(store, writer, counters);
      await store.append('c-9', [{ type: 'Added', data: { amount: 5 } }]);
      await visible(store, 41);
      expect(await runDocumentProjection(store, writer, counters)).toMatchObject({ position: 41, processed: 1, rebuilt: false });
      const after = await reader.find<Counter>('counters', { limit: 500 });
      expect([after.items.length, after.items.reduce((t, x) => t + x.doc.sum, 0), after.position]).toEqual([9, 45, 41]);
      expect((await reader.find<Counter>('counters', { orderBy: 'n', descending: true, limit: 1 })).items[0]?.doc.n).toBe(5);
    } finally {
      await close();
    }
  });

  it('a new version is built in a shadow and swapped in: a reader sees the whole old table, then the whole new one, never one half filled', async () => {
    const { store, tables: open, close } = await adapter.open();
    try {
      for (let i = 0; i < 40; i++) await store.append(`c-${i % 8}`, [{ type: 'Added', data: { amount: 1, group: 'g' } }]);
      await visible(store, 40);
      const writer = await open();
      const reader = await open();
      await runDocumentProjection(store, writer, counters);
      // Version 2 counts every amount ten times and adds a field.
      const v2: DocumentProjection<Counter> = {
        ...counters,
        version: 2,
        fields: { ...counters.fields, total: 'integer' },
        evolve: (doc, e) => (e.type === 'Removed' ? null : { stream: e.stream, n: (doc?.n ?? 0) + 1, group: 'g', sum: (doc?.sum ?? 0) + 10 * (e.data as { amount: number }).amount }),
        fieldsOf: (doc) => ({ grp: doc.group, n: doc.n, total: doc.sum }),
      };
      const seen: { rows: number; sum: number; position: number }[] = [];
      const look = async () => {
        const page = await reader.find<Counter>('counters', { where: { grp: 'g' }, limit: 500 });
        seen.push({ rows: page.items.length, sum: page.items.reduce((t, x) => t + x.doc.sum, 0), position: page.position });
      };
      const watched: DocumentTables = {
        ...writer,
        async commit(name, changes, from, to) {
          const ok = await writer.commit(name, changes, from, to);
          await look(); // between two batches of the new version's build
          return ok;
        },
      };
      expect(await runDocumentProjection(store, watched, v2, { batchSize: 7 })).toMatchObject({ position: 40, processed: 40, rebuilt: true });
      await look();
      expect(seen.length).toBeGreaterThanOrEqual(6);
      expect(seen.slice(0, -1).every((x) => x.rows === 8 && x.sum === 40 && x.position === 40)).toBe(true);
      expect(seen.at(-1)).toEqual({ rows: 8, sum: 400, position: 40 });
      // The new field is queryable once the new table is in; the old version's table is gone, no shadow is left.
      expect((await reader.find<Counter>('counters', { orderBy: 'total', descending: true, limit: 1 })).items[0]?.doc.sum).toBe(50);
      expect((await writer.names()).filter((n) => parseShadowTableName(n))).toEqual([]);
      // A brand-new model reads empty (not half filled) until its first build is swapped in.
      const fresh = await open();
      expect(await fresh.ensure({ name: 'fresh', version: 1, fields: { grp: 'text' } })).toBe('rebuild');
      expect((await reader.find('fresh')).items).toEqual([]);
      expect(await runDocumentProjection(store, fresh, { ...counters, name: 'fresh' })).toMatchObject({ rebuilt: true, position: 40 });
      expect((await reader.find('fresh', { limit: 500 })).items).toHaveLength(8);
    } finally {
      await close();
    }
  });

  it('two processes rebuilding one model at once build in shadows of their own; the table ends whole and no shadow is left', async () => {
    const { store, tables: open, close } = await adapter.open();
    try {
      for (let i = 0; i < 60; i++) await store.append(`c-${i % 12}`, [{ type: 'Added', data: { amount: 2 } }]);
      await visible(store, 60);
      const a = await open();
      const b = await open();
      await runDocumentProjection(store, a, counters);
      await b.ensure(counters);
      const shadows = new Set<string>();
      const spy = (t: DocumentTables): DocumentTables => ({
        ...t,
        async ensure(spec) {
          if (parseShadowTableName(spec.name)) shadows.add(spec.name);
          return t.ensure(spec);
        },
        async commit(name, changes, from, to) {
          // Interleave the two builds batch by batch.
          await new Promise((r) => setTimeout(r, 1));
          return t.commit(name, changes, from, to);
        },
      });
      const v2 = { ...counters, version: 2 };
      const runs = await Promise.all([rebuildDocumentProjection(store, spy(a), v2, { batchSize: 5 }), rebuildDocumentProjection(store, spy(b), v2, { batchSize: 5 })]);
      expect(runs.map((r) => r.position)).toEqual([60, 60]);
      expect(shadows.size).toBe(2);
      const page = await a.find<Counter>('counters', { limit: 500 });
      expect([page.items.length, page.items.reduce((t, x) => t + x.doc.sum, 0), page.position]).toEqual([12, 120, 60]);
      expect((await a.names()).filter((n) => parseShadowTableName(n))).toEqual([]);
      // Both processes go on catching up the swapped-in table.
      await store.append('c-0', [{ type: 'Added', data: { amount: 1 } }]);
      await visible(store, 61);
      expect(await runDocumentProjection(store, b, v2)).toMatchObject({ position: 61, processed: 1, rebuilt: false });
      expect(await runDocumentProjection(store, a, v2)).toMatchObject({ position: 61, processed: 0, rebuilt: false });
    } finally {
      await close();
    }
  });

  it('keyset paging visits every matching row once, in the same order as one big page (any sort, any page size)', async () => {
    const { store, tables: open, close } = await adapter.open();
    try {
      const tables = await open();
      for (let i = 0; i < 40; i++) await store.append(`c-${String(i).padStart(2, '0')}`, Array.from({ length: 1 + (i % 4) }, () => ({ type: 'Added', data: { amount: 1, ...(i % 5 ? { group: `g${i % 3}` } : {}) } })));
      await visible(store, 100);
      await runDocumentProjection(store, tables, counters);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom<DocumentQuery['orderBy']>(undefined, 'grp', 'n'), fc.boolean(), fc.integer({ min: 1, max: 9 }), fc.constantFrom(undefined, 'g1'), async (orderBy, descending, limit, grp) => {
          const base: DocumentQuery = { ...(orderBy ? { orderBy } : {}), descending, ...(grp ? { where: { grp } } : {}) };
          const whole = (await tables.find<Counter>('counters', { ...base, limit: 500 })).items.map((x) => x.id);
          expect(await pages(tables, { ...base, limit })).toEqual(whole);
          expect(new Set(whole).size).toBe(whole.length);
        }),
        { numRuns: 25 },
      );
    } finally {
      await close();
    }
  });

  it('refuses unknown fields, bad limits and forged cursors with DocumentQueryError', async () => {
    const { store, tables: open, close } = await adapter.open();
    try {
      const tables = await open();
      await runDocumentProjection(store, tables, counters);
      await expect(tables.find('counters', { where: { colour: 'red' } })).rejects.toBeInstanceOf(DocumentQueryError);
      await expect(tables.find('counters', { limit: 0 })).rejects.toBeInstanceOf(DocumentQueryError);
      await expect(tables.find('counters', { after: 'not-a-cursor' })).rejects.toBeInstanceOf(DocumentQueryError);
      await expect(tables.find('counters', { orderBy: 'doc' })).rejects.toBeInstanceOf(DocumentQueryError);
    } finally {
      await close();
    }
  });
});
