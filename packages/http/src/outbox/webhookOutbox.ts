import { ValidationError, type CheckpointStore, type EventStore, type StoredEvent } from '@banshi/core';
import { constantTimeEqual, hmacBytes } from '../_lib/crypto.js';
import { inSpan } from '../app/execute.js';
import { maskPersonalData } from '../auth/masking.js';

/**
 * A system that receives the log's events by webhook.
 *
 * @example
 * const s: WebhookSubscriber = { id: 'supervision', url: 'https://jc.example.gov.cn/hooks/banshi', secret: process.env.JC_SECRET!, types: ['DeadlineWarned'] };
 */
export interface WebhookSubscriber {
  /** Stable id: names its checkpoint (`webhook:<id>`), so changing it starts from the beginning of the log. */
  readonly id: string;
  readonly url: string;
  /** Signs each delivery (at least 24 characters). */
  readonly secret: string;
  /** Only these event types (default: all). */
  readonly types?: readonly string[];
  /** A further filter (e.g. one department's cases). */
  readonly filter?: (event: StoredEvent) => boolean;
  /** Mask personal data in payloads (for systems outside the center; default false). */
  readonly mask?: boolean;
}

/**
 * Options of {@link createWebhookOutbox}.
 *
 * @example
 * const o: WebhookOutboxOptions = { store, subscribers: [s], retry: { baseMs: 1000, maxMs: 300_000 } };
 */
export interface WebhookOutboxOptions {
  readonly store: EventStore;
  readonly subscribers: readonly WebhookSubscriber[];
  /** Where delivery checkpoints live (default: the store's own checkpoint table). */
  readonly checkpoints?: CheckpointStore;
  /** Default: the global fetch. */
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** Backoff after a failed delivery: baseMs × 2^(failures−1), capped at maxMs, with ±20 % jitter. */
  readonly retry?: { readonly baseMs?: number; readonly maxMs?: number };
  /** One delivery's time limit (default 10 s). */
  readonly timeoutMs?: number;
  /** Events read per round per subscriber (default 100). */
  readonly batchSize?: number;
}

/** Where one subscriber stands. */
export interface SubscriberStatus {
  readonly id: string;
  /** The last position delivered (or examined and filtered out). */
  readonly position: number;
  readonly failures: number;
  readonly nextAttemptAt: number | null;
  readonly lastError: string | null;
}

/**
 * The outbox: `deliverOnce` for a driver of your own (a cron, a test), `start`/`stop` for a timer.
 *
 * @example
 * const outbox = createWebhookOutbox({ store, subscribers });
 * outbox.start(1000);
 */
export interface WebhookOutbox {
  /** One round: each subscriber due for delivery gets the events after its checkpoint, in log order. */
  deliverOnce(): Promise<readonly SubscriberStatus[]>;
  start(pollMs?: number): void;
  stop(): Promise<void>;
  status(): Promise<readonly SubscriberStatus[]>;
}

/**
 * The signature headers of a delivery (Standard Webhooks): `webhook-id` (the event id, for
 * the receiver to deduplicate), `webhook-timestamp` (seconds), `webhook-signature`
 * (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`).
 *
 * @example
 * const headers = await signWebhook(secret, event.id, Math.floor(Date.now() / 1000), body);
 */
