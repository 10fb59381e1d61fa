import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, encodeEvent, hashInput } from './index.js';

describe('encodeEvent', () => {
  it('builds exactly the hash input of the whole event, and data/meta texts that are their canonical JSON', () => {
    const leaf = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: true }));
    const tree = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('0', '10', '办件')), tie('value'), { maxKeys: 5 }),
    }));
    const event = fc.record({
      id: fc.string({ minLength: 1, maxLength: 10 }),
      stream: fc.string({ minLength: 1, maxLength: 10 }),
      version: fc.integer({ min: 1 }),
      type: fc.string({ minLength: 1 }),
      schema: fc.integer({ min: 1 }),
      data: tree.value.filter((v) => v !== undefined), // both stores refuse an event without data before encoding it
      meta: fc.dictionary(fc.string({ maxLength: 6 }), tree.value, { maxKeys: 4 }),
    });
    fc.assert(
      fc.property(event, (e) => {
        const ev = e as unknown as Parameters<typeof encodeEvent>[0];
        const encoded = encodeEvent(ev);
        expect(encoded.hashInput).toBe(hashInput(ev));
        expect(encoded.data).toBe(canonicalJson(ev.data));
        expect(encoded.meta).toBe(canonicalJson(ev.meta));
      }),
      { numRuns: 500 },
    );
  });
});
