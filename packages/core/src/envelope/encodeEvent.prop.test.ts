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
    // Envelope strings with quotes, backslashes, control characters and lone surrogates too: encodeEvent writes
    // most of them without the serializer, and must still write what JSON.stringify writes.
    const text = (minLength: number, maxLength?: number) =>
      fc.oneof(fc.string({ minLength, ...(maxLength ? { maxLength } : {}) }), fc.string({ unit: 'binary', minLength, ...(maxLength ? { maxLength } : {}) }), fc.constantFrom('case-"1"', 'a\\b', 'x\u0000y', '\ud800', '办件\u2028'));
    const event = fc.record({
      id: text(1, 10),
      stream: text(1, 10),
      version: fc.oneof(fc.integer({ min: 1 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
      type: text(1),
      schema: fc.oneof(fc.integer({ min: 1 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
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
