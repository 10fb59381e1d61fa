/**
 * JSONL logs: one canonical-JSON recorded event per line, in global order. A log has no
 * positions: an event's position is its 1-based index in the file. Streaming throughout,
 * in constant memory; runs in browsers (chunks are `Uint8Array` or strings).
 */
import { canonicalJson } from '../_lib/canonicalJson.js';
import { sha256Hex, toRecorded, type Hasher, type RecordedEvent, type StoredEvent } from '../envelope/index.js';
import { BanshiError, IntegrityError, JsonlLineError, ValidationError } from '../errors/index.js';
import type { EventRegistry, UnknownEventPolicy } from '../registry/index.js';
import { recordedEventIssues, sourceIndexOf } from '../store/adapterKit.js';
import { withBatches } from '../store/importBatches.js';
import type { EventStore, ImportResult } from '../store/types.js';
import type { Projection } from '../projection/index.js';
import { createChainVerifier, type VerifyReport } from '../verify/index.js';

/** A source of log bytes: a file stream, a fetch body, an array of strings in a test. */
export type LogChunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/**
 * One event as a JSONL line (canonical JSON, no newline, no position).
 *
 * @example
 * toJsonlLine(storedEvent); // '{"data":{…},"hash":"…","id":"…",…,"version":1}'
 */
export function toJsonlLine(event: StoredEvent | RecordedEvent): string {
  return canonicalJson(toRecorded(event));
}

/**
 * Streams events as JSONL text chunks (about 64 KiB each, every line ending in `\n`).
 *
 * @example
 * for await (const chunk of exportJsonl(store.readAll())) file.write(chunk);
 */
