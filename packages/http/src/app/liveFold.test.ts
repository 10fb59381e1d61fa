import { createEventRegistry, createMemoryStore, defineEvent, type Projection } from '@banshi/core';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { countingStore } from '../_lib/testFixture.js';
import { liveFold } from './liveFold.js';

const registry = createEventRegistry([
  defineEvent('ItemNoted', z.object({ n: z.number() })),
  defineEvent('CaseNoted', z.object({ n: z.number() })),
]);

/** Counts ItemNoted only, as the catalog fold reads only catalog events. */
const items: Projection<number> = { name: 'items', types: ['ItemNoted'], init: () => 0, apply: (s) => s + 1 };

describe('liveFold', () => {
  it('a fold of some event types moves past the others, so a later read does not scan them again (each Receive read the catalog fold from position 1)', async () => {
    const store = createMemoryStore({ registry });
    await store.append('item-1', [{ type: 'ItemNoted', data: { n: 1 } }]);
    for (let i = 0; i < 50; i++) await store.append(`case-${i}`, [{ type: 'CaseNoted', data: { n: i } }]);
    const fold = liveFold(store, items);
    expect(await fold.read()).toBe(1);
    expect(fold.position()).toBe(await store.headPosition());
    await store.append('item-2', [{ type: 'ItemNoted', data: { n: 2 } }]);
    await store.append('case-x', [{ type: 'CaseNoted', data: { n: 99 } }]);
    expect(await fold.read()).toBe(2);
    expect(fold.position()).toBe(await store.headPosition());
  });

  it('never skips an event of its types appended while it reads', async () => {
    const store = createMemoryStore({ registry });
    const fold = liveFold(store, items);
    const writes = Promise.all(Array.from({ length: 40 }, (_, i) => store.append(`s-${i}`, [{ type: i % 2 ? 'ItemNoted' : 'CaseNoted', data: { n: i } }])));
    const reads = Promise.all(Array.from({ length: 10 }, () => fold.read()));
    await Promise.all([writes, reads]);
    expect(await fold.read()).toBe(20);
  });

  it('events this process appended right after the fold\'s position, none of its types, move it without a read; anything else is read', async () => {
    const store = createMemoryStore({ registry });
    const counted = countingStore(store);
    const typedReads = () => counted.calls.readAllBatches ?? 0;
    await store.append('item-1', [{ type: 'ItemNoted', data: { n: 1 } }]);
    const fold = liveFold(counted.store, items);
    expect(await fold.read()).toBe(1);
    const reads = typedReads();
    // Own appends, next to the position, of other types: no read.
    for (let i = 0; i < 5; i++) fold.observe((await store.append(`case-${i}`, [{ type: 'CaseNoted', data: { n: i } }])).events);
    expect(fold.position()).toBe(await store.headPosition());
    expect(await fold.read()).toBe(1);
    expect(typedReads()).toBe(reads);
    // An own event of its types is folded by the read, not skipped.
    fold.observe((await store.append('item-2', [{ type: 'ItemNoted', data: { n: 2 } }])).events);
    expect(await fold.read()).toBe(2);
    expect(typedReads()).toBe(reads + 1);
    // Another writer's item between the fold's position and an own append: not skipped either.
    await store.append('item-3', [{ type: 'ItemNoted', data: { n: 3 } }]);
    fold.observe((await store.append('case-x', [{ type: 'CaseNoted', data: { n: 9 } }])).events);
    expect(await fold.read()).toBe(3);
    expect(fold.position()).toBe(await store.headPosition());
  });

  it('snapshot() reads once, then gives the state with its position without asking the store; checked() moves the position only over a range the store checked', async () => {
    const store = createMemoryStore({ registry });
    const counted = countingStore(store);
    await store.append('item-1', [{ type: 'ItemNoted', data: { n: 1 } }]);
    const fold = liveFold(counted.store, items);
    expect(await fold.snapshot()).toEqual({ state: 1, position: 1 });
    const calls = () => (counted.calls.headPosition ?? 0) + (counted.calls.readAllBatches ?? 0);
    const before = calls();
    await store.append('item-2', [{ type: 'ItemNoted', data: { n: 2 } }]);
    // Not fresh: the store is not asked (the append's condition will check from position 1).
    expect(await fold.snapshot()).toEqual({ state: 1, position: 1 });
    expect(calls()).toBe(before);
    // A range the store did not check from the fold's position: nothing moves.
    fold.checked(2, 5);
    expect(fold.position()).toBe(1);
    // Fresh: read, and the ItemNoted at 2 is folded.
    expect(await fold.snapshot(true)).toEqual({ state: 2, position: 2 });
    await store.append('case-1', [{ type: 'CaseNoted', data: { n: 1 } }]);
    fold.checked(2, 3);
    expect(await fold.snapshot()).toEqual({ state: 2, position: 3 });
    expect(fold.types).toEqual(['ItemNoted']);
  });
});
