import { createMemoryStore, DomainError, handle, UnknownEventTypeError, ValidationError } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { exampleElements } from '../_test/exampleElements.js';
import { catalogErrorCodes } from '../errors/index.js';
import { itemDecider } from '../item/itemDecider.js';
import { catalogEvents, catalogRegistry, catalogStreams } from './catalogEvents.js';

describe('catalogRegistry', () => {
  it('knows every catalog event type exactly once', () => {
    const types = catalogEvents.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(catalogRegistry.types).toEqual(types);
  });

  it('a store with the registry refuses schema-invalid payloads and writes nothing', async () => {
    const store = createMemoryStore({ registry: catalogRegistry });
    const good = { type: 'ItemRegistered', data: { code: 'XK-001', elements: exampleElements(), effectiveFrom: '2013-01-01' } };
    const bad = { type: 'ItemCleanupDecided', data: { code: 'XK-001', campaignId: 'c', decision: 'delegated', decidedOn: '2013-11-30', reason: 'x' } };
    await expect(store.append('item-XK-001', [good, bad])).rejects.toBeInstanceOf(ValidationError);
    await expect(store.append('item-XK-001', [{ type: 'ItemRegistered', data: { ...good.data, effectiveFrom: '2013-02-30' } }])).rejects.toThrow(/effectiveFrom/);
    await expect(store.append('deal-1', [{ type: 'DealConcluded', data: { dealId: '1', priceFen: 1.5, concludedOn: '2013-01-01' } }])).rejects.toThrow(/priceFen/);
    await expect(store.append('item-XK-001', [{ type: 'ItemTeleported', data: {} }])).rejects.toBeInstanceOf(UnknownEventTypeError);
    expect(await store.headPosition()).toBe(0);
  });

  it('a rejected command through handle throws the DomainError and appends nothing', async () => {
    const store = createMemoryStore({ registry: catalogRegistry });
    const bad = handle(store, 'item-XK-001', { type: 'RegisterItem', code: 'XK-001', elements: exampleElements({ promisedLimitDays: 40 }), effectiveFrom: '2013-01-01' }, itemDecider);
    await expect(bad).rejects.toBeInstanceOf(DomainError);
    await expect(bad).rejects.toMatchObject({ code: 'CATALOG_ITEM_PROMISE_EXCEEDS_STATUTE' });
    expect(await store.headPosition()).toBe(0);
    const junk = handle(store, 'item-XK-001', { nonsense: true } as never, itemDecider);
    await expect(junk).rejects.toMatchObject({ code: 'CATALOG_INVALID_COMMAND' });
    expect(await store.headPosition()).toBe(0);
  });

  it('a repeated command id appends once', async () => {
    const store = createMemoryStore({ registry: catalogRegistry });
    const cmd = { type: 'RegisterItem', code: 'XK-001', elements: exampleElements(), effectiveFrom: '2013-01-01' } as const;
    await handle(store, catalogStreams.item('XK-001'), cmd, itemDecider, { commandId: 'cmd-1' });
    const again = await handle(store, catalogStreams.item('XK-001'), cmd, itemDecider, { commandId: 'cmd-1' });
    expect(again.duplicate).toBe(true);
    expect(await store.headPosition()).toBe(1);
  });

  it('error codes are unique', () => {
    expect(new Set(catalogErrorCodes).size).toBe(catalogErrorCodes.length);
  });
});
