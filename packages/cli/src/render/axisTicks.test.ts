import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisTicks, barChart } from './html.js';

describe('axisTicks', () => {
  it('gives round ticks a reader can read off a count axis', () => {
    expect(axisTicks(33)).toEqual([0, 10, 20, 30]);
    expect(axisTicks(32)).toEqual([0, 10, 20, 30]);
    expect(axisTicks(226)).toEqual([0, 100, 200]);
    expect(axisTicks(193)).toEqual([0, 50, 100, 150]);
    expect(axisTicks(100)).toEqual([0, 50, 100]);
    expect(axisTicks(3)).toEqual([0, 1, 2, 3]);
    expect(axisTicks(1)).toEqual([0, 1]);
    expect(axisTicks(2.42)).toEqual([0, 1, 2]);
    expect(axisTicks(0)).toEqual([0]);
  });

  it('for any maximum: starts at 0, at most five ticks, within the axis, evenly spaced, whole steps for whole maxima', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.double({ min: 0.001, max: 1e9, noNaN: true })), (max) => {
        const t = axisTicks(max);
        expect(t[0]).toBe(0);
        expect(t.length).toBeGreaterThanOrEqual(2);
        expect(t.length).toBeLessThanOrEqual(5);
        expect(t.at(-1)).toBeLessThanOrEqual(max * (1 + 1e-9));
        const step = t[1]! - t[0]!;
        if (Number.isInteger(max)) expect(Number.isInteger(step)).toBe(true);
        t.forEach((v, i) => expect(v).toBeCloseTo(i * step, 6));
      }),
    );
  });

  it('a chart of counts prints no fractional tick (16.5 of a case was drawn before)', () => {
    const svg = barChart('各月办结件数', [{ label: '2013-01', value: 20, value2: 13 }], { unit: '件', none: '本年度无' });
    const ticks = [...svg.matchAll(/class="tick">([^<]*)</g)].map((m) => m[1]);
    expect(ticks).toEqual(['0', '10', '20', '30']);
  });
});
