import { handle, IdempotencyConflictError, type AppendCondition, type Channel, type EventStore, type StoredEvent } from '@banshi/core';
import { INVALID_SPAN_CONTEXT, ProxyTracerProvider, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { AnyDecider } from '../aggregates/aggregates.js';
import type { HttpActor } from '../auth/actor.js';
import { sha256HexSync } from '../_lib/crypto.js';
import { streamStatesOf } from '../_lib/streamStates.js';
import { HttpProblem } from '../errors/problem.js';

/** The tracer of this package; a no-op until the app installs an OpenTelemetry SDK. */
export const tracer = trace.getTracer('@banshi/http', '0.1.0');

/** What the API's global provider delegates to while no SDK is installed. */
const noopProvider = new ProxyTracerProvider().getDelegate();
/** The span `fn` gets while tracing is off: every call on it does nothing. */
const offSpan = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Whether an OpenTelemetry SDK is installed, asked on every call (an app may install one after
 * creating the app, or disable it). Another copy of the API in the process counts as installed.
 */
export function tracingOn(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegate() !== noopProvider;
}

/**
 * Runs `fn` inside an active span named `name`, records an exception and an error status when
 * it throws. Without an SDK `fn` runs on a non-recording span and no span or context is made:
 * the API's no-op tracer still built a span and a context per call (three per command request).
 *
 * @example
 * await inSpan('banshi.append', { 'banshi.stream': stream }, () => store.append(stream, events));
 */
export function inSpan<T>(name: string, attributes: Record<string, string | number | boolean>, fn: (span: Span) => Promise<T>): Promise<T> {
  if (!tracingOn()) return fn(offSpan);
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error && 'code' in err ? String((err as { code: unknown }).code) : 'error' });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** What {@link executeCommand} needs. */
export interface ExecuteInput {
  readonly store: EventStore;
  readonly stream: string;
  readonly decider: AnyDecider;
  readonly command: unknown;
  readonly actor: HttpActor;
  readonly commandId: string;
  /** What the command id stands for (the request body's canonical JSON); default: the command's. */
  readonly fingerprint?: string;
  /** The stream version the client saw (`If-Match`); a different version is a 409, nothing written. */
  readonly expectedVersion?: number;
  readonly channel: Channel;
  readonly node?: string;
  readonly occurredAt?: string;
  /** The version of the calendar the decider reads (`meta.calendarVersion`), for the aggregates whose deadlines use one. */
  readonly calendarVersion?: string;
  /** The command creates its target (Receive …): start from an empty stream, read only if that is refused. */
  readonly creates?: boolean;
  /** Passed to the append: the command was decided on a fold of these types read up to `after` (a store with `appendConditions` only). */
  readonly condition?: AppendCondition;
  /** Checks the caller may act on this target in this state (throws a 403 HttpProblem); runs before `decide`. */
  readonly authorize?: (state: unknown, history: readonly StoredEvent[]) => void | Promise<void>;
}

/** What a command did. */
export interface ExecuteResult {
  readonly stream: string;
  readonly commandId: string;
  readonly events: readonly StoredEvent[];
  readonly state: unknown;
  readonly history: readonly StoredEvent[];
  readonly version: number;
  /** The command had been handled before (same Idempotency-Key): nothing was appended now. */
  readonly duplicate: boolean;
}

const traced = new WeakMap<EventStore, EventStore>();
/** The store as `handle()` sees it from a request: each append in a `banshi.append` span (one wrapper per store). */
function tracedAppends(store: EventStore): EventStore {
  let t = traced.get(store);
  if (!t) {
    t = new Proxy(store, {
      get(target, prop) {
        if (prop === 'append') {
          return (stream: string, events: Parameters<EventStore['append']>[1], options?: Parameters<EventStore['append']>[2]) =>
            inSpan('banshi.append', { 'banshi.stream': stream, 'banshi.events': events.length }, () => target.append(stream, events, options));
        }
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    traced.set(store, t);
  }
  return t;
}

/**
 * Runs one command for an authenticated actor through core's `handle()` — the one command
 * path of banshi: the repeat check (same Idempotency-Key and body: the first result; another
 * body or caller: 422), `authorize` on the loaded state, `If-Match`, decide with the actor,
 * fold before append, derived event ids. Adds what HTTP needs around it: the actor, channel
 * and node as event meta, and a span on the append.
 *
 * @example
 * const r = await executeCommand({ store, stream: 'case-1', decider, command, actor, commandId: 'k-1', channel: 'window' });
 */
export async function executeCommand(input: ExecuteInput): Promise<ExecuteResult> {
  const { actor } = input;
  try {
    return await handle(tracingOn() ? tracedAppends(input.store) : input.store, input.stream, input.command, input.decider, {
      commandId: input.commandId,
      hasher: sha256HexSync,
      // The state the last command on this stream left, checked by the conditional append (no read when it holds).
      states: streamStatesOf(input.store, input.decider),
      ...(input.creates ? { assumeNew: true } : {}),
      ...(input.fingerprint !== undefined ? { fingerprint: input.fingerprint } : {}),
      ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
      ...(input.authorize ? { authorize: input.authorize } : {}),
      ...(input.condition ? { condition: input.condition } : {}),
      meta: {
        actor: { id: actor.id, role: actor.role },
        channel: input.channel,
        ...(input.node ? { node: input.node } : {}),
        ...(input.calendarVersion ? { calendarVersion: input.calendarVersion } : {}),
        ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}),
      },
    });
  } catch (err) {
    if (err instanceof IdempotencyConflictError) {
      throw new HttpProblem(
        422,
        'HTTP_IDEMPOTENCY_KEY_REUSED',
        err.differs === 'command'
          ? 'this Idempotency-Key was already used on this target with a different body: nothing was written. Resend the identical body to get the first result, or use a fresh key for a new command.'
          : 'this Idempotency-Key was already used by another caller on this target: nothing was written. Use a fresh key for a new command.',
        { differs: err.differs },
      );
    }
    throw err;
  }
}
