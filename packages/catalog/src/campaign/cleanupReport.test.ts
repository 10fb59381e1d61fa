import { createMemoryStore, foldProjection, handle, runProjection } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { exampleElements } from '../_test/exampleElements.js';
import { catalogRegistry } from '../events/index.js';
import { formatPercent } from '../format/index.js';
import { itemDecider, type ItemCommand } from '../item/itemDecider.js';
import { campaignDecider } from './campaignDecider.js';
import { cleanupReport, decidedItems, decisionsWithinCampaign, fourReductions, reducedItems, reductionRate } from './cleanupReport.js';

async function build() {
  const store = createMemoryStore({ registry: catalogRegistry });
  await handle(store, 'campaign-tz-2013', { type: 'OpenCampaign', campaignId: 'tz-2013', name: '2013清理', level: 'city', openedOn: '2013-03-01' }, campaignDecider);
  const items: [string, number, number, number][] = [
    // code, promised days, steps, materials
    ['A', 10, 4, 6],
    ['B', 5, 3, 3],
    ['C', 8, 3, 5],
    ['D', 12, 5, 7],
    ['E', 6, 3, 4],
  ];
  for (const [code, promised, steps, materials] of items) {
    const elements = exampleElements({ promisedLimitDays: promised, steps: Array.from({ length: steps }, (_, i) => `环节${i}`), materials: Array.from({ length: materials }, (_, i) => `材料${i}`) });
    await handle(store, `item-${code}`, { type: 'RegisterItem', code, elements, effectiveFrom: '2013-01-01' }, itemDecider);
  }
  const decide = (code: string, over: Partial<Extract<ItemCommand, { type: 'DecideCleanup' }>>): ItemCommand => ({
    type: 'DecideCleanup',
    code,
    campaignId: 'tz-2013',
    decision: 'retained',
    decidedOn: '2013-11-30',
    reason: '清理',
    ...over,
  });
  const decisions: ItemCommand[] = [
    decide('A', { decision: 'cancelled' }),
    decide('B', { decision: 'delegated', toLevel: 'county' }),
    decide('C', { decision: 'adjusted' }),
    decide('D', { elements: exampleElements({ promisedLimitDays: 7, steps: ['受理', '决定'], materials: ['申请书', '身份证明'] }) }),
    decide('E', {}),
  ];
  for (const c of decisions) await handle(store, `item-${c.code}`, c, itemDecider);
  return store;
}

describe('cleanupReport', () => {
  it('counts decisions, the reduction rate and the four reductions from events', async () => {
    const store = await build();
    const report = await foldProjection(store.readAll(), cleanupReport);
    const c = report.campaigns.get('tz-2013');
    expect(c).toBeDefined();
    if (!c) return;
    expect(c.decisions).toEqual({ cancelled: 1, delegated: 1, adjusted: 1, retained: 2 });
    expect([decidedItems(c), reducedItems(c)]).toEqual([5, 3]);
    expect(reductionRate(c)).toBe(3 / 5);
    expect(formatPercent(reducedItems(c), decidedItems(c))).toBe('60.0%');
    expect(fourReductions(c)).toEqual({
      items: { before: 5, after: 2, reduction: 3 },
      promisedLimitDays: { before: 41, after: 13, reduction: 28 },
      statutoryLimitDays: { before: 100, after: 40, reduction: 60 },
      steps: { before: 18, after: 5, reduction: 13 },
      materials: { before: 25, after: 6, reduction: 19 },
    });
    expect(c.name).toBe('2013清理');
    expect(decisionsWithinCampaign(c)).toBe(true);
  });

  it('flags decisions outside the campaign period or naming an unopened campaign', async () => {
    const store = await build();
    await handle(store, 'campaign-tz-2013', { type: 'CloseCampaign', campaignId: 'tz-2013', closedOn: '2013-11-01' }, campaignDecider);
    await handle(store, 'item-E', { type: 'DecideCleanup', code: 'E', campaignId: 'ghost', decision: 'cancelled', decidedOn: '2013-12-01', reason: 'x' }, itemDecider);
    const report = await foldProjection(store.readAll(), cleanupReport);
    expect(decisionsWithinCampaign(report.campaigns.get('tz-2013') as never)).toBe(false);
    const ghost = report.campaigns.get('ghost');
    expect(ghost?.openedOn).toBeNull();
    expect(ghost && decisionsWithinCampaign(ghost)).toBe(false);
    // E was retained in tz-2013 with unchanged elements: the ghost campaign sees it as it stood then
    expect(ghost && fourReductions(ghost).promisedLimitDays).toEqual({ before: 6, after: 0, reduction: 6 });
  });

  it('resumes from a checkpoint to the same figures', async () => {
    const store = await build();
    const full = await foldProjection(store.readAll(), cleanupReport);
    const first = await runProjection(store, cleanupReport, { untilPosition: 7 });
    expect(first.position).toBe(7);
    const second = await runProjection(store, cleanupReport);
    expect(cleanupReport.snapshot?.(second.state)).toEqual(cleanupReport.snapshot?.(full));
  });

  it('an empty campaign has rate 0, not NaN', async () => {
    const store = createMemoryStore({ registry: catalogRegistry });
    await handle(store, 'campaign-x', { type: 'OpenCampaign', campaignId: 'x', name: 'x', level: 'county', openedOn: '2013-03-01' }, campaignDecider);
    const report = await foldProjection(store.readAll(), cleanupReport);
    expect(reductionRate(report.campaigns.get('x') as never)).toBe(0);
  });
});
