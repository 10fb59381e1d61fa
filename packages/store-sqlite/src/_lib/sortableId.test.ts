import { describe, expect, it } from 'vitest';
import { sortableId } from './sortableId.js';

describe('sortableId', () => {
  it('makes valid event ids that are unique and increase in creation order', () => {
    const ids = Array.from({ length: 20_000 }, () => sortableId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
