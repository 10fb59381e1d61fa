import type { BusinessDate } from '../dates/index.js';

/**
 * The published notice a year's arrangement comes from.
 *
 * @example
 * const n: HolidayNotice = { number: '国办发明电〔2012〕33号', title: '国务院办公厅关于2013年部分节假日安排的通知', url: 'http://www.gov.cn/zhengce/zhengceku/2012-12/10/content_1353.htm', issued: '2012-12-08' };
 */
export interface HolidayNotice {
  /** Document number, e.g. 国办发明电〔2012〕33号; absent when not verified. */
  readonly number?: string;
  readonly title: string;
  readonly url: string;
  readonly issued?: BusinessDate;
}

/**
 * One holiday of a notice: a span of days off (inclusive) and the weekend days worked (调休上班).
 *
 * @example
 * const a: HolidayArrangement = { name: '中秋节', off: ['2013-09-19', '2013-09-21'], work: ['2013-09-22'] };
 */
export interface HolidayArrangement {
  readonly name: string;
  readonly off: readonly [from: BusinessDate, to: BusinessDate];
  readonly work: readonly BusinessDate[];
  /** Index into the year's `notices` (default 0): which notice set this arrangement. */
  readonly notice?: number;
  readonly note?: string;
}

/**
 * One data file: a year's arrangement as the State Council published it. Dates may spill into
 * the neighbouring year (2019's New Year holiday starts 2018-12-30).
 *
 * @example
 * const y: HolidayYear = { year: 2027, notices: [], holidays: [] };
 */
export interface HolidayYear {
  readonly year: number;
  readonly notices: readonly HolidayNotice[];
  readonly holidays: readonly HolidayArrangement[];
  /** Illustrative data (docs, tests), not a State Council notice: `banshi calendar add-year` refuses it without `--sample`. */
  readonly sample?: boolean;
}

/**
 * A dated entry of {@link YearInfo}.
 *
 * @example
 * const e: DayEntry = { date: '2013-10-01', name: '国庆节' };
 */
export interface DayEntry {
  readonly date: BusinessDate;
  readonly name: string;
}

/**
 * What a calendar knows about one year: days off and make-up days falling in it, the working-day
 * count, and the notices.
 *
 * @example
 * mainlandChinaCalendar().yearInfo(2013).workingDays; // 250
 */
export interface YearInfo {
  readonly year: number;
  /** `notice`: State Council data; `weekends-only`: opted-in fallback without holidays. */
  readonly source: 'notice' | 'weekends-only';
  readonly workingDays: number;
  /** Declared days off in this year (weekend days inside a holiday span included), and closing overrides. */
  readonly daysOff: readonly DayEntry[];
  /** Weekend days worked (调休上班) and opening overrides. */
  readonly makeUpDays: readonly DayEntry[];
  readonly notices: readonly HolidayNotice[];
  /** True when the year's data is marked as a sample, not a State Council notice. */
  readonly sample: boolean;
}
