import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CalendarDataError,
  calendarStreamId,
  calendarYearAddedEvent,
  calendarYearsFromEvents,
  createCalendar,
  mainlandChinaCalendar,
  mainlandChinaYears,
  parseHolidayYear,
  planYearAddition,
  statutoryClock,
  type HolidayYear,
} from '../index.js';

const cal = mainlandChinaCalendar();
const sample2027 = parseHolidayYear(JSON.parse(readFileSync(new URL('../../../../docs/calendar/2027.sample.json', import.meta.url), 'utf8')));
const builtIn = (y: number): HolidayYear => mainlandChinaYears.find((x) => x.year === y) as HolidayYear;
const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CalendarDataError);
    return (e as Error).message;
  }
  throw new Error('expected a CalendarDataError');
};

describe('calendar.withYears: next year without a release', () => {
  it('adds 2027 from a file: coverage, arithmetic and the version change with the data', () => {
    const next = cal.withYears([sample2027]);
    expect(next.coveredYears).toEqual({ from: 2007, to: 2027 });
    expect(next.version).not.toBe(cal.version);
    expect(next.version).toMatch(/^cn@fnv1a64:/);
    expect(next.addWorkingDays('2026-12-28', 5)).toBe('2027-01-05'); // 12-29, 12-30, 12-31, (01-01..03 off) 01-04, 01-05
    expect(next.yearInfo(2027)).toMatchObject({ sample: true, source: 'notice' });
    expect(cal.coveredYears.to).toBe(2026); // the original is unchanged
    expect(planYearAddition(cal, sample2027)).toEqual({ year: 2027, kind: 'new', addedNotices: sample2027.notices, changedDays: [] });
  });

  it('the same data gives the same version however it was loaded', () => {
    const upTo2020 = createCalendar({ base: 'none', id: 'cn', years: mainlandChinaYears.filter((y) => y.year <= 2020) });
    const loaded = upTo2020.withYears(mainlandChinaYears.filter((y) => y.year > 2020));
    expect(loaded.version).toBe(cal.version);
    expect(loaded.addWorkingDays('2020-12-20', 60)).toBe(cal.addWorkingDays('2020-12-20', 60));
  });

  it('adding a year identical to the loaded one is a no-op', () => {
    expect(cal.withYears([builtIn(2026)])).toBe(cal);
    expect(planYearAddition(cal, builtIn(2026)).kind).toBe('unchanged');
  });

  it('refuses a year that leaves a year uncovered', () => {
    expect(errorOf(() => cal.withYears([{ ...sample2027, year: 2028, holidays: [{ name: '元旦', off: ['2028-01-01', '2028-01-03'], work: [] }] }]))).toMatch(
      /adding 2028 would leave 2027 uncovered \(the data ends with 2026\): add the years in order/,
    );
    const from2010 = createCalendar({ base: 'none', id: 'cn', years: mainlandChinaYears.filter((y) => y.year >= 2010) });
    expect(errorOf(() => from2010.withYears([builtIn(2007)]))).toMatch(/adding 2007 would leave 2008–2009 uncovered/);
    expect(from2010.withYears([builtIn(2009), builtIn(2008), builtIn(2007)]).coveredYears.from).toBe(2007);
  });

  it('reports the days of the year before that a New Year arrangement changes (2019 sets 2018-12-29 worked, 12-31 off)', () => {
    const upTo2018 = createCalendar({ base: 'none', id: 'cn', years: mainlandChinaYears.filter((y) => y.year <= 2018) });
    expect(upTo2018.isWorkingDay('2018-12-31')).toBe(true);
    const plan = planYearAddition(upTo2018, builtIn(2019));
    expect(plan.changedDays).toEqual([
      { date: '2018-12-29', before: 'off', after: 'working', holiday: '元旦' },
      { date: '2018-12-31', before: 'working', after: 'off', holiday: '元旦' },
    ]);
    expect(upTo2018.withYears([builtIn(2019)]).isWorkingDay('2018-12-31')).toBe(false);
  });

  it('refuses a day that contradicts another loaded year', () => {
    const y2030: HolidayYear = { year: 2030, notices: [{ title: 'test', url: 'https://example.invalid/2030' }], holidays: [{ name: '测试', off: ['2030-12-24', '2030-12-25'], work: ['2030-12-28'] }] };
    const y2031: HolidayYear = { year: 2031, notices: [{ title: 'test', url: 'https://example.invalid/2031' }], holidays: [{ name: '元旦', off: ['2030-12-28', '2031-01-01'], work: [] }] };
    const base = createCalendar({ base: 'none', years: [y2030] });
    expect(errorOf(() => base.withYears([y2031]))).toMatch(/2030-12-28 is a day off \(元旦\) here but a make-up working day \(测试\) in the loaded 2030 \(added: test\)/);
  });

  describe('mid-year changes through the same format (a new notice revises a loaded year)', () => {
    const firstNoticeOnly = (y: HolidayYear, original: HolidayYear['holidays'][number] | undefined): HolidayYear => ({
      year: y.year,
      notices: [y.notices[0] as HolidayYear['notices'][number]],
      holidays: [...y.holidays.filter((h) => (h.notice ?? 0) === 0), ...(original ? [original] : [])],
    });
    const cases: [number, HolidayYear['holidays'][number] | undefined, string, boolean][] = [
      [2015, undefined, '2015-09-03', false],
      [2019, { name: '劳动节', off: ['2019-05-01', '2019-05-01'], work: [] }, '2019-05-02', false],
      [2020, { name: '春节', off: ['2020-01-24', '2020-01-30'], work: ['2020-01-19', '2020-02-01'] }, '2020-02-01', false],
    ];
    for (const [y, original, day, working] of cases) {
      it(`${y}: the first notice, then the mid-year one, gives the built-in data and version`, () => {
        const before = createCalendar({ years: [firstNoticeOnly(builtIn(y), original)] });
        expect(before.isWorkingDay(day)).toBe(true);
        const plan = planYearAddition(before, builtIn(y));
        expect(plan.kind).toBe('revision');
        expect(plan.addedNotices.map((n) => n.number)).toEqual([builtIn(y).notices[1]?.number]);
        const after = before.withYears([builtIn(y)]);
        expect(after.isWorkingDay(day)).toBe(working);
        expect(after.version).toBe(cal.version);
      });
    }

    it('refuses a change to a loaded year that does not come with its notice', () => {
      const changed: HolidayYear = { ...builtIn(2026), holidays: builtIn(2026).holidays.map((h) => (h.name === '国庆节' ? { ...h, off: ['2026-10-01', '2026-10-08'] as const } : h)) };
      expect(errorOf(() => cal.withYears([changed]))).toMatch(/changes the loaded 2026 \(built in: 国办发明电〔2025〕7号\) without a new notice/);
      const cites = { ...changed, notices: [...changed.notices, { title: '调整', url: 'https://example.invalid/adj' }] };
      expect(errorOf(() => cal.withYears([cites]))).toMatch(/国庆节 differs from the loaded 2026 .* but cites a notice already loaded/);
      const drops = { ...builtIn(2026), notices: [{ title: '调整', url: 'https://example.invalid/adj' }], holidays: builtIn(2026).holidays.map((h) => ({ ...h, notice: 0 })) };
      expect(errorOf(() => cal.withYears([drops]))).toMatch(/drops the notice 国办发明电〔2025〕7号/);
    });

    it('a year added by mistake can be replaced (--replace); a built-in year cannot; a sample never replaces official data', () => {
      const added = cal.withYears([sample2027]);
      const fixed: HolidayYear = { ...sample2027, holidays: sample2027.holidays.filter((h) => h.name !== '国庆节') };
      expect(errorOf(() => added.withYears([fixed]))).toMatch(/without a new notice/);
      expect(added.withYears([fixed], { replace: true }).isWorkingDay('2027-10-04')).toBe(true);
      expect(errorOf(() => cal.withYears([{ ...builtIn(2026), holidays: builtIn(2026).holidays.slice(1) }], { replace: true }))).toMatch(/built in and cannot be replaced/);
      expect(errorOf(() => cal.withYears([{ ...builtIn(2026), sample: true }]))).toMatch(/a sample file cannot replace it/);
    });
  });
});

