import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, formatDayNumber } from '../_lib/dayNumber.js';
import { mainlandChinaCalendar, statutoryClock, type Pause } from '../index.js';

const calendar = mainlandChinaCalendar();
const FIRST = daysFromCivil(2007, 3, 1); // room for previousWorkingDay inside the data
const LAST = daysFromCivil(2024, 6, 30);

const startArb = fc.integer({ min: FIRST, max: LAST });
const limitArb = fc.integer({ min: 1, max: 60 });
/** Closed pauses as day offsets after the start. */
const pausesArb = (start: number) =>
  fc.array(
    fc.tuple(fc.integer({ min: -10, max: 120 }), fc.integer({ min: 1, max: 30 })).map(
      ([offset, length]): Pause => ({ from: formatDayNumber(start + offset), to: formatDayNumber(start + offset + length) }),
    ),
    { maxLength: 4 },
  );
const caseArb = startArb.chain((start) =>
  fc.record({ start: fc.constant(formatDayNumber(start)), startDay: fc.constant(start), limit: limitArb, pauses: pausesArb(start) }),
);

describe('statutory clock properties', () => {
  it('a pause never makes the due date earlier', () => {
    fc.assert(
      fc.property(caseArb, ({ start, limit, pauses }) => {
        const without = statutoryClock({ calendar, start, limit }).dueDate as string;
        const withPauses = statutoryClock({ calendar, start, limit, pauses }).dueDate as string;
        expect(withPauses >= without).toBe(true);
      }),
    );
  });

  it('adding a pause to any set of pauses never makes the due date earlier', () => {
    fc.assert(
      fc.property(caseArb, ({ start, limit, pauses }) => {
        const [extra, ...rest] = pauses;
        fc.pre(extra !== undefined);
        const before = statutoryClock({ calendar, start, limit, pauses: rest }).dueDate as string;
        const after = statutoryClock({ calendar, start, limit, pauses }).dueDate as string;
        expect(after >= before).toBe(true);
      }),
    );
  });

  it('an extension of k moves the due date by exactly k working days', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 30 }), ({ start, limit }, k) => {
        const base = statutoryClock({ calendar, start, limit }).dueDate as string;
        const extended = statutoryClock({ calendar, start, limit, extensions: [{ days: k }] }).dueDate as string;
        expect(extended).toBe(calendar.addWorkingDays(base, k));
        expect(calendar.workingDaysBetween(base, extended)).toBe(k);
      }),
    );
  });

  it('with pauses, an extension of k moves the due date by at least k working days', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 30 }), ({ start, limit, pauses }, k) => {
        const base = statutoryClock({ calendar, start, limit, pauses }).dueDate as string;
        const extended = statutoryClock({ calendar, start, limit, pauses, extensions: [{ days: k }] }).dueDate as string;
        expect(calendar.workingDaysBetween(base, extended) >= k).toBe(true);
      }),
    );
  });

  it('used + left = limit + extensions, and while running used counts up to the due date', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 200 }), ({ start, startDay, limit, pauses }, ext, offset) => {
        const clock = statutoryClock({ calendar, start, limit, pauses, extensions: [{ days: ext }] });
        const status = clock.at(formatDayNumber(startDay + offset));
        expect(status.used + status.left).toBe(limit + ext);
        if (!status.paused && status.level !== 'red') {
          expect(status.left).toBeGreaterThanOrEqual(0);
          expect(status.dueDate !== null && status.today <= status.dueDate).toBe(true);
        }
        if (status.level === 'red') expect(status.dueDate !== null && status.today > status.dueDate).toBe(true);
      }),
    );
  });

  it('once every pause has ended, at(today) agrees with the full clock, and the due day uses the last working day', () => {
    fc.assert(
      fc.property(caseArb, ({ start, limit, pauses }) => {
        const clock = statutoryClock({ calendar, start, limit, pauses });
        const due = clock.dueDate as string;
        const lastEnd = pauses.reduce((m, p) => (p.to !== undefined && p.to > m ? p.to : m), due);
        const today = lastEnd > due ? lastEnd : due;
        const status = clock.at(today);
        expect(status.dueDate).toBe(due);
        expect(clock.at(due).left).toBe(0);
        expect(clock.at(calendar.previousWorkingDay(due)).left).toBe(1);
      }),
    );
  });
});