export async function signWebhook(secret: string, id: string, timestamp: number, body: string): Promise<Record<string, string>> {
  const mac = await hmacBytes(secret, `${id}.${timestamp}.${body}`);
  let bin = '';
  for (const b of mac) bin += String.fromCharCode(b);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${btoa(bin)}` };
}

/**
 * For receivers: checks a delivery's signature and age (default tolerance 5 minutes).
 *
 * @example
 * if (!(await verifyWebhook(secret, request.headers, await request.text()))) return new Response('bad signature', { status: 401 });
 */
export async function verifyWebhook(secret: string, headers: Headers, body: string, options: { readonly toleranceSeconds?: number; readonly now?: number } = {}): Promise<boolean> {
  const id = headers.get('webhook-id');
  const ts = headers.get('webhook-timestamp');
  const sig = headers.get('webhook-signature');
  if (!id || !ts || !sig || !/^\d{1,12}$/.test(ts)) return false;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - Number(ts)) > (options.toleranceSeconds ?? 300)) return false;
  const expected = (await signWebhook(secret, id, Number(ts), body))['webhook-signature'] as string;
  return sig.split(' ').some((s) => constantTimeEqual(s, expected));
}

/**
 * A transactional outbox with webhook delivery. The log *is* the outbox: an event is in it
 * exactly when its append committed, so no second table has to be written in the same
 * transaction. Each subscriber keeps a checkpoint in the store's database, saved only after
 * the receiver answered 2xx for every event up to it (a checkpoint never runs ahead, design
 * §7). Delivery is at least once, in log order, one event per request; a crash between a
 * delivery and its checkpoint resends that event with the same `webhook-id`, which the
 * receiver uses to drop the duplicate. A failing receiver is retried with exponential backoff
 * and holds back only its own deliveries.
 *
 * @example
 * const outbox = createWebhookOutbox({ store, subscribers: [{ id: 'jc', url: 'https://jc.example.gov.cn/hook', secret }] });
 * await outbox.deliverOnce();
 */
export function createWebhookOutbox(options: WebhookOutboxOptions): WebhookOutbox {
  const { store } = options;
  const checkpoints = options.checkpoints ?? store.checkpoints;
  const send = options.fetch ?? fetch;
  const now = options.now ?? (() => Date.now());
  const baseMs = options.retry?.baseMs ?? 1000;
  const maxMs = options.retry?.maxMs ?? 300_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const batchSize = options.batchSize ?? 100;
  const ids = new Set<string>();
  for (const s of options.subscribers) {
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(s.id) || ids.has(s.id)) throw new ValidationError(`webhook subscriber id ${JSON.stringify(s.id)} is invalid or repeated: use 1–100 characters of A–Z a–z 0–9 _ . -`);
    ids.add(s.id);
    if (typeof s.secret !== 'string' || s.secret.length < 24) throw new ValidationError(`webhook subscriber ${s.id}: the secret must be at least 24 characters`);
    try {
      const u = new URL(s.url);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('protocol');
    } catch {
      throw new ValidationError(`webhook subscriber ${s.id}: url ${JSON.stringify(s.url)} is not an http(s) URL`);
    }
  }
  const state = new Map(options.subscribers.map((s) => [s.id, { failures: 0, nextAttemptAt: null as number | null, lastError: null as string | null }]));
  const name = (s: WebhookSubscriber) => `webhook:${s.id}`;

  const deliver = async (s: WebhookSubscriber, e: StoredEvent): Promise<void> => {
    const body = JSON.stringify({ id: e.id, position: e.position, stream: e.stream, version: e.version, type: e.type, schema: e.schema, data: s.mask ? maskPersonalData(e.data) : e.data, occurredAt: e.meta.occurredAt, channel: e.meta.channel, node: e.meta.node });
    const headers = { 'content-type': 'application/json', 'user-agent': 'banshi-webhooks/0.1', ...(await signWebhook(s.secret, e.id, Math.floor(now() / 1000), body)) };
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const r = await send(s.url, { method: 'POST', headers, body, signal: abort.signal, redirect: 'manual' });
      await r.body?.cancel().catch(() => undefined);
      if (r.status < 200 || r.status >= 300) throw new Error(`HTTP ${r.status}`);
    } finally {
      clearTimeout(timer);
    }
  };

  const round = async (s: WebhookSubscriber): Promise<void> => {
    const st = state.get(s.id) as { failures: number; nextAttemptAt: number | null; lastError: string | null };
    if (st.nextAttemptAt !== null && now() < st.nextAttemptAt) return;
    let position = (await checkpoints.load(name(s)))?.position ?? 0;
    const types = s.types ? new Set(s.types) : undefined;
    await inSpan('banshi.webhooks', { 'banshi.subscriber': s.id, 'banshi.from': position }, async () => {
      for await (const batch of store.readAllBatches({ fromPosition: position + 1, batchSize, ...(s.types ? { types: s.types } : {}) })) {
        for (const e of batch) {
          if ((!types || types.has(e.type)) && (!s.filter || s.filter(e))) {
            try {
              await deliver(s, e);
            } catch (err) {
              st.failures++;
              const delay = Math.min(maxMs, baseMs * 2 ** (st.failures - 1));
              st.nextAttemptAt = now() + Math.round(delay * (0.8 + Math.random() * 0.4));
              st.lastError = err instanceof Error ? err.message.slice(0, 200) : 'delivery failed';
              if (position > 0) await checkpoints.save(name(s), { position });
              return;
            }
            st.failures = 0;
            st.nextAttemptAt = null;
            st.lastError = null;
          }
          position = e.position;
          await checkpoints.save(name(s), { position });
        }
        break; // one batch per round keeps a busy log from starving the other subscribers
      }
    });
  };

  const status = async (): Promise<readonly SubscriberStatus[]> =>
    Promise.all(
      options.subscribers.map(async (s) => {
        const st = state.get(s.id) as { failures: number; nextAttemptAt: number | null; lastError: string | null };
        return { id: s.id, position: (await checkpoints.load(name(s)))?.position ?? 0, ...st };
      }),
    );

  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<unknown> | undefined;
  const deliverOnce = async () => {
    for (const s of options.subscribers) await round(s);
    return status();
  };
  return {
    deliverOnce,
    status,
    start(pollMs = 1000) {
      if (timer) return;
      timer = setInterval(() => {
        running ??= deliverOnce()
          .catch(() => undefined)
          .finally(() => {
            running = undefined;
          });
      }, pollMs);
      (timer as { unref?: () => void }).unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
