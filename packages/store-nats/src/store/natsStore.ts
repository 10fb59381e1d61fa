import {
  AppendConditionError,
  canonicalJson,
  ConcurrencyError,
  createChainVerifier,
  DuplicateEventIdError,
  GENESIS_HASH,
  IntegrityError,
  StoreUnavailableError,
  ValidationError,
  type AppendOptions,
  type AppendResult,
  type Checkpoint,
  type EventStore,
  type ImportResult,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredEvent,
  type StoreOptions,
  type SubscribeOptions,
  type VerifyReport,
} from '@banshi/core';
import { sha256HexNode } from '@banshi/core/node';
import { assertStreamId, checkCondition, checkExpectedVersion, checkImported, classifyIds, defaultNewId, givenIds, prepareAppend, refuseCondition, sleep, type CheckedCondition } from '@banshi/core/adapter';
import { jetstream, jetstreamManager, JetStreamApiError, type ConsumerMessages, type JetStreamClient, type JsMsg, type JetStreamManager, type StreamConfig, type StreamSource } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { connect, PermissionViolationError, type NatsConnection } from '@nats-io/transport-node';
import { openAcks } from '../_lib/acks.js';
import { BadMessage, decodeBatch, encodeBatch } from '../_lib/codec.js';
import { locate, POSITION_STRIDE, positionOf } from '../_lib/positions.js';
import { decodeToken, encodeToken, NAME_RE, PREFIX_RE } from '../_lib/subjects.js';
import { ForeignStreamError, StreamConfigError, SubjectPermissionError } from '../errors/index.js';

/**
 * Options of {@link createNatsStore}: where the NATS server is, which JetStream stream holds the
 * deployment's log, and the options every store takes (`registry`, `node`, `now`, …). `node`
 * (default `center`) is also the subject token this store writes under.
 *
 * @example
 * const options: NatsStoreOptions = { servers: ['127.0.0.1:4222'], stream: 'TAIZHOU', node: 'center', replicas: 3 };
 */
export interface NatsStoreOptions extends StoreOptions {
  /** NATS URLs (`nats://host:port` or `host:port`); default `127.0.0.1:4222`. */
  readonly servers?: string | readonly string[];
  /** A connection the caller owns (the store never closes it); instead of `servers`. */
  readonly connection?: NatsConnection;
  readonly user?: string;
  readonly pass?: string;
  readonly token?: string;
  /** JetStream stream holding the log (default `BANSHI`): `A–Z a–z 0–9 _ -`. */
  readonly stream?: string;
  /** First subject tokens (default `banshi`): events go to `<prefix>.<node>.<stream id>`. */
  readonly subjectPrefix?: string;
  /** JetStream domain to talk to (a leaf node's own domain, or the hub's from a leaf). */
  readonly domain?: string;
  /** Create the JetStream stream (and the checkpoint bucket) when missing (default `true`). */
  readonly create?: boolean;
  /** Replicas of a stream this store creates (default 1; 3 on a cluster). */
  readonly replicas?: number;
  /**
   * Sub-centers whose streams this deployment's stream sources (the center's): each node's
   * stream in its JetStream domain (default: the node id), filtered to that node's subjects.
   * Missing sources are added to an existing stream.
   */
  readonly sources?: readonly { readonly node: string; readonly domain?: string; readonly stream?: string }[];
  /** JetStream's de-duplication window for a stream this store creates (default 2 minutes). */
  readonly duplicateWindowMs?: number;
  /** Upper bound on one operation, retries included; then `StoreUnavailableError` (default 10 000 ms). */
  readonly timeoutMs?: number;
  /** Upper bound on connecting (default 5000 ms). */
  readonly connectTimeoutMs?: number;
  /** Streams whose events this store keeps in memory to answer `readStream` in one round trip (default 10 000). */
  readonly cachedStreams?: number;
  /**
   * Check append conditions (core `AppendCondition`; default `false`: an append carrying one is
   * refused). A conditional message goes out with `Nats-Expected-Last-Sequence`, and nats-server
   * before 2.10.14 checks that header again in a stream that sources this one, where the
   * sequences differ: the sourcing stalls (nats-server issue #5253). Turn it on for a stream that
   * no other stream sources (the center's, in the layout of the README) or when every server
   * that sources it runs 2.10.14 or later. See the README, "Append conditions".
   */
  readonly appendConditions?: boolean;
}

/**
 * A JetStream-backed `EventStore`, with the names it lives under.
 *
 * @example
 * const store: NatsStore = await createNatsStore({ stream: 'DEMO' });
 * store.streamName; // 'DEMO'
 */
export interface NatsStore extends EventStore {
  readonly kind: 'nats';
  /** The JetStream stream. */
  readonly streamName: string;
  /** The subject of the message that starts at `version` (default 1) of `streamId` on this store's node. */
  subjectOf(streamId: string, version?: number): string;
  /** The connection (the store's own, or the one it was given). */
  readonly connection: NatsConnection;
}

interface Head {
  version: number;
  hash: string;
  /** Node token of the subjects the stream's messages are on (undefined: no message yet). */
  owner: string | undefined;
  /** The stream's events as stored, in version order (those in `unread` follow them). */
  events: StoredEvent[];
  /**
   * Messages this store appended and has not parsed back yet: the very bytes JetStream stored,
   * parsed (and checked) only when something reads the stream's events — the append itself
   * never parses what it has just written.
   */
  unread: { readonly data: Uint8Array; readonly seq: number; readonly subject: string }[];
  ids: Set<string> | undefined;
}

/** A publish's outcome; a `conflict` carries the sequence JetStream named in "wrong last sequence: N", when it did. */
type PublishOutcome = { readonly kind: 'ok'; readonly seq: number; readonly duplicate: boolean } | { readonly kind: 'conflict'; readonly named?: number } | { readonly kind: 'retry'; readonly cause: unknown };

