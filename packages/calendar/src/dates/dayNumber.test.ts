import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateOfDayNumber, dayNumberOf } from '../index.js';

describe('dayNumberOf / dateOfDayNumber', () => {
  it('count days since 1970-01-01 and read them back, refusing what is not a real yyyy-MM-dd date', () => {
    expect(dayNumberOf('1970-01-01')).toBe(0);
    expect(dayNumberOf('2013-09-16')).toBe(15_964);
    expect(dateOfDayNumber(-1)).toBe('1969-12-31');
    for (const bad of ['2013-02-30', '2013-9-16', '2013-09-16T00:00', '']) expect(dayNumberOf(bad), bad).toBeUndefined();
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (n) => {
        const date = dateOfDayNumber(n);
        expect(dayNumberOf(date)).toBe(n);
        expect(addDays(date, 1)).toBe(dateOfDayNumber(n + 1));
      }),
    );
  });
});