export async function* exportJsonl(events: AsyncIterable<StoredEvent | RecordedEvent> | Iterable<StoredEvent | RecordedEvent>): AsyncGenerator<string> {
  let buf = '';
  for await (const e of events) {
    buf += toJsonlLine(e) + '\n';
    if (buf.length >= 65536) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** A torn last line: an incomplete write at the end of the log (e.g. power loss mid-append). */
export interface TornTail {
  /** Byte offset where the torn line starts: truncate the file here to repair it. */
  readonly byteOffset: number;
  readonly bytes: number;
  readonly line: number;
}

/** What a reader saw, filled in as it reads. */
export interface JsonlSummary {
  lines: number;
  events: number;
  bytes: number;
  torn: TornTail | undefined;
}

/** Options of {@link readJsonl}. */
export interface ReadJsonlOptions {
  /** Upcast payloads to current schemas (and reject unknown types unless `unknownEvents: 'passthrough'`). */
  readonly registry?: EventRegistry;
  readonly unknownEvents?: UnknownEventPolicy;
  /** Full envelope checks per line (ids, hashes, timestamps). Off for fast replays, on for imports. */
  readonly strict?: boolean;
  /**
   * With `strict`, also require every line in canonical form (default true). Imports turn it
   * off: the hash check already covers every byte of content, and the store re-canonicalizes.
   */
  readonly canonicalLines?: boolean;
}

/** A streaming JSONL reader. Iterate `batches()` (fast) or `events()`; `summary` fills as it goes. */
export interface JsonlReader {
  batches(): AsyncGenerator<StoredEvent[]>;
  events(): AsyncGenerator<StoredEvent>;
  readonly summary: JsonlSummary;
  /** 1-based line and byte offset of the event most recently yielded by `events()` (for error reports). */
  readonly current: { readonly line: number; readonly byteOffset: number };
  /** Line numbers and byte offsets of the events of the batch last yielded. */
  readonly batchLines: number[];
  readonly batchOffsets: number[];
}

const utf8 = new TextEncoder();

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Finds the first line of `region` that is not valid UTF-8 and names it. */
function badUtf8(region: Uint8Array, regionStart: number, linesBefore: number): JsonlLineError {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = linesBefore;
  while (start < region.length) {
    let end = region.indexOf(10, start);
    if (end === -1) end = region.length;
    line++;
    try {
      strict.decode(region.subarray(start, end));
    } catch {
      return new JsonlLineError(line, regionStart + start, 'invalid UTF-8');
    }
    start = end + 1;
  }
  return new JsonlLineError(linesBefore + 1, regionStart, 'invalid UTF-8');
}

/**
 * Reads a JSONL log. A torn last line (no trailing newline, not valid JSON) ends the log:
 * `summary.torn` tells where. Any other bad line throws `JsonlLineError` naming line, byte
 * offset and reason.
 *
 * @example
 * const reader = readJsonl(createReadStream('2013.jsonl'));
 * for await (const batch of reader.batches()) for (const e of batch) count++;
 * if (reader.summary.torn) console.warn('torn tail at byte', reader.summary.torn.byteOffset);
 */
export function readJsonl(chunks: LogChunks, options: ReadJsonlOptions = {}): JsonlReader {
  const summary: JsonlSummary = { lines: 0, events: 0, bytes: 0, torn: undefined };
  const current = { line: 0, byteOffset: 0 };
  const batchLines: number[] = [];
  const batchOffsets: number[] = [];
  const { registry, strict = false } = options;
  const canonicalLines = strict && options.canonicalLines !== false;
  const policy = options.unknownEvents ?? 'error';

  function parseLine(text: string, lineNo: number, offset: number): StoredEvent | undefined {
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw new JsonlLineError(lineNo, offset, `bad JSON (${(err as Error).message})`);
    }
    if (strict) {
      const issues = recordedEventIssues(o);
      if (issues.length) throw new JsonlLineError(lineNo, offset, issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; '));
      // An import skips this: the store canonicalizes each event once, for its hash check.
      if (canonicalLines) {
        let canonical: string;
        try {
          canonical = canonicalJson(o);
        } catch (err) {
          throw new JsonlLineError(lineNo, offset, (err as Error).message);
        }
        if (canonical !== text) throw new JsonlLineError(lineNo, offset, 'the line is not in canonical form (keys sorted, no spaces): was the log edited by hand?');
      }
    } else if (typeof o !== 'object' || o === null || typeof o.type !== 'string' || typeof o.stream !== 'string' || typeof o.version !== 'number' || typeof o.meta !== 'object') {
      throw new JsonlLineError(lineNo, offset, 'not an event envelope (needs type, stream, version, meta)');
    }
    o.position = ++summary.events;
    let e = o as unknown as StoredEvent;
    if (registry) {
      try {
        e = registry.upcast(e, policy);
      } catch (err) {
        throw new JsonlLineError(lineNo, offset, (err as Error).message);
      }
    }
    return e;
  }

  async function* batches(): AsyncGenerator<StoredEvent[]> {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let carry: Uint8Array = new Uint8Array(0);
    let consumed = 0; // bytes before `carry`
    let lineNo = 0;
    for await (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? utf8.encode(chunk) : chunk;
      summary.bytes += bytes.length;
      const nl = bytes.lastIndexOf(10);
      if (nl === -1) {
        carry = concatBytes(carry, bytes.slice());
        continue;
      }
      const region = concatBytes(carry, bytes.subarray(0, nl + 1));
      const regionStart = consumed;
      consumed += region.length;
      carry = bytes.slice(nl + 1);
      let text: string;
      try {
        text = decoder.decode(region);
      } catch {
        throw badUtf8(region, regionStart, lineNo);
      }
      const out: StoredEvent[] = [];
      batchLines.length = 0;
      batchOffsets.length = 0;
      // Each line's byte offset from the newline bytes themselves (a newline byte is always a
      // newline character in UTF-8): no line is encoded again to count its bytes.
      let byteStart = 0;
      let start = 0;
      while (start < text.length) {
        const end = text.indexOf('\n', start);
        lineNo++;
        const line = text.slice(start, end);
        start = end + 1;
        const lineOffset = regionStart + byteStart;
        byteStart = region.indexOf(10, byteStart) + 1;
        if (line.length === 0 || (line.length < 3 && line.trim() === '')) continue;
        const e = parseLine(line, lineNo, lineOffset);
        if (e) {
          out.push(e);
          batchLines.push(lineNo);
          batchOffsets.push(lineOffset);
        }
      }
      summary.lines = lineNo;
      if (out.length) yield out;
    }
    if (carry.length) {
      lineNo++;
      let text: string | undefined;
      try {
        text = decoder.decode(carry);
      } catch {
        text = undefined;
      }
      let e: StoredEvent | undefined;
      if (text !== undefined && text.trim() !== '') {
        try {
          JSON.parse(text);
          e = parseLine(text, lineNo, consumed);
        } catch (err) {
          if (err instanceof JsonlLineError) throw err;
          e = undefined;
        }
      }
      if (e) {
        summary.lines = lineNo;
        batchLines.length = 0;
        batchOffsets.length = 0;
        batchLines.push(lineNo);
        batchOffsets.push(consumed);
        yield [e];
      } else if (text === undefined || text.trim() !== '') {
        summary.torn = { byteOffset: consumed, bytes: carry.length, line: lineNo };
      }
    }
  }

  return {
    batches,
    async *events() {
      for await (const b of batches()) {
        for (let i = 0; i < b.length; i++) {
          current.line = batchLines[i] ?? 0;
          current.byteOffset = batchOffsets[i] ?? -1;
          yield b[i] as StoredEvent;
        }
      }
    },
    summary,
    current,
    batchLines,
    batchOffsets,
  };
}

/**
 * Replays a JSONL log through a projection: the analyst's fast path (no hashing, no payload
 * validation; `verifyJsonl` does those).
 *
 * @example
 * const { state } = await replayJsonl(createReadStream('2013.jsonl'), annualReport);
 */
export async function replayJsonl<S>(chunks: LogChunks, projection: Projection<S>, options: ReadJsonlOptions = {}): Promise<{ state: S; summary: JsonlSummary }> {
  const reader = readJsonl(chunks, options);
  let state = projection.init();
  const types = projection.types ? new Set(projection.types) : undefined;
  for await (const batch of reader.batches()) {
    if (types) {
      for (const e of batch) if (types.has(e.type)) state = projection.apply(state, e);
    } else {
      for (const e of batch) state = projection.apply(state, e);
    }
  }
  return { state, summary: reader.summary };
}

/** The result of {@link importJsonl}. */
export interface JsonlImportResult extends ImportResult {
  readonly lines: number;
  readonly torn: TornTail | undefined;
}

/**
 * Imports a JSONL log into a store atomically (all complete events, or nothing). A torn
 * last line is left out and reported; any other bad line — JSON, envelope, payload
 * schema, hash chain — throws `JsonlLineError` naming the line, and nothing is imported.
 *
 * @example
 * const r = await importJsonl(store, createReadStream('2013.jsonl'));
 * if (r.torn) console.warn(`torn tail at byte ${r.torn.byteOffset}`);
 */
export async function importJsonl(store: EventStore, chunks: LogChunks, options: { readonly unknownEvents?: UnknownEventPolicy } = {}): Promise<JsonlImportResult> {
  const reader = readJsonl(chunks, { strict: true, canonicalLines: false, ...options });
  const where = createSourceLocator();
  const inFile = new Map<string, number>();
  const current = { line: 0, byteOffset: 0 };
  const toImport = (e: StoredEvent, line: number, byteOffset: number): RecordedEvent => {
    current.line = line;
    current.byteOffset = byteOffset;
    where.add(line, byteOffset);
    // A log holds each event once, in order: a line that repeats or skips a stream's version
    // is a broken log, whatever the store already holds (the same verdict as verifyJsonl).
    const prev = inFile.get(e.stream);
    if (prev !== undefined && e.version !== prev + 1) {
      throw new JsonlLineError(line, byteOffset, `${e.stream}@${e.version} follows ${e.stream}@${prev} in the log: a duplicated, reordered or missing line`);
    }
    inFile.set(e.stream, e.version);
    return toRecorded(e);
  };
  try {
    const r = await store.importEvents(eventsOf(reader, toImport));
    return { ...r, lines: reader.summary.lines, torn: reader.summary.torn };
  } catch (err) {
    if (err instanceof JsonlLineError) throw new JsonlLineError(err.line, err.byteOffset, err.reason, 'Nothing was imported');
    if (err instanceof BanshiError && (err instanceof ValidationError || err instanceof IntegrityError || err.code === 'CORE_UNKNOWN_EVENT_TYPE' || err.code === 'CORE_DUPLICATE_EVENT_ID')) {
      const i = sourceIndexOf(err);
      const at = i === undefined ? current : where.at(i);
      throw new JsonlLineError(at.line, at.byteOffset, err.message, 'Nothing was imported');
    }
    throw err;
  }
}

/**
 * The events of a reader's batches, one by one, mapped by `each` (given each event's line and
 * byte offset). A plain iterator, not a generator per layer: an import hands a store a million
 * events, and each generator layer costs a few promises per event. A store that takes batches
 * (`importBatchesOf`) gets the mapped batches themselves and pays no promise per event.
 */
function eventsOf<T>(reader: JsonlReader, each: (e: StoredEvent, line: number, byteOffset: number) => T): AsyncIterable<T> {
  // The reader refills batchLines and batchOffsets only when asked for the next batch.
  const lines = reader.batchLines;
  const offsets = reader.batchOffsets;
  const events: AsyncIterable<T> = {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const batches = reader.batches();
      let batch: StoredEvent[] = [];
      let i = 0;
      const next = (): Promise<IteratorResult<T>> => {
        if (i < batch.length) {
          const k = i++;
          try {
            return Promise.resolve({ value: each(batch[k] as StoredEvent, lines[k] ?? 0, offsets[k] ?? -1), done: false });
          } catch (err) {
            return Promise.reject(err as Error);
          }
        }
        return batches.next().then((r) => {
          if (r.done === true) return { value: undefined, done: true };
          batch = r.value;
          i = 0;
          return next();
        });
      };
      return { next, return: async () => (await batches.return(undefined), { value: undefined, done: true }) };
    },
  };
  async function* batches(): AsyncGenerator<readonly T[]> {
    for await (const batch of reader.batches()) {
      const out = new Array<T>(batch.length);
      let k = 0;
      try {
        for (; k < batch.length; k++) out[k] = each(batch[k] as StoredEvent, lines[k] ?? 0, offsets[k] ?? -1);
      } catch (err) {
        // The events before the bad one go first, as they would one by one: a store's own error among them comes first.
        out.length = k;
        if (k > 0) yield out;
        throw err;
      }
      yield out;
    }
  }
  return withBatches(events, batches);
}

/**
 * Where the n-th imported event sits in the file, for a store that buffers and names the
 * event by its index: line numbers kept as runs (blank lines are the only thing that moves
 * them), byte offsets in blocks of a typed array (8 bytes per event).
 */
function createSourceLocator() {
  const BLOCK = 1 << 16;
  const runs: [index: number, lineMinusIndex: number][] = [];
  const blocks: Float64Array[] = [];
  let n = 0;
  return {
    add(line: number, byteOffset: number): void {
      const last = runs.at(-1);
      if (!last || last[1] !== line - n) runs.push([n, line - n]);
      if ((n & (BLOCK - 1)) === 0) blocks.push(new Float64Array(BLOCK));
      (blocks[blocks.length - 1] as Float64Array)[n & (BLOCK - 1)] = byteOffset;
      n++;
    },
    at(i: number): { line: number; byteOffset: number } {
      if (i < 0 || i >= n) return { line: 0, byteOffset: -1 };
      let lo = 0;
      let hi = runs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((runs[mid] as [number, number])[0] <= i) lo = mid;
        else hi = mid - 1;
      }
      return { line: i + (runs[lo] as [number, number])[1], byteOffset: (blocks[Math.floor(i / BLOCK)] as Float64Array)[i % BLOCK] as number };
    },
  };
}

