import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH, sha256Hex } from '../envelope/index.js';
import { ValidationError } from '../errors/index.js';
import { assertStreamId, prepareAppend, recordedEventIssues, withHash } from './adapterKit.js';

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

describe('recordedEventIssues', () => {
  const valid = {
    id: 'ev-1',
    stream: 'case-TZ-2013-000001',
    version: 1,
    type: 'CaseReceived',
    schema: 1,
    data: { itemCode: 'XK-0001' },
    meta: { actor: { id: 'clerk-1', role: 'clerk' }, channel: 'window', node: 'center', occurredAt: '2013-09-16T01:30:00.000Z', recordedAt: '2013-09-16T01:30:00.000Z' },
    hash: 'a'.repeat(64),
  };
  // Each field's candidates, each marked valid or not by the rules the function states.
  const field = <T>(good: readonly T[], bad: readonly T[]) => fc.oneof(fc.constantFrom(...good).map((v) => [v, true] as const), fc.constantFrom(...bad).map((v) => [v, false] as const));
  const absent = undefined as unknown;
  const instants = field(['2013-09-16T01:30:00.000Z', '2013-02-30T23:59:59.999Z', '2013-01-01T24:00:00.000Z', '2013-09-16T09:30:00+08:00', '0000-01-01T00:00:00.000Z'], [
    '2013-13-01T00:00:00.000Z',
    '2013-01-32T00:00:00.000Z',
    '2013-01-01T23:60:00.000Z',
    '2013-01-01T24:00:00.001Z',
    '2013-09-16',
    '2013-09-16 01:30:00.000Z',
    '２013-09-16T01:30:00.000Z',
    5,
    absent,
  ]);
  const envelopes = fc.record({
    id: field(['ev-1', 'mgx3k2a1b0000Qe3_xZ1pA'], ['', 'a b', 7, absent]),
    stream: field(['case-1'], ['', 'a b', 'x\u0001', absent]),
    version: field([1, 20], [0, 1.5, '1', absent]),
    type: field(['CaseReceived'], ['', 3, absent]),
    schema: field([1, 2], [0, -1, 1.5, absent]),
    data: field([{}, null, 0, 'x'], [absent]),
    hash: field(['a'.repeat(64), '0123456789abcdef'.repeat(4)], ['A'.repeat(64), 'a'.repeat(63), 5, absent]),
    occurredAt: instants,
    recordedAt: instants,
    channel: field(['window', 'system'], ['fax', absent]),
    actor: field([{ id: 'a', role: 'b' }], [{ id: 'a' }, null, 'clerk', absent]),
    node: field(['center'], [5, absent]),
    commandId: field([absent, 'cmd-1'], [5, null]),
    calendarVersion: field([absent, 'cn-2013'], [2013]),
  });

  it('finds nothing exactly when every field is well formed (its fast path agrees with its rules)', () => {
    fc.assert(
      fc.property(envelopes, (f) => {
        const meta: Record<string, unknown> = {};
        for (const k of ['occurredAt', 'recordedAt', 'channel', 'actor', 'node', 'commandId', 'calendarVersion'] as const) if (f[k][0] !== undefined) meta[k] = f[k][0];
        const e: Record<string, unknown> = { ...valid, meta };
        for (const k of ['id', 'stream', 'version', 'type', 'schema', 'data', 'hash'] as const) e[k] = f[k][0];
        const ok = Object.values(f).every(([, good]) => good);
        expect(recordedEventIssues(e).length === 0).toBe(ok);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts an instant in toISOString form exactly when Date.parse does', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    // Each field from just below its range to just above it (and 99), so both answers come up often.
    const around = (min: number, max: number) => fc.oneof(fc.integer({ min: Math.max(0, min - 1), max: max + 1 }), fc.constant(99));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), around(1, 12), around(1, 31), around(0, 24), around(0, 59), around(0, 59), fc.integer({ min: 0, max: 999 }), (y, mo, d, h, mi, s, ms) => {
        const at = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`;
        const e = { ...valid, meta: { ...valid.meta, occurredAt: at } };
        expect(recordedEventIssues(e).length === 0).toBe(!Number.isNaN(Date.parse(at)));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('assertStreamId', () => {
  it('accepts exactly the ids of its rule (1–200 code points, no whitespace or control characters), ASCII fast path included', () => {
    const rule = /^[^\s\u0000-\u001f]{1,200}$/u; // eslint-disable-line no-control-regex -- the rule under test
    const unit = fc.oneof(fc.constantFrom('a', 'Z', '-', '~', '\u007f', ' ', '\t', '\u0000', '\u001f', '\u00a0', '\u3000', '办', '😀', '\ud800'), fc.string({ unit: 'binary', maxLength: 1 }));
    const ids = fc.oneof(fc.array(unit, { maxLength: 12 }).map((u) => u.join('')), fc.integer({ min: 195, max: 205 }).map((n) => 'c'.repeat(n)), fc.integer({ min: 98, max: 102 }).map((n) => '😀'.repeat(n)));
    fc.assert(
      fc.property(ids, (id) => {
        let ok = true;
        try {
          assertStreamId(id);
        } catch (err) {
          expect(err).toBeInstanceOf(ValidationError);
          ok = false;
        }
        expect(ok).toBe(rule.test(id));
      }),
      { numRuns: 3000 },
    );
  });
});
