import { canonicalJson, type RecordedEvent, type StoredEvent } from '@banshi/core';
import { positionOf } from './positions.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A message body: a JSON array of the append's recorded events, each in canonical JSON — exactly
 * the bytes their hashes cover, so nothing a reader parses can disagree with its hash.
 * `canonical`, when given, holds those texts already (from `prepareAppend`).
 */
export function encodeBatch(events: readonly RecordedEvent[], canonical?: readonly string[]): Uint8Array {
  let text = '[';
  for (let i = 0; i < events.length; i++) text += (i ? ',' : '') + (canonical?.[i] ?? canonicalJson(events[i]));
  return encoder.encode(text + ']');
}

/** Why a stored message is not a banshi batch (undefined when it is one). */
export class BadMessage {
  constructor(
    readonly seq: number,
    readonly subject: string,
    readonly reason: string,
  ) {}
}

/**
 * Parses the message at `seq` into stored events with their positions. Returns `BadMessage`
 * (never throws) for a body that is not a batch of envelopes: readers decide what that means.
 */
export function decodeBatch(data: Uint8Array, seq: number, subject: string): StoredEvent[] | BadMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(data));
  } catch (err) {
    return new BadMessage(seq, subject, `not JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return new BadMessage(seq, subject, 'not a non-empty array of events');
  for (let i = 0; i < parsed.length; i++) {
    const e = parsed[i] as Record<string, unknown> | null;
    if (typeof e !== 'object' || e === null || typeof e.stream !== 'string' || typeof e.id !== 'string' || !Number.isInteger(e.version) || typeof e.hash !== 'string') {
      return new BadMessage(seq, subject, `element ${i} is not an event envelope`);
    }
    e.position = positionOf(seq, i);
  }
  return parsed as StoredEvent[];
}
