import { createInbox, headers, PermissionViolationError, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/transport-node';

/**
 * What JetStream answered to one publish: stored at `seq` (`duplicate` when its `Nats-Msg-Id`
 * was already in the de-duplication window), refused with a JetStream error code, or no answer
 * (timeout, no stream leader, connection down — `cause` says which).
 */
export type Ack =
  | { readonly kind: 'stored'; readonly seq: number; readonly duplicate: boolean }
  | { readonly kind: 'refused'; readonly code: number; readonly description: string }
  | { readonly kind: 'unanswered'; readonly cause: Error }
  | { readonly kind: 'forbidden'; readonly error: PermissionViolationError };

interface Pending {
  readonly subject: string;
  readonly deadline: number;
  readonly resolve: (ack: Ack) => void;
}

/**
 * Publishes to JetStream and waits for the acknowledgement, over one reply subscription of the
 * store's own (`<inbox>.<n>`) instead of a client request per message: no request object, timer
 * or error (with its stack) is made per publish, and one sweep, run only while something waits,
 * answers the publishes that passed their deadline. The semantics are JetStream's own: the
 * headers go with the message, the acknowledgement (or the JetStream error) comes back on the
 * reply subject. A publish the server refuses for permissions is answered from the connection's
 * error report for its subject.
 *
 * @example
 * const acks = openAcks(nc);
 * const ack = await acks.publish('banshi.center.case-1.1', body, acks.expectEmpty, 2000);
 * if (ack.kind === 'stored') console.log(ack.seq);
 * acks.close();
 */
export interface Acks {
  publish(subject: string, body: Uint8Array, hdrs: MsgHdrs, timeoutMs: number): Promise<Ack>;
  /** Headers that expect `subject` to hold no message yet (`Nats-Expected-Last-Subject-Sequence: 0`). */
  readonly expectEmpty: MsgHdrs;
  /** `expectEmpty` plus `Nats-Msg-Id: msgId`. */
  expectEmptyWithId(msgId: string): MsgHdrs;
  /**
   * `expectEmpty` (with `Nats-Msg-Id` when given) plus "the stream's last message is `lastSeq`"
   * (`Nats-Expected-Last-Sequence`): stored only if nothing at all was stored after `lastSeq`.
   */
  expectEmptyAfter(lastSeq: number, msgId?: string): MsgHdrs;
  close(): void;
}

const EXPECT_SUBJECT_SEQ = 'Nats-Expected-Last-Subject-Sequence';
const EXPECT_LAST_SEQ = 'Nats-Expected-Last-Sequence';
const SWEEP_MS = 50;

export function openAcks(nc: NatsConnection): Acks {
  const prefix = (nc as unknown as { options?: { inboxPrefix?: string } }).options?.inboxPrefix;
  const inbox = createInbox(prefix);
  const from = inbox.length + 1;
  const pending = new Map<string, Pending>();
  let counter = 0;
  let sweeper: ReturnType<typeof setInterval> | undefined;
  let closed = false;

  const settle = (token: string, ack: Ack) => {
    const p = pending.get(token);
    if (!p) return;
    pending.delete(token);
    if (pending.size === 0 && sweeper !== undefined) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
    p.resolve(ack);
  };

  const onReply = (err: Error | null, msg: Msg) => {
    if (err) {
      // The reply subscription itself failed (the user may not subscribe to its inbox): every
      // waiting publish fails with it, and the next publish subscribes again.
      const ack: Ack = err instanceof PermissionViolationError ? { kind: 'forbidden', error: err } : { kind: 'unanswered', cause: err };
      for (const token of [...pending.keys()]) settle(token, ack);
      return;
    }
    const token = msg.subject.slice(from);
    if (!pending.has(token)) return;
    if (msg.data.length === 0) {
      const code = msg.headers?.code ?? 0;
      settle(token, { kind: 'unanswered', cause: new Error(code === 503 ? `no JetStream stream answered for ${pending.get(token)?.subject} (503 no responders)` : `empty reply ${code}`) });
      return;
    }
    let v: { seq?: unknown; duplicate?: unknown; error?: { err_code?: number; code?: number; description?: string } };
    try {
      v = JSON.parse(msg.string()) as typeof v;
    } catch (e) {
      settle(token, { kind: 'unanswered', cause: new Error(`JetStream answered with something other than JSON: ${(e as Error).message}`) });
      return;
    }
    if (v.error) settle(token, { kind: 'refused', code: v.error.err_code ?? v.error.code ?? 0, description: v.error.description ?? 'JetStream error' });
    else if (typeof v.seq === 'number') settle(token, { kind: 'stored', seq: v.seq, duplicate: v.duplicate === true });
    else settle(token, { kind: 'unanswered', cause: new Error('JetStream answered without a sequence') });
  };
  let sub: Subscription | undefined;
  const subscribed = () => {
    if (!sub || sub.isClosed()) sub = nc.subscribe(`${inbox}.*`, { callback: onReply });
  };

  // A publish refused for permissions never gets a reply: the server reports it on the connection.
  const status = nc.status() as ReturnType<NatsConnection['status']> & { stop?: () => void };
  void (async () => {
    for await (const s of status) {
      if (s.type !== 'error' || !(s.error instanceof PermissionViolationError) || s.error.operation !== 'publish') continue;
      const { subject } = s.error;
      for (const [token, p] of pending) if (p.subject === subject) settle(token, { kind: 'forbidden', error: s.error });
    }
  })().catch(() => undefined);

  const sweep = () => {
    const now = Date.now();
    for (const [token, p] of pending) {
      if (p.deadline <= now) settle(token, { kind: 'unanswered', cause: new Error(`no acknowledgement within the timeout for ${p.subject}`) });
    }
  };

  const expectEmpty = headers();
  expectEmpty.set(EXPECT_SUBJECT_SEQ, '0');

  return {
    expectEmpty,
    expectEmptyWithId(msgId) {
      const h = headers();
      h.set(EXPECT_SUBJECT_SEQ, '0');
      h.set('Nats-Msg-Id', msgId);
      return h;
    },
    expectEmptyAfter(lastSeq, msgId) {
      const h = headers();
      h.set(EXPECT_SUBJECT_SEQ, '0');
      h.set(EXPECT_LAST_SEQ, String(lastSeq));
      if (msgId !== undefined) h.set('Nats-Msg-Id', msgId);
      return h;
    },
    publish(subject, body, hdrs, timeoutMs) {
      if (closed) return Promise.resolve({ kind: 'unanswered', cause: new Error('the store is closed') });
      const token = (counter++).toString(36);
      return new Promise<Ack>((resolve) => {
        pending.set(token, { subject, deadline: Date.now() + timeoutMs, resolve });
        sweeper ??= setInterval(sweep, SWEEP_MS);
        try {
          subscribed();
          nc.publish(subject, body, { reply: `${inbox}.${token}`, headers: hdrs });
        } catch (err) {
          settle(token, { kind: 'unanswered', cause: err as Error });
        }
      });
    },
    close() {
      if (closed) return;
      closed = true;
      for (const token of [...pending.keys()]) settle(token, { kind: 'unanswered', cause: new Error('the store is closed') });
      status.stop?.();
      if (sub && !sub.isClosed() && !nc.isClosed()) sub.unsubscribe();
    },
  };
}
