/**
 * `toShanghaiDate` is fixed UTC+8 arithmetic, not a time-zone library (see the README's
 * "Dependencies"). This property is what makes that honest: for every instant from 1992 (after
 * China's last daylight-saving summer, 1991) to 2100, it names the same day as the IANA zone
 * database's Asia/Shanghai, as the host's ICU reads it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toShanghaiDate } from '../index.js';

const zoneDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('toShanghaiDate against the IANA Asia/Shanghai zone', () => {
  it('names the same day for any instant 1992–2100, given as a Date, epoch ms or an ISO string', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 11, 31, 23, 59, 59) }), (ms) => {
        const expected = zoneDay.format(ms);
        expect(toShanghaiDate(ms)).toBe(expected);
        expect(toShanghaiDate(new Date(ms))).toBe(expected);
        expect(toShanghaiDate(new Date(ms).toISOString())).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees at every Shanghai midnight edge (a second before and at 16:00 UTC)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8036, max: 47847 }), (utcDay) => {
        const midnight = utcDay * 86_400_000 + 16 * 3_600_000; // 00:00 the next day in Shanghai
        expect(toShanghaiDate(midnight)).toBe(zoneDay.format(midnight));
        expect(toShanghaiDate(midnight - 1)).toBe(zoneDay.format(midnight - 1));
        expect(toShanghaiDate(midnight - 1)).not.toBe(toShanghaiDate(midnight));
      }),
      { numRuns: 2000 },
    );
  });
});
