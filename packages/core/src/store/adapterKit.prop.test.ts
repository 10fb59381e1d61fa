import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, sha256Hex } from '../envelope/index.js';
import { ValidationError } from '../errors/index.js';
import { prepareAppend, withHash } from './adapterKit.js';

const ctx = { stream: 'case-1', currentVersion: 0, lastHash: GENESIS_HASH, registry: undefined, hasher: sha256Hex, now: () => new Date('2013-09-16T01:30:00Z'), node: 'center' };

describe('prepareAppend with canonical texts', () => {
  it('gives exactly canonicalJson of every recorded event, for any JSON payload and id', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ data: fc.jsonValue(), id: fc.stringMatching(/^[A-Za-z0-9_:.-]{1,64}$/) }), { minLength: 1, maxLength: 4 }), (batch) => {
        fc.pre(new Set(batch.map((b) => b.id)).size === batch.length);
        const canonical: string[] = [];
        let recorded;
        try {
          recorded = prepareAppend(batch.map((b) => ({ id: b.id, type: 'Noted', data: b.data })), { ...ctx, newId: () => 'x', canonical });
        } catch (err) {
          // "__proto__" keys are refused, never stored (canonicalJson's rule).
          expect(err).toBeInstanceOf(ValidationError);
          return;
        }
        expect(canonical).toEqual(recorded.map((r) => canonicalJson(r)));
        expect(recorded.map((r) => JSON.parse(canonical[recorded.indexOf(r)] as string).hash)).toEqual(recorded.map((r) => r.hash));
      }),
      { numRuns: 500 },
    );
  });

  it('falls back (undefined) for text that is not an envelope, and places the hash after data otherwise', () => {
    expect(withHash('[1]', 'h')).toBeUndefined();
    expect(withHash('{"data":"a\\"}","x":1}', 'h')).toBeUndefined();
    expect(withHash('{"data":{"a":"}{\\""},"id":"e"}', 'h')).toBe('{"data":{"a":"}{\\""},"hash":"h","id":"e"}');
    expect(withHash('{"id":"e","meta":{}}', 'h')).toBe('{"hash":"h","id":"e","meta":{}}');
  });
});
