import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash, GENESIS_HASH, hashInput, sha256Hex } from './index.js';

describe('canonical JSON and hashing', () => {
  it('sorts keys at every depth, drops undefined members and writes no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: undefined, b: true } })).toBe('{"a":{"b":true,"d":[1,"x",null]},"b":1}');
    expect(canonicalJson('办件')).toBe('"办件"');
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ n: 10n })).toThrow(/bigint/);
  });

  it('computes standard SHA-256 (FIPS 180-2 test vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('chains each hash to the previous one of the stream and excludes the position', () => {
    const meta = { occurredAt: '2013-09-16T01:00:00.000Z', recordedAt: '2013-09-16T01:00:00.000Z', actor: { id: 'a', role: 'clerk' }, channel: 'window' as const, node: 'center' };
    const e1 = { id: 'e1', stream: 'case-1', version: 1, type: 'CaseReceived', schema: 1, data: { itemCode: 'XK-1' }, meta };
    const h1 = eventHash(GENESIS_HASH, e1);
    expect(h1).toBe(sha256Hex(hashInput(e1)));
    expect(eventHash(GENESIS_HASH, { ...e1, position: 99 } as typeof e1)).toBe(h1);
    const e2 = { ...e1, id: 'e2', version: 2 };
    expect(eventHash(h1, e2)).not.toBe(eventHash(GENESIS_HASH, e2));
  });
});
