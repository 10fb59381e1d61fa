/**
 * The logs of the scale bench: Taizhou 2013 scaled up to millions of events, written once into
 * `bench/.out/scale/` and reused by every later run.
 *
 * The year is generated for real once (`generateTaizhou2013`, every command through its decider,
 * {@link TEMPLATE_CASES} cases); that log is copy 0, byte for byte what `banshi demo --cases
 * 3000` writes. Copies 1, 2, … repeat its approval cases under new case numbers
 * (`TZ-2013-003001` …): the case id is replaced in the stream name, the payload and the command
 * id, each event gets a new id (the copy number in base 36 before the original id) and its hash
 * is chained anew in its stream. A log of n events is the first n lines of that sequence, so
 * every size is a prefix of the next and every stream's chain is intact. Deterministic: the same
 * sizes give the same bytes on any machine.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { encodeEvent, GENESIS_HASH, toJsonlLine, toRecorded, type RecordedEvent, type StoredEvent } from '@banshi/core';
import { sha256HexNode } from '@banshi/core/node';
import { generateTaizhou2013 } from '@banshi/example-taizhou-2013';

/** Approval cases in the generated year that copy 0 is. */
export const TEMPLATE_CASES = 3000;
const SEED = 2013;
/** Bump when the bytes a size produces change, so old caches are rebuilt (2: on-the-spot cases get their certificate). */
const FORMAT = 2;

/** A template case event, pre-encoded: copies only substitute the case id and re-hash. */
interface CaseEvent {
  readonly caseNo: number;
  readonly stream: string;
  readonly id: string;
  readonly type: string;
  readonly schema: number;
  readonly version: number;
  readonly data: string;
  readonly meta: string;
}

const caseStream = /^case-TZ-2013-(\d{6})$/;

/** The JSONL line of an event whose `data` and `meta` are already canonical JSON (same bytes as `toJsonlLine`). */
export function lineOf(id: string, stream: string, version: number, type: string, schema: number, data: string, meta: string, hash: string): string {
  return `{"data":${data},"hash":"${hash}","id":${JSON.stringify(id)},"meta":${meta},"schema":${schema},"stream":${JSON.stringify(stream)},"type":${JSON.stringify(type)},"version":${version}}`;
}

/** The hash input of the same event (what `encodeEvent` builds). */
function hashInputOf(id: string, stream: string, version: number, type: string, schema: number, data: string, meta: string): string {
  return `{"data":${data},"id":${JSON.stringify(id)},"meta":${meta},"schema":${schema},"stream":${JSON.stringify(stream)},"type":${JSON.stringify(type)},"version":${version}}`;
}

/**
 * Every line of the scaled log, in order, until `limit` lines: copy 0 (the generated year),
 * then copies of its approval cases. `cases` sets the template's size (tests use a small one).
 */
export async function* scaledLines(limit: number, cases = TEMPLATE_CASES): AsyncGenerator<string> {
  const { store } = await generateTaizhou2013({ seed: SEED, cases, hasher: sha256HexNode });
  const template: CaseEvent[] = [];
  let n = 0;
  for await (const batch of store.readAllBatches({ batchSize: 5000, upcast: false })) {
    for (const e of batch) {
      if (n++ >= limit) return;
      const r: RecordedEvent = toRecorded(e as StoredEvent);
      yield toJsonlLine(r);
      const m = caseStream.exec(r.stream);
      if (!m) continue;
      const { data, meta } = encodeEvent(r);
      template.push({ caseNo: Number(m[1]), stream: r.stream, id: r.id, type: r.type, schema: r.schema, version: r.version, data, meta });
    }
  }
  if (template.length === 0) throw new Error('the generated year has no approval cases to copy');
  for (let copy = 1; ; copy++) {
    const prefix = copy.toString(36).padStart(3, '0');
    const heads = new Map<string, string>();
    for (const t of template) {
      if (n++ >= limit) return;
      const from = t.stream.slice('case-'.length);
      const to = `TZ-2013-${String(copy * cases + t.caseNo).padStart(6, '0')}`;
      const stream = `case-${to}`;
      const id = prefix + t.id;
      const data = t.data.replaceAll(from, to);
      const meta = t.meta.replaceAll(from, to);
      const hash = sha256HexNode((t.version === 1 ? GENESIS_HASH : (heads.get(t.stream) as string)) + hashInputOf(id, stream, t.version, t.type, t.schema, data, meta));
      heads.set(t.stream, hash);
      yield lineOf(id, stream, t.version, t.type, t.schema, data, meta, hash);
    }
  }
}

/** Where the log of `events` events is cached. */
export function scaleLogPath(dir: string, events: number): string {
  return join(dir, `taizhou-${events}.jsonl`);
}

interface Manifest {
  readonly format: number;
  readonly logs: Record<string, number>;
}

function readManifest(dir: string): Manifest {
  const path = join(dir, 'logs.json');
  if (!existsSync(path)) return { format: FORMAT, logs: {} };
  const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  return m.format === FORMAT ? m : { format: FORMAT, logs: {} };
}

/**
 * The cached JSONL logs of the given sizes, generating (in one pass) those that are missing or
 * whose byte length does not match what was recorded when they were written.
 */
export async function ensureScaleLogs(dir: string, sizes: readonly number[], say: (t: string) => void = () => undefined): Promise<Map<number, string>> {
  mkdirSync(dir, { recursive: true });
  const manifest = readManifest(dir);
  const have = (n: number) => {
    const p = scaleLogPath(dir, n);
    return existsSync(p) && manifest.logs[String(n)] === statSync(p).size;
  };
  const missing = [...new Set(sizes)].filter((n) => !have(n)).sort((a, b) => a - b);
  if (missing.length) {
    const max = missing[missing.length - 1] as number;
    say(`generating the scale logs ${missing.map((n) => n.toLocaleString('en-US')).join(', ')} into ${dir} (once; later runs reuse them) …\n`);
    const started = performance.now();
    const outs = missing.map((n) => ({ n, tmp: `${scaleLogPath(dir, n)}.tmp`, fd: openSync(`${scaleLogPath(dir, n)}.tmp`, 'w'), bytes: 0 }));
    let buf = '';
    let written = 0;
    const flush = () => {
      const chunk = Buffer.from(buf, 'utf8');
      for (const o of outs) {
        if (written > o.n) continue;
        // Lines past a size's end never reach its file: flush() runs at every size boundary.
        writeSync(o.fd, chunk);
        o.bytes += chunk.length;
      }
      buf = '';
    };
    const boundaries = new Set(missing);
    for await (const line of scaledLines(max)) {
      buf += line + '\n';
      written++;
      if (boundaries.has(written) || buf.length > 1 << 20) {
        flush();
        if (boundaries.has(written)) say(`  ${written.toLocaleString('en-US')} events after ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
      }
    }
    flush();
    const logs: Record<string, number> = { ...manifest.logs };
    for (const o of outs) {
      closeSync(o.fd);
      renameSync(o.tmp, scaleLogPath(dir, o.n));
      logs[String(o.n)] = o.bytes;
    }
    writeFileSync(join(dir, 'logs.json'), JSON.stringify({ format: FORMAT, logs } satisfies Manifest, null, 2) + '\n');
  }
  return new Map(sizes.map((n) => [n, scaleLogPath(dir, n)]));
}
