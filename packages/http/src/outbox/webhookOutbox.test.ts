import { createMemoryStore, type Checkpoint, type CheckpointStore } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { createWebhookOutbox, verifyWebhook } from './webhookOutbox.js';

const SECRET = 'webhook-secret-of-24-chars-at-least';

function receiver(failFirst = 0) {
  const got: { id: string; body: string; ok: boolean; verified: Promise<boolean> }[] = [];
  let calls = 0;
  const fetch = (async (_url: string, init: RequestInit) => {
    calls++;
    const headers = new Headers(init.headers as Record<string, string>);
    const body = String(init.body);
    const ok = calls > failFirst;
    got.push({ id: headers.get('webhook-id') ?? '', body, ok, verified: verifyWebhook(SECRET, headers, body) });
    return new Response(null, { status: ok ? 204 : 503 });
  }) as typeof globalThis.fetch;
  return { fetch, got };
}

async function seeded(n: number) {
  const store = createMemoryStore();
  for (let i = 0; i < n; i++) await store.append(`case-${i % 3}`, [{ type: i % 2 ? 'DeadlineWarned' : 'CaseAccepted', data: { i, applicant: { name: '张三', kind: 'person' } } }]);
  return store;
}

describe('the webhook outbox', () => {
  it('delivers every event in log order, signed, and moves the checkpoint only past delivered events', async () => {
    const store = await seeded(6);
    const r = receiver();
    const outbox = createWebhookOutbox({ store, fetch: r.fetch, subscribers: [{ id: 'jc', url: 'http://127.0.0.1:9/hook', secret: SECRET }] });
    const [status] = await outbox.deliverOnce();
    expect(status).toMatchObject({ id: 'jc', position: 6, failures: 0 });
    expect(r.got.map((g) => JSON.parse(g.body).position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await Promise.all(r.got.map((g) => g.verified))).toEqual([true, true, true, true, true, true]);
    expect(await verifyWebhook('another-secret-of-24-chars-xx', new Headers({ 'webhook-id': 'x', 'webhook-timestamp': '1', 'webhook-signature': 'v1,AAAA' }), '{}')).toBe(false);
    await outbox.deliverOnce();
    expect(r.got).toHaveLength(6);
  });

  it('a failing receiver is retried with backoff; nothing is skipped and the checkpoint never runs ahead', async () => {
    const store = await seeded(4);
    let now = 1_000_000;
    const r = receiver(3);
    const outbox = createWebhookOutbox({ store, fetch: r.fetch, now: () => now, retry: { baseMs: 1000, maxMs: 8000 }, subscribers: [{ id: 'jc', url: 'http://127.0.0.1:9/hook', secret: SECRET }] });
    let [s] = await outbox.deliverOnce();
    expect(s).toMatchObject({ position: 0, failures: 1 });
    const firstWait = (s?.nextAttemptAt ?? 0) - now;
    expect(firstWait).toBeGreaterThanOrEqual(800);
    expect(firstWait).toBeLessThanOrEqual(1200);
    [s] = await outbox.deliverOnce(); // too early: no attempt
    expect(r.got).toHaveLength(1);
    now += 1300;
    [s] = await outbox.deliverOnce();
    expect(s).toMatchObject({ position: 0, failures: 2 });
    expect((s?.nextAttemptAt ?? 0) - now).toBeGreaterThanOrEqual(1600);
    now += 2500;
    await outbox.deliverOnce();
    now += 5000;
    [s] = await outbox.deliverOnce();
    expect(s).toMatchObject({ position: 4, failures: 0, lastError: null });
    const delivered = r.got.filter((g) => g.ok).map((g) => JSON.parse(g.body).position);
    expect(delivered).toEqual([1, 2, 3, 4]);
    // Every attempt for the first event carried the same webhook-id: the receiver can drop repeats.
    expect(new Set(r.got.filter((g) => JSON.parse(g.body).position === 1).map((g) => g.id)).size).toBe(1);
  });

  it('a crash between delivery and checkpoint resends the event with the same webhook-id (at least once)', async () => {
    const store = await seeded(3);
    const saved = new Map<string, Checkpoint>();
    let failSaves = 1;
    const flaky: CheckpointStore = {
      load: async (n) => saved.get(n),
      save: async (n, c) => {
        if (failSaves-- > 0) throw new Error('disk full');
        saved.set(n, c);
      },
    };
    const r = receiver();
    const sub = { id: 'jc', url: 'http://127.0.0.1:9/hook', secret: SECRET };
    await expect(createWebhookOutbox({ store, fetch: r.fetch, checkpoints: flaky, subscribers: [sub] }).deliverOnce()).rejects.toThrow('disk full');
    await createWebhookOutbox({ store, fetch: r.fetch, checkpoints: flaky, subscribers: [sub] }).deliverOnce();
    const ids = r.got.map((g) => g.id);
    expect(ids).toHaveLength(4);
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(3);
  });

  it('filters by type and masks personal data for outside systems', async () => {
    const store = await seeded(4);
    const r = receiver();
    await createWebhookOutbox({ store, fetch: r.fetch, subscribers: [{ id: 'warn', url: 'http://127.0.0.1:9/hook', secret: SECRET, types: ['DeadlineWarned'], mask: true }] }).deliverOnce();
    expect(r.got.map((g) => JSON.parse(g.body).type)).toEqual(['DeadlineWarned', 'DeadlineWarned']);
    expect(r.got[0]?.body).not.toContain('张三');
    expect(r.got[0]?.body).toContain('张*');
  });

  it('refuses bad subscribers up front', () => {
    const store = createMemoryStore();
    expect(() => createWebhookOutbox({ store, subscribers: [{ id: 'x', url: 'ftp://x', secret: SECRET }] })).toThrow(/not an http/);
    expect(() => createWebhookOutbox({ store, subscribers: [{ id: 'x', url: 'http://x', secret: 'short' }] })).toThrow(/24 characters/);
  });
});
