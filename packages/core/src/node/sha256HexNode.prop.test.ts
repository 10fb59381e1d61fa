import { sha256Hex } from '../envelope/index.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256HexNode } from './index.js';

describe('sha256HexNode', () => {
  it('gives the same hex as core sha256Hex for any string, CJK and lone surrogates included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.constantFrom('办', '事', '许', '可', '\ud800', '\udfff', 'a', '😀'), maxLength: 50 })), (text) => {
        expect(sha256HexNode(text)).toBe(sha256Hex(text));
      }),
      { numRuns: 500 },
    );
  });

  it('matches the published SHA-256 test vector', () => {
    expect(sha256HexNode('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
