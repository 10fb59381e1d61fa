import { describe, expect, it } from 'vitest';
import {
  CalendarDataError,
  CalendarError,
  InvalidArgumentError,
  InvalidDateError,
  OutOfRangeError,
  YearNotCoveredError,
  createCalendar,
  mainlandChinaCalendar,
  mainlandChinaYears,
  type HolidayYear,
} from '../index.js';

const cal = mainlandChinaCalendar();

describe('mainland-China data', () => {
  // Derived by hand from each notice (weekdays − weekday days off + weekend days worked) and
  // cross-checked against NateScarlet/holiday-cn; 2008, 2012, 2013, 2019, 2020, 2024–2026 are the brief's references.
  const expected: Record<number, number> = {
    2007: 249, 2008: 251, 2009: 250, 2010: 250, 2011: 250, 2012: 249, 2013: 250, 2014: 250, 2015: 249, 2016: 250,
    2017: 249, 2018: 250, 2019: 250, 2020: 249, 2021: 250, 2022: 249, 2023: 249, 2024: 251, 2025: 248, 2026: 248,
  };
  for (const [year, count] of Object.entries(expected)) {
    it(`${year} has ${count} working days`, () => {
      expect(cal.yearInfo(Number(year)).workingDays).toBe(count);
      const y = Number(year);
      // Independent of yearInfo: (Dec 31 of the year before, Dec 31] — or from Jan 1 for the first year.
      const firstDay = y === 2007 ? (cal.isWorkingDay('2007-01-01') ? 1 : 0) : 0;
      const from = y === 2007 ? '2007-01-01' : `${y - 1}-12-31`;
      expect(cal.workingDaysBetween(from, `${year}-12-31`) + firstDay).toBe(count);
    });
  }

  it('covers 2007-01-01 … 2026-12-31 and names every notice', () => {
    expect(cal.coverage).toEqual({ from: '2007-01-01', to: '2026-12-31' });
    expect(cal.coveredYears).toEqual({ from: 2007, to: 2026 });
    for (let y = 2008; y <= 2026; y++) {
      const notices = cal.yearInfo(y).notices;
      expect(notices.length).toBeGreaterThan(0);
      expect(notices.find((n) => n.title.includes(`${y}年`))?.number).toMatch(/^国办发明电〔\d{4}〕\d+号$/);
    }
    expect(cal.yearInfo(2026).notices[0]?.number).toBe('国办发明电〔2025〕7号');
    expect(cal.yearInfo(2025).notices[0]?.number).toBe('国办发明电〔2024〕12号');
  });

  it('carries the mid-year changes', () => {
    // 2015: 抗战胜利70周年纪念日
    expect(cal.isWorkingDay('2015-09-03')).toBe(false);
    expect(cal.isWorkingDay('2015-09-04')).toBe(false);
    expect(cal.isWorkingDay('2015-09-06')).toBe(true);
    // 2019 Labour Day: 05-01..04 off, Sundays 04-28 and 05-05 worked
    for (const d of ['2019-05-01', '2019-05-02', '2019-05-03']) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2019-04-28')).toBe(true);
    expect(cal.isWorkingDay('2019-05-05')).toBe(true);
    // 2020 Spring Festival extended to 02-02: Friday 01-31 off, Saturday 02-01 no longer worked
    expect(cal.isWorkingDay('2020-01-31')).toBe(false);
    expect(cal.isWorkingDay('2020-02-01')).toBe(false);
    expect(cal.nextWorkingDay('2020-01-23')).toBe('2020-02-03');
    expect(cal.yearInfo(2020).notices.map((n) => n.number)).toContain('国办发明电〔2020〕1号');
  });

  it('2025 has the added Spring Festival eve and Labour Day 05-01..05', () => {
    for (const d of ['2025-01-28', '2025-02-04', '2025-05-02', '2025-05-05']) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2025-01-26')).toBe(true);
    expect(cal.isWorkingDay('2025-02-08')).toBe(true);
  });

  it('a make-up day spilling into the previous year counts there (2007-12-29 worked for the 2008 New Year)', () => {
    expect(cal.isWorkingDay('2007-12-29')).toBe(true);
    expect(cal.isWorkingDay('2007-12-31')).toBe(false);
    expect(cal.yearInfo(2007).makeUpDays.map((d) => d.date)).toContain('2007-12-29');
  });

  it('yearInfo lists days off and make-up days of 2013', () => {
    const info = cal.yearInfo(2013);
    expect(info.makeUpDays.map((d) => d.date)).toEqual([
      '2013-01-05', '2013-01-06', '2013-02-16', '2013-02-17', '2013-04-07', '2013-04-27',
      '2013-04-28', '2013-06-08', '2013-06-09', '2013-09-22', '2013-09-29', '2013-10-12',
    ]);
    expect(info.daysOff).toContainEqual({ date: '2013-10-07', name: '国庆节' });
    expect(info.source).toBe('notice');
  });
});

