import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken } from './subjects.js';

describe('stream ids as subject tokens', () => {
  it('encodes any string into one plain token and back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (id) => {
        const token = encodeToken(id);
        expect(token).toMatch(/^[A-Za-z0-9_~-]*$/);
        expect(decodeToken(token)).toBe(id);
      }),
      { numRuns: 2000 },
    );
  });

  it('never maps two ids to one token (dots, wildcards, whitespace and ~ included)', () => {
    const ids = ['a.b', 'a~2eb', 'a*', 'a>', 'a b', 'a\tb', 'a~', '~', '办件-1', 'case-1', 'case_1'];
    const tokens = ids.map(encodeToken);
    expect(new Set(tokens).size).toBe(ids.length);
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        if (a !== b) expect(encodeToken(a)).not.toBe(encodeToken(b));
      }),
      { numRuns: 2000 },
    );
  });
});
