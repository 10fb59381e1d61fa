import { dateOfDayNumber, dayNumberOf } from '@banshi/calendar';
import { poorRatings } from '../events/index.js';

/**
 * Per-case state of the approval read models, kept small (issue #18: replaying a province's log
 * must not hold every case it ever saw). A read model keeps a case's tally only while later events
 * of the case may still change a figure, and then as one number where it can.
 *
 * - **When a case is done.** The approval machine ends a case in `closed` (an evaluation that is
 *   not poor, or a closed follow-up) or `withdrawn`; no event may follow either
 *   (`approvalMachine.ts`). Until then a late step may still count: an evaluation or a follow-up
 *   long after delivery can be an in-person visit. {@link closesCase} says which events end it.
 * - **One number.** The fields a tally needs are small whole numbers (a visit count, an index
 *   into the state's list of years or departments, a flag) and one business day; they are packed
 *   into one number (mixed radix, exact below 2⁵³). A value that does not fit (a day before
 *   1900 or not a real `yyyy-MM-dd` date, more than 15 visits) keeps the plain object, so the
 *   figures never depend on the packing. Only an event that can change the tally (an in-person
 *   step, a flag the tally tracks) unpacks it.
 */

/** How many day codes there are: 0 for "no day", then 1 + days since 1900-01-01. */
export const DAY_CODES = 2 ** 22;
/** A tally of more visits than this stays a plain object. */
export const MAX_PACKED_VISITS = 15;

const FIRST_DAY = dayNumberOf('1900-01-01') as number;

/**
 * The code of a business day: 0 for `null`, 1 + days since 1900-01-01 for a real `yyyy-MM-dd`
 * date from 1900 on, `undefined` for anything else (which then stays unpacked).
 *
 * @example
 * dateOfDayCode(dayCode('2013-09-16') as number); // '2013-09-16'
 * dayCode('2013-9-16'); // undefined
 */
export function dayCode(on: string | null): number | undefined {
  if (on === null) return 0;
  const n = dayNumberOf(on);
  if (n === undefined) return undefined;
  const code = n - FIRST_DAY + 1;
  return code >= 1 && code < DAY_CODES ? code : undefined;
}

/**
 * The day a {@link dayCode} stands for.
 *
 * @example
 * dateOfDayCode(0); // null
 */
export function dateOfDayCode(code: number): string | null {
  return code === 0 ? null : dateOfDayNumber(code - 1 + FIRST_DAY);
}

/**
 * Packs whole numbers `digits[i]` in `[0, radices[i])` into one number; `undefined` when a digit
 * is out of range or the product of the radices passes 2⁵³.
 *
 * @example
 * unpackDigits(packDigits([3, 1], [10, 2]) as number, [10, 2]); // [3, 1]
 */
export function packDigits(digits: readonly number[], radices: readonly number[]): number | undefined {
  let code = 0;
  let span = 1;
  for (let i = 0; i < radices.length; i++) {
    const d = digits[i] as number;
    const r = radices[i] as number;
    if (!Number.isInteger(d) || d < 0 || d >= r) return undefined;
    code = code * r + d;
    span *= r;
  }
  return span <= Number.MAX_SAFE_INTEGER ? code : undefined;
}

/**
 * The digits {@link packDigits} packed.
 *
 * @example
 * unpackDigits(7, [10, 2]); // [3, 1]
 */
export function unpackDigits(code: number, radices: readonly number[]): number[] {
  const digits = new Array<number>(radices.length);
  let rest = code;
  for (let i = radices.length - 1; i >= 0; i--) {
    const r = radices[i] as number;
    digits[i] = rest % r;
    rest = Math.floor(rest / r);
  }
  return digits;
}

/**
 * The index of `key` in `list`, appending it when new. `index` mirrors `list` and is rebuilt from
 * it when absent (a state restored from JSON carries the list only).
 *
 * @example
 * const years: string[] = [];
 * internIndex(years, new Map(), '2013'); // 0
 */
export function internIndex<K>(list: K[], index: Map<K, number>, key: K): number {
  if (index.size !== list.length) {
    index.clear();
    list.forEach((k, i) => index.set(k, i));
  }
  let i = index.get(key);
  if (i === undefined) {
    i = list.length;
    list.push(key);
    index.set(key, i);
  }
  return i;
}

/**
 * Whether the event ends a case in the approval machine: the case is then `withdrawn` or `closed`
 * and no event may follow, so read models drop what they kept for it. An evaluation that is poor
 * opens a follow-up instead (好差评: the case stays open until `FollowUpClosed`).
 *
 * @example
 * closesCase({ type: 'EvaluationSubmitted', data: { rating: '满意' } }); // true
 * closesCase({ type: 'CertificateDelivered', data: {} }); // false: an evaluation may follow
 */
export function closesCase(event: { readonly type: string; readonly data: unknown }): boolean {
  if (event.type === 'CaseWithdrawn' || event.type === 'FollowUpClosed') return true;
  if (event.type !== 'EvaluationSubmitted') return false;
  const rating = (event.data as { rating?: unknown } | null)?.rating;
  return !(poorRatings as readonly unknown[]).includes(rating);
}
