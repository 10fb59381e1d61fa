/**
 * 行政许可法 第四十二条: a case's statutory limit is its item's, from the catalog version in force on the receipt
 * date. Over random histories in which another process registers and revises the item at random
 * moments — between Receives, and while a Receive is being decided (after its catalog was read,
 * before its case is written) — every case in the log carries the terms of the catalog as the log
 * stood just before the case: replaying the log gives each case's terms back. Before the append
 * condition, a revision that landed while a Receive was decided was missed.
 */
import { receiveTermsOf } from '@banshi/approval';
import { catalogView, itemVersionOn } from '@banshi/catalog';
import { createMemoryStore, type StoredEvent } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { banshiRegistry } from '../aggregates/registry.js';
import { beforeAppend, fixture, receive } from '../_lib/testFixture.js';

const elements = (days: number) => ({
  name: '某项许可', type: '行政许可', department: '市场监管', level: 'city', legalBasis: ['某条例 第十二条'], statutoryLimitDays: days,
  statutoryLimitBasis: { law: '某条例', article: '第十二条' }, promisedLimitDays: Math.min(days, 12), handling: '承诺件', requiredVisits: 1, onlineDepth: 'onlineIntake',
  materials: ['申请书'], steps: ['受理', '审查', '决定'], fees: [], specialProcedures: [],
});

/** What another process does to the catalog: register the item, or revise its statutory limit. */
const catalogCommand = (registered: boolean, days: number) =>
  registered
    ? { type: 'ReviseItem', code: 'XK-30', elements: elements(days), effectiveFrom: '2013-06-01', reason: `修订为 ${days} 日` }
    : { type: 'RegisterItem', code: 'XK-30', elements: elements(days), effectiveFrom: '2013-01-01' };

describe('every case carries the terms of the catalog as the log stood just before it (第四十二条), whatever another process does meanwhile', () => {
  it('over random histories of Receives and catalog changes, some landing while a Receive is decided', async () => {
    const step = fc.record({
      // Before this Receive, or while it is decided (after its catalog read, before its write), or neither.
      change: fc.constantFrom('none', 'before', 'during'),
      days: fc.integer({ min: 10, max: 40 }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        run++;
        const store = createMemoryStore({ registry: banshiRegistry });
        const other = await fixture({ tenants: { tz: { store } } });
        let registered = false;
        const change = async (days: number) => {
          expect((await other.call('admin', 'POST', '/t/tz/items/XK-30/commands', catalogCommand(registered, days))).status).toBeLessThan(300);
          registered = true;
        };
        let during: (() => Promise<void>) | undefined;
        const racing = beforeAppend(store, async (stream) => {
          const now = stream.startsWith('case-') ? during : undefined;
          during = undefined;
          if (now) await now();
        });
        const f = await fixture({ tenants: { tz: { store: racing } } });
        for (const [i, s] of steps.entries()) {
          if (s.change === 'before') await change(s.days);
          if (s.change === 'during') during = () => change(s.days);
          const r = await f.call('clerk', 'POST', `/t/tz/cases/P${run}-${i}/commands`, receive(`P${run}-${i}`, { itemCode: 'XK-30' }));
          expect(r.status).toBe(201);
        }
        // Replay: each CaseReceived against the catalog folded from the events before it.
        let catalog = catalogView.init();
        let cases = 0;
        for await (const e of store.readAll()) {
          if (e.type === 'CaseReceived') {
            cases++;
            const data = e.data as { on: string; statutoryLimit?: { days: number } };
            const version = itemVersionOn(catalog, 'XK-30', data.on);
            expect(data.statutoryLimit?.days).toBe(version ? receiveTermsOf(version.elements).statutoryLimit?.days : undefined);
          } else if (!catalogView.types || catalogView.types.includes(e.type)) {
            catalog = catalogView.apply(catalog, e as StoredEvent);
          }
        }
        expect(cases).toBe(steps.length);
      }),
      { numRuns: 40, seed: 42 },
    );
  });
});
