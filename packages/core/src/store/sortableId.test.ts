import { describe, expect, it } from 'vitest';
import { sortableId } from './sortableId.js';

describe('sortableId', () => {
  it('makes valid event ids that are unique and increase in creation order', () => {
    const ids = Array.from({ length: 20_000 }, () => sortableId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{13}[A-Za-z0-9_-]{9}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps increasing when the clock steps back', () => {
    const real = Date.now;
    try {
      const first = sortableId();
      Date.now = () => real() - 60_000;
      const second = sortableId();
      expect(second > first).toBe(true);
    } finally {
      Date.now = real;
    }
  });
});
