import { GENESIS_HASH, sha256Hex, type NewEvent, type RecordedEvent, type StoredEvent } from '../envelope/index.js';
import { AppendConditionError, DuplicateEventIdError, StoreUnavailableError } from '../errors/index.js';
import { createChainVerifier, type VerifyReport } from '../verify/index.js';
import { assertStreamId, checkCondition, checkExpectedVersion, checkImported, classifyIds, defaultNewId, givenIds, isSealed, prepareAppend } from './adapterKit.js';
import { followLog, sleep } from './follow.js';
import type { AppendOptions, AppendResult, Checkpoint, EventStore, ImportResult, ReadAllOptions, ReadStreamOptions, StoreOptions, SubscribeOptions } from './types.js';

interface StreamSlot {
  readonly events: StoredEvent[];
  hash: string;
}

/**
 * An `EventStore` in memory: O(1) append per event, O(1) lookup by position, version or id.
 * For tests, terminals that sync elsewhere, and replays. Events are shared, not copied:
 * treat them as read-only.
 *
 * @example
 * const store = createMemoryStore({ registry });
 * await store.append('case-1', [{ type: 'CaseReceived', data: { itemCode: 'XK-001' } }], { expectedVersion: 'no-stream' });
 */
export function createMemoryStore(options: StoreOptions = {}): EventStore {
  const log: StoredEvent[] = [];
  const streams = new Map<string, StreamSlot>();
  const byId = new Map<string, StoredEvent>();
  const checkpoints = new Map<string, Checkpoint>();
  const waiters = new Set<() => void>();
  const hasher = options.hasher ?? sha256Hex;
  const now = options.now ?? (() => new Date());
  const node = options.node ?? 'center';
  const newId = options.newId ?? defaultNewId;
  const { registry } = options;
  const policy = options.unknownEvents ?? 'error';
  let closed = false;

  const alive = () => {
    if (closed) throw new StoreUnavailableError('the memory store is closed: create a new one');
  };
  const out = (e: StoredEvent): StoredEvent => (registry ? registry.upcast(e, policy) : e);
  const wake = () => {
    for (const w of waiters) w();
    waiters.clear();
  };
  const commit = (r: RecordedEvent): StoredEvent => {
    // Kept as the plain JSON a durable store would write (the envelope's fields, toJSON applied,
    // no shared references), so what the memory store holds is exactly what was hashed. A sealed
    // event's data and meta are plain JSON already and frozen: they are kept as they are. One
    // literal, not `{ ...r, position }`: V8 gives each object a spread then extended its own
    // hidden class, which made every read of a stored event a megamorphic look-up.
    const sealed = isSealed(r);
    const stored: StoredEvent = {
      id: r.id,
      stream: r.stream,
      version: r.version,
      type: r.type,
      schema: r.schema,
      data: sealed ? r.data : (JSON.parse(JSON.stringify(r.data)) as unknown),
      meta: sealed ? r.meta : (JSON.parse(JSON.stringify(r.meta)) as StoredEvent['meta']),
      hash: r.hash,
      position: log.length + 1,
    };
    log.push(stored);
    byId.set(stored.id, stored);
    let slot = streams.get(stored.stream);
    if (!slot) streams.set(stored.stream, (slot = { events: [], hash: GENESIS_HASH }));
    slot.events.push(stored);
    slot.hash = stored.hash;
    return stored;
  };

  async function* batches(opts: ReadAllOptions = {}): AsyncGenerator<readonly StoredEvent[]> {
    const size = Math.max(1, opts.batchSize ?? 1000);
    const types = opts.types ? new Set(opts.types) : undefined;
    const view = opts.upcast === false ? (e: StoredEvent) => e : out;
    let i = Math.max(0, (opts.fromPosition ?? 1) - 1);
    while (i < log.length) {
      alive();
      const end = Math.min(log.length, i + size);
      const batch: StoredEvent[] = [];
      for (; i < end; i++) {
        const e = log[i] as StoredEvent;
        if (!types || types.has(e.type)) batch.push(view(e));
      }
      if (batch.length) yield batch;
    }
  }

  const store: EventStore = {
    kind: 'memory',
    registry,
    appendConditions: true,
    async append(stream: string, events: readonly NewEvent[], opts: AppendOptions = {}): Promise<AppendResult> {
      alive();
      assertStreamId(stream);
      const condition = checkCondition(opts);
      const ids = givenIds(events);
      if (ids.length > 0 && classifyIds(stream, ids, (id) => byId.get(id)?.stream) === 'duplicate') {
        if (ids.length !== events.length) throw new DuplicateEventIdError(ids[0] as string, 'the batch repeats stored events but also holds events without ids');
        const stored = ids.map((id) => out(byId.get(id) as StoredEvent));
        const slot = streams.get(stream) as StreamSlot;
        return { stream, events: stored, nextExpectedVersion: slot.events.length, lastPosition: (stored.at(-1) as StoredEvent).position, duplicate: true };
      }
      const slot = streams.get(stream);
      const current = slot?.events.length ?? 0;
      checkExpectedVersion(stream, opts.expectedVersion, current);
      if (condition) {
        for (let i = condition.after; i < log.length; i++) {
          const e = log[i] as StoredEvent;
          if (condition.typeSet.has(e.type)) throw new AppendConditionError(stream, condition.after, e.position, e.type);
        }
      }
      const recorded = prepareAppend(events, { stream, currentVersion: current, lastHash: slot?.hash ?? GENESIS_HASH, registry, hasher, now, node, newId });
      const stored = recorded.map(commit);
      if (stored.length) wake();
      return { stream, events: stored.map(out), nextExpectedVersion: current + stored.length, lastPosition: stored.at(-1)?.position ?? log.length, duplicate: false };
    },
    async readStream(stream: string, opts: ReadStreamOptions = {}) {
      alive();
      assertStreamId(stream);
      const slot = streams.get(stream);
      if (!slot) return [];
      const from = Math.max(1, opts.fromVersion ?? 1);
      const to = Math.min(slot.events.length, opts.toVersion ?? slot.events.length);
      const res: StoredEvent[] = [];
      const view = opts.upcast === false ? (e: StoredEvent) => e : out;
      for (let v = from; v <= to; v++) res.push(view(slot.events[v - 1] as StoredEvent));
      return res;
    },
    async streamVersion(stream: string) {
      alive();
      return streams.get(stream)?.events.length ?? 0;
    },
    async *readAll(opts: ReadAllOptions = {}) {
      for await (const b of batches(opts)) yield* b;
    },
    readAllBatches: batches,
    async headPosition() {
      alive();
      return log.length;
    },
    subscribe(opts: SubscribeOptions = {}) {
      return followLog(
        {
          readAllBatches: batches,
          waitForAppend: (position, timeoutMs, signal) => {
            if (log.length > position) return Promise.resolve();
            return new Promise<void>((resolve) => {
              waiters.add(resolve);
              void sleep(timeoutMs, signal).then(resolve);
            });
          },
        },
        opts,
      );
    },
    async verify(opts: { readonly stream?: string } = {}): Promise<VerifyReport> {
      alive();
      const v = createChainVerifier(hasher);
      const source = opts.stream !== undefined ? (streams.get(opts.stream)?.events ?? []) : log;
      for (const e of source) {
        const b = v.check(e);
        if (b) return { ok: false, events: v.events, streams: v.streams, break: b };
      }
      return { ok: true, events: v.events, streams: v.streams };
    },
    async importEvents(source): Promise<ImportResult> {
      alive();
      const staged: RecordedEvent[] = [];
      const heads = new Map<string, { version: number; hash: string }>();
      const stagedIds = new Map<string, string>();
      let skipped = 0;
      for await (const e of source) {
        const existing = byId.get(e?.id);
        const stagedHash = stagedIds.get(e?.id);
        if (existing || stagedHash !== undefined) {
          if ((existing?.hash ?? stagedHash) !== e.hash) throw new DuplicateEventIdError(e.id, 'already stored with different content');
          skipped++;
          continue;
        }
        const slot = streams.get(e?.stream);
        const head = heads.get(e?.stream) ?? (slot ? { version: slot.events.length, hash: slot.hash } : undefined);
        heads.set(e.stream, checkImported(e, head, { registry, hasher, unknownEvents: policy }));
        stagedIds.set(e.id, e.hash);
        staged.push(e);
      }
      for (const e of staged) commit(e);
      if (staged.length) wake();
      return { imported: staged.length, skipped, lastPosition: log.length };
    },
    checkpoints: {
      async load(name) {
        return checkpoints.get(name);
      },
      async save(name, checkpoint) {
        checkpoints.set(name, checkpoint);
      },
    },
    async close() {
      closed = true;
      wake();
    },
  };
  return store;
}
