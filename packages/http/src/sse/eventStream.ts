import type { StoredEvent } from '@banshi/core';
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { HttpActor } from '../auth/actor.js';
import { maskPersonalData } from '../auth/masking.js';
import { queryScope, type Scope } from '../auth/permissions.js';
import { HttpProblem } from '../errors/problem.js';
import type { TenantRuntime } from '../app/createBanshiApp.js';

type Vars = { actor: HttpActor; tenant: TenantRuntime; requestId: string };

/** How the events route decides, per subscriber, what to send. */
export interface EventsRouteOptions {
  readonly heartbeatMs: number;
  /** A stream ends after this long; the client reconnects with `Last-Event-ID` and misses nothing. */
  readonly maxDurationMs: number;
  readonly pollIntervalMs: number;
  /** Whether this subscriber may see `event` (the cache lives as long as the connection). */
  readonly canSee: (c: Context<{ Variables: Vars }>, scope: Scope, event: StoredEvent, cache: Map<string, string>) => Promise<boolean>;
  /** Whether payloads are masked for this scope. */
  readonly mask: (scope: Scope) => boolean;
}

/**
 * The SSE event id of a stored event: its global position, so `Last-Event-ID` resumes exactly
 * after it.
 *
 * @example
 * sseId(event); // '1234'
 */
export const sseId = (e: StoredEvent): string => String(e.position);

/**
 * Registers `GET /events?after=<position>` on a tenant router: Server-Sent Events of the
 * tenant's log from the position after `after` (or after `Last-Event-ID`, which wins), each
 * `id:` the event's position and `event:` its type, filtered by what the subscriber's role may
 * see, masked for the public. Comments keep the connection alive; the stream ends after
 * `maxDurationMs` and browsers' EventSource reconnects with `Last-Event-ID`.
 *
 * @example
 * eventsRoute(tenantRouter, { heartbeatMs: 15000, maxDurationMs: 600000, pollIntervalMs: 500, canSee, mask });
 */
export function eventsRoute(router: Hono<{ Variables: Vars }>, options: EventsRouteOptions): void {
  router.get('/events', (c) => {
    const actor = c.get('actor');
    const scope = queryScope('events', actor.role);
    if (scope === undefined) throw new HttpProblem(403, 'HTTP_FORBIDDEN', `a ${actor.role} may not follow the event stream`);
    const lastId = c.req.header('last-event-id');
    const after = lastId ?? c.req.query('after') ?? '0';
    if (!/^\d{1,15}$/.test(after)) throw new HttpProblem(400, 'HTTP_BAD_POSITION', `after / Last-Event-ID must be a log position (a whole number), got ${JSON.stringify(after.slice(0, 40))}`);
    const from = Number(after) + 1;
    const typeFilter = c.req.query('types')?.split(',').filter(Boolean).slice(0, 50);
    const store = c.get('tenant').store;
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (sse) => {
      const stop = new AbortController();
      sse.onAbort(() => stop.abort());
      const deadline = setTimeout(() => stop.abort(), options.maxDurationMs);
      const heartbeat = setInterval(() => {
        void sse.write(': keep-alive\n\n').catch(() => stop.abort());
      }, options.heartbeatMs);
      const cache = new Map<string, string>();
      const mask = options.mask(scope);
      try {
        await sse.write(`retry: 2000\n\n`);
        for await (const e of store.subscribe({ fromPosition: from, signal: stop.signal, pollIntervalMs: options.pollIntervalMs, ...(typeFilter?.length ? { types: typeFilter } : {}) })) {
          if (stop.signal.aborted) break;
          if (!(await options.canSee(c, scope, e, cache))) continue;
          const payload = { id: e.id, position: e.position, stream: e.stream, version: e.version, type: e.type, data: mask ? maskPersonalData(e.data) : e.data, occurredAt: e.meta.occurredAt, channel: e.meta.channel };
          await sse.writeSSE({ id: sseId(e), event: e.type, data: JSON.stringify(payload) });
        }
      } catch (err) {
        if (!stop.signal.aborted) await sse.writeSSE({ event: 'error', data: JSON.stringify({ code: (err as { code?: string }).code ?? 'HTTP_INTERNAL', detail: 'the event stream failed; reconnect with Last-Event-ID' }) }).catch(() => undefined);
      } finally {
        clearTimeout(deadline);
        clearInterval(heartbeat);
        stop.abort();
      }
    });
  });
}
