import { PGlite } from '@electric-sql/pglite';
import { DuplicateEventIdError, verifyEvents } from '@banshi/core';
import { contractRegistry } from '@banshi/testing';
import { afterAll, expect, it } from 'vitest';
import { createPostgresStore } from './index.js';

const lite = await PGlite.create();
afterAll(() => lite.close());

it('rejects a batch that repeats stored ids and adds id-less events, writing nothing', async () => {
  const store = await createPostgresStore({ pglite: lite, schema: 'idem' });
  await store.append('case-1', [{ id: 'evt-1', type: 'Noted', data: { text: 'a' } }]);
  await expect(store.append('case-1', [{ id: 'evt-1', type: 'Noted', data: { text: 'a' } }, { type: 'Noted', data: { text: 'b' } }])).rejects.toBeInstanceOf(DuplicateEventIdError);
  expect(await store.headPosition()).toBe(1);
  expect(await store.streamVersion('case-1')).toBe(1);
});

it('keeps numbers, unicode and key order exactly as hashed (data stored as canonical text, not jsonb)', async () => {
  const store = await createPostgresStore({ pglite: lite, schema: 'exact' });
  const data = { big: 9007199254740991, tiny: 5e-324, huge: 1e21, neg: -0.5, text: '办件 \u0000 \ud800 "q"', nested: { z: 1, a: [1.5, null, true] } };
  const [written] = (await store.append('case-x', [{ type: 'Noted', data }])).events;
  const [read] = await store.readStream('case-x');
  expect(read?.data).toEqual(written?.data);
  expect(read?.data).toMatchObject({ big: 9007199254740991, tiny: 5e-324, huge: 1e21 });
  expect(await store.verify()).toMatchObject({ ok: true, events: 1 });
});

it('readAll({ upcast: false }) returns old events exactly as stored, so their hashes still check', async () => {
  const plain = await createPostgresStore({ pglite: lite, schema: 'old_src' });
  await plain.append('case-up', [{ type: 'Counted', schema: 1, data: { count: '7' } }]);
  const recorded = [];
  for await (const { position: _p, ...e } of plain.readAll()) recorded.push(e);
  const store = await createPostgresStore({ pglite: lite, schema: 'old_dst', registry: contractRegistry });
  await store.importEvents(recorded);
  const upcast = [];
  for await (const e of store.readAll()) upcast.push(e);
  const raw = [];
  for await (const e of store.readAll({ upcast: false })) raw.push(e);
  expect(upcast[0]).toMatchObject({ schema: 2, data: { n: 7 } });
  expect(raw[0]).toMatchObject({ schema: 1, data: { count: '7' }, hash: recorded[0]?.hash });
  expect(await verifyEvents(raw)).toMatchObject({ ok: true });
});