describe('working-day arithmetic', () => {
  it('counts the N-th working day after D, D not counted (2013-09-16 + 20 = 2013-10-18)', () => {
    expect(cal.addWorkingDays('2013-09-16', 20)).toBe('2013-10-18');
    expect(cal.workingDaysBetween('2013-09-16', '2013-10-18')).toBe(20);
    expect(cal.addWorkingDays('2013-09-16', 1)).toBe('2013-09-17');
  });

  it('n = 0 returns D on a working day, else the next working day', () => {
    expect(cal.addWorkingDays('2013-09-16', 0)).toBe('2013-09-16');
    expect(cal.addWorkingDays('2013-10-01', 0)).toBe('2013-10-08');
    expect(cal.addWorkingDays('2013-09-22', 0)).toBe('2013-09-22'); // a Sunday worked
  });

  it('negative n is the |n|-th working day before D', () => {
    expect(cal.addWorkingDays('2013-10-18', -20)).toBe('2013-09-16');
    expect(cal.addWorkingDays('2013-10-08', -1)).toBe('2013-09-30');
    expect(cal.addWorkingDays('2013-10-05', -1)).toBe('2013-09-30');
    expect(cal.previousWorkingDay('2013-09-23')).toBe('2013-09-22');
  });

  it('workingDaysBetween counts (a, b] and is negative backwards', () => {
    expect(cal.workingDaysBetween('2013-09-30', '2013-10-08')).toBe(1);
    expect(cal.workingDaysBetween('2013-10-08', '2013-09-30')).toBe(-1);
    expect(cal.workingDaysBetween('2013-10-01', '2013-10-07')).toBe(0);
    expect(cal.workingDaysBetween('2013-10-18', '2013-10-18')).toBe(0);
  });

  it('nextWorkingDay skips weekends and holidays', () => {
    expect(cal.nextWorkingDay('2013-09-30')).toBe('2013-10-08');
    expect(cal.nextWorkingDay('2013-09-27')).toBe('2013-09-29'); // Sunday 09-29 worked
  });
});

