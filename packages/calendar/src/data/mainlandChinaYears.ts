import type { HolidayYear } from '../years/holidayYear.js';
import * as cnYears from './cn/index.js';

/**
 * The built-in mainland-China years (2007–2026), one per State Council notice, in year order.
 *
 * @example
 * mainlandChinaYears.at(-1)?.year; // 2026
 */
export const mainlandChinaYears: readonly HolidayYear[] = Object.values(cnYears).sort((a, b) => a.year - b.year);
