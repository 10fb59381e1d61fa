import type { ShipReceipt } from '../receipt/index.js';
import { type RecordedEvent } from '@banshi/core';
import { isSealed, recordedEventIssues, sealRecorded } from '@banshi/core/adapter';
import { SyncBadBatchError } from '../errors/index.js';

/**
 * Limits of the sync protocol, in one table.
 *
 * @example
 * createSyncServer(center, { maxBodyBytes: syncLimits.maxBodyBytes * 2 });
 */
export const syncLimits = {
  /** Largest request body (protocol 1) or batch of a stream (protocol 2) the HTTP server reads before answering 413. */
  maxBodyBytes: 8 * 1024 * 1024,
  /** Events a node ships per batch by default. */
  batchSize: 500,
  /** Batches a node sends in one protocol-2 stream request before it opens the next one. */
  streamBatches: 40,
  /** Events the center scans per pull request by default. */
  pullLimit: 2000,
  /** Milliseconds an HTTP request may take. */
  requestTimeoutMs: 30_000,
} as const;

/** A recorded event with its position in the sender's store. */
export interface ShippedEvent {
  readonly position: number;
  readonly event: RecordedEvent;
}

/**
 * A run of the sender's log, `fromPosition`..`toPosition` inclusive. `events` holds only the
 * events the sender ships (its own); positions in between that it skips count as covered.
 */
export interface ShipBatch {
  readonly fromPosition: number;
  readonly toPosition: number;
  readonly events: readonly ShippedEvent[];
}

/** What the center did with a batch. */
export interface ShipResult {
  /** Events written to the center's store. */
  readonly applied: number;
  /** Events the center already held (same id and hash). */
  readonly skipped: number;
  /** Events kept as conflicts in `sync-conflicts` instead of being applied. */
  readonly conflicts: number;
  /** The last sender position the center has applied: ship from `checkpoint + 1` next. */
  readonly checkpoint: number;
  /**
   * When the center received the batch (its clock). Events keep their own `occurredAt` and
   * `recordedAt` (the hash covers them): deadlines run from `occurredAt`, never from this.
   */
  readonly receivedAt: string;
  /** The center's signed proof that it holds the applied events (when the center has a signing key). */
  readonly receipt?: ShipReceipt;
}

/** A node asking the center for reference data after its last pulled position. */
export interface PullRequest {
  readonly fromPosition: number;
  readonly limit?: number;
}

/** Reference events from the center, with center positions. */
export interface PullResult {
  readonly events: readonly ShippedEvent[];
  /** The last center position scanned: pull from `toPosition + 1` next. */
  readonly toPosition: number;
  /** The center's head position when the pull ran. */
  readonly head: number;
}

/** First line of a JSON-lines ship body or pull response. */
interface HeaderLine {
  readonly fromPosition?: number;
  readonly toPosition: number;
  readonly head?: number;
  readonly count: number;
}

const isPosition = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;

/** One JSON line of a shipped event: the text `JSON.stringify({ position, event })` writes, without building that object. */
const shippedLine = (e: ShippedEvent): string => `{"position":${JSON.stringify(e.position)},"event":${JSON.stringify(e.event)}}\n`;

/**
 * Encodes a batch as JSON lines: a header line, then one `{"position","event"}` line per event.
 *
 * @example
 * const body = encodeShipBatch({ fromPosition: 1, toPosition: 2, events });
 */
export function encodeShipBatch(batch: ShipBatch): string {
  let out = '';
  for (const piece of encodeShipBatchPieces(batch)) out += piece;
  return out;
}

/**
 * {@link encodeShipBatch} in pieces of about `pieceChars` characters, for a transport that
 * streams the body instead of building it whole (the pieces joined are `encodeShipBatch`'s text).
 *
 * @example
 * for (const piece of encodeShipBatchPieces(batch)) req.write(piece);
 */
export function* encodeShipBatchPieces(batch: ShipBatch, pieceChars = 64 * 1024): Generator<string> {
  let out = JSON.stringify({ fromPosition: batch.fromPosition, toPosition: batch.toPosition, count: batch.events.length }) + '\n';
  for (const e of batch.events) {
    out += shippedLine(e);
    if (out.length >= pieceChars) {
      yield out;
      out = '';
    }
  }
  if (out.length) yield out;
}