describe('fail closed', () => {
  it('an uncovered year throws YearNotCoveredError naming the year and the fix', () => {
    const error = (() => {
      try {
        cal.addWorkingDays('2031-01-02', 5);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(YearNotCoveredError);
    expect(error).toBeInstanceOf(CalendarError);
    expect((error as YearNotCoveredError).code).toBe('CALENDAR_YEAR_NOT_COVERED');
    expect((error as Error).message).toContain('2031 is not covered');
    expect((error as Error).message).toContain('banshi calendar add-year 2031.json --to <store>');
    expect((error as Error).message).toContain('calendar.withYears');
    expect((error as Error).message).toContain("uncoveredYears: 'weekends-only'");
  });

  it('running past the data throws for the next year', () => {
    expect(() => cal.addWorkingDays('2026-12-20', 20)).toThrow(/2027 is not covered/);
    expect(() => cal.addWorkingDays('2007-01-10', -20)).toThrow(/2006 is not covered/);
    expect(() => cal.yearInfo(2027)).toThrow(YearNotCoveredError);
    expect(() => cal.isWorkingDay('2006-12-31')).toThrow(YearNotCoveredError);
  });

  it('malformed dates throw InvalidDateError', () => {
    for (const bad of ['2013-02-30', '2013-9-1', '20130901', '2013-09-01T00:00', '', '2013-13-01']) {
      expect(() => cal.addWorkingDays(bad, 1)).toThrow(InvalidDateError);
    }
    expect(() => cal.isWorkingDay('2012-02-29')).not.toThrow();
    expect(() => cal.isWorkingDay('2013-02-29')).toThrow(/CALENDAR|Invalid date/);
  });

  it('a non-integer n throws InvalidArgumentError', () => {
    expect(() => cal.addWorkingDays('2013-09-16', 1.5)).toThrow(InvalidArgumentError);
    expect(() => cal.addWorkingDays('2013-09-16', Number.NaN)).toThrow(InvalidArgumentError);
  });

  it('weekends-only is an explicit opt-in, and its table still ends somewhere', () => {
    const lenient = createCalendar({ uncoveredYears: 'weekends-only', tableYears: { from: 2000, to: 2040 } });
    expect(lenient.addWorkingDays('2031-01-03', 1)).toBe('2031-01-06'); // Friday → Monday
    expect(lenient.yearInfo(2031).source).toBe('weekends-only');
    expect(lenient.yearInfo(2031).workingDays).toBe(261);
    expect(lenient.addWorkingDays('2013-09-16', 20)).toBe('2013-10-18');
    expect(() => lenient.addWorkingDays('2041-01-01', 1)).toThrow(OutOfRangeError);
    expect(lenient.version).not.toBe(cal.version);
  });
});

describe('data and overrides', () => {
  const y2027: HolidayYear = {
    year: 2027,
    notices: [{ title: 'test data, not the real notice', url: 'https://example.invalid' }],
    holidays: [{ name: '元旦', off: ['2027-01-01', '2027-01-03'], work: [] }],
  };

  it('a year passed in extends the coverage with no code change', () => {
    const extended = createCalendar({ years: [y2027] });
    expect(extended.coveredYears.to).toBe(2027);
    expect(extended.nextWorkingDay('2026-12-31')).toBe('2027-01-04');
  });

  it('rejects a gap between covered years and a make-up day on a weekday', () => {
    expect(() => createCalendar({ years: [{ ...y2027, year: 2028 }] })).toThrow(CalendarDataError);
    expect(() =>
      createCalendar({ years: [{ ...y2027, holidays: [{ name: 'x', off: ['2027-01-01', '2027-01-01'], work: ['2027-01-05'] }] }] }),
    ).toThrow(/not a Saturday or Sunday/);
  });

  it('overrides close and open days, and change the version', () => {
    const local = createCalendar({
      id: 'cn-taizhou',
      overrides: [
        { kind: 'closed', from: '2013-10-08', to: '2013-10-09', reason: '台风停止办公' },
        { kind: 'open', from: '2013-10-19', reason: '周六加班受理' },
      ],
    });
    expect(local.isWorkingDay('2013-10-08')).toBe(false);
    expect(local.isWorkingDay('2013-10-19')).toBe(true);
    expect(local.addWorkingDays('2013-09-16', 20)).toBe('2013-10-21');
    expect(local.yearInfo(2013).daysOff).toContainEqual({ date: '2013-10-08', name: '台风停止办公' });
    expect(local.id).toBe('cn-taizhou');
    expect(local.version).not.toBe(cal.version);
    expect(() => createCalendar({ overrides: [{ kind: 'closed', from: '2030-01-01', reason: 'x' }] })).toThrow(YearNotCoveredError);
  });

  it('the version is a deterministic hash of the effective days', () => {
    expect(createCalendar().version).toBe(cal.version);
    expect(cal.version).toMatch(/^cn@fnv1a64:[0-9a-f]{16}$/);
    const same = createCalendar({ overrides: [{ kind: 'closed', from: '2013-10-08', reason: 'a' }] });
    const renamed = createCalendar({ overrides: [{ kind: 'closed', from: '2013-10-08', reason: 'b' }] });
    expect(same.version).toBe(renamed.version);
  });

  it('mainlandChinaCalendar() is memoized', () => {
    expect(mainlandChinaCalendar()).toBe(cal);
  });
});

describe('the year a result needs', () => {
  it('names the year after the data when n = 0 rolls past its last day (found by the missing-year property)', () => {
    const upTo2023 = createCalendar({ base: 'none', id: 'cn', years: mainlandChinaYears.filter((y) => y.year <= 2023) });
    expect(() => upTo2023.addWorkingDays('2023-12-30', 0)).toThrow(expect.objectContaining({ year: 2024 }) as Error);
    expect(() => upTo2023.addWorkingDays('2023-12-30', 1)).toThrow(expect.objectContaining({ year: 2024 }) as Error);
    expect(() => upTo2023.addWorkingDays('2007-01-04', -5)).toThrow(expect.objectContaining({ year: 2006 }) as Error);
  });
});
