import { eventHash, GENESIS_HASH, sha256Hex, type Hasher, type RecordedEvent } from '../envelope/index.js';
import type { IntegrityBreak } from '../errors/index.js';

/** The result of walking a log's hash chains. */
export type VerifyReport =
  | { readonly ok: true; readonly events: number; readonly streams: number }
  | { readonly ok: false; readonly events: number; readonly streams: number; readonly break: IntegrityBreak };

/**
 * Walks events in log order and checks, per stream, that versions run 1, 2, 3 … and each
 * hash equals `sha256(prevHash + canonical event)`; positions (when present) must increase.
 * `check` returns the first break, or undefined.
 *
 * @example
 * const v = createChainVerifier();
 * for (const e of events) { const b = v.check(e); if (b) throw new IntegrityError(b); }
 */
export function createChainVerifier(hasher: Hasher = sha256Hex) {
  const heads = new Map<string, { version: number; hash: string }>();
  let lastPosition = 0;
  let events = 0;
  return {
    check(event: RecordedEvent & { readonly position?: number }, line?: number): IntegrityBreak | undefined {
      events++;
      const at = { stream: event.stream, version: event.version, eventId: event.id, ...(event.position !== undefined ? { position: event.position } : {}), ...(line !== undefined ? { line } : {}) };
      if (event.position !== undefined) {
        if (!(event.position > lastPosition)) return { ...at, reason: `global position ${event.position} does not follow ${lastPosition}` };
        lastPosition = event.position;
      }
      const head = heads.get(event.stream);
      const expectedVersion = (head?.version ?? 0) + 1;
      if (event.version !== expectedVersion) {
        return { ...at, reason: 'stream version out of sequence', expected: String(expectedVersion), found: String(event.version) };
      }
      let expected: string;
      try {
        expected = eventHash(head?.hash ?? GENESIS_HASH, event, hasher);
      } catch (err) {
        return { ...at, reason: `the event cannot be hashed as stored: ${(err as Error).message}`, found: event.hash };
      }
      if (expected !== event.hash) return { ...at, reason: 'hash mismatch', expected, found: event.hash };
      heads.set(event.stream, { version: event.version, hash: event.hash });
      return undefined;
    },
    get events() {
      return events;
    },
    get streams() {
      return heads.size;
    },
  };
}

/**
 * Verifies any iterable of events in log order.
 *
 * @example
 * const report = await verifyEvents(store.readAll());
 * if (!report.ok) console.error(report.break);
 */
export async function verifyEvents(
  events: AsyncIterable<RecordedEvent & { readonly position?: number }> | Iterable<RecordedEvent & { readonly position?: number }>,
  hasher: Hasher = sha256Hex,
): Promise<VerifyReport> {
  const v = createChainVerifier(hasher);
  for await (const e of events) {
    const b = v.check(e);
    if (b) return { ok: false, events: v.events, streams: v.streams, break: b };
  }
  return { ok: true, events: v.events, streams: v.streams };
}