const MAX_APPEND_ROUNDS = 100;
const CONFLICT = 10071;
/** A condition's check reads up to this many messages one by one (direct gets, in parallel); more through a consumer. */
const DIRECT_READS = 16;
/** How many of its own messages' event types a store remembers for those checks (the oldest go first). */
const PUBLISHED_TYPES = 4096;
const emptyHead = (): Head => ({ version: 0, hash: GENESIS_HASH, owner: undefined, events: [], unread: [], ids: undefined });
const sleepMs = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Opens an `EventStore` on NATS JetStream: one JetStream stream per deployment, one subject per
 * event stream (`<prefix>.<node>.<stream id>`), one message per append (atomic), `expectedVersion`
 * checked by the server (`Nats-Expected-Last-Subject-Sequence`), event ids de-duplicated
 * (`Nats-Msg-Id` plus the stream's own ids), positions from the JetStream sequence. Creates the
 * stream when missing unless `create: false`. See the README for what an acknowledgement means.
 *
 * Throws `StoreUnavailableError` when no server answers within `connectTimeoutMs`,
 * `StreamConfigError` for a stream that could drop events, `ValidationError` for bad options.
 *
 * @example
 * const store = await createNatsStore({ servers: '127.0.0.1:4222', stream: 'TAIZHOU', registry });
 * await store.append('case-TZ-2013-000123', [{ type: 'CaseReceived', data: { itemCode: 'XK-001' } }], { expectedVersion: 'no-stream' });
 * for await (const e of store.readAll()) console.log(e.position, e.type);
 * await store.close();
 */
export async function createNatsStore(options: NatsStoreOptions = {}): Promise<NatsStore> {
  const streamName = options.stream ?? 'BANSHI';
  if (!NAME_RE.test(streamName)) throw new ValidationError(`stream name ${JSON.stringify(streamName)} is invalid: use 1–64 characters of A–Z a–z 0–9 _ -`);
  if (options.subjectPrefix !== undefined && !PREFIX_RE.test(options.subjectPrefix)) throw new ValidationError(`subjectPrefix ${JSON.stringify(options.subjectPrefix)} is invalid: use plain tokens (A–Z a–z 0–9 _ -) separated by dots`);
  const node = options.node ?? 'center';
  if (typeof node !== 'string' || node.length === 0 || node.length > 64) throw new ValidationError('node must be a string of 1–64 characters');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  for (const [k, v] of [
    ['timeoutMs', timeoutMs],
    ['connectTimeoutMs', connectTimeoutMs],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 1) throw new ValidationError(`${k} ${String(v)} must be a whole number of milliseconds ≥ 1`);
  }
  const replicas = options.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 5) throw new ValidationError(`replicas ${String(replicas)} must be 1–5`);
  if (options.appendConditions !== undefined && typeof options.appendConditions !== 'boolean') throw new ValidationError(`appendConditions ${JSON.stringify(options.appendConditions)} must be true or false`);

  let nc: NatsConnection;
  const owned = options.connection === undefined;
  if (options.connection) nc = options.connection;
  else {
    const servers = options.servers === undefined ? ['127.0.0.1:4222'] : typeof options.servers === 'string' ? [options.servers] : [...options.servers];
    try {
      nc = await connect({
        servers,
        name: `banshi-store-nats:${node}`,
        timeout: connectTimeoutMs,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 250,
        pingInterval: 5000,
        ...(options.user !== undefined ? { user: options.user } : {}),
        ...(options.pass !== undefined ? { pass: options.pass } : {}),
        ...(options.token !== undefined ? { token: options.token } : {}),
      });
    } catch (err) {
      throw new StoreUnavailableError(`could not connect to NATS at ${servers.join(', ')} within ${connectTimeoutMs} ms (${(err as Error).message}): check that nats-server runs there with JetStream (-js) and that the user may connect`, { cause: err });
    }
  }
  try {
    const domainOpt = options.domain !== undefined ? { domain: options.domain, timeout: timeoutMs } : { timeout: timeoutMs };
    const jsm = await jetstreamManager(nc, { ...domainOpt, checkAPI: false });
    const js = jetstream(nc, domainOpt);
    const { config, prefix, writable } = await ensureStream(jsm, streamName, node, options, replicas);
    // Other nodes' subjects reach this stream only through sources (or a catch-all subject).
    // Other nodes' streams reach this one through its sources: their node tokens are where to look for a stream id.
    const sourced = (config.sources ?? []).map((src) => src.filter_subject?.slice(prefix.length + 1).split('.')[0]).filter((t): t is string => Boolean(t) && t !== '*' && t !== '>');
    return openStore(nc, owned, js, jsm, streamName, prefix, node, options, timeoutMs, replicas, sourced, writable);
  } catch (err) {
    if (owned) await nc.close().catch(() => undefined);
    throw mapError(err, `opening JetStream stream ${streamName}`, timeoutMs);
  }
}

/**
 * Creates the stream, or checks an existing one. The subject prefix, when not given, is read off
 * the existing stream's subjects (a reader names a stream, not its layout). A store opened with
 * `create: false` on a stream without this node's subjects can read but not write (`writable`).
 */
async function ensureStream(
  jsm: JetStreamManager,
  name: string,
  node: string,
  options: NatsStoreOptions,
  replicas: number,
): Promise<{ readonly config: StreamConfig; readonly prefix: string; readonly writable: boolean }> {
  let existing: StreamConfig | undefined;
  try {
    existing = (await jsm.streams.info(name)).config;
  } catch (err) {
    if (!(err instanceof JetStreamApiError) || err.code !== 10059) throw err;
  }
  const token = encodeToken(node);
  const inferred = existing?.subjects?.map((s) => /^(.+)\.[^.]+\.>$/.exec(s)?.[1]).find((p): p is string => p !== undefined && PREFIX_RE.test(p));
  const prefix = options.subjectPrefix ?? inferred ?? 'banshi';
  const config = await ensureStreamAt(jsm, name, prefix, node, options, replicas, existing);
  const writable = (config.subjects ?? []).some((s) => s === `${prefix}.${token}.>` || s === `${prefix}.>` || s === '>');
  return { config, prefix, writable };
}

