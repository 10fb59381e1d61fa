import { ConcurrencyError, DomainError, type Channel, type EventStore, type StoredEvent } from '@banshi/core';
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { AnyDecider } from '../aggregates/aggregates.js';
import type { HttpActor } from '../auth/actor.js';
import { HttpProblem } from '../errors/problem.js';

/** The tracer of this package; a no-op until the app installs an OpenTelemetry SDK. */
export const tracer = trace.getTracer('@banshi/http', '0.1.0');

/**
 * Runs `fn` inside an active span named `name`, records an exception and an error status when
 * it throws. Costs nothing measurable without an SDK (the API's no-op tracer).
 *
 * @example
 * await inSpan('banshi.append', { 'banshi.stream': stream }, () => store.append(stream, events));
 */
export function inSpan<T>(name: string, attributes: Record<string, string | number | boolean>, fn: (span: Span) => Promise<T>): Promise<T> {
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
  /** The stream version the client saw (`If-Match`); a different version is a 409, nothing written. */
  readonly expectedVersion?: number;
  readonly channel: Channel;
  readonly node?: string;
  readonly occurredAt?: string;
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


/**
 * Loads the stream, checks the caller's authority on its state, returns the first result for
 * a repeated command id, checks `expectedVersion`, decides, folds the new events (so nothing
 * that cannot be folded is appended, design §7), and appends them with the expected version.
 * Without `expectedVersion` a lost race is retried (up to 3 times) on the fresh state; with it,
 * the `ConcurrencyError` goes to the caller (409).
 *
 * @example
 * const r = await executeCommand({ store, stream: 'case-1', decider, command, actor, commandId: 'k-1', channel: 'window' });
 */
export async function executeCommand(input: ExecuteInput): Promise<ExecuteResult> {
  const { store, stream, decider, command, actor, commandId } = input;
  for (let attempt = 0; ; attempt++) {
    const history = await store.readStream(stream);
    let state = decider.initialState;
    const prior: StoredEvent[] = [];
    for (const e of history) {
      state = decider.evolve(state, e);
      if (e.meta.commandId === commandId) prior.push(e);
    }
    const version = history.length;
    if (prior.length) {
      const first = prior[0] as StoredEvent;
      if (first.meta.actor.id !== actor.id || first.meta.actor.role !== actor.role) {
        throw new HttpProblem(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used by another caller on this target: use a fresh key for a new command');
      }
      return { stream, commandId, events: prior, state, history, version, duplicate: true };
    }
    await input.authorize?.(state, history);
    if (input.expectedVersion !== undefined && input.expectedVersion !== version) throw new ConcurrencyError(stream, input.expectedVersion, version);
    // The decider sees the authenticated actor (core's DecideContext), never an approver named in the body.
    const decided = decider.decide(command, state, { actor: { id: actor.id, role: actor.role } });
    if (decided instanceof DomainError) throw decided;
    let next = state;
    for (const e of decided) next = decider.evolve(next, e);
    if (decided.length === 0) return { stream, commandId, events: [], state, history, version, duplicate: false };
    const meta = {
      actor: { id: actor.id, role: actor.role },
      channel: input.channel,
      commandId,
      ...(input.node ? { node: input.node } : {}),
      ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}),
    };
    try {
      const result = await inSpan('banshi.append', { 'banshi.stream': stream, 'banshi.events': decided.length }, () =>
        store.append(
          stream,
          // The store makes the ids (time-ordered, so its id index stays append-mostly). A retry needs no
          // derived ids: every append carries the exact version it was decided on, so a second copy of
          // the command loses the version race, re-reads, and finds its command id already there.
          decided.map((e) => ({ type: e.type, data: e.data, meta })),
          { expectedVersion: version === 0 ? 'no-stream' : version },
        ),
      );
      if (result.duplicate) continue; // the same command won a race a moment ago: answer with its result
      let after = state;
      for (const e of result.events) after = decider.evolve(after, e);
      return { stream, commandId, events: result.events, state: after, history: [...history, ...result.events], version: result.nextExpectedVersion, duplicate: false };
    } catch (err) {
      if (err instanceof ConcurrencyError && input.expectedVersion === undefined && attempt < 3) continue;
      throw err;
    }
  }
}
