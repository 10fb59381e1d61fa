/**
 * A token bucket per client: `perMinute` requests, refilled continuously, at most
 * `maxClients` remembered (the least recently seen are forgotten first).
 *
 * @example
 * const limiter = createRateLimiter({ perMinute: 10 });
 * limiter.take('203.0.113.7'); // { ok: true, retryAfterSeconds: 0 }
 */
export interface RateLimiter {
  /** Spends one request of `client`'s budget, if there is one left. */
  take(client: string, now?: number): { readonly ok: boolean; readonly retryAfterSeconds: number };
  /** Whether `client` has one left, spending nothing (e.g. before checking credentials whose failures `take`). */
  check(client: string, now?: number): { readonly ok: boolean; readonly retryAfterSeconds: number };
}

/**
 * Builds a {@link RateLimiter}.
 *
 * @example
 * createRateLimiter({ perMinute: 5 });
 */
export function createRateLimiter(options: { readonly perMinute: number; readonly maxClients?: number }): RateLimiter {
  const capacity = Math.max(1, options.perMinute);
  const perMs = capacity / 60_000;
  const maxClients = options.maxClients ?? 10_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (b: { tokens: number; at: number }, now: number) => {
    b.tokens = Math.min(capacity, b.tokens + Math.max(0, now - b.at) * perMs);
    b.at = now;
  };
  const refused = (b: { tokens: number }) => ({ ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) });
  return {
    take(client, now = Date.now()) {
      let b = buckets.get(client);
      if (b) buckets.delete(client);
      else b = { tokens: capacity, at: now };
      refill(b, now);
      buckets.set(client, b);
      if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true, retryAfterSeconds: 0 };
      }
      return refused(b);
    },
    check(client, now = Date.now()) {
      const b = buckets.get(client);
      if (!b) return { ok: true, retryAfterSeconds: 0 };
      refill(b, now);
      return b.tokens >= 1 ? { ok: true, retryAfterSeconds: 0 } : refused(b);
    },
  };
}