/**
 * Encodes a pull result as JSON lines (header with `toPosition`, `head` and `count`, then events).
 *
 * @example
 * res.end(encodePullResult(await center.pull(credential, { fromPosition: 1 })));
 */
export function encodePullResult(result: PullResult): string {
  let out = JSON.stringify({ toPosition: result.toPosition, head: result.head, count: result.events.length }) + '\n';
  for (const e of result.events) out += shippedLine(e);
  return out;
}

/**
 * Parses JSON lines as their text arrives, each line once: the receiver of a streamed body
 * never holds the whole body as one string, nor splits it again. A line that is not JSON is
 * remembered (by number) and reported by `end`, after the body has been read to its end.
 */
interface LineParser {
  write(text: string): void;
  end(): unknown[];
}

function createLineParser(): LineParser {
  const parsed: unknown[] = [];
  let rest = '';
  let lines = 0;
  let badLine: number | undefined;
  const take = (line: string): void => {
    lines++;
    if (badLine !== undefined) return;
    try {
      parsed.push(JSON.parse(line));
    } catch {
      badLine = lines;
    }
  };
  return {
    write(text) {
      let start = 0;
      let nl = text.indexOf('\n');
      if (nl < 0) {
        rest += text;
        return;
      }
      take(rest + text.slice(0, nl));
      start = nl + 1;
      while ((nl = text.indexOf('\n', start)) >= 0) {
        take(text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
    },
    end() {
      // A final line without its newline still counts; a trailing newline ends the last line.
      if (rest.length) take(rest);
      rest = '';
      if (lines === 0) throw new SyncBadBatchError('the body is empty: expected a header line');
      if (badLine !== undefined) throw new SyncBadBatchError(`line ${badLine} of the body is not JSON`);
      return parsed;
    },
  };
}

function checkHeader(line: unknown): HeaderLine {
  const header = line as Partial<HeaderLine> | null;
  if (typeof header !== 'object' || header === null || !isPosition(header.toPosition) || !isPosition(header.count)) {
    throw new SyncBadBatchError('line 1 must be a header {"toPosition","count"} with non-negative integers');
  }
  return header as HeaderLine;
}

/** One `{"position","event"}` line, `n` its line number in the batch (the header is line 1). */
function checkEventLine(parsed: unknown, n: number): ShippedEvent {
  const line = parsed as { position?: unknown; event?: unknown } | null;
  if (typeof line !== 'object' || line === null || !isPosition(line.position) || line.position < 1) {
    throw new SyncBadBatchError(`line ${n} must be {"position": <integer ≥ 1>, "event": {…}}`);
  }
  if (typeof line.event !== 'object' || line.event === null) throw new SyncBadBatchError(`line ${n} has no "event" object`);
  sealRecorded(line.event);
  return { position: line.position, event: line.event as RecordedEvent };
}

function checkLines(parsed: readonly unknown[]): { header: HeaderLine; events: ShippedEvent[] } {
  const header = checkHeader(parsed[0]);
  if (header.count !== parsed.length - 1) {
    throw new SyncBadBatchError(`the header announces ${header.count} events but the body holds ${parsed.length - 1} (a truncated request?)`);
  }
  const events: ShippedEvent[] = [];
  for (let i = 1; i < parsed.length; i++) events.push(checkEventLine(parsed[i], i + 1));
  return { header, events };
}

function parseLines(text: string): { header: HeaderLine; events: ShippedEvent[] } {
  const parser = createLineParser();
  parser.write(text);
  return checkLines(parser.end());
}

function fromPositionOf(header: HeaderLine): number {
  if (!isPosition(header.fromPosition) || header.fromPosition < 1) throw new SyncBadBatchError('the header needs "fromPosition", an integer ≥ 1');
  return header.fromPosition;
}

/** A ship body decoded as it arrives: `write` each piece of text, `end` for the batch. */
export interface ShipBatchDecoder {
  write(text: string): void;
  /** The batch; throws `SyncBadBatchError` on anything malformed, as {@link decodeShipBatch} does. */
  end(): ShipBatch;
}

/**
 * Decodes a JSON-lines ship body piece by piece (each line parsed once, as it arrives), for a
 * server that streams the request body. `decodeShipBatch(text)` is the same decoder fed once.
 *
 * @example
 * const decoder = createShipBatchDecoder();
 * req.on('data', (c) => decoder.write(utf8.write(c)));
 * req.on('end', () => center.ship(credential, decoder.end()));
 */
export function createShipBatchDecoder(): ShipBatchDecoder {
  const parser = createLineParser();
  return {
    write: (text) => parser.write(text),
    end() {
      const { header, events } = checkLines(parser.end());
      return { fromPosition: fromPositionOf(header), toPosition: header.toPosition, events };
    },
  };
}

/**
 * Decodes a JSON-lines ship body. Throws `SyncBadBatchError` on anything malformed; the
 * envelopes themselves are checked by `assertShipBatch` (the center runs it on every batch).
 *
 * @example
 * const batch = decodeShipBatch(body);
 */
export function decodeShipBatch(text: string): ShipBatch {
  const decoder = createShipBatchDecoder();
  decoder.write(text);
  return decoder.end();
}

/**
 * Decodes a JSON-lines pull response. Throws `SyncBadBatchError` on anything malformed.
 *
 * @example
 * const result = decodePullResult(body);
 */
export function decodePullResult(text: string): PullResult {
  const { header, events } = parseLines(text);
  return { toPosition: header.toPosition, head: isPosition(header.head) ? header.head : header.toPosition, events };
}

/**
 * Checks a batch's positions: `fromPosition ≥ 1`, `toPosition ≥ fromPosition - 1`, event
 * positions strictly increasing inside the range, envelopes well formed.
 *
 * @example
 * assertShipBatch(batch);
 */
export function assertShipBatch(batch: ShipBatch): void {
  if (typeof batch !== 'object' || batch === null || !Array.isArray(batch.events)) throw new SyncBadBatchError('a batch is { fromPosition, toPosition, events: [] }');
  if (!isPosition(batch.fromPosition) || batch.fromPosition < 1) throw new SyncBadBatchError('fromPosition must be an integer ≥ 1');
  if (!isPosition(batch.toPosition) || batch.toPosition < batch.fromPosition - 1) throw new SyncBadBatchError('toPosition must be an integer ≥ fromPosition - 1 (the position of the batch\'s last event)');
  let last = batch.fromPosition - 1;
  for (const e of batch.events) {
    if (!isPosition(e?.position) || e.position <= last || e.position > batch.toPosition) {
      throw new SyncBadBatchError(`event positions must increase inside ${batch.fromPosition}..${batch.toPosition}; found ${String(e?.position)} after ${last}`, e?.event?.id);
    }
    last = e.position;
    // A decoder sealed what it parsed (envelope checked once, the store does not check it again).
    if (isSealed(e.event)) continue;
    const issues = recordedEventIssues(e.event);
    if (issues.length) throw new SyncBadBatchError(`event at position ${e.position} is invalid: ${issues.map((x) => `${x.path.join('.') || '(root)'} ${x.message}`).join('; ')}`, e.event?.id);
  }
  // The checkpoint moves to toPosition: it may not claim positions the batch does not carry.
  if (batch.toPosition !== last) {
    throw new SyncBadBatchError(
      batch.events.length
        ? `toPosition ${batch.toPosition} must equal the position of the batch's last event (${last})`
        : `an empty batch must have toPosition = fromPosition - 1 (${batch.fromPosition - 1}), not ${batch.toPosition}`,
    );
  }
}

/**
 * Events per segment of a protocol-2 line. A segment is the text between two carriage returns
 * (JSON whitespace, never raw inside a JSON string): each is a small string at both ends, where
 * a whole 500-event line, past ~64K characters, is a large object V8 maps and unmaps page by
 * page on every allocation (about 8× the cost per byte of decoding it in small pieces).
 */
const SEGMENT_EVENTS = 32;

const CR = 0x0d;
const COMMA = 0x2c;

/**
 * Encodes a batch as one line of a protocol-2 ship stream:
 * `{"fromPosition","toPosition","positions":[…],"events":[…]}`, one JSON document, with a
 * carriage return (JSON whitespace) before every {@link SEGMENT_EVENTS} events so a receiver can
 * parse a long line in pieces (`createShipStreamDecoder` does; a receiver that does not parses
 * the line whole, to the same batch). A stream is these lines one after another.
 *
 * @example
 * for (const batch of batches) req.write(encodeShipStreamLine(batch));
 */
export function encodeShipStreamLine(batch: ShipBatch): string {
  return encodeShipStreamBytes(batch).toString('utf8');
}

/**
 * {@link encodeShipStreamLine} as UTF-8 bytes, what a transport writes: each run of events is one
 * `JSON.stringify` encoded straight into the buffer, its brackets overwritten by the carriage
 * return and the comma — no string as long as the line, none copied to be measured or joined
 * (a string written to a chunked request is measured for its chunk header, then encoded again).
 *
 * @example
 * for (const batch of batches) req.write(encodeShipStreamBytes(batch));
 */
export function encodeShipStreamBytes(batch: ShipBatch): Buffer {
  const n = batch.events.length;
  const positions = new Array<number>(n);
  for (let i = 0; i < n; i++) positions[i] = (batch.events[i] as ShippedEvent).position;
  const head = `{"fromPosition":${JSON.stringify(batch.fromPosition)},"toPosition":${JSON.stringify(batch.toPosition)},"positions":${JSON.stringify(positions)},"events":[`;
  if (n === 0) return Buffer.from(`${head}]}\n`, 'utf8');
  // Each run is `[e₁,…,eₖ]`: its `[` becomes the carriage return, its `]` the comma before the
  // next run (the last keeps it, and the line's `}` and newline follow).
  const runs: string[] = [];
  // An upper bound (a UTF-16 code unit is at most 3 bytes of UTF-8) instead of each run's exact
  // length: measuring it walked every run once more before the write encodes it.
  let bound = Buffer.byteLength(head) + 2;
  for (let i = 0; i < n; i += SEGMENT_EVENTS) {
    const end = Math.min(n, i + SEGMENT_EVENTS);
    const events = new Array<RecordedEvent>(end - i);
    for (let j = i; j < end; j++) events[j - i] = (batch.events[j] as ShippedEvent).event;
    const run = JSON.stringify(events);
    runs.push(run);
    bound += run.length * 3;
  }
  const out = Buffer.allocUnsafeSlow(bound);
  let at = out.write(head, 0);
  for (const run of runs) {
    const length = out.write(run, at);
    out[at] = CR;
    at += length;
    out[at - 1] = COMMA;
  }
  out[at - 1] = 0x5d; // `]`
  out[at++] = 0x7d; // `}`
  out[at++] = 0x0a;
  return out.subarray(0, at);
}

/**
 * A protocol-2 ship stream decoded as it arrives, one line per batch
 * ({@link encodeShipStreamLine}). Each batch goes to `onBatch` as soon as its line is complete,
 * in order, parsed once; `write` throws `SyncBadBatchError` at the first malformed line (after
 * handing on the batches before it), naming the batch (1-based). `end` throws when the body
 * stopped inside a line or held no batch.
 */
export interface ShipStreamDecoder {
  write(text: string): void;
  /**
   * Feeds the body's bytes as they arrive (a decoder takes either bytes or text, not both): the
   * decoder reads them one character per byte and decodes UTF-8 itself, to the batches `write`
   * of the same body as text gives (see {@link parseBytesText}).
   */
  writeBytes(chunk: Uint8Array): void;
  end(): void;
  /** Batches completed so far. */
  readonly batches: number;
}

type StreamLine = { fromPosition?: unknown; toPosition?: unknown; positions?: unknown; events?: unknown } | null;

/** How a decoder turns the text of a line (or part of one) into values. */
type Parse = (text: string) => unknown;

/** A character past U+007F: in text read one character per byte, a byte UTF-8 uses for a non-ASCII character. */
const HIGH_BYTE = /[\x80-\xff]/;
/** A `\u` escape that may stand for a character past U+007F (its parsed character is not a byte). */
const WIDE_ESCAPE = /\\u(?!00[0-7])/;
const MAX_FIX_DEPTH = 64;

/** Text read one character per byte, decoded as UTF-8 (what a UTF-8 decoder of those bytes gives). */
const utf8Of = (bytesText: string): string => Buffer.from(bytesText, 'latin1').toString('utf8');

/** A string read one character per byte, decoded as UTF-8; undefined when the bytes are not UTF-8. */
function decodeUtf8(bytesText: string): string | undefined {
  try {
    // `escape` writes each character below U+0100 as its byte (%XX), which `decodeURIComponent`
    // decodes as UTF-8 and refuses when it is not: several times cheaper per string than a Buffer.
    return decodeURIComponent(escape(bytesText));
  } catch {
    return undefined;
  }
}

/**
 * Keys one decoder has seen to be ASCII: a payload repeats a few keys on every event, so each is
 * tested once. One set per decoder (per request), never shared, and bounded.
 */
type AsciiKeys = Set<string>;
const MAX_ASCII_KEYS = 1024;

/** Whether a parsed key reads the same decoded as UTF-8 and may be kept (`__proto__` never is). */
function keptKey(k: string, asciiKeys: AsciiKeys): boolean {
  if (asciiKeys.has(k)) return true;
  if (HIGH_BYTE.test(k) || k === '__proto__') return false;
  if (asciiKeys.size < MAX_ASCII_KEYS) asciiKeys.add(k);
  return true;
}

/**
 * Decodes, in place, every string of a parsed value from bytes to UTF-8; false when it cannot (a key
 * past ASCII, bytes that are not UTF-8, deep nesting). One loop per object or array, no call per
 * number or ASCII string: the walk visits every value of every event.
 */
function fixStrings(v: unknown, depth: number, keys: AsciiKeys): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (depth > MAX_FIX_DEPTH) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'string') {
        if (!HIGH_BYTE.test(x)) continue;
        const decoded = decodeUtf8(x);
        if (decoded === undefined) return false;
        v[i] = decoded;
      } else if (typeof x === 'object' && x !== null && !fixStrings(x, depth + 1, keys)) return false;
    }
    return true;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    if (!keptKey(k, keys)) return false;
    const x = o[k];
    if (typeof x === 'string') {
      if (!HIGH_BYTE.test(x)) continue;
      const decoded = decodeUtf8(x);
      if (decoded === undefined) return false;
      o[k] = decoded;
    } else if (typeof x === 'object' && x !== null && !fixStrings(x, depth + 1, keys)) return false;
  }
  return true;
}

