import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CalendarDataError, holidayYearProblems, mainlandChinaYears, parseHolidayYear, toHolidayYearFile, type HolidayYear } from '../index.js';

const sampleFile = JSON.parse(readFileSync(new URL('../../../../docs/calendar/2027.sample.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const notice = { title: 'test data, not a notice', url: 'https://example.invalid/n' };
const year = (holidays: HolidayYear['holidays'], y = 2030): HolidayYear => ({ year: y, notices: [notice], holidays });
const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CalendarDataError);
    return (e as Error).message;
  }
  throw new Error('expected a CalendarDataError');
};

describe('the holiday-year file format (banshi.holiday-year/1)', () => {
  it('every built-in year is valid in the format and survives a JSON round trip unchanged', () => {
    for (const y of mainlandChinaYears) {
      expect(holidayYearProblems(y)).toEqual([]);
      expect(parseHolidayYear(JSON.parse(JSON.stringify(toHolidayYearFile(y))))).toEqual(y);
    }
  });

  it('reads the sample file of the docs, marked as a sample', () => {
    const y = parseHolidayYear(sampleFile);
    expect(y.year).toBe(2027);
    expect(y.sample).toBe(true);
    expect(y.notices[0]?.title).toMatch(/^SAMPLE ONLY/);
  });

  it('refuses a document without the format tag, with unknown keys, or with impossible dates, naming the place', () => {
    expect(errorOf(() => parseHolidayYear({ ...sampleFile, format: undefined }))).toMatch(/format/);
    expect(errorOf(() => parseHolidayYear({ ...sampleFile, days_off: [] }))).toMatch(/days_off/);
    const bad = { ...sampleFile, holidays: [{ name: '元旦', off: ['2027-02-30', '2027-03-01'], work: [] }] };
    expect(errorOf(() => parseHolidayYear(bad))).toMatch(/holidays\.0\.off\.0: expected a real date/);
    expect(errorOf(() => parseHolidayYear({ ...sampleFile, notices: [] }))).toMatch(/notices: name the notice/);
    expect(errorOf(() => parseHolidayYear({ ...sampleFile, notices: [{ title: 'x', url: 'ftp://x' }] }))).toMatch(/notices\.0\.url/);
    expect(errorOf(() => parseHolidayYear('2027'))).toMatch(/\(root\)/);
  });

  it('refuses days that contradict each other', () => {
    const problems = holidayYearProblems(
      year([
        { name: '元旦', off: ['2030-01-03', '2030-01-01'], work: [] },
        { name: '春节', off: ['2030-02-02', '2030-02-08'], work: ['2030-02-04', '2030-02-09', '2030-02-09'] },
        { name: '清明节', off: ['2030-02-07', '2030-02-07'], work: ['2030-02-11'], notice: 3 },
        { name: '国庆节', off: ['2030-10-01', '2031-01-02'], work: ['2029-10-05'] },
      ]),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        '元旦: days off end 2030-01-01 before they start 2030-01-03',
        '春节: make-up day 2030-02-04 is a Monday, not a Saturday or Sunday',
        '春节: make-up day 2030-02-09 is listed twice (also under 春节)',
        '清明节: days off 2030-02-07…2030-02-07 overlap 春节',
        '清明节: make-up day 2030-02-11 is a Monday, not a Saturday or Sunday',
        '清明节: notice 3 names no notice (the year has 1)',
        '国庆节: 2031-01-02 is outside 2030 (only the December before may hold its New Year days)',
        '国庆节: make-up day 2029-10-05 is outside 2030 (only the December before may hold its New Year days)',
        '春节: make-up day 2030-02-04 is inside the days off of 春节',
      ]),
    );
    expect(errorOf(() => parseHolidayYear(toHolidayYearFile(year([{ name: 'x', off: ['2030-01-01', '2030-01-01'], work: ['2030-01-07'] }]))))).toMatch(
      /^Invalid calendar data: 2030: x: make-up day 2030-01-07 is a Monday/,
    );
  });

  it('accepts New Year days in the December before, as the 2008 and 2019 notices set them', () => {
    expect(holidayYearProblems(year([{ name: '元旦', off: ['2029-12-30', '2030-01-01'], work: ['2029-12-29'] }]))).toEqual([]);
  });
});
