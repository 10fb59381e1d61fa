import { randomBytes } from 'node:crypto';

const TIME_DIGITS = 9;
const COUNTER_DIGITS = 4;
const COUNTER_LIMIT = 36 ** COUNTER_DIGITS;
const RANDOM_BYTES = 7;
const POOL_BYTES = RANDOM_BYTES * 512;
let lastMs = 0;
let counter = 0;
let pool = randomBytes(POOL_BYTES);
let offset = 0;

/**
 * A 22-character event id that sorts by creation time: 9 base-36 digits of milliseconds, a
 * 4-digit base-36 counter within the millisecond, 9 random base64url characters. New ids land
 * at the end of the `events.id` index instead of on random pages, so a commit writes a few
 * pages instead of hundreds.
 *
 * @example
 * sortableId(); // 'mgx3k2a1b0000Qe3_xZ1pA'
 */
export function sortableId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    if (++counter >= COUNTER_LIMIT) {
      ms = ++lastMs;
      counter = 0;
    }
  } else {
    lastMs = ms;
    counter = 0;
  }
  if (offset === POOL_BYTES) {
    // One call to the OS random source per 512 ids.
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const random = pool.toString('base64url', offset, offset + RANDOM_BYTES).slice(0, 9);
  offset += RANDOM_BYTES;
  return ms.toString(36).padStart(TIME_DIGITS, '0') + counter.toString(36).padStart(COUNTER_DIGITS, '0') + random;
}