async function ensureStreamAt(jsm: JetStreamManager, name: string, prefix: string, node: string, options: NatsStoreOptions, replicas: number, existing: StreamConfig | undefined): Promise<StreamConfig> {
  const own = `${prefix}.${encodeToken(node)}.>`;
  const sources: StreamSource[] = (options.sources ?? []).map((s) => ({ name: s.stream ?? name, domain: s.domain ?? s.node, filter_subject: `${prefix}.${encodeToken(s.node)}.>` }));
  let config = existing;
  if (!config) {
    if (options.create === false) throw new StreamConfigError(name, 'it does not exist and create is false');
    try {
      await jsm.streams.add({
        name,
        subjects: [own],
        storage: 'file' as never,
        retention: 'limits' as never,
        discard: 'new' as never,
        num_replicas: replicas,
        duplicate_window: (options.duplicateWindowMs ?? 120_000) * 1_000_000,
        deny_delete: true,
        deny_purge: true,
        allow_rollup_hdrs: false,
        ...(sources.length ? { sources } : {}),
      });
      return (await jsm.streams.info(name)).config;
    } catch (err) {
      if (err instanceof JetStreamApiError && err.code === 10065) {
        throw new StreamConfigError(name, `another JetStream stream already takes subjects ${own}: give this deployment its own subjectPrefix, or open that stream by its name`);
      }
      // Another process created it first: check what it made.
      if (!(err instanceof JetStreamApiError) || err.code !== 10058) throw err;
      config = (await jsm.streams.info(name)).config;
    }
  }
  const problems: string[] = [];
  if (String(config.retention) !== 'limits') problems.push(`retention is ${String(config.retention)}, not limits`);
  if (config.max_msgs > 0) problems.push(`max_msgs is ${config.max_msgs}`);
  if (config.max_bytes > 0) problems.push(`max_bytes is ${config.max_bytes}`);
  if (config.max_age > 0) problems.push(`max_age is ${config.max_age / 1e9}s`);
  if ((config.max_msgs_per_subject ?? 0) > 0) problems.push(`max_msgs_per_subject is ${config.max_msgs_per_subject}`);
  const covers = (config.subjects ?? []).some((s) => s === own || s === `${prefix}.>` || s === '>');
  if (!covers && options.create !== false) problems.push(`its subjects (${(config.subjects ?? []).join(', ') || 'none'}) do not include ${own}`);
  if (problems.length) throw new StreamConfigError(name, problems.join('; '));
  const have = config.sources ?? [];
  const missing = sources.filter((s) => !have.some((c) => c.filter_subject === s.filter_subject));
  if (missing.length) return (await jsm.streams.update(name, { ...config, sources: [...have, ...missing] })).config;
  return config;
}

/** A NATS or JetStream failure as a banshi error: conflicts and permissions keep their meaning, the rest is unavailability. */
function mapError(err: unknown, what: string, timeoutMs: number): Error {
  if (err instanceof StoreUnavailableError || err instanceof StreamConfigError || err instanceof ValidationError || err instanceof SubjectPermissionError) return err;
  const perm = permissionOf(err);
  if (perm) return perm;
  return new StoreUnavailableError(
    `JetStream did not complete ${what} within ${timeoutMs} ms (${(err as Error)?.message ?? String(err)}): check that the stream's replicas have a quorum and the link to the server is up; nothing acknowledged was lost, and retrying the same append (same ids) is safe`,
    { cause: err },
  );
}

