import { foldDecider, foldProjection } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleElements } from '../_test/exampleElements.js';
import { toLog } from '../_test/toLog.js';
import { catalogView } from './catalogView.js';
import { itemDecider, type ItemCommand } from './itemDecider.js';
import { itemLevels, standardKinds } from './itemElements.js';
import { cleanupDecisionTypes } from './itemLifecycle.js';

const arbCommand = (code: string): fc.Arbitrary<ItemCommand> =>
  fc.oneof(
    fc.constant<ItemCommand>({ type: 'RegisterItem', code, elements: exampleElements(), effectiveFrom: '2013-01-01' }),
    fc.integer({ min: 1, max: 20 }).map((p): ItemCommand => ({ type: 'ReviseItem', code, elements: exampleElements({ promisedLimitDays: p }), effectiveFrom: '2013-06-01', reason: 'r' })),
    fc.constantFrom(...standardKinds).map((standard): ItemCommand => ({ type: 'PublishStandard', code, standard, publishedOn: '2013-07-01' })),
    fc
      .record({ decision: fc.constantFrom(...cleanupDecisionTypes), campaign: fc.constantFrom('c1', 'c2'), level: fc.constantFrom(...itemLevels) })
      .map(({ decision, campaign, level }): ItemCommand => ({
        type: 'DecideCleanup',
        code,
        campaignId: campaign,
        decision,
        decidedOn: '2013-11-30',
        reason: 'r',
        ...(decision === 'delegated' ? { toLevel: level } : {}),
      })),
  );

describe('catalogView properties', () => {
  it('the plain-reducer view agrees with the decider on every item’s status and standards', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.integer({ min: 0, max: 4 }).chain((i) => arbCommand(`X${i}`).map((command) => ({ stream: `item-X${i}`, command }))),
          { maxLength: 80 },
        ),
        async (commands) => {
          const log = toLog(itemDecider, commands);
          const view = await foldProjection(log, catalogView);
          const streams = new Set(log.map((e) => e.stream));
          expect(view.items.size).toBe(streams.size);
          for (const stream of streams) {
            const state = foldDecider(
              itemDecider,
              log.filter((e) => e.stream === stream),
            );
            const item = view.items.get(stream.slice('item-'.length));
            expect(item?.status).toBe(state.status);
            expect([...(item?.standards ?? [])].sort()).toEqual([...state.standards].sort());
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
