import {
  BanshiError,
  createTreeBuilder,
  eventHash,
  GENESIS_HASH,
  sha256Hex,
  signCheckpoint,
  toRecorded,
  type CheckpointSigner,
  type EventStore,
  type RecordedEvent,
} from '@banshi/core';
import { createSerializer } from '@banshi/core/adapter';
import { digestSecret, secretMatches } from '../_lib/credentials.js';
import { SyncConfigError, SyncForbiddenError, SyncOutOfOrderError, SyncRejectedError, SyncUnauthorizedError } from '../errors/index.js';
import { SYNC_CONFLICTS_STREAM, syncEventTypes, type StreamOwnershipTransferredData, type SyncConflictData } from '../events/index.js';
import { extendCenterTree, type ShipReceipt } from '../receipt/index.js';
import { assertShipBatch, syncLimits, type PullRequest, type PullResult, type ShipBatch, type ShipResult, type ShippedEvent } from '../protocol/index.js';

/**
 * Stream prefixes the center shares with every node by default (reference data: the catalog
 * and the calendars). Nodes may not write them.
 *
 * @example
 * createSyncCenter({ store, nodes, referencePrefixes: [...defaultReferencePrefixes, 'agency-'] });
 */
export const defaultReferencePrefixes = ['item-', 'calendar-'] as const;

/** Streams whose names start with this belong to sync itself; no node may write them. */
const RESERVED_PREFIX = 'sync-';

/** A node the center knows: its id, its secret, and the event types it may write. */
export interface NodeRegistration {
  readonly id: string;
  /** The node's own secret; the center keeps only its SHA-256 digest. */
  readonly secret: string;
  /** Event types the node may write, as a list or a predicate. `StreamOwnershipTransferred` is always allowed to a stream's owner. */
  readonly writes: readonly string[] | ((type: string) => boolean);
}

/** How a node proves who it is. */
export interface NodeCredential {
  readonly nodeId: string;
  readonly token: string;
}

/** One line of the center's log. Never contains a credential. */
export interface SyncLogEntry {
  readonly level: 'info' | 'warn';
  readonly action: 'ship' | 'pull' | 'refused' | 'conflict';
  readonly node: string;
  readonly message: string;
}

export interface SyncCenterOptions {
  readonly store: EventStore;
  readonly nodes: readonly NodeRegistration[];
  /** The center's own node id (`meta.node` of its events); defaults to `center`. */
  readonly id?: string;
  readonly referencePrefixes?: readonly string[];
  readonly now?: () => Date;
  readonly log?: (entry: SyncLogEntry) => void;
  /**
   * Signs a checkpoint of the center's log after every applied batch and returns it as
   * `ShipResult.receipt`, with the proof of where the batch landed (see `checkShipReceipt`).
   */
  readonly signer?: CheckpointSigner;
}

/** A conflict kept at the center, as the operator sees it. */
export interface SyncConflict extends SyncConflictData {
  /** Id of the `SyncConflictDetected` event that keeps it. */
  readonly id: string;
  readonly recordedAt: string;
}

/** The receiving side of replication. Transports call it; it never trusts what they pass. */
export interface SyncCenter {
  readonly id: string;
  readonly store: EventStore;
  /** The node id the credential proves, or `SyncUnauthorizedError` (one wording for every failure). */
  authenticate(credential: NodeCredential): string;
  /** The last sender position applied for the node (0 when none). */
  checkpoint(credential: NodeCredential): Promise<number>;
  /** Applies a batch atomically: all of it (events, and conflicts kept aside) or nothing. */
  ship(credential: NodeCredential, batch: ShipBatch): Promise<ShipResult>;
  /** Reference events (and streams handed over to the node) after `fromPosition`. */
  pull(credential: NodeCredential, request: PullRequest): Promise<PullResult>;
  /** The node that may write `stream` now, or undefined when the center does not hold it. */
  ownerOf(stream: string): Promise<string | undefined>;
  /** Every conflict kept so far, oldest first. */
  conflicts(): Promise<readonly SyncConflict[]>;
}

