import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../app/rateLimit.js';
import { fixture, token } from '../_lib/testFixture.js';

describe('bearer tokens are rate-limited per client', () => {
  it('a wrong token is 401; after the budget of failures the client gets 429 with Retry-After, even with a right token, and other clients are unaffected', async () => {
    let client = '203.0.113.7';
    const f = await fixture({ limits: { bearerFailuresPerMinute: 3, clientKey: () => client } });
    const guess = (n: number) => f.call('public', 'GET', '/t/tz/cases', undefined, { authorization: `Bearer guess-${n}-0123456789abcdef` });
    for (let i = 0; i < 3; i++) {
      const r = await guess(i);
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(await r.json()).toMatchObject({ code: 'HTTP_UNAUTHENTICATED' });
    }
    const blocked = await guess(3);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The right token from the blocked client is not even checked: a guesser learns nothing.
    expect((await f.call('clerk', 'GET', '/t/tz/cases')).status).toBe(429);
    // Without a bearer token the client is the public, as before.
    expect((await f.call('public', 'GET', '/t/tz/public-info')).status).toBe(200);
    client = '198.51.100.2';
    expect((await f.call('clerk', 'GET', '/t/tz/cases')).status).toBe(200);
    // Good tokens spend nothing of the budget.
    for (let i = 0; i < 5; i++) expect((await f.call('clerk', 'GET', '/t/tz/cases')).status).toBe(200);
    expect((await guess(9)).status).toBe(401);
    expect(f.logs.join('\n')).not.toContain(token('clerk'));
  });

  it('the budget refills with time and the limiter remembers a bounded number of clients', () => {
    const l = createRateLimiter({ perMinute: 2, maxClients: 2 });
    expect([l.take('a', 0).ok, l.take('a', 0).ok, l.take('a', 0).ok]).toEqual([true, true, false]);
    expect(l.check('a', 0)).toEqual({ ok: false, retryAfterSeconds: 30 });
    expect(l.check('a', 30_000).ok).toBe(true);
    expect(l.check('unseen', 0).ok).toBe(true);
    l.take('b', 30_000);
    l.take('c', 30_000); // 'a' is forgotten: the least recently seen goes first
    expect([l.check('a', 30_000).ok, l.take('a', 30_000).ok]).toEqual([true, true]);
  });
});
