import { createCalendar } from './createCalendar.js';
import type { WorkingCalendar } from './workingCalendar.js';

let memo: WorkingCalendar | undefined;

/**
 * The mainland-China calendar (State Council data 2007–2026, fails closed outside it), built once
 * and shared.
 *
 * @example
 * mainlandChinaCalendar().isWorkingDay('2013-09-22'); // true — a Sunday worked (调休上班)
 */
export function mainlandChinaCalendar(): WorkingCalendar {
  memo ??= createCalendar();
  return memo;
}