/**
 * Parses JSON text read one character per byte to what `JSON.parse` of its UTF-8 decoding gives.
 * JSON's syntax is ASCII and UTF-8 never uses an ASCII byte inside a non-ASCII character, so the
 * bytes parse to the same structure read either way; read one per byte they are one-byte text,
 * which V8 parses about twice as fast as the two-byte text a single CJK character makes of a whole
 * segment (and decodes without a UTF-8 pass). Each string holding a byte past 0x7F is then decoded
 * from UTF-8. Text the shortcut cannot read exactly — a key past ASCII, bytes that are not UTF-8,
 * a `\u` escape past U+007F, anything that does not parse — is decoded as UTF-8 and parsed as such.
 */
function parseBytesText(text: string, keys: AsciiKeys): unknown {
  if (!HIGH_BYTE.test(text)) return JSON.parse(text);
  // `includes` scans for the escape's two characters several times faster than the expression does.
  if (!text.includes('\\u') || !WIDE_ESCAPE.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return JSON.parse(utf8Of(text));
    }
    if (fixStrings(parsed, 0, keys)) return parsed;
  }
  return JSON.parse(utf8Of(text));
}

const parseText: Parse = (text) => JSON.parse(text) as unknown;

/** A segment of the events array: `e₁,…,eₖ` (the line's last) or `e₁,…,eₖ,`; undefined when it is not such a list. */
function segmentEvents(segment: string, last: boolean, parse: Parse): unknown[] | undefined {
  const body = last ? (segment.endsWith(']}') ? segment.slice(0, -2) : undefined) : segment.endsWith(',') ? segment.slice(0, -1) : undefined;
  if (body === undefined) return undefined;
  try {
    const events: unknown = parse(`[${body}]`);
    // An empty piece would let `,,` or `,]` through, which the line as a whole is not.
    return Array.isArray(events) && events.length > 0 ? events : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parses a line split at its carriage returns ({@link encodeShipStreamLine}'s segments) piece
 * by piece, to what `JSON.parse` of the whole line gives. The head must end the top-level object
 * at `,"events":[` (or `{"events":[`), so the pieces after it are that last key's elements;
 * anything else is parsed whole, as a line from an older node is.
 */
function parseSegments(segments: readonly string[], parse: Parse): StreamLine {
  const head = segments[0] as string;
  if (segments.length > 1 && (head.endsWith(',"events":[') || head.endsWith('{"events":['))) {
    let parsed: StreamLine | undefined;
    try {
      parsed = parse(`${head}]}`) as StreamLine;
    } catch {
      parsed = undefined;
    }
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const events: unknown[] = [];
      let i = 1;
      for (; i < segments.length; i++) {
        const part = segmentEvents(segments[i] as string, i === segments.length - 1, parse);
        if (!part) break;
        for (const e of part) events.push(e);
      }
      if (i === segments.length) return { ...parsed, events };
    }
  }
  return parse(segments.join('\r')) as StreamLine;
}

function streamBatch(segments: readonly string[], n: number, parse: Parse): ShipBatch {
  const fail = (detail: string): never => {
    throw new SyncBadBatchError(`batch ${n} of the stream ${detail}`);
  };
  let parsed: StreamLine;
  try {
    parsed = parseSegments(segments, parse);
  } catch {
    return fail('is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || !isPosition(parsed.fromPosition) || parsed.fromPosition < 1 || !isPosition(parsed.toPosition)) {
    return fail('must be {"fromPosition": <integer ≥ 1>, "toPosition": <integer ≥ 0>, "positions": […], "events": […]}');
  }
  const { positions, events } = parsed;
  if (!Array.isArray(positions) || !Array.isArray(events) || positions.length !== events.length) return fail('needs "positions" and "events" arrays of the same length');
  const shipped: ShippedEvent[] = new Array<ShippedEvent>(events.length);
  for (let i = 0; i < events.length; i++) {
    const position: unknown = positions[i];
    const event: unknown = events[i];
    if (!isPosition(position) || position < 1) return fail(`has position ${JSON.stringify(position)} at index ${i}: positions are integers ≥ 1`);
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return fail(`has no event object at index ${i}`);
    sealRecorded(event);
    shipped[i] = { position, event: event as RecordedEvent };
  }
  return { fromPosition: parsed.fromPosition, toPosition: parsed.toPosition, events: shipped };
}

/**
 * Decodes a ship stream (protocol 2) piece by piece; each batch's line is parsed once, when it is complete.
 *
 * @example
 * const queue: ShipBatch[] = [];
 * const decoder = createShipStreamDecoder((batch) => queue.push(batch));
 * req.on('data', (c) => decoder.write(utf8.write(c)));
 */
export function createShipStreamDecoder(onBatch: (batch: ShipBatch) => void): ShipStreamDecoder {
  // The line being read: its finished segments, and the pieces of the one still arriving.
  let segments: string[] = [];
  let pending: string[] = [];
  let batches = 0;
  // Text (`write`) or bytes read one character per byte (`writeBytes`), fixed by the first call.
  let fed: 'text' | 'bytes' | undefined;
  const asciiKeys: AsciiKeys = new Set();
  const parseBytes: Parse = (text) => parseBytesText(text, asciiKeys);
  const cut = (piece: string): string => {
    if (pending.length === 0) return piece;
    pending.push(piece);
    const whole = pending.join('');
    pending = [];
    return whole;
  };
  const feed = (text: string, parse: Parse): void => {
    let start = 0;
    let cr = text.indexOf('\r');
    let nl = text.indexOf('\n');
    while (cr >= 0 || nl >= 0) {
      if (cr >= 0 && (nl < 0 || cr < nl)) {
        segments.push(cut(text.slice(start, cr)));
        start = cr + 1;
        cr = text.indexOf('\r', start);
        continue;
      }
      segments.push(cut(text.slice(start, nl)));
      start = nl + 1;
      nl = text.indexOf('\n', start);
      const line = segments;
      segments = [];
      if (line.length === 1 && (line[0] as string).length === 0) continue;
      const batch = streamBatch(line, batches + 1, parse);
      batches++;
      onBatch(batch);
    }
    if (start < text.length) pending.push(start === 0 ? text : text.slice(start));
  };
  const by = (kind: 'text' | 'bytes'): void => {
    fed ??= kind;
    if (fed !== kind) throw new TypeError(`this decoder is fed ${fed}: feed it ${fed === 'text' ? 'with write' : 'with writeBytes'} only`);
  };
  return {
    get batches() {
      return batches;
    },
    write(text) {
      by('text');
      feed(text, parseText);
    },
    writeBytes(chunk) {
      by('bytes');
      // Carriage returns and newlines are single bytes in UTF-8 (never part of another character).
      feed(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1'), parseBytes);
    },
    end() {
      const cutOff = segments.length > 0 || pending.some((p) => p.length > 0);
      segments = [];
      pending = [];
      if (cutOff) throw new SyncBadBatchError(`batch ${batches + 1} of the stream was cut off: its line has no end (a truncated request?)`);
      if (batches === 0) throw new SyncBadBatchError('the body is empty: expected one line per batch');
    },
  };
}
