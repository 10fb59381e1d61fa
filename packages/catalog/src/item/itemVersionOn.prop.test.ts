import { foldProjection } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleElements } from '../_test/exampleElements.js';
import { toLog } from '../_test/toLog.js';
import { catalogView, itemVersionOn } from './catalogView.js';
import { itemDecider, type ItemCommand } from './itemDecider.js';

const day = (n: number) => new Date(Date.UTC(2013, 0, 1 + n)).toISOString().slice(0, 10);

describe('itemVersionOn properties', () => {
  it('equals a linear scan for the latest version dated on or before the day', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 360 }), promised: fc.integer({ min: 1, max: 20 }) }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.integer({ min: -5, max: 370 }),
        async (changes, cancel, probe) => {
          const sorted = [...changes].sort((a, b) => a.at - b.at);
          const [first, ...rest] = sorted as [(typeof sorted)[number], ...typeof sorted];
          const commands: ItemCommand[] = [
            { type: 'RegisterItem', code: 'X', elements: exampleElements({ promisedLimitDays: first.promised }), effectiveFrom: day(first.at) },
            ...rest.map((c): ItemCommand => ({ type: 'ReviseItem', code: 'X', elements: exampleElements({ promisedLimitDays: c.promised }), effectiveFrom: day(c.at), reason: 'r' })),
          ];
          const last = sorted[sorted.length - 1]?.at ?? 0;
          if (cancel) commands.push({ type: 'DecideCleanup', code: 'X', campaignId: 'c', decision: 'cancelled', decidedOn: day(last + 1), reason: 'r' });
          const view = await foldProjection(
            toLog(itemDecider, commands.map((command) => ({ stream: 'item-X', command }))),
            catalogView,
          );
          const date = day(probe);
          const timeline: { from: string; promised: number | null }[] = [...sorted.map((c) => ({ from: day(c.at), promised: c.promised as number | null }))];
          if (cancel) timeline.push({ from: day(last + 1), promised: null });
          let expected: number | null = null;
          for (const t of timeline) if (t.from <= date) expected = t.promised;
          expect(itemVersionOn(view, 'X', date)?.elements.promisedLimitDays ?? null).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
