/**
 * Global positions from JetStream sequences. One append is one message (so it is atomic), but
 * the contract gives every event its own strictly increasing position: event `i` (0-based) of the
 * message at sequence `seq` is at `(seq − 1) × STRIDE + i + 1`. A single-event message at
 * sequence 1 is position 1, the next message starts at 10 001. Positions have gaps (they are
 * store-local cursors, never counts) and a message holds at most STRIDE events.
 */
/**
 * How many positions one message spans: an append holds at most this many events.
 *
 * @example
 * const { seq, index } = { seq: Math.floor((position - 1) / POSITION_STRIDE) + 1, index: (position - 1) % POSITION_STRIDE };
 */
export const POSITION_STRIDE = 10_000;

/** The position of event `index` of the message at `seq`. */
export const positionOf = (seq: number, index: number): number => (seq - 1) * POSITION_STRIDE + index + 1;

/** The message sequence and event index a position falls on (for `fromPosition`). */
export function locate(position: number): { readonly seq: number; readonly index: number } {
  const p = Math.max(1, Math.floor(position));
  return { seq: Math.floor((p - 1) / POSITION_STRIDE) + 1, index: (p - 1) % POSITION_STRIDE };
}