interface StreamView {
  readonly storeVersion: number;
  version: number;
  owner: string | undefined;
  readonly staged: RecordedEvent[];
}

interface ChainHead {
  version: number;
  hash: string;
}

const checkpointName = (nodeId: string) => `sync:${nodeId}`;

function wrapStoreError(err: unknown): unknown {
  if (err instanceof BanshiError && !(err instanceof SyncRejectedError)) {
    const eventId = (err as { breakAt?: { eventId?: string }; eventId?: string }).breakAt?.eventId ?? (err as { eventId?: string }).eventId;
    return new SyncRejectedError(err.code, err.message, eventId, { cause: err });
  }
  return err;
}

/**
 * Creates the center: authenticates nodes, enforces stream ownership and per-node event
 * permissions, applies shipped batches atomically and idempotently, keeps conflicts in the
 * `sync-conflicts` stream and serves reference data. Its store's registry must include
 * `syncEvents`.
 *
 * @example
 * const center = createSyncCenter({
 *   store: createMemoryStore({ registry, node: 'center' }),
 *   nodes: [{ id: 'port', secret: process.env.PORT_SECRET!, writes: ['CaseReceived', 'CaseAccepted'] }],
 * });
 * await center.ship({ nodeId: 'port', token }, batch);
 */
export function createSyncCenter(options: SyncCenterOptions): SyncCenter {
  const { store } = options;
  const centerId = options.id ?? 'center';
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const reference = [...(options.referencePrefixes ?? defaultReferencePrefixes)];
  const nodes = new Map<string, { digest: Buffer; mayWrite: (type: string) => boolean }>();
  for (const n of options.nodes) {
    if (typeof n.id !== 'string' || n.id.length === 0 || n.id === centerId) throw new SyncConfigError(`node id ${JSON.stringify(n.id)} is empty or equals the center's id`);
    if (nodes.has(n.id)) throw new SyncConfigError(`node id "${n.id}" is registered twice`);
    if (typeof n.secret !== 'string' || n.secret.length === 0) throw new SyncConfigError(`node "${n.id}" has no secret`);
    const writes = n.writes;
    const mayWrite = typeof writes === 'function' ? writes : ((set: ReadonlySet<string>) => (t: string) => set.has(t))(new Set(writes));
    nodes.set(n.id, { digest: digestSecret(n.secret), mayWrite });
  }
  const serial = createSerializer();

  // What the center's log says, folded incrementally: owners, each stream's head version and
  // the conflicts kept so far.
  let scanned = 0;
  const owners = new Map<string, string>();
  const heads = new Map<string, number>();
  const conflictList: SyncConflict[] = [];
  const conflictHeads = new Map<string, ChainHead>();
  const conflictIds = new Set<string>();
  let conflictsHead: ChainHead = { version: 0, hash: GENESIS_HASH };

  const nodeStreamKey = (node: string, stream: string) => `${node}\n${stream}`;
  const isReference = (stream: string) => reference.some((p) => stream.startsWith(p));

  function foldOwner(e: RecordedEvent, into: Map<string, string | undefined>): void {
    if (e.version === 1) into.set(e.stream, e.meta.node);
    if (e.type === syncEventTypes.ownershipTransferred) into.set(e.stream, (e.data as StreamOwnershipTransferredData).to);
  }

  /** Folds the event at `position` of the center's log into owners, stream heads and conflicts. */
  function foldEvent(e: RecordedEvent, position: number): void {
    foldOwner(e, owners);
    heads.set(e.stream, e.version);
    if (e.stream === SYNC_CONFLICTS_STREAM && e.type === syncEventTypes.conflictDetected) {
      const d = e.data as SyncConflictData;
      conflictList.push({ ...d, id: e.id, recordedAt: e.meta.recordedAt });
      conflictIds.add(nodeStreamKey(d.node, d.event.id));
      conflictHeads.set(nodeStreamKey(d.node, d.stream), { version: d.event.version, hash: d.event.hash });
      conflictsHead = { version: e.version, hash: e.hash };
    }
    scanned = position;
  }

  async function refresh(): Promise<void> {
    for await (const batch of store.readAllBatches({ fromPosition: scanned + 1 })) for (const e of batch) foldEvent(e, e.position);
  }

  function authenticate(credential: NodeCredential): string {
    const nodeId = typeof credential?.nodeId === 'string' ? credential.nodeId : '';
    const token = typeof credential?.token === 'string' ? credential.token : '';
    const known = nodes.get(nodeId);
    if (!secretMatches(token, known?.digest)) {
      const detail = known ? `node "${nodeId}" presented a credential that does not match` : `node ${JSON.stringify(nodeId)} is not registered at the center`;
      log({ level: 'warn', action: 'refused', node: nodeId, message: detail });
      throw new SyncUnauthorizedError();
    }
    return nodeId;
  }

  function refuse(nodeId: string, err: SyncForbiddenError | SyncRejectedError): never {
    log({ level: 'warn', action: 'refused', node: nodeId, message: err.detail });
    throw err;
  }

  async function ship(credential: NodeCredential, batch: ShipBatch): Promise<ShipResult> {
    const nodeId = authenticate(credential);
    assertShipBatch(batch);
    return serial(async () => {
      await refresh();
      const node = nodes.get(nodeId) as { mayWrite: (type: string) => boolean };
      const applied = (await store.checkpoints.load(checkpointName(nodeId)))?.position ?? 0;
      if (batch.fromPosition > applied + 1) throw new SyncOutOfOrderError(applied, batch.fromPosition);

      // Each stream's version as of the refresh above, which folded the whole log: no read (and no
      // wait) per stream. A write to the store after the refresh is caught by the import's own
      // version and hash checks, as a write between a per-stream read and the import would be.
      const views = new Map<string, StreamView>();
      const view = (stream: string): StreamView => {
        const storeVersion = heads.get(stream) ?? 0;
        const v: StreamView = { storeVersion, version: storeVersion, owner: owners.get(stream), staged: [] };
        views.set(stream, v);
        return v;
      };
      const eventAt = async (v: StreamView, stream: string, version: number): Promise<RecordedEvent | undefined> => {
        if (version < 1) return undefined;
        if (version > v.storeVersion) return v.staged[version - v.storeVersion - 1];
        return (await store.readStream(stream, { fromVersion: version, toVersion: version, upcast: false }))[0];
      };
      const ownerBefore = async (v: StreamView, stream: string, version: number): Promise<string | undefined> => {
        const fold = new Map<string, string | undefined>();
        const prefix: RecordedEvent[] = [...(await store.readStream(stream, { toVersion: Math.min(version, v.storeVersion), upcast: false })), ...v.staged];
        for (const e of prefix) if (e.version <= version) foldOwner(e, fold);
        return fold.get(stream);
      };
      const staged: RecordedEvent[] = [];
      const kept: { data: SyncConflictData; occurredAt: string }[] = [];
      const stagedConflictHeads = new Map<string, ChainHead>();
      let skipped = 0;

      for (const { event: e } of batch.events) {
        if (e.meta.node !== nodeId) refuse(nodeId, new SyncForbiddenError(`event ${e.stream}@${e.version} claims node "${e.meta.node}" but was shipped by node "${nodeId}"`, e.id));
        if (e.stream.startsWith(RESERVED_PREFIX) || isReference(e.stream)) {
          refuse(nodeId, new SyncForbiddenError(`stream ${e.stream} is center reference data or sync's own; node "${nodeId}" may not write it`, e.id));
        }
        if (e.type !== syncEventTypes.ownershipTransferred && !node.mayWrite(e.type)) {
          refuse(nodeId, new SyncForbiddenError(`node "${nodeId}" may not write events of type ${e.type} (${e.stream}@${e.version})`, e.id));
        }
        // Most centers keep no conflict: the keys below (a string built per event) are then not made.
        if (conflictIds.size > 0 && conflictIds.has(nodeStreamKey(nodeId, e.id))) {
          skipped++;
          continue;
        }
        const v = views.get(e.stream) ?? view(e.stream);
        const existing = e.version <= v.version ? await eventAt(v, e.stream, e.version) : undefined;
        if (existing && existing.id === e.id) {
          if (existing.hash !== e.hash) refuse(nodeId, new SyncRejectedError('CORE_INTEGRITY', `${e.stream}@${e.version} arrived with hash ${e.hash} but the center holds it with hash ${existing.hash} (tampered?)`, e.id));
          skipped++;
          continue;
        }
        const key = stagedConflictHeads.size > 0 || conflictHeads.size > 0 ? nodeStreamKey(nodeId, e.stream) : undefined;
        const conflictHead = key === undefined ? undefined : (stagedConflictHeads.get(key) ?? conflictHeads.get(key));
        if (conflictHead || existing) {
          let prevHash: string;
          if (conflictHead) {
            if (e.version !== conflictHead.version + 1) {
              refuse(nodeId, new SyncRejectedError('CORE_INTEGRITY', `${e.stream}@${e.version} does not follow the conflicting ${e.stream}@${conflictHead.version} kept for node "${nodeId}"`, e.id));
            }
            prevHash = conflictHead.hash;
          } else {
            const owner = await ownerBefore(v, e.stream, e.version - 1);
            if (owner !== undefined && owner !== nodeId) refuse(nodeId, new SyncForbiddenError(`stream ${e.stream} is owned by node "${owner}" at version ${e.version - 1}`, e.id));
            prevHash = (await eventAt(v, e.stream, e.version - 1))?.hash ?? GENESIS_HASH;
          }
          if (eventHash(prevHash, e) !== e.hash) refuse(nodeId, new SyncRejectedError('CORE_INTEGRITY', `hash mismatch at ${e.stream}@${e.version}: the event was altered after it was recorded`, e.id));
          stagedConflictHeads.set(key ?? nodeStreamKey(nodeId, e.stream), { version: e.version, hash: e.hash });
          kept.push({
            data: { node: nodeId, stream: e.stream, version: e.version, reason: conflictHead ? 'follows-conflict' : 'diverged', existingEventId: existing?.id ?? null, event: e },
            occurredAt: e.meta.occurredAt,
          });
          continue;
        }
        if (e.version !== v.version + 1) {
          refuse(nodeId, new SyncRejectedError('CORE_INTEGRITY', `${e.stream}@${e.version} is out of sequence: the center holds the stream up to version ${v.version}`, e.id));
        }
        if (v.owner !== undefined && v.owner !== nodeId) refuse(nodeId, new SyncForbiddenError(`stream ${e.stream} is owned by node "${v.owner}"`, e.id));
        let owner = v.owner ?? nodeId;
        if (e.type === syncEventTypes.ownershipTransferred) {
          const d = e.data as Partial<StreamOwnershipTransferredData> | null;
          if (d?.from !== nodeId || typeof d.to !== 'string' || (d.to !== centerId && !nodes.has(d.to))) {
            refuse(nodeId, new SyncForbiddenError(`${e.stream}@${e.version} hands the stream from "${String(d?.from)}" to "${String(d?.to)}": only the owner may hand over, and only to the center or a registered node`, e.id));
          }
          owner = d.to;
        }
        staged.push(e);
        v.staged.push(e);
        v.version = e.version;
        v.owner = owner;
      }

      const records: RecordedEvent[] = [];
      let head = conflictsHead;
      const recordedAt = now().toISOString();
      for (const { data, occurredAt } of kept) {
        const unhashed = {
          id: 'x' + sha256Hex(`${data.node}\n${data.event.id}`).slice(0, 40),
          stream: SYNC_CONFLICTS_STREAM,
          version: head.version + 1,
          type: syncEventTypes.conflictDetected,
          schema: 1,
          data,
          meta: { occurredAt, recordedAt, actor: { id: 'banshi-sync', role: 'system' }, channel: 'system' as const, node: centerId },
        };
        const record: RecordedEvent = { ...unhashed, hash: eventHash(head.hash, unhashed) };
        records.push(record);
        head = { version: record.version, hash: record.hash };
      }
      let landedFrom: number | undefined;
      const imported = [...staged, ...records];
      try {
        if (imported.length) {
          const r = await store.importEvents(imported);
          if (r.imported > 0) landedFrom = r.lastPosition - r.imported + 1;
          // The batch landed right after what the center had folded: fold it from memory instead
          // of reading back (and parsing again) what was just written. Otherwise refresh() reads.
          if (r.imported === imported.length && landedFrom === scanned + 1) {
            imported.forEach((e, i) => foldEvent(e, (landedFrom as number) + i));
            scanned = r.lastPosition;
          }
        }
      } catch (err) {
        const wrapped = wrapStoreError(err);
        if (wrapped instanceof SyncRejectedError) refuse(nodeId, wrapped);
        throw wrapped;
      }
      const checkpoint = Math.max(applied, batch.toPosition);
      const receivedAt = now().toISOString();
      // Saved after the import, not in its transaction: a crash in between leaves the checkpoint
      // behind the events (never ahead), and the node's retry is skipped as already held.
      await store.checkpoints.save(checkpointName(nodeId), { position: checkpoint, state: { receivedAt } });
      let receipt: ShipReceipt | undefined;
      if (options.signer && landedFrom !== undefined) {
        const tree = await extendCenterTree(store, store.checkpoints, landedFrom);
        const body = { format: 'banshi-checkpoint/1' as const, origin: centerId, size: tree.state.size, root: createTreeBuilder({ size: tree.state.size, peaks: tree.state.peaks }).root(), lastEventId: tree.state.lastEventId, leafSetDigest: tree.state.digest, issuedAt: receivedAt };
        receipt = { format: 'banshi-ship-receipt/1', checkpoint: signCheckpoint(body, options.signer), frontier: tree.frontier, leaves: tree.leaves };
      }
      await refresh();
      for (const { data } of kept) {
        log({ level: 'warn', action: 'conflict', node: nodeId, message: `${data.stream}@${data.version} (${data.event.id}) kept as a conflict (${data.reason})` });
      }
      log({ level: 'info', action: 'ship', node: nodeId, message: `applied ${staged.length}, skipped ${skipped}, conflicts ${kept.length}, checkpoint ${checkpoint}` });
      return { applied: staged.length, skipped, conflicts: kept.length, checkpoint, receivedAt, ...(receipt ? { receipt } : {}) };
    });
  }

  async function pull(credential: NodeCredential, request: PullRequest): Promise<PullResult> {
    const nodeId = authenticate(credential);
    const from = Math.max(1, Number.isInteger(request?.fromPosition) ? request.fromPosition : 1);
    const limit = Math.max(1, Math.min(request?.limit ?? syncLimits.pullLimit, syncLimits.pullLimit));
    const head = await store.headPosition();
    const events: ShippedEvent[] = [];
    let toPosition = from - 1;
    for await (const batch of store.readAllBatches({ fromPosition: from, batchSize: limit, upcast: false })) {
      for (const e of batch) {
        if (isReference(e.stream)) events.push({ position: e.position, event: toRecorded(e) });
        else if (e.type === syncEventTypes.ownershipTransferred && (e.data as StreamOwnershipTransferredData).to === nodeId) {
          // A stream handed to this node: it needs the whole stream to continue the chain.
          for (const s of await store.readStream(e.stream, { toVersion: e.version, upcast: false })) events.push({ position: s.position, event: toRecorded(s) });
        }
        toPosition = e.position;
      }
      break;
    }
    log({ level: 'info', action: 'pull', node: nodeId, message: `${events.length} events from ${from} to ${toPosition}` });
    return { events, toPosition, head };
  }

  return {
    id: centerId,
    store,
    authenticate,
    async checkpoint(credential) {
      const nodeId = authenticate(credential);
      return (await store.checkpoints.load(checkpointName(nodeId)))?.position ?? 0;
    },
    ship,
    pull,
    async ownerOf(stream) {
      return serial(async () => {
        await refresh();
        return owners.get(stream);
      });
    },
    async conflicts() {
      return serial(async () => {
        await refresh();
        return [...conflictList];
      });
    },
  };
}
