import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCompactMap } from './compactMap.js';

type Op = { op: 'set'; key: string; value: number | { o: number } } | { op: 'delete'; key: string } | { op: 'clear' };

// A small key space forces collisions, deletes of present keys and reinserts after a delete.
const arbKey = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((n) => `case-TZ-2013-${String(n).padStart(6, '0')}`),
  fc.constantFrom('', 'a', 'case-办件-1', 'case-\u00ff', 'case-\u0100', '\ud83d\ude00'),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const arbValue = fc.oneof(fc.double(), fc.integer(), fc.constant(-0), fc.nat().map((o) => ({ o })));
const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), key: arbKey, value: arbValue }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('delete' as const), key: arbKey }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

describe('createCompactMap', () => {
  it('answers as a Map does over random sets, deletes, reinserts and clears', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { maxLength: 400 }), fc.array(arbKey, { maxLength: 20 }), (ops, probes) => {
        const m = createCompactMap<{ o: number }>();
        const ref = new Map<string, number | { o: number }>();
        for (const o of ops) {
          if (o.op === 'set') {
            m.set(o.key, o.value);
            ref.set(o.key, o.value);
          } else if (o.op === 'delete') expect(m.delete(o.key)).toBe(ref.delete(o.key));
          else {
            m.clear();
            ref.clear();
          }
          expect(m.size).toBe(ref.size);
        }
        for (const k of [...probes, ...ref.keys()]) {
          expect(m.has(k)).toBe(ref.has(k));
          expect(Object.is(m.get(k), ref.get(k)) || m.get(k) === ref.get(k)).toBe(true);
        }
        const sorted = (it: Iterable<[string, unknown]>) => [...it].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        expect([...m]).toEqual(sorted(ref));
        // The same contents built in another order compare equal.
        expect(sorted(ref).reverse().reduce((c, [k, v]) => c.set(k, v as number | { o: number }), createCompactMap<{ o: number }>())).toEqual(m);
        expect([...m.keys()].sort()).toEqual([...ref.keys()].sort());
        expect([...m.values()].length).toBe(ref.size);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every key through growth and heavy churn (many more deletes than live keys)', () => {
    const m = createCompactMap();
    const ref = new Map<string, number>();
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 5000; i++) {
        const k = `case-${round}-${i}`;
        m.set(k, round * 1e6 + i);
        ref.set(k, round * 1e6 + i);
      }
      for (let i = 0; i < 5000; i++)
        if (i % 10 !== 0) {
          m.delete(`case-${round}-${i}`);
          ref.delete(`case-${round}-${i}`);
        }
    }
    expect(m.size).toBe(ref.size);
    for (const [k, v] of ref) expect(m.get(k)).toBe(v);
    expect(m.get('case-0-1')).toBeUndefined();
    expect(new Map(m)).toEqual(ref);
  });

  it('compares by contents', () => {
    expect(createCompactMap().set('a', 1)).not.toEqual(createCompactMap().set('a', 2));
    expect(createCompactMap().set('a', 1)).not.toEqual(createCompactMap().set('b', 1));
    expect(createCompactMap().set('a', 1).set('b', 2)).toEqual(createCompactMap().set('b', 2).set('a', 1));
  });

  it('keeps the keys when their shared prefix shortens (a wide prefix over narrow rests included)', () => {
    const m = createCompactMap();
    const keys = ['办件-TZ-1', '办件-TZ-2', '办件-SZ-1', '办x', 'case-1', '\ud83d\ude00', '\ud83d\ude01', ''];
    keys.forEach((k, i) => {
      m.set(k, i);
      keys.slice(0, i + 1).forEach((k2, j) => expect(m.get(k2), k2).toBe(j));
    });
    expect(m.get('办件-TZ-3')).toBeUndefined();
    expect(m.get('办')).toBeUndefined();
  });

  it('keeps keys of any length (a length header of several bytes)', () => {
    const m = createCompactMap();
    const keys = [1, 63, 64, 127, 128, 8191, 8192, 70_000].flatMap((n) => ['k'.repeat(n), '办'.repeat(n)]);
    keys.forEach((k, i) => m.set(k, i));
    keys.forEach((k, i) => expect(m.get(k)).toBe(i));
    expect(new Set(m.keys())).toEqual(new Set(keys));
  });
});
