import type { StoredEvent } from '../envelope/index.js';
import type { EventStore } from '../store/types.js';

/**
 * A read model: a plain reducer over events (design §3: read models never pay for
 * machine transitions). `apply` may mutate `state` and return it.
 *
 * @example
 * const countByType: Projection<Record<string, number>> = {
 *   name: 'counts',
 *   init: () => ({}),
 *   apply: (s, e) => ((s[e.type] = (s[e.type] ?? 0) + 1), s),
 * };
 */
export interface Projection<S> {
  readonly name: string;
  init(): S;
  apply(state: S, event: StoredEvent): S;
  /** Only these event types reach `apply` (stores may filter them server-side). */
  readonly types?: readonly string[];
  /** How to save the state with a checkpoint (default: the state itself, which must be JSON-serializable). */
  snapshot?(state: S): unknown;
  /** Inverse of `snapshot`. */
  restore?(snapshot: unknown): S;
}

/**
 * Folds events (any iterable) into a projection's state.
 *
 * @example
 * const counts = await foldProjection(store.readAll(), countByType);
 */
export async function foldProjection<S>(events: AsyncIterable<StoredEvent> | Iterable<StoredEvent>, projection: Projection<S>): Promise<S> {
  let state = projection.init();
  const types = projection.types ? new Set(projection.types) : undefined;
  for await (const e of events) if (!types || types.has(e.type)) state = projection.apply(state, e);
  return state;
}

/** Options of {@link runProjection}. */
export interface RunProjectionOptions {
  readonly batchSize?: number;
  /** Save a checkpoint every this many events (default: only at the end). */
  readonly checkpointEvery?: number;
  /** Stop after this global position (inclusive). */
  readonly untilPosition?: number;
}

/** Where a projection run ended. */
export interface ProjectionRun<S> {
  readonly state: S;
  /** Last position folded in (the checkpoint). */
  readonly position: number;
  /** Events applied in this run. */
  readonly processed: number;
}

/**
 * Folds the store's log into a projection, starting after its saved checkpoint, and saves
 * the new checkpoint (with the state) so the next run resumes where this one stopped.
 *
 * @example
 * const { state, position } = await runProjection(store, monthlyCases);
 */
export async function runProjection<S>(store: EventStore, projection: Projection<S>, options: RunProjectionOptions = {}): Promise<ProjectionRun<S>> {
  const saved = await store.checkpoints.load(projection.name);
  let state: S = saved ? (projection.restore ? projection.restore(saved.state) : (saved.state as S)) : projection.init();
  let position = saved?.position ?? 0;
  let processed = 0;
  let sinceSave = 0;
  const save = () => store.checkpoints.save(projection.name, { position, state: projection.snapshot ? projection.snapshot(state) : state });
  const until = options.untilPosition ?? Number.POSITIVE_INFINITY;
  outer: for await (const batch of store.readAllBatches({ fromPosition: position + 1, batchSize: options.batchSize ?? 1000, ...(projection.types ? { types: projection.types } : {}) })) {
    for (const e of batch) {
      if (e.position > until) break outer;
      state = projection.apply(state, e);
      position = e.position;
      processed++;
      if (options.checkpointEvery && ++sinceSave >= options.checkpointEvery) {
        sinceSave = 0;
        await save();
      }
    }
  }
  if (processed > 0 || !saved) {
    if (processed === 0 && !saved) position = Math.min(until, position);
    await save();
  }
  return { state, position, processed };
}
