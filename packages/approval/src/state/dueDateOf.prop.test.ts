import { mainlandChinaCalendar, statutoryClock, type Pause } from '@banshi/calendar';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueDateOf } from '../index.js';

const calendar = mainlandChinaCalendar();
const base = '2013-01-04';

/** Ordered, non-overlapping pauses after `start` (one special procedure at a time), the last possibly still open. */
const arbCase = fc
  .record({
    startOffset: fc.integer({ min: 0, max: 2000 }),
    total: fc.integer({ min: 0, max: 70 }),
    gaps: fc.array(fc.record({ before: fc.integer({ min: 0, max: 25 }), length: fc.integer({ min: 0, max: 40 }) }), { maxLength: 4 }),
    lastOpen: fc.boolean(),
  })
  .map(({ startOffset, total, gaps, lastOpen }) => {
    const start = calendar.addWorkingDays(base, startOffset);
    let cursor = start;
    const pauses: Pause[] = gaps.map((g, i) => {
      const from = calendar.addWorkingDays(cursor, g.before);
      const to = calendar.addWorkingDays(from, g.length);
      cursor = to;
      return lastOpen && i === gaps.length - 1 ? { from } : { from, to };
    });
    return { start, total, pauses };
  });

describe('dueDateOf', () => {
  it('equals @banshi/calendar statutoryClock(...).dueDate for ordered pauses', () => {
    fc.assert(
      fc.property(arbCase, ({ start, total, pauses }) => {
        expect(dueDateOf(calendar, start, total, pauses)).toBe(statutoryClock({ calendar, start, limit: total, pauses }).dueDate);
      }),
      { numRuns: 1000 },
    );
  });
});
