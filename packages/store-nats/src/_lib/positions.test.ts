import { describe, expect, it } from 'vitest';
import { locate, POSITION_STRIDE, positionOf } from './positions.js';

describe('positions from JetStream sequences', () => {
  it('gives each event of a message its own increasing position and finds it again', () => {
    expect(positionOf(1, 0)).toBe(1);
    expect(positionOf(1, 2)).toBe(3);
    expect(positionOf(2, 0)).toBe(POSITION_STRIDE + 1);
    for (const [seq, index] of [
      [1, 0],
      [7, 9_999],
      [123_456_789, 42],
    ] as const) {
      expect(locate(positionOf(seq, index))).toEqual({ seq, index });
      expect(positionOf(seq, index)).toBeLessThan(positionOf(seq + 1, 0));
    }
    // A checkpoint's successor that falls past a message's last event starts inside that message: readers skip nothing.
    expect(locate(positionOf(5, 3) + 1)).toEqual({ seq: 5, index: 4 });
    expect(Number.isSafeInteger(positionOf(900_000_000_000, POSITION_STRIDE - 1))).toBe(true);
  });
});
