import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64url, hmac, hmacBytes, hmacSigner, pureJs, sha256, sha256HexSync } from './crypto.js';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('http crypto: native where the runtime has it, pure JS elsewhere, the same digests', () => {
  it('matches RFC 4231 test case 2 and the FIPS 180-2 "abc" digest, both ways', async () => {
    const rfc = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
    expect(hex(await hmacBytes('Jefe', 'what do ya want for nothing?'))).toBe(rfc);
    expect(hex(pureJs.hmacBytes('Jefe', 'what do ya want for nothing?'))).toBe(rfc);
    const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect([await sha256('abc'), sha256HexSync('abc'), pureJs.sha256Hex('abc')]).toEqual([abc, abc, abc]);
  });

  it('native and pure JS agree on any key and text (non-ASCII included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80, unit: 'grapheme' }), fc.string({ maxLength: 200, unit: 'grapheme' }), async (key, text) => {
        expect(await hmac(key, text)).toBe(base64url(pureJs.hmacBytes(key, text)));
        expect(hmacSigner(key)(text)).toBe(base64url(pureJs.hmacBytes(key, text)));
        expect(sha256HexSync(text)).toBe(pureJs.sha256Hex(text));
      }),
      { numRuns: 200 },
    );
  });

  it('agree on any UTF-16 text, lone surrogates included (a JSON body may carry "\\ud800"; event ids hash it)', () => {
    const utf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 });
    fc.assert(
      fc.property(utf16, utf16, (key, text) => {
        expect(sha256HexSync(text)).toBe(pureJs.sha256Hex(text));
        expect(hmacSigner(key || 'k')(text)).toBe(base64url(pureJs.hmacBytes(key || 'k', text)));
      }),
      { numRuns: 300 },
    );
    expect(sha256HexSync('\ud800')).toBe(pureJs.sha256Hex('\ud800'));
  });

  it('the signer (two one-shot digests over the padded key) is HMAC-SHA256: keys shorter than, as long as and longer than the 64-byte block, against node:crypto', () => {
    for (const key of ['k', 'x'.repeat(63), 'x'.repeat(64), 'x'.repeat(65), '密'.repeat(22), '密'.repeat(70)]) {
      const sign = hmacSigner(key);
      for (const text of ['', 'access.tz.case-TZ-1', '台州'.repeat(40), 'a'.repeat(1000)]) {
        expect(sign(text)).toBe(createHmac('sha256', key).update(text, 'utf8').digest('base64url'));
      }
    }
  });
});
