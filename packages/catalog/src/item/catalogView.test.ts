import { InvalidDateError } from '@banshi/calendar';
import { createMemoryStore, foldProjection, handle } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { exampleElements } from '../_test/exampleElements.js';
import { ItemNotInForceError } from '../errors/index.js';
import { catalogRegistry } from '../events/index.js';
import { catalogView, departmentStandardization, itemVersionOn, requireItemVersionOn } from './catalogView.js';
import { itemDecider, type ItemCommand } from './itemDecider.js';
import { standardKinds } from './itemElements.js';

async function catalog(commands: readonly ItemCommand[]) {
  const store = createMemoryStore({ registry: catalogRegistry });
  for (const c of commands) await handle(store, `item-${c.code}`, c, itemDecider);
  return { store, view: await foldProjection(store.readAll(), catalogView) };
}

const register = (code: string, over: Parameters<typeof exampleElements>[0] = {}, effectiveFrom = '2013-01-01'): ItemCommand => ({
  type: 'RegisterItem',
  code,
  elements: exampleElements(over),
  effectiveFrom,
});
const standardize = (code: string): ItemCommand[] => standardKinds.map((standard) => ({ type: 'PublishStandard', code, standard, publishedOn: '2013-12-01' }));

describe('itemVersionOn', () => {
  it('returns the version in force on the receipt date, with promised limit and visits', async () => {
    const { view } = await catalog([
      register('XK-001', { promisedLimitDays: 10, requiredVisits: 2 }),
      { type: 'ReviseItem', code: 'XK-001', elements: exampleElements({ promisedLimitDays: 5, requiredVisits: 1 }), effectiveFrom: '2013-07-01', reason: '提速' },
      { type: 'DecideCleanup', code: 'XK-001', campaignId: 'tz-2013', decision: 'retained', decidedOn: '2013-11-30', reason: '保留', elements: exampleElements({ promisedLimitDays: 3, requiredVisits: 0 }) },
    ]);
    expect(itemVersionOn(view, 'XK-001', '2012-12-31')).toBeUndefined();
    expect(itemVersionOn(view, 'XK-001', '2013-01-01')).toMatchObject({ version: 1, effectiveFrom: '2013-01-01', elements: { promisedLimitDays: 10, requiredVisits: 2 } });
    expect(itemVersionOn(view, 'XK-001', '2013-06-30')?.elements.promisedLimitDays).toBe(10);
    expect(itemVersionOn(view, 'XK-001', '2013-07-01')).toMatchObject({ version: 2, elements: { promisedLimitDays: 5, requiredVisits: 1 } });
    expect(itemVersionOn(view, 'XK-001', '2014-03-01')).toMatchObject({ version: 3, effectiveFrom: '2013-11-30', elements: { promisedLimitDays: 3, requiredVisits: 0 } });
  });

  it('an item cancelled or delegated is out of force from the decision date', async () => {
    const { view } = await catalog([
      register('XK-001'),
      register('XK-002'),
      { type: 'DecideCleanup', code: 'XK-001', campaignId: 'tz-2013', decision: 'cancelled', decidedOn: '2013-11-30', reason: '取消' },
      { type: 'DecideCleanup', code: 'XK-002', campaignId: 'tz-2013', decision: 'delegated', toLevel: 'county', decidedOn: '2013-11-30', reason: '下放' },
    ]);
    expect(itemVersionOn(view, 'XK-001', '2013-11-29')?.version).toBe(1);
    expect(itemVersionOn(view, 'XK-001', '2013-11-30')).toBeUndefined();
    expect(itemVersionOn(view, 'XK-002', '2014-01-01')).toBeUndefined();
    expect(() => requireItemVersionOn(view, 'XK-001', '2013-12-01')).toThrow(ItemNotInForceError);
  });

  it('an unknown item is undefined; a malformed date throws a typed error', async () => {
    const { view } = await catalog([register('XK-001')]);
    expect(itemVersionOn(view, 'NOPE', '2013-05-01')).toBeUndefined();
    expect(() => itemVersionOn(view, 'XK-001', '2013-5-1')).toThrow(InvalidDateError);
    const err = (() => {
      try {
        requireItemVersionOn(view, 'NOPE', '2013-05-01');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ItemNotInForceError);
    expect((err as ItemNotInForceError).code).toBe('CATALOG_ITEM_NOT_IN_FORCE');
  });

  it('survives a checkpoint: snapshot + restore answers the same', async () => {
    const { view } = await catalog([register('XK-001'), { type: 'ReviseItem', code: 'XK-001', elements: exampleElements({ promisedLimitDays: 4 }), effectiveFrom: '2013-07-01', reason: 'x' }]);
    const restored = catalogView.restore?.(JSON.parse(JSON.stringify(catalogView.snapshot?.(view))));
    expect(restored && itemVersionOn(restored, 'XK-001', '2013-08-01')).toEqual(itemVersionOn(view, 'XK-001', '2013-08-01'));
  });
});

describe('departmentStandardization', () => {
  it('a department is complete when every item it still holds has all four standards', async () => {
    const { view } = await catalog([
      register('A-1', { department: '市质监局' }),
      register('A-2', { department: '市质监局' }),
      register('B-1', { department: '市商务局' }),
      register('B-2', { department: '市商务局' }),
      ...standardize('A-1'),
      ...standardize('A-2'),
      ...standardize('B-1'),
      { type: 'DecideCleanup', code: 'B-2', campaignId: 'tz-2013', decision: 'cancelled', decidedOn: '2013-11-30', reason: '取消' },
      register('C-1', { department: '市文广新局' }),
      ...standardize('C-1').slice(0, 3),
    ]);
    expect(departmentStandardization(view)).toEqual([
      { department: '市商务局', items: 1, standardized: 1, complete: true },
      { department: '市文广新局', items: 1, standardized: 0, complete: false },
      { department: '市质监局', items: 2, standardized: 2, complete: true },
    ]);
  });
});
