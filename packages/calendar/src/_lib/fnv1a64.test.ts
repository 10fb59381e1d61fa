import { describe, expect, it } from 'vitest';
import { fnv1a64 } from './fnv1a64.js';

/** Reference implementation with BigInt, straight from the FNV definition. */
function reference(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it('matches the published test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('matches a BigInt reference on mixed text', () => {
    for (const s of ['2013-10-01=off', '国办发明电〔2012〕33号', 'x'.repeat(1000), '\u0000\uffff']) expect(fnv1a64(s)).toBe(reference(s));
  });
});
