import { isBusinessDate, toShanghaiDate, type BusinessDate } from '@banshi/calendar';
import { ValidationError } from '@banshi/core';

/**
 * The service's idea of "today" (the business date in Asia/Shanghai) and "now". Everything
 * date-driven — clock readings in views, the due check, dates of online filings — asks it, so
 * tests and a training hall can move the business date.
 *
 * @example
 * const clock: BusinessClock = systemClock();
 * clock.today(); // '2026-11-30'
 */
export interface BusinessClock {
  today(): BusinessDate;
  now(): Date;
}

/**
 * The real clock: today in Shanghai, whatever the host's time zone.
 *
 * @example
 * systemClock().today();
 */
export function systemClock(): BusinessClock {
  return { today: () => toShanghaiDate(new Date()), now: () => new Date() };
}

/**
 * A clock a test (or a training hall) sets by hand.
 *
 * @example
 * const clock = settableClock('2013-09-16');
 * clock.set('2013-10-17'); clock.today(); // '2013-10-17'
 */
export interface SettableClock extends BusinessClock {
  set(date: BusinessDate): void;
}

/**
 * Builds a {@link SettableClock} at `date` (09:00 Shanghai time of that day for `now()`).
 * Throws `ValidationError` for a date that is not `yyyy-MM-dd`.
 *
 * @example
 * settableClock('2013-09-16').now().toISOString(); // '2013-09-16T01:00:00.000Z'
 */
export function settableClock(date: BusinessDate): SettableClock {
  let current = date;
  const check = (d: string) => {
    if (!isBusinessDate(d)) throw new ValidationError(`business date ${JSON.stringify(d)} is invalid: use yyyy-MM-dd`);
  };
  check(date);
  return {
    today: () => current,
    now: () => new Date(`${current}T09:00:00+08:00`),
    set(d) {
      check(d);
      current = d;
    },
  };
}
