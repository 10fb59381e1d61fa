import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidDateError,
  isBusinessDate,
  mainlandChinaCalendar,
  parseBusinessDate,
  statutoryClock,
  toShanghaiDate,
} from '../index.js';

// Business dates are Shanghai dates whatever the host TZ; Node applies TZ changes at runtime.
const zones = [
  { tz: 'UTC', offsetMinutes: 0 },
  { tz: 'Asia/Shanghai', offsetMinutes: -480 },
  { tz: 'America/Sao_Paulo', offsetMinutes: 180 },
  { tz: 'Pacific/Kiritimati', offsetMinutes: -840 },
] as const;

const originalTz = process.env['TZ'];

for (const { tz, offsetMinutes } of zones) {
  describe(`under TZ=${tz}`, () => {
    beforeAll(() => {
      process.env['TZ'] = tz;
    });
    afterAll(() => {
      if (originalTz === undefined) delete process.env['TZ'];
      else process.env['TZ'] = originalTz;
    });

    it('the host zone really changed', () => {
      expect(new Date(Date.UTC(2013, 6, 1)).getTimezoneOffset()).toBe(offsetMinutes);
    });

    it('toShanghaiDate maps instants to the Shanghai day', () => {
      expect(toShanghaiDate('2013-09-15T16:00:00Z')).toBe('2013-09-16'); // Shanghai midnight
      expect(toShanghaiDate('2013-09-15T15:59:59.999Z')).toBe('2013-09-15');
      expect(toShanghaiDate('2013-09-16T00:30:00+08:00')).toBe('2013-09-16');
      expect(toShanghaiDate('2013-09-15T23:59:00-03:00')).toBe('2013-09-16'); // São Paulo evening
      expect(toShanghaiDate(Date.UTC(2012, 11, 31, 16))).toBe('2013-01-01');
      expect(toShanghaiDate(new Date(Date.UTC(2020, 1, 28, 17)))).toBe('2020-02-29');
    });

    it('toShanghaiDate refuses zone-less or broken instants', () => {
      expect(() => toShanghaiDate('2013-09-16')).toThrow(InvalidDateError);
      expect(() => toShanghaiDate('2013-09-16T10:00')).toThrow(InvalidDateError);
      expect(() => toShanghaiDate(Number.NaN)).toThrow(InvalidDateError);
      expect(() => toShanghaiDate(new Date('nonsense'))).toThrow(InvalidDateError);
    });

    it('parses business dates strictly', () => {
      expect(parseBusinessDate('2013-09-01')).toBe('2013-09-01');
      expect(isBusinessDate('2012-02-29')).toBe(true);
      expect(isBusinessDate('1900-02-29')).toBe(false);
      expect(isBusinessDate('2000-02-29')).toBe(true);
      for (const bad of ['2013-02-30', '2013-9-1', '2013-09-1', ' 2013-09-01', '2013/09/01', 20130901]) {
        expect(isBusinessDate(bad)).toBe(false);
        expect(() => parseBusinessDate(bad)).toThrow(InvalidDateError);
      }
    });

    it('working-day arithmetic and clocks do not move', () => {
      const cal = mainlandChinaCalendar();
      expect(cal.addWorkingDays('2013-09-16', 20)).toBe('2013-10-18');
      expect(cal.isWorkingDay('2013-09-22')).toBe(true); // Sunday worked
      expect(cal.isWorkingDay('2013-09-21')).toBe(false);
      expect(cal.yearInfo(2020).workingDays).toBe(249);
      const clock = statutoryClock({ calendar: cal, start: '2013-09-16', limit: 20 });
      expect(clock.at('2013-10-15')).toMatchObject({ dueDate: '2013-10-18', used: 17, left: 3, level: 'yellow' });
    });
  });
}
