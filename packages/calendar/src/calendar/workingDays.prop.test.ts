import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, formatDayNumber } from '../_lib/dayNumber.js';
import { createCalendar, mainlandChinaCalendar, type WorkingCalendar } from '../index.js';

const FIRST = daysFromCivil(2007, 1, 1);
const LAST = daysFromCivil(2024, 12, 31); // leaves room for +/-250 working days inside the data
const dateArb = fc.integer({ min: FIRST + 400, max: LAST }).map(formatDayNumber);
const nArb = fc.integer({ min: -250, max: 250 });

/** Day-by-day reference implementation, independent of the prefix sums. */
function naiveAdd(cal: WorkingCalendar, date: string, n: number): string {
  let day = daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  if (n === 0) {
    while (!cal.isWorkingDay(formatDayNumber(day))) day++;
    return formatDayNumber(day);
  }
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (cal.isWorkingDay(formatDayNumber(day))) left--;
  }
  return formatDayNumber(day);
}

const calendars: [string, WorkingCalendar][] = [
  ['mainland China', mainlandChinaCalendar()],
  ['weekends-only with overrides', createCalendar({ base: 'none', uncoveredYears: 'weekends-only', overrides: [{ kind: 'closed', from: '2013-10-01', to: '2013-10-20', reason: 'x' }] })],
];

for (const [label, cal] of calendars) {
  describe(`working-day properties (${label})`, () => {
    it('addWorkingDays agrees with a day-by-day loop', () => {
      fc.assert(fc.property(dateArb, nArb, (d, n) => cal.addWorkingDays(d, n) === naiveAdd(cal, d, n)));
    });

    it('the result of a non-zero shift is a working day', () => {
      fc.assert(fc.property(dateArb, nArb.filter((n) => n !== 0), (d, n) => cal.isWorkingDay(cal.addWorkingDays(d, n))));
    });

    it('round trip: workingDaysBetween(a, addWorkingDays(a, n)) = n for n > 0, and for n < 0 when a is a working day', () => {
      fc.assert(
        fc.property(dateArb, nArb, (a, n) => {
          fc.pre(n > 0 || (n < 0 && cal.isWorkingDay(a)));
          expect(cal.workingDaysBetween(a, cal.addWorkingDays(a, n))).toBe(n);
        }),
      );
    });

    it('round trip: addWorkingDays(a, workingDaysBetween(a, b)) = b when b is a working day after a', () => {
      fc.assert(
        fc.property(dateArb, dateArb, (a, b) => {
          fc.pre(a < b && cal.isWorkingDay(b));
          expect(cal.addWorkingDays(a, cal.workingDaysBetween(a, b))).toBe(b);
        }),
      );
    });

    it('workingDaysBetween is antisymmetric and additive', () => {
      fc.assert(
        fc.property(dateArb, dateArb, dateArb, (a, b, c) => {
          expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, a)).toBe(0);
          expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c)).toBe(cal.workingDaysBetween(a, c));
        }),
      );
    });

    it('addWorkingDays is monotonic in the date and strictly in n, except that 0 and 1 meet on a rest day', () => {
      fc.assert(
        fc.property(dateArb, dateArb, nArb, nArb, (a1, a2, n1, n2) => {
          const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
          expect(cal.addWorkingDays(lo, n1) <= cal.addWorkingDays(hi, n1)).toBe(true);
          if (n1 >= n2) return;
          // From a rest day, a shift of 0 rolls forward to the next working day, which is also the shift of 1.
          const meets = n1 === 0 && n2 === 1 && !cal.isWorkingDay(lo);
          if (meets) expect(cal.addWorkingDays(lo, 0)).toBe(cal.addWorkingDays(lo, 1));
          else expect(cal.addWorkingDays(lo, n1) < cal.addWorkingDays(lo, n2)).toBe(true);
        }),
      );
    });

    it('nextWorkingDay / previousWorkingDay are the ±1 shifts and invert each other on working days', () => {
      fc.assert(
        fc.property(dateArb, (d) => {
          expect(cal.nextWorkingDay(d) > d).toBe(true);
          expect(cal.previousWorkingDay(d) < d).toBe(true);
          if (cal.isWorkingDay(d)) expect(cal.previousWorkingDay(cal.nextWorkingDay(d))).toBe(d);
        }),
      );
    });
  });
}