/**
 * Verifies a JSONL log: every line canonical, every envelope well formed, every stream's
 * versions in sequence and its hash chain intact. Reports the first break with its line.
 *
 * @example
 * const report = await verifyJsonl(createReadStream('2013.jsonl'));
 * if (!report.ok) console.error(`line ${report.break.line}: ${report.break.reason}`);
 */
export async function verifyJsonl(chunks: LogChunks, options: { readonly hasher?: Hasher } = {}): Promise<VerifyReport & { readonly torn: TornTail | undefined }> {
  const v = createChainVerifier(options.hasher ?? sha256Hex);
  const reader = readJsonl(chunks, { strict: true, unknownEvents: 'passthrough' });
  try {
    for await (const batch of reader.batches()) {
      for (let i = 0; i < batch.length; i++) {
        const b = v.check(toRecorded(batch[i] as StoredEvent), reader.batchLines[i]);
        if (b) return { ok: false, events: v.events, streams: v.streams, break: b, torn: reader.summary.torn };
      }
    }
  } catch (err) {
    if (err instanceof JsonlLineError) {
      return { ok: false, events: v.events, streams: v.streams, break: { stream: '?', version: 0, line: err.line, reason: err.reason }, torn: reader.summary.torn };
    }
    throw err;
  }
  return { ok: true, events: v.events, streams: v.streams, torn: reader.summary.torn };
}