describe('added years in the log (stream calendar-cn)', () => {
  it('the latest event per year wins; the years load in order', () => {
    const fixed: HolidayYear = { ...sample2027, holidays: sample2027.holidays.slice(0, 2) };
    const events = [calendarYearAddedEvent(sample2027), calendarYearAddedEvent(fixed, { replace: true }), { type: 'SomethingElse', data: {} }];
    expect(calendarStreamId()).toBe('calendar-cn');
    const years = calendarYearsFromEvents(JSON.parse(JSON.stringify(events)) as typeof events);
    expect(years).toEqual([fixed]);
    expect(cal.withYears(years).isWorkingDay('2027-05-03')).toBe(true);
  });

  it('an event that does not hold a valid year is named', () => {
    expect(errorOf(() => calendarYearsFromEvents([{ type: 'CalendarYearAdded', data: { calendarId: 'cn', replace: false }, version: 3 }]))).toMatch(/calendar-cn event 3 is not a CalendarYearAdded payload — holidayYear/);
  });
});

describe('a clock whose limit runs past the data', () => {
  const clock = statutoryClock({ calendar: cal, start: '2026-12-10', limit: 20 });
  it('has an unknown due date naming the missing year, instead of throwing', () => {
    expect(clock.dueDate).toBeNull();
    expect(clock.missingYear).toBe(2027);
  });
  it('reads used, left and the level while today is covered; unknown past the data', () => {
    expect(clock.read('2026-12-30')).toEqual({ today: '2026-12-30', dueDate: null, missingYear: 2027, projectedDueDate: null, used: 14, left: 6, level: 'normal', paused: false });
    expect(clock.read('2027-01-05')).toMatchObject({ dueDate: null, missingYear: 2027, used: null, left: null, level: 'unknown' });
    expect(() => clock.at('2026-12-30')).toThrow(/2027 is not covered/);
  });
  it('with 2027 loaded, the same facts give the date', () => {
    const full = statutoryClock({ calendar: cal.withYears([sample2027]), start: '2026-12-10', limit: 20 });
    expect(full.missingYear).toBeNull();
    expect(full.dueDate).toBe('2027-01-08');
    expect(full.read('2026-12-30')).toMatchObject({ used: 14, left: 6, level: 'normal', missingYear: null, dueDate: '2027-01-08' });
  });
  it('a due date inside the data stays known, even when a later pause or today lies past it', () => {
    const early = statutoryClock({ calendar: cal, start: '2026-12-01', limit: 5, pauses: [{ from: '2027-01-10', to: '2027-01-20' }] });
    expect(early.dueDate).toBe('2026-12-08');
    expect(early.read('2027-02-01')).toMatchObject({ level: 'red', dueDate: '2026-12-08', used: null });
  });
  it('a yellow warning is still known when today is covered and the due date is not', () => {
    const c = statutoryClock({ calendar: cal, start: '2026-12-28', limit: 5 });
    expect(c.read('2026-12-30')).toMatchObject({ dueDate: null, missingYear: 2027, used: 2, left: 3, level: 'yellow' });
  });
});
