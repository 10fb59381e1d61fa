import { describe, expect, it } from 'vitest';
import { formatAmount, formatPercent } from './formatFigures.js';

describe('formatPercent / formatAmount', () => {
  it('prints the seed figures from exact integers', () => {
    expect(formatPercent(329, 897)).toBe('36.7%');
    expect(formatPercent(546, 546, 0)).toBe('100%');
    expect(formatPercent(873, 8320)).toBe('10.5%');
    expect(formatAmount(29_300_000_000, 'yi')).toBe('2.93亿元');
    expect(formatAmount(832_000_000_000, 'yi', 1)).toBe('83.2亿元');
    expect(formatAmount(2_760_000, 'hectare', 0)).toBe('276公顷');
  });
  it('rounds half up, exactly', () => {
    expect(formatPercent(1, 8, 1)).toBe('12.5%');
    expect(formatPercent(1, 16, 1)).toBe('6.3%');
    expect(formatPercent(1, 3, 2)).toBe('33.33%');
    expect(formatPercent(0, 0)).toBe('0.0%');
    expect(formatAmount(5, 'yuan', 0)).toBe('0元');
    expect(formatAmount(50, 'yuan', 0)).toBe('1元');
  });
  it('rejects what it cannot format exactly', () => {
    expect(() => formatPercent(1, 0)).toThrow(RangeError);
    expect(() => formatPercent(0.5, 2)).toThrow(/safe integers/);
    expect(() => formatAmount(-1, 'yi')).toThrow(RangeError);
    expect(() => formatPercent(1, 2, 9)).toThrow(/digits/);
  });
});
