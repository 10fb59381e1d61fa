import { foldProjection } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleElements } from '../_test/exampleElements.js';
import { toLog } from '../_test/toLog.js';
import { itemDecider, type ItemCommand } from '../item/itemDecider.js';
import { cleanupDecisionTypes } from '../item/itemLifecycle.js';
import { cleanupReport, decidedItems, fourReductions, reducedItems, reductionRate } from './cleanupReport.js';

const arbItem = fc.record({
  promised: fc.integer({ min: 1, max: 20 }),
  steps: fc.integer({ min: 0, max: 6 }),
  materials: fc.integer({ min: 0, max: 9 }),
  decision: fc.option(fc.constantFrom(...cleanupDecisionTypes), { nil: undefined }),
  campaign: fc.constantFrom('c1', 'c2'),
  slimmer: fc.boolean(),
});

function commands(items: readonly (typeof arbItem extends fc.Arbitrary<infer T> ? T : never)[], order: readonly number[]) {
  const list: { stream: string; command: ItemCommand }[] = [];
  items.forEach((it, i) => {
    const code = `I-${i}`;
    const elements = exampleElements({ promisedLimitDays: it.promised, steps: Array.from({ length: it.steps }, (_, k) => `s${k}`), materials: Array.from({ length: it.materials }, (_, k) => `m${k}`) });
    list.push({ stream: `item-${code}`, command: { type: 'RegisterItem', code, elements, effectiveFrom: '2013-01-01' } });
  });
  for (const i of order) {
    const it = items[i];
    if (!it?.decision) continue;
    const code = `I-${i}`;
    const base = { type: 'DecideCleanup', code, campaignId: it.campaign, decision: it.decision, decidedOn: '2013-11-30', reason: 'r' } as const;
    const command: ItemCommand =
      it.decision === 'delegated' ? { ...base, toLevel: 'county' } : it.decision === 'retained' && it.slimmer ? { ...base, elements: exampleElements({ promisedLimitDays: 1, steps: [], materials: [] }) } : base;
    list.push({ stream: `item-${code}`, command });
  }
  return list;
}

const arbLog = fc
  .array(arbItem, { minLength: 0, maxLength: 40 })
  .chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray([...items.keys()], { minLength: items.length, maxLength: items.length })))
  .map(([items, order]) => ({ items, log: toLog(itemDecider, commands(items, order)) }));

describe('cleanupReport properties', () => {
  it('decision totals add up to the decided items; the rate lies in [0, 1]; nothing grows', async () => {
    await fc.assert(
      fc.asyncProperty(arbLog, async ({ items, log }) => {
        const report = await foldProjection(log, cleanupReport);
        for (const id of ['c1', 'c2']) {
          const expected = items.filter((i) => i.decision && i.campaign === id);
          const c = report.campaigns.get(id);
          if (expected.length === 0) {
            expect(c).toBeUndefined();
            continue;
          }
          if (!c) throw new Error(`campaign ${id} missing`);
          expect(decidedItems(c)).toBe(expected.length);
          expect(c.before.items).toBe(expected.length);
          expect(c.after.items).toBe(c.decisions.retained);
          expect(reducedItems(c) + c.decisions.retained).toBe(decidedItems(c));
          const rate = reductionRate(c);
          expect(rate).toBeGreaterThanOrEqual(0);
          expect(rate).toBeLessThanOrEqual(1);
          for (const line of Object.values(fourReductions(c))) expect(line.reduction).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('folding is deterministic, and snapshot + tail equals the full fold', async () => {
    await fc.assert(
      fc.asyncProperty(arbLog, fc.nat(), async ({ log }, cut) => {
        const k = log.length === 0 ? 0 : cut % (log.length + 1);
        const full = cleanupReport.snapshot?.(await foldProjection(log, cleanupReport));
        expect(cleanupReport.snapshot?.(await foldProjection(log, cleanupReport))).toEqual(full);
        let state = cleanupReport.restore?.(JSON.parse(JSON.stringify(cleanupReport.snapshot?.(await foldProjection(log.slice(0, k), cleanupReport)))));
        if (!state) throw new Error('cleanupReport must snapshot');
        for (const e of log.slice(k)) state = cleanupReport.apply(state, e);
        expect(cleanupReport.snapshot?.(state)).toEqual(full);
      }),
      { numRuns: 100 },
    );
  });
});