function permissionOf(err: unknown): SubjectPermissionError | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    if (e instanceof PermissionViolationError) return new SubjectPermissionError(e.operation === 'subscription' ? 'subscribe' : 'publish', e.subject, { cause: err });
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function openStore(
  nc: NatsConnection,
  owned: boolean,
  js: JetStreamClient,
  jsm: JetStreamManager,
  streamName: string,
  prefix: string,
  node: string,
  options: NatsStoreOptions,
  timeoutMs: number,
  replicas: number,
  sourcedNodes: readonly string[],
  writable: boolean,
): NatsStore {
  /** Whether appends check conditions: only when asked (see `NatsStoreOptions.appendConditions`). */
  const appendConditions = options.appendConditions === true;
  const nodeToken = encodeToken(node);
  const hasher = options.hasher ?? sha256HexNode;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? defaultNewId;
  const { registry } = options;
  const policy = options.unknownEvents ?? 'error';
  const maxCached = options.cachedStreams ?? 10_000;
  const maxPayload = nc.info?.max_payload ?? 1024 * 1024;
  const heads = new Map<string, Head>();
  /**
   * For append conditions: the highest stream sequence this store knows of (its own
   * acknowledgements, the sequences JetStream names when an expectation fails), and the event
   * types of the messages it published lately, so a condition's check reads only other writers'.
   */
  let knownLast: number | undefined;
  const publishedTypes = new Map<number, readonly string[]>();
  const published = (seq: number, events: readonly StoredEvent[]) => {
    knownLast = Math.max(knownLast ?? 0, seq);
    if (!appendConditions) return;
    publishedTypes.set(seq, events.map((e) => e.type));
    if (publishedTypes.size > PUBLISHED_TYPES) publishedTypes.delete(publishedTypes.keys().next().value as number);
  };
  const acks = openAcks(nc);
  const stoppers = new Set<() => void>();
  let kvBucket: Promise<KV> | undefined;
  let closed = false;

  const alive = () => {
    if (closed) throw new StoreUnavailableError(`the nats store (stream ${streamName}) is closed: open a new one with createNatsStore()`);
  };
  const out = (e: StoredEvent): StoredEvent => (registry ? registry.upcast(e, policy) : e);
  /**
   * The subject of the message that starts at `version` of `stream` on `token`'s node. One
   * subject per message, published with "this subject is empty" (`Nats-Expected-Last-Subject-Sequence: 0`):
   * two writers of the same version cannot both succeed, and the check means the same thing in
   * every stream the message is sourced into (see the README).
   */
  const subjectAt = (stream: string, version: number, token = nodeToken) => `${prefix}.${token}.${encodeToken(stream)}.${version}`;
  const nodes = [nodeToken, ...sourcedNodes.filter((t) => t !== nodeToken)];
  const remember = (stream: string, head: Head) => {
    heads.delete(stream);
    heads.set(stream, head);
    if (heads.size > maxCached) heads.delete(heads.keys().next().value as string);
  };
  const idsOf = (head: Head) => (head.ids ??= new Set(eventsOf(head).map((e) => e.id)));
  /** The head's events, its unread messages parsed (and checked) first. */
  const eventsOf = (head: Head): StoredEvent[] => {
    if (head.unread.length) {
      for (const m of head.unread) {
        const batch = decodeBatch(m.data, m.seq, m.subject);
        if (batch instanceof BadMessage) throw integrity(batch);
        for (const e of batch) head.events.push(e);
      }
      head.unread = [];
    }
    return head.events;
  };
  const integrity = (bad: BadMessage) =>
    new IntegrityError({ stream: decodeToken(bad.subject.split('.').at(-2) ?? ''), version: Number(bad.subject.split('.').at(-1)) || 0, position: positionOf(bad.seq, 0), reason: `message ${bad.seq} on ${bad.subject} is ${bad.reason}` });

  /**
   * The stream's messages from `fromSeq` (through `until` when given, else for ever), over an
   * ordered consumer, pulled only as the caller asks (memory stays flat), in groups of up to
   * `group` messages (a bounded read takes them many at a time; a subscription one by one, so
   * nothing waits for a message that has not come). The stream has no deletions, so its
   * sequences are dense: the reader knows the next sequence it must see, and whatever the
   * consumer does through elections and reconnects — stops, goes quiet while the stream has
   * grown, or jumps ahead — it is reopened at exactly that sequence. A bounded read that makes
   * no progress for `timeoutMs` fails with `StoreUnavailableError`.
   */
  async function* sequenceFrom(fromSeq: number, opts: { readonly until?: number; readonly signal?: AbortSignal; readonly idleMs: number; readonly maxMessages: number; readonly group: number }): AsyncGenerator<readonly JsMsg[]> {
    const { until, signal, idleMs } = opts;
    let next = fromSeq;
    let progress = Date.now();
    const bounded = until !== undefined;
    const stalled = (cause?: unknown) =>
      bounded && Date.now() - progress > timeoutMs ? new StoreUnavailableError(`JetStream delivered nothing from stream ${streamName} for ${timeoutMs} ms while reading up to sequence ${until}: check the stream's quorum and the link`, { cause }) : undefined;
    while (!signal?.aborted) {
      alive();
      if (bounded && next > until) return;
      let messages: ConsumerMessages;
      try {
        const consumer = await js.consumers.get(streamName, { opt_start_seq: next, deliver_policy: 'by_start_sequence' as never });
        messages = await consumer.consume({ max_messages: opts.maxMessages });
      } catch (err) {
        const failure = stalled(err);
        if (failure) throw failure;
        await sleep(250, signal);
        continue;
      }
      const stop = () => void messages.stop();
      stoppers.add(stop);
      signal?.addEventListener('abort', stop, { once: true });
      // The watchdog, one timer per quiet spell (never one per message): once nothing has
      // arrived for idleMs it stops the consumer — a bounded read's always (failing it when it
      // has made no progress for timeoutMs), a subscription's only when the stream holds the
      // sequence it waits for — and the loop below reopens it at `next`.
      let lastArrival = Date.now();
      let failure: Error | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let done = false;
      const halt = () => {
        done = true;
        void messages.stop();
      };
      const check = () => {
        timer = undefined;
        if (done) return;
        const quiet = Date.now() - lastArrival;
        if (quiet < idleMs) {
          timer = setTimeout(check, idleMs - quiet);
          return;
        }
        if (bounded) {
          failure = stalled();
          halt();
          return;
        }
        void lastSeq()
          .catch(() => 0)
          .then((last) => {
            if (done) return;
            if (last >= next) halt();
            else {
              lastArrival = Date.now();
              timer = setTimeout(check, idleMs);
            }
          });
      };
      timer = setTimeout(check, idleMs);
      const it = messages[Symbol.asyncIterator]();
      let group: JsMsg[] = [];
      try {
        for (;;) {
          const r = await it.next();
          if (signal?.aborted) return;
          alive();
          if (r.done) break;
          const m = r.value;
          lastArrival = Date.now();
          const seq = m.seq;
          if (seq < next) continue;
          if (seq > next) break; // a gap: never skip, reopen at the sequence we need
          progress = lastArrival;
          group.push(m);
          next = seq + 1;
          if (bounded && seq >= until) break;
          if (group.length >= opts.group) {
            yield group;
            group = [];
          }
        }
      } finally {
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', stop);
        stoppers.delete(stop);
        await messages.stop();
      }
      if (group.length) yield group;
      if (failure) throw failure;
    }
  }

  /** The message on `subject`, or null. Answered by the stream leader (never a stale replica). */
  async function messageOn(subject: string) {
    try {
      return await jsm.streams.getMessage(streamName, { last_by_subj: subject });
    } catch (err) {
      throw mapError(err, `reading ${subject}`, timeoutMs);
    }
  }

  /**
   * The stream's head and events, fresh from the server: from the cached head (messages are
   * never deleted, so it stays a prefix) it follows the chain of version subjects — the message
   * at version v holds k events, the next starts at v + k — with a few lookups in flight at a
   * time. Every lookup is of a literal subject, which JetStream answers from its subject index.
   */
  async function loadHead(stream: string): Promise<Head> {
    alive();
    const cached = heads.get(stream);
    const head: Head = cached ? { ...cached, events: [...eventsOf(cached)], unread: [] } : emptyHead();
    if (head.owner === undefined) {
      const firsts = await Promise.all(nodes.map((t) => messageOn(subjectAt(stream, 1, t))));
      const found = firsts.map((m, i) => ({ m, t: nodes[i] as string })).filter((x) => x.m !== null);
      if (found.length === 0) {
        remember(stream, head);
        return head;
      }
      // Two nodes opened the same stream id (a collision): read the one that did first; verify() reports the other.
      found.sort((a, b) => (a.m?.seq ?? 0) - (b.m?.seq ?? 0));
      head.owner = found[0]?.t;
    }
    const owner = head.owner as string;
    let width = 2;
    for (;;) {
      const from = head.version + 1;
      const probes = await Promise.all(Array.from({ length: width }, (_, i) => messageOn(subjectAt(stream, from + i, owner))));
      let v = from;
      while (v < from + width) {
        const m = probes[v - from];
        if (!m) break;
        const batch = decodeBatch(m.data, m.seq, m.subject);
        if (batch instanceof BadMessage) throw integrity(batch);
        if (batch.some((e, i) => e.version !== v + i || e.stream !== stream)) throw integrity(new BadMessage(m.seq, m.subject, `not the events of ${stream} from version ${v}`));
        for (const e of batch) head.events.push(e);
        const tail = batch.at(-1) as StoredEvent;
        head.version = tail.version;
        head.hash = tail.hash;
        head.ids = undefined;
        v = tail.version + 1;
      }
      if (v === from || v < from + width) break;
      width = Math.min(32, width * 2);
    }
    remember(stream, head);
    return head;
  }

  /**
   * Publishes one message with "this subject is empty". `msgID` (the first event id) goes in
   * `Nats-Msg-Id` only when the caller chose the ids: that is when JetStream's de-duplication
   * window can tell something new (the same id already stored in another stream). An append
   * whose ids the store generated needs no message id — a re-send of the very same message
   * (its acknowledgement lost) goes to the same version subject and is refused as a conflict,
   * after which the caller finds its own events there — and the header would cost every append
   * its encoding on the client and an entry in the server's de-duplication map. The
   * acknowledgement comes back on the store's own reply subscription (`openAcks`).
   */
  async function publish(subject: string, body: Uint8Array, msgID: string | undefined, deadline: number, lastSeq: number | undefined): Promise<PublishOutcome> {
    const timeout = Math.max(100, Math.min(2000, deadline - Date.now()));
    const hdrs = lastSeq !== undefined ? acks.expectEmptyAfter(lastSeq, msgID) : msgID === undefined ? acks.expectEmpty : acks.expectEmptyWithId(msgID);
    const ack = await acks.publish(subject, body, hdrs, timeout);
    switch (ack.kind) {
      case 'stored':
        return { kind: 'ok', seq: ack.seq, duplicate: ack.duplicate };
      case 'forbidden':
        throw permissionOf(ack.error) as SubjectPermissionError;
      case 'unanswered':
        return { kind: 'retry', cause: ack.cause };
      case 'refused':
        if (ack.code === CONFLICT) {
          const named = /wrong last sequence: (\d+)/.exec(ack.description)?.[1];
          return named === undefined ? { kind: 'conflict' } : { kind: 'conflict', named: Number(named) };
        }
        if (ack.code === 10054 || ack.code === 10077) throw new ValidationError(`JetStream refused the message for ${subject}: ${ack.description}`);
        return { kind: 'retry', cause: new Error(`JetStream refused the message for ${subject}: ${ack.description} (${ack.code})`) };
    }
  }

  async function storedBatch(seq: number, missing = `JetStream reported message ${seq} of ${streamName} as a duplicate but could not return it: retry`): Promise<StoredEvent[]> {
    let msg;
    try {
      msg = await jsm.streams.getMessage(streamName, { seq });
    } catch (err) {
      throw mapError(err, `reading message ${seq}`, timeoutMs);
    }
    if (!msg) throw new StoreUnavailableError(missing);
    const batch = decodeBatch(msg.data, seq, msg.subject);
    if (batch instanceof BadMessage) throw integrity(batch);
    return batch;
  }

  function checkSize(body: Uint8Array, what: string) {
    if (body.length > maxPayload - 1024) {
      throw new ValidationError(`${what} is ${body.length} bytes, over what the NATS server takes in one message (max_payload ${maxPayload}): split it into smaller appends`);
    }
  }

  /**
   * The first stored event of `types` after position `after`, in the messages through sequence
   * `until` (an append condition's check): a few messages by direct get, more through a consumer.
   */
  async function firstOfTypes(types: ReadonlySet<string>, after: number, until: number): Promise<StoredEvent | undefined> {
    const from = locate(after + 1);
    if (until < from.seq) return undefined;
    const first = (batch: readonly StoredEvent[], seq: number) => {
      for (let i = seq === from.seq ? from.index : 0; i < batch.length; i++) if (types.has((batch[i] as StoredEvent).type)) return batch[i];
      return undefined;
    };
    // Messages this store published: their types are known (a hit among them is read for its position).
    const unknown: number[] = [];
    let cachedHit: number | undefined;
    for (let seq = from.seq; seq <= until; seq++) {
      const known = publishedTypes.get(seq);
      if (!known) unknown.push(seq);
      else if (cachedHit === undefined && known.some((t, i) => (seq !== from.seq || i >= from.index) && types.has(t))) cachedHit = seq;
      if (unknown.length > DIRECT_READS) break;
    }
    if (unknown.length <= DIRECT_READS) {
      const seqs = cachedHit === undefined ? unknown : [...unknown.filter((s) => s < cachedHit), cachedHit];
      const read = await Promise.all(seqs.map((seq) => storedBatch(seq, `JetStream could not return message ${seq} of ${streamName} while checking an append condition: retry`)));
      for (let k = 0; k < read.length; k++) {
        const hit = first(read[k] as StoredEvent[], seqs[k] as number);
        if (hit) return hit;
      }
      return undefined;
    }
    for await (const group of sequenceFrom(from.seq, { until, idleMs: Math.min(2000, timeoutMs), maxMessages: 1000, group: 256 })) {
      for (const m of group) {
        const batch = decodeBatch(m.data, m.seq, m.subject);
        if (batch instanceof BadMessage) throw integrity(batch);
        const hit = first(batch, m.seq);
        if (hit) return hit;
      }
    }
    return undefined;
  }

  /**
   * One append (see the store's documentation). With a `condition`, before each publish: the
   * stream's last sequence is read, the messages after the position already checked are searched
   * for the condition's types (a hit refuses the append: `AppendConditionError`, nothing written),
   * and the message goes with `Nats-Expected-Last-Sequence` set to that last sequence, so JetStream
   * stores it only if nothing at all was stored since; if something was, the loop checks the new
   * messages and tries again. The check and the write are one step, as in the SQL stores' transaction.
   */
  async function append(stream: string, events: readonly NewEvent[], opts: AppendOptions, condition?: CheckedCondition): Promise<AppendResult> {
    const deadline = Date.now() + timeoutMs;
    const given = givenIds(events);
    if (events.length > POSITION_STRIDE) throw new ValidationError(`an append holds at most ${POSITION_STRIDE} events (got ${events.length}): split it, or use importEvents`);
    let fresh = false;
    let head: Head = heads.get(stream) ?? (opts.expectedVersion === 'no-stream' ? emptyHead() : ((fresh = true), await loadHead(stream)));
    let prepared: { recorded: RecordedEvent[]; body: Uint8Array; subject: string } | undefined;
    let lastCause: unknown;
    /** With a condition: the position through which no event of its types is stored, and the sequence the last publish expected. */
    let checkedThrough = condition?.after ?? 0;
    let expectedLast: number | undefined;
    for (let round = 0; round < MAX_APPEND_ROUNDS; round++) {
      if (Date.now() > deadline) break;
      if (!prepared) {
        try {
          if (given.length && classifyIds(stream, given, ((ids) => (id: string) => (ids.has(id) ? stream : undefined))(idsOf(head))) === 'duplicate') {
            if (given.length !== events.length) throw new DuplicateEventIdError(given[0] as string, 'the batch repeats stored events but also holds events without ids');
            const byId = new Map(eventsOf(head).map((e) => [e.id, e]));
            const stored = given.map((id) => out(byId.get(id) as StoredEvent));
            return { stream, events: stored, nextExpectedVersion: head.version, lastPosition: (stored.at(-1) as StoredEvent).position, duplicate: true };
          }
          checkExpectedVersion(stream, opts.expectedVersion, head.version);
        } catch (err) {
          if (!fresh && (err instanceof ConcurrencyError || err instanceof DuplicateEventIdError)) {
            head = await loadHead(stream);
            fresh = true;
            continue;
          }
          throw err;
        }
        if (head.owner !== undefined && head.owner !== nodeToken) throw new ForeignStreamError(stream, decodeToken(head.owner), node);
        const canonical: string[] = [];
        const recorded = prepareAppend(events, { stream, currentVersion: head.version, lastHash: head.hash, registry, hasher, now, node, newId, canonical });
        const body = encodeBatch(recorded, canonical);
        checkSize(body, `the append of ${recorded.length} events to ${stream}`);
        prepared = { recorded, body, subject: subjectAt(stream, head.version + 1) };
      }
      const { recorded, body, subject } = prepared;
      if (condition && expectedLast === undefined) {
        // The last sequence known, read from the server only the first time: if another writer
        // appended since, JetStream refuses the publish and names the real one (below).
        const until = knownLast ?? (knownLast = await lastSeq());
        const hit = await firstOfTypes(condition.typeSet, checkedThrough, until);
        if (hit) {
          // A repeat of stored events is answered as stored, as in the SQL stores: look at this stream first.
          if (!fresh && given.length) {
            head = await loadHead(stream);
            fresh = true;
            prepared = undefined;
            continue;
          }
          throw new AppendConditionError(stream, condition.after, hit.position, hit.type);
        }
        checkedThrough = Math.max(checkedThrough, positionOf(until + 1, 0) - 1);
        expectedLast = until;
      }
      const result = await publish(subject, body, given.length ? (recorded[0] as RecordedEvent).id : undefined, deadline, expectedLast);
      if (result.kind === 'retry') {
        // Timeout, no leader, reconnecting: send the very same message again (same Nats-Msg-Id, same expectation).
        lastCause = result.cause;
        alive();
        await sleepMs(Math.min(250, 25 * (round + 1)));
        continue;
      }
      if (result.kind === 'conflict') {
        // With a condition, "wrong last sequence: N" with N past the expected one says the log
        // moved: check the messages up to N and publish again (if this stream's subject was taken
        // too, the next refusal names a sequence not past the new expectation). Otherwise this
        // stream moved: reload, then check and expect again.
        if (expectedLast !== undefined && result.named !== undefined && result.named > expectedLast) {
          knownLast = Math.max(knownLast ?? 0, result.named);
          expectedLast = undefined;
          continue;
        }
        // A refusal that names no sequence (another server's wording): read the last one again.
        if (expectedLast !== undefined && result.named === undefined) knownLast = undefined;
        expectedLast = undefined;
        head = await loadHead(stream);
        fresh = true;
        // An earlier try of this very message may have landed (its acknowledgement lost).
        const mine = new Map(recorded.map((r) => [r.id, r.hash]));
        const landed = eventsOf(head).filter((e) => mine.get(e.id) === e.hash);
        if (landed.length === recorded.length) return { stream, events: landed.map(out), nextExpectedVersion: head.version, lastPosition: (landed.at(-1) as StoredEvent).position, duplicate: false };
        prepared = undefined;
        continue;
      }
      let stored: StoredEvent[];
      if (result.duplicate) {
        const batch = await storedBatch(result.seq);
        const same = batch.length === recorded.length && batch.every((e, i) => e.hash === recorded[i]?.hash);
        if (!same) {
          const at = new Map(batch.map((e) => [e.id, e]));
          classifyIds(stream, given.length ? given : [recorded[0]?.id as string], (id) => at.get(id)?.stream);
          if (given.length !== events.length) throw new DuplicateEventIdError(given[0] ?? (recorded[0]?.id as string), 'the batch repeats stored events but also holds events without ids');
          const dup = given.map((id) => out(at.get(id) as StoredEvent));
          return { stream, events: dup, nextExpectedVersion: Math.max(head.version, (dup.at(-1) as StoredEvent).version), lastPosition: (dup.at(-1) as StoredEvent).position, duplicate: true };
        }
        stored = batch;
        for (const e of batch) eventsOf(head).push(e);
      } else {
        // Stored as sent: the result is the recorded events with their positions; the head keeps
        // the message's bytes, parsed only if something reads this stream from the cache.
        const seq = result.seq;
        stored = recorded.map((e, i) => ({ id: e.id, stream: e.stream, version: e.version, type: e.type, schema: e.schema, data: e.data, meta: e.meta, hash: e.hash, position: positionOf(seq, i) }));
        head.unread.push({ data: body, seq, subject });
      }
      published(result.seq, stored);
      const tail = stored.at(-1) as StoredEvent;
      const ids = head.ids;
      if (ids) for (const e of stored) ids.add(e.id);
      head.version = tail.version;
      head.hash = tail.hash;
      head.owner = nodeToken;
      remember(stream, head);
      return { stream, events: registry ? stored.map(out) : stored, nextExpectedVersion: tail.version, lastPosition: tail.position, duplicate: false };
    }
    if (lastCause !== undefined || Date.now() > deadline) throw mapError(lastCause ?? new Error('deadline passed'), `the append to ${stream}`, timeoutMs);
    throw new ConcurrencyError(stream, opts.expectedVersion ?? 'any', head.version);
  }

  /** Position of the last event in the stream (0 when empty). */
  async function headPosition(): Promise<number> {
    alive();
    const last = await messageOn('>');
    if (!last) return 0;
    const batch = decodeBatch(last.data, last.seq, last.subject);
    if (batch instanceof BadMessage) throw integrity(batch);
    return (batch.at(-1) as StoredEvent).position;
  }

  async function lastSeq(): Promise<number> {
    try {
      return (await jsm.streams.info(streamName)).state.last_seq;
    } catch (err) {
      throw mapError(err, `reading the state of stream ${streamName}`, timeoutMs);
    }
  }

  async function* batches(opts: ReadAllOptions = {}): AsyncGenerator<readonly StoredEvent[]> {
    alive();
    const size = Math.max(1, Math.floor(opts.batchSize ?? 1000));
    const types = opts.types ? new Set(opts.types) : undefined;
    const view = opts.upcast === false ? undefined : out;
    const from = locate(opts.fromPosition ?? 1);
    const until = await lastSeq();
    if (until < from.seq) return;
    let current: StoredEvent[] = [];
    for await (const group of sequenceFrom(from.seq, { until, idleMs: Math.min(2000, timeoutMs), maxMessages: 1000, group: 256 })) {
      for (const m of group) {
        const seq = m.seq;
        const batch = decodeBatch(m.data, seq, m.subject);
        if (batch instanceof BadMessage) throw integrity(batch);
        for (let i = seq === from.seq ? from.index : 0; i < batch.length; i++) {
          const e = batch[i] as StoredEvent;
          if (types && !types.has(e.type)) continue;
          current.push(view ? view(e) : e);
          if (current.length >= size) {
            yield current;
            current = [];
          }
        }
      }
    }
    if (current.length) yield current;
  }

  /** Follows the log: stored events, then new ones as they commit (see `sequenceFrom` for failures). */
  async function* subscribe(opts: SubscribeOptions = {}): AsyncGenerator<StoredEvent> {
    alive();
    const types = opts.types ? new Set(opts.types) : undefined;
    const view = opts.upcast === false ? undefined : out;
    const from = locate(opts.fromPosition ?? 1);
    const { signal } = opts;
    const idleMs = Math.max(1000, Math.min(5000, (opts.pollIntervalMs ?? 250) * 8));
    for await (const [m] of sequenceFrom(from.seq, { ...(signal ? { signal } : {}), idleMs, maxMessages: Math.max(1, Math.min(1000, opts.batchSize ?? 1000)), group: 1 })) {
      if (!m) continue;
      const batch = decodeBatch(m.data, m.seq, m.subject);
      if (batch instanceof BadMessage) throw integrity(batch);
      for (let i = m.seq === from.seq ? from.index : 0; i < batch.length; i++) {
        const e = batch[i] as StoredEvent;
        if (types && !types.has(e.type)) continue;
        yield view ? view(e) : e;
        if (signal?.aborted) return;
      }
    }
  }

  async function verify(opts: { readonly stream?: string } = {}): Promise<VerifyReport> {
    alive();
    const v = createChainVerifier(hasher);
    let events: AsyncIterable<readonly StoredEvent[]> | Iterable<readonly StoredEvent[]>;
    try {
      events = opts.stream !== undefined ? [eventsOf(await loadHead(opts.stream))] : batches({ upcast: false, batchSize: 5000 });
      for await (const batch of events) {
        for (const e of batch) {
          const b = v.check(e);
          if (b) return { ok: false, events: v.events, streams: v.streams, break: b };
        }
      }
    } catch (err) {
      if (err instanceof IntegrityError) return { ok: false, events: v.events, streams: v.streams, break: err.breakAt };
      throw err;
    }
    return { ok: true, events: v.events, streams: v.streams };
  }

  async function importEvents(source: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>): Promise<ImportResult> {
    alive();
    if (!writable) throw new StreamConfigError(streamName, `it has no subjects for node ${node} (${prefix}.${nodeToken}.>), so this store can read it but not import into it; open it with that node's id`);
    const incoming: RecordedEvent[] = [];
    for await (const e of source) incoming.push(e);
    // Check everything before the first write: a bad event anywhere means nothing is written.
    const state = new Map<string, { head: { version: number; hash: string } | undefined; ids: Map<string, string> }>();
    const staged: RecordedEvent[] = [];
    let skipped = 0;
    const stagedIds = new Map<string, string>();
    for (const e of incoming) {
      const streamId = typeof e?.stream === 'string' ? e.stream : '';
      let s = state.get(streamId);
      if (!s) {
        assertStreamId(streamId);
        const h = await loadHead(streamId);
        if (h.owner !== undefined && h.owner !== nodeToken) throw new ForeignStreamError(streamId, decodeToken(h.owner), node);
        s = { head: h.version ? { version: h.version, hash: h.hash } : undefined, ids: new Map(eventsOf(h).map((x) => [x.id, x.hash])) };
        state.set(streamId, s);
      }
      const known = s.ids.get(e.id) ?? stagedIds.get(e.id);
      if (known !== undefined) {
        if (known !== e.hash) throw new DuplicateEventIdError(e.id, 'already stored with different content');
        skipped++;
        continue;
      }
      s.head = checkImported(e, s.head, { registry, hasher, unknownEvents: policy });
      stagedIds.set(e.id, e.hash);
      staged.push(e);
    }
    if (staged.length === 0) return { imported: 0, skipped, lastPosition: await headPosition() };
    // Runs of consecutive events of one stream travel as one message each, so global order is kept.
    // Messages of different streams are pipelined (one connection keeps them in order); a stream's
    // next message waits for the acknowledgement of its previous one, so a failure never leaves a gap.
    const runs: RecordedEvent[][] = [];
    for (let i = 0; i < staged.length; ) {
      const streamId = (staged[i] as RecordedEvent).stream;
      let bytes = 2;
      const run: RecordedEvent[] = [];
      while (i < staged.length && (staged[i] as RecordedEvent).stream === streamId && run.length < 1000) {
        const size = canonicalJson(staged[i]).length + 1;
        if (run.length && bytes + size > maxPayload / 2) break;
        bytes += size;
        run.push(staged[i] as RecordedEvent);
        i++;
      }
      runs.push(run);
    }
    let lastPosition = 0;
    let written = 0;
    let failure: unknown;
    const previous = new Map<string, Promise<void>>();
    const window: Promise<void>[] = [];
    const send = async (run: RecordedEvent[]) => {
      const first = run[0] as RecordedEvent;
      const body = encodeBatch(run);
      checkSize(body, `event ${first.id}`);
      const deadline = Date.now() + timeoutMs;
      for (let round = 0; ; round++) {
        if (failure !== undefined) return;
        if (Date.now() > deadline) throw mapError(new Error('deadline passed'), `the import into ${first.stream}`, timeoutMs);
        const r = await publish(subjectAt(first.stream, first.version), body, first.id, deadline, undefined);
        if (r.kind === 'ok') {
          lastPosition = Math.max(lastPosition, positionOf(r.seq, run.length - 1));
          written += run.length;
          return;
        }
        if (r.kind === 'conflict') throw new ConcurrencyError(first.stream, first.version - 1, await store.streamVersion(first.stream));
        await sleepMs(Math.min(250, 25 * (round + 1)));
      }
    };
    for (const run of runs) {
      if (failure !== undefined) break;
      const streamId = (run[0] as RecordedEvent).stream;
      await previous.get(streamId);
      if (window.length >= 256) await window.shift();
      const p = send(run).catch((err: unknown) => {
        failure ??= err;
      });
      previous.set(streamId, p);
      window.push(p);
    }
    await Promise.all(window);
    for (const streamId of state.keys()) heads.delete(streamId);
    if (failure !== undefined) {
      if (failure instanceof Error && 'code' in failure && failure.code === 'CORE_STORE_UNAVAILABLE') {
        throw new StoreUnavailableError(`${failure.message} — ${written} of ${staged.length} events were imported, each stream up to a point; run the same import again to write the rest (what landed is skipped)`, { cause: failure });
      }
      throw failure;
    }
    return { imported: staged.length, skipped, lastPosition };
  }

  function bucket(): Promise<KV> {
    kvBucket ??= (async () => {
      const kvm = new Kvm(js);
      const name = `${streamName}_checkpoints`;
      try {
        return await kvm.create(name, { history: 1, replicas, storage: 'file' as never });
      } catch (err) {
        // It exists with another configuration (say other replicas): use it as it is.
        if (err instanceof JetStreamApiError && err.code === 10058) return kvm.open(name);
        throw err;
      }
    })().catch((err: unknown) => {
      kvBucket = undefined;
      throw mapError(err, 'opening the checkpoint bucket', timeoutMs);
    });
    return kvBucket;
  }
  const keyOf = (name: string) => encodeToken(name).replaceAll('~', '=');

  const store: NatsStore = {
    kind: 'nats',
    appendConditions,
    streamName,
    connection: nc,
    registry,
    subjectOf: (streamId, version = 1) => subjectAt(streamId, version),
    async append(stream, events, opts = {}) {
      alive();
      assertStreamId(stream);
      if (!writable) throw new StreamConfigError(streamName, `it has no subjects for node ${node} (${prefix}.${nodeToken}.>), so this store can read it but not append to it; open it with that node's id`);
      if (!Array.isArray(events)) throw new ValidationError('append takes an array of events');
      if (!appendConditions) refuseCondition('nats', opts);
      const condition = checkCondition(opts);
      if (events.length === 0) {
        if (condition) {
          const hit = await firstOfTypes(condition.typeSet, condition.after, await lastSeq());
          if (hit) throw new AppendConditionError(stream, condition.after, hit.position, hit.type);
        }
        return { stream, events: [], nextExpectedVersion: await store.streamVersion(stream), lastPosition: await headPosition(), duplicate: false };
      }
      return append(stream, events, opts, condition);
    },
    async readStream(stream: string, opts: ReadStreamOptions = {}) {
      alive();
      assertStreamId(stream);
      const head = await loadHead(stream);
      const from = Math.max(1, opts.fromVersion ?? 1);
      const events = eventsOf(head);
      const to = Math.min(events.length, opts.toVersion ?? events.length);
      const slice = events.slice(from - 1, Math.max(from - 1, to));
      return opts.upcast === false ? slice : slice.map(out);
    },
    async streamVersion(stream: string) {
      alive();
      assertStreamId(stream);
      return (await loadHead(stream)).version;
    },
    async *readAll(opts: ReadAllOptions = {}) {
      for await (const b of batches(opts)) yield* b;
    },
    readAllBatches: batches,
    headPosition,
    subscribe,
    verify,
    importEvents,
    checkpoints: {
      async load(name) {
        alive();
        const kv = await bucket();
        let entry;
        try {
          entry = await kv.get(keyOf(name));
        } catch (err) {
          throw mapError(err, `loading checkpoint ${name}`, timeoutMs);
        }
        if (!entry || entry.operation !== 'PUT' || entry.length === 0) return undefined;
        const value = entry.json<{ position: number; state?: unknown }>();
        return { position: value.position, ...(value.state !== undefined ? { state: value.state } : {}) };
      },
      async save(name, checkpoint: Checkpoint) {
        alive();
        if (typeof name !== 'string' || name.length === 0 || name.length > 200) throw new ValidationError('a checkpoint name must be a string of 1–200 characters');
        if (!Number.isSafeInteger(checkpoint?.position) || checkpoint.position < 0) throw new ValidationError(`checkpoint position ${JSON.stringify(checkpoint?.position)} must be an integer ≥ 0`);
        let text: string;
        try {
          text = canonicalJson(checkpoint.state === undefined ? { position: checkpoint.position } : { position: checkpoint.position, state: checkpoint.state });
        } catch (err) {
          throw new ValidationError(`the state of checkpoint ${name} is not JSON-serializable: ${(err as Error).message}`);
        }
        const body = new TextEncoder().encode(text);
        checkSize(body, `checkpoint ${name}`);
        const kv = await bucket();
        try {
          await kv.put(keyOf(name), body);
        } catch (err) {
          throw mapError(err, `saving checkpoint ${name}`, timeoutMs);
        }
      },
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const stop of [...stoppers]) stop();
      acks.close();
      if (owned) await nc.close().catch(() => undefined);
    },
  };
  return store;
}
