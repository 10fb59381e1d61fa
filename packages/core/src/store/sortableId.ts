const TIME_DIGITS = 9;
const COUNTER_DIGITS = 4;
const COUNTER_LIMIT = 36 ** COUNTER_DIGITS;
const RANDOM_CHARS = 9;
const POOL_BYTES = RANDOM_CHARS * 512;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
let lastMs = 0;
let counter = 0;
/** The time digits of `lastMs`, made once per millisecond. */
let prefix = '';
const pool = new Uint8Array(POOL_BYTES);
let offset = POOL_BYTES;

/**
 * A 22-character event id that sorts by creation time: 9 base-36 digits of milliseconds, a
 * 4-digit base-36 counter within the millisecond, 9 random base64url characters (54 bits from
 * `crypto.getRandomValues`, so it runs in browsers too). The default id of every store: new ids
 * land at the end of an id index (a B-tree) instead of on random pages, so a commit writes a few
 * pages instead of hundreds. Ids stay unique across processes through the random part.
 *
 * @example
 * sortableId(); // 'mgx3k2a1b0000Qe3_xZ1pA'
 */
export function sortableId(): string {
  const ms = Date.now();
  if (ms <= lastMs) {
    // Same millisecond, or the clock stepped back: keep counting on the last time.
    if (++counter >= COUNTER_LIMIT) {
      counter = 0;
      prefix = (++lastMs).toString(36).padStart(TIME_DIGITS, '0');
    }
  } else {
    lastMs = ms;
    counter = 0;
    prefix = ms.toString(36).padStart(TIME_DIGITS, '0');
  }
  if (offset === POOL_BYTES) {
    // One call to the random source per 512 ids.
    globalThis.crypto.getRandomValues(pool);
    offset = 0;
  }
  let random = '';
  for (let i = 0; i < RANDOM_CHARS; i++) random += ALPHABET[(pool[offset++] as number) & 63];
  return prefix + counter.toString(36).padStart(COUNTER_DIGITS, '0') + random;
}
