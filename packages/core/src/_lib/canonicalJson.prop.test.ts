import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonicalJson.js';

/** The definition, written the obvious way: the fast path must always agree with it. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map((v) => (v === undefined ? 'null' : reference(v))).join(',') + ']';
  const o = value as Record<string, unknown>;
  return '{' + Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => JSON.stringify(k) + ':' + reference(o[k])).join(',') + '}';
}

describe('canonicalJson', () => {
  it('equals the plain definition for any JSON value, including index-like keys, CJK and lone surrogates', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('0', '1', '10', '9', '01', '-1', '1.5', '办件', 'a', 'B', '__proto__x'));
    const leaf = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant(undefined));
    const tree = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    })).value;
    fc.assert(
      fc.property(tree.filter((v) => v !== undefined), (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the definition on values already in canonical order (the as-is fast path), and on them with one key out of order', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('0', '1', '10', '9', 'a', 'B', '办件'));
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    const tree = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    })).value;
    fc.assert(
      fc.property(tree, fc.string({ maxLength: 3 }), (v, extra) => {
        const sorted = JSON.parse(reference(v)) as unknown;
        expect(canonicalJson(sorted)).toBe(reference(sorted));
        if (sorted !== null && typeof sorted === 'object' && !Array.isArray(sorted)) {
          const appended = { ...(sorted as Record<string, unknown>), [extra]: 1 };
          expect(canonicalJson(appended)).toBe(reference(appended));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('orders index-like keys as strings, not numbers', () => {
    expect(canonicalJson({ 10: 'a', 9: 'b', x: { 2: 1, 1: 2 } })).toBe('{"10":"a","9":"b","x":{"1":2,"2":1}}');
  });
});

describe('canonicalJson sees exactly the keys JSON.stringify sees (design §7: what is hashed is what is stored)', () => {
  it('refuses a "__proto__" key instead of silently dropping it', () => {
    const injected = JSON.parse('{"outcome":"deny","__proto__":{"outcome":"grant"}}') as unknown;
    expect(() => canonicalJson(injected)).toThrow(/__proto__/);
    expect(() => canonicalJson({ deep: [JSON.parse('{"__proto__":1}')] })).toThrow(/__proto__/);
  });

  it('keeps "constructor" and "prototype" as the plain data they are', () => {
    const v = JSON.parse('{"prototype":1,"constructor":{"name":"x"}}') as unknown;
    expect(canonicalJson(v)).toBe('{"constructor":{"name":"x"},"prototype":1}');
  });

  it('writes what toJSON returns and unwraps boxed primitives, as JSON.stringify does, for any value', () => {
    class Money {
      constructor(readonly fen: number) {}
      toJSON() {
        return { yuan: this.fen / 100 };
      }
    }
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.integer().map((n) => new Money(n)), fc.string().map((s) => new String(s)), fc.integer().map((n) => new Number(n)), fc.date({ noInvalidDate: true }));
    const tree = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('0', '10', 'constructor', 'prototype', 'toString')), tie('value'), { maxKeys: 4 }),
    })).value;
    fc.assert(
      fc.property(tree, (v) => {
        // Re-canonicalizing what JSON.stringify stores gives the hashed bytes.
        expect(canonicalJson(JSON.parse(JSON.stringify(v)))).toBe(canonicalJson(v));
      }),
      { numRuns: 1000 },
    );
  });
});
