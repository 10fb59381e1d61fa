import { approvalEvents } from '@banshi/approval';
import { catalogEvents } from '@banshi/catalog';
import {
  checkAgainstCheckpoint,
  checkInclusionProof,
  createCheckpoint,
  createEventRegistry,
  exportJsonl,
  importJsonl,
  proveInclusion,
  toRecorded,
  verifyJsonl,
  type EventStore,
  type InclusionProof,
  type SignedCheckpoint,
  type VerifyReport,
} from '@banshi/core';
import { ed25519Signer, ed25519Verifier, generateCheckpointKeys, sha256BytesNode } from '@banshi/core/node';
import { disclosureEvents } from '@banshi/disclosure';
import type { SqliteEventStore } from '@banshi/store-sqlite';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { UsageError, type CliIO, type Command } from '../command.js';
import { parseOptions } from '../_lib/args.js';
import { writeFileAtomically } from '../_lib/atomicFile.js';
import { jsonlChunks, openStore, readEvents, readSource, sourceSpec, type SourceSpec } from '../_lib/eventSource.js';
import { formatOption, outputFormat, printJson } from '../_lib/output.js';

const helpOption = { help: { type: 'boolean', short: 'h' }, ...formatOption } as const;
const fromOption = ['--from <log>', 'a file.jsonl, - (standard input), sqlite:path, postgres://…[?schema=…] or nats://host:4222/STREAM; default BANSHI_STORE, banshi.config.json, DATABASE_URL'] as const;

/** Every event type banshi ships: imports check their payloads (other types pass through untouched). */
const fullRegistry = createEventRegistry([...approvalEvents, ...catalogEvents, ...disclosureEvents]);

function readJsonFile<T>(path: string, what: string): T {
  if (!existsSync(path)) throw new UsageError(`${what} not found: ${path}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    throw new UsageError(`${path} is not a ${what} (not JSON)`);
  }
}

function readKey(path: string, what: string): string {
  if (!existsSync(path)) throw new UsageError(`${what} not found: ${path}`);
  return readFileSync(path, 'utf8');
}

async function chainReport(spec: SourceSpec, io: CliIO, full: boolean): Promise<VerifyReport> {
  if (spec.kind === 'jsonl') {
    const report = await verifyJsonl(jsonlChunks(spec));
    if (report.torn) io.stderr(`warning: the last line is torn at byte ${report.torn.byteOffset} (line ${report.torn.line}); the events before it are complete\n`);
    return report;
  }
  const store = await openStore(spec, { mustExist: true, readOnly: true });
  try {
    if (spec.kind === 'sqlite') {
      const problems = await (store as SqliteEventStore).integrityCheck({ full });
      if (problems.length) {
        return { ok: false, events: 0, streams: 0, break: { stream: '?', version: 0, reason: `SQLite ${full ? 'integrity' : 'quick'} check failed: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}` } };
      }
    }
    return await store.verify();
  } finally {
    await store.close();
  }
}

/** `banshi verify --from <log|store> [--against <checkpoint> --pub <key>] [--full]`. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check the hash chains (and SQLite pages) of a log or store; --against proves it extends a signed checkpoint',
  usage: 'banshi verify [--from <log>] [--full] [--against checkpoint.json [--pub checkpoint.pub]] [--format text|json]',
  options: [
    fromOption,
    ['--full', 'SQLite: run integrity_check instead of quick_check before walking the chains'],
    ['--against <checkpoint.json>', 'also prove the log extends this signed checkpoint (truncation, deletion, reordering, forgery)'],
    ['--pub <checkpoint.pub>', 'the public key that checks the checkpoint\'s signature'],
    ['--format text|json', 'text (default) or one JSON document, banshi.verify/1'],
  ],
  examples: ['banshi verify --from .banshi/taizhou-2013.db', 'banshi verify --from log.jsonl --against cp.json --pub cp.key.pub --format json', 'cat log.jsonl | banshi verify --from -'],
  dataError: 'a hash chain is broken, SQLite pages are damaged, or the log does not extend the checkpoint',
  formats: ['text', 'json'],
  async run(argv, io) {
    const { values } = parseOptions(argv, { from: { type: 'string' }, against: { type: 'string' }, pub: { type: 'string' }, full: { type: 'boolean' }, ...helpOption });
    const format = outputFormat(this, values.format);
    const spec = sourceSpec(values.from, io);
    const started = performance.now();
    const report = await chainReport(spec, io, values.full === true);
    const secs = ((performance.now() - started) / 1000).toFixed(2);
    const json = (checkpoint: unknown) => printJson(io, 'verify', { ok: report.ok && (checkpoint === null || (checkpoint as { ok: boolean }).ok), events: report.events, streams: report.streams, break: report.ok ? null : report.break, checkpoint });
    if (!report.ok) {
      const b = report.break;
      if (format === 'json') return (json(null), 1);
      io.stdout(`BROKEN at ${b.stream}@${b.version}${b.line !== undefined ? ` (line ${b.line})` : ''}${b.position !== undefined ? ` (position ${b.position})` : ''}: ${b.reason}${b.expected ? `\n  expected ${b.expected}\n  found    ${b.found ?? '—'}` : ''}\n`);
      return 1;
    }
    if (format === 'text') io.stdout(`ok: ${report.events} events in ${report.streams} streams, every hash chain intact (${secs} s)\n`);
    if (values.against === undefined) return (format === 'json' && json(null), 0);
    const cp = readJsonFile<SignedCheckpoint>(values.against, 'checkpoint');
    if (values.pub === undefined) io.stderr('warning: no --pub given: the checkpoint\'s signature is not checked, only its root\n');
    const verifier = values.pub === undefined ? undefined : ed25519Verifier(readKey(values.pub, 'public key'));
    const r = await checkAgainstCheckpoint(readEvents(spec), cp, verifier, sha256BytesNode);
    if (format === 'json') return (json({ ok: r.ok, kind: r.ok ? null : r.kind, message: r.message, signatureChecked: verifier !== undefined }), r.ok ? 0 : 1);
    if (r.ok) {
      io.stdout(`ok: ${r.message}\n`);
      return 0;
    }
    io.stdout(`BROKEN against the checkpoint (${r.kind}): ${r.message}\n`);
    return 1;
  },
};

/** `banshi checkpoint --from <log|store> --key <file.key> [--origin name] [--out file.json]`. */
export const checkpointCommand: Command = {
  name: 'checkpoint',
  summary: 'sign a checkpoint (size and Merkle root) of a log or store with an Ed25519 key',
  usage: 'banshi checkpoint [--from <log>] --key <checkpoint.key> [--new-key] [--origin name] [--out checkpoint.json]',
  options: [
    fromOption,
    ['--key <file>', 'the Ed25519 private key (PEM) that signs'],
    ['--new-key', 'create the key first: <file> (mode 0600) and <file>.pub; never overwrites'],
    ['--origin <name>', 'the log\'s name written into the checkpoint (default: the path, schema or stream)'],
    ['--out <file>', 'write the checkpoint there (atomically) instead of standard output'],
    ['--format json', 'the signed checkpoint as JSON, banshi\'s checkpoint shape (the only format)'],
  ],
  examples: ['banshi checkpoint --from .banshi/taizhou-2013.db --key cp.key --new-key --out cp.json'],
  dataError: 'the log cannot be read as events (a broken line, an invalid event)',
  formats: ['json'],
  async run(argv, io) {
    const { values } = parseOptions(argv, { from: { type: 'string' }, key: { type: 'string' }, 'new-key': { type: 'boolean' }, origin: { type: 'string' }, out: { type: 'string' }, ...helpOption });
    outputFormat(this, values.format);
    const spec = sourceSpec(values.from, io);
    if (values.key === undefined) throw new UsageError('--key is required: the Ed25519 private key (PEM) that signs; add --new-key to create one');
    if (values['new-key']) {
      if (existsSync(values.key)) throw new UsageError(`${values.key} exists: --new-key never overwrites a key`);
      const k = generateCheckpointKeys();
      writeFileSync(values.key, k.privateKeyPem, { mode: 0o600, flag: 'wx' });
      writeFileSync(`${values.key}.pub`, k.publicKeyPem, { flag: 'wx' });
      io.stderr(`new key ${k.keyId}: private key ${values.key} (keep it secret), public key ${values.key}.pub (give it to auditors)\n`);
    }
    const signer = ed25519Signer(readKey(values.key, 'private key'));
    const origin = values.origin ?? (spec.kind === 'postgres' ? `postgres:${spec.schema}` : spec.kind === 'nats' ? `nats:${spec.stream}` : spec.path);
    const cp = await createCheckpoint(readEvents(spec), { origin, signer, hash: sha256BytesNode });
    const text = JSON.stringify(cp, null, 2) + '\n';
    if (values.out === undefined) io.stdout(text);
    else {
      await writeFileAtomically(values.out, [text]);
      io.stderr(`checkpoint of ${cp.checkpoint.size} events, root ${cp.checkpoint.root}, signed by ${cp.signature.keyId}: ${values.out}\n`);
    }
    return 0;
  },
};

/** `banshi prove <event-id> --from <log|store> --against <checkpoint>`, and `banshi prove --check <proof> --pub <key>`. */
export const proveCommand: Command = {
  name: 'prove',
  summary: 'print an inclusion proof of one event against a signed checkpoint, or check one with the public key',
  usage: 'banshi prove <event-id> [--from <log>] --against checkpoint.json\nbanshi prove --check proof.json --pub checkpoint.pub [--format text|json]',
  options: [
    fromOption,
    ['--against <checkpoint.json>', 'the signed checkpoint the proof leads to'],
    ['--check <proof.json>', 'check a proof instead of making one'],
    ['--pub <checkpoint.pub>', 'with --check: the public key of the log'],
    ['--format text|json', 'a proof is always JSON; --check prints text (default) or banshi.prove/1'],
  ],
  examples: ['banshi prove 8fQ2…x --from log.jsonl --against cp.json > proof.json', 'banshi prove --check proof.json --pub cp.key.pub'],
  dataError: 'the event is not in the checkpointed log, or the proof is refuted',
  formats: ['text', 'json'],
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { from: { type: 'string' }, against: { type: 'string' }, check: { type: 'string' }, pub: { type: 'string' }, ...helpOption }, true);
    const format = outputFormat(this, values.format);
    if (values.check !== undefined) {
      if (values.pub === undefined) throw new UsageError('--pub is required with --check: the public key of the log');
      const r = checkInclusionProof(readJsonFile<InclusionProof>(values.check, 'inclusion proof'), ed25519Verifier(readKey(values.pub, 'public key')), sha256BytesNode);
      if (format === 'json') return (printJson(io, 'prove', { ok: r.ok, message: r.message }), r.ok ? 0 : 1);
      io.stdout(`${r.ok ? 'ok' : 'REFUTED'}: ${r.message}\n`);
      return r.ok ? 0 : 1;
    }
    const [eventId, ...extra] = positionals;
    if (eventId === undefined || extra.length) throw new UsageError('give exactly one event id: banshi prove <event-id> --from … --against …');
    if (values.against === undefined) throw new UsageError('--against is required: the signed checkpoint the proof leads to');
    const spec = sourceSpec(values.from, io);
    const cp = readJsonFile<SignedCheckpoint>(values.against, 'checkpoint');
    const proof = await proveInclusion(() => readEvents(spec), eventId, cp, sha256BytesNode);
    if (!proof) {
      io.stderr(`banshi prove: event ${eventId.slice(0, 64)} is not among the first ${cp.checkpoint.size} events of the log\n`);
      return 1;
    }
    io.stdout(JSON.stringify(proof, null, 2) + '\n');
    return 0;
  },
};

/** `banshi export --from <store|log> --to <file.jsonl>`. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'write a store (or log) as a canonical JSONL log',
  usage: 'banshi export [--from <log>] --to <file.jsonl> [--format text|json]',
  options: [fromOption, ['--to <file.jsonl>', 'the JSONL log to write (under a temporary name, then renamed)'], ['--format text|json', 'a summary line (default) or banshi.export/1']],
  examples: ['banshi export --from sqlite:.banshi/taizhou-2013.db --to copy.jsonl', 'BANSHI_STORE=postgres://postgres@127.0.0.1/test banshi export --to copy.jsonl'],
  dataError: 'an event cannot be read (a broken line in a JSONL source)',
  formats: ['text', 'json'],
  async run(argv, io) {
    const { values } = parseOptions(argv, { from: { type: 'string' }, to: { type: 'string' }, ...helpOption });
    const format = outputFormat(this, values.format);
    const from = sourceSpec(values.from, io);
    const to = sourceSpec(values.to, io, '--to', { configured: false });
    if (to.kind !== 'jsonl') throw new UsageError('--to must be a file.jsonl (use "banshi import" to fill a store)');
    let n = 0;
    async function* all() {
      for await (const batch of readSource(from, { raw: true })) {
        n += batch.length;
        yield* batch.map((e) => toRecorded(e));
      }
    }
    await writeFileAtomically(to.path, exportJsonl(all()));
    if (format === 'json') printJson(io, 'export', { events: n, to: to.path });
    else io.stdout(`exported ${n} events to ${to.path}\n`);
    return 0;
  },
};

/** `banshi import --from <file.jsonl> --to <store>`: atomic; a torn last line is reported, not imported. */
export const importCommand: Command = {
  name: 'import',
  summary: 'import a JSONL log into a store, atomically, checking every payload (a torn last line is left out and reported)',
  usage: 'banshi import --from <file.jsonl | -> [--to <store>] [--format text|json]',
  options: [
    ['--from <file.jsonl | ->', 'the JSONL log to import; - reads it from standard input'],
    ['--to <store>', 'sqlite:path, postgres://…[?schema=…] or nats://host:4222/STREAM; default BANSHI_STORE, banshi.config.json, DATABASE_URL'],
    ['--format text|json', 'a summary line (default) or banshi.import/1'],
  ],
  examples: ['banshi import --from copy.jsonl --to sqlite:hall.db', "gunzip -c log.jsonl.gz | banshi import --from - --to 'postgres://postgres@127.0.0.1:5432/test?schema=taizhou'"],
  dataError: 'a line is not a valid event (its payload fails its schema, it is duplicated, its chain breaks); nothing is imported',
  formats: ['text', 'json'],
  async run(argv, io) {
    const { values } = parseOptions(argv, { from: { type: 'string' }, to: { type: 'string' }, ...helpOption });
    const format = outputFormat(this, values.format);
    const from = sourceSpec(values.from, io, '--from', { configured: false });
    if (from.kind !== 'jsonl') throw new UsageError('--from must be a file.jsonl or - (standard input)');
    const log = jsonlChunks(from);
    const target = sourceSpec(values.to, io, '--to');
    const created = target.kind === 'sqlite' && !existsSync(target.path);
    const store: EventStore = await openStore(target, { registry: fullRegistry, unknownEvents: 'passthrough' });
    let ok = false;
    try {
      const r = await importJsonl(store, log);
      if (format === 'json') printJson(io, 'import', { imported: r.imported, skipped: r.skipped, lastPosition: r.lastPosition, torn: r.torn ?? null });
      else io.stdout(`imported ${r.imported} events (${r.skipped} already present), last position ${r.lastPosition}\n`);
      if (r.torn) io.stderr(`warning: the last line was torn at byte ${r.torn.byteOffset} (line ${r.torn.line}) and was not imported; truncate the file there to repair it\n`);
      ok = true;
      return 0;
    } finally {
      await store.close();
      // A failed import into a store it created leaves no empty database behind.
      if (!ok && created && target.kind === 'sqlite') for (const p of [target.path, `${target.path}-wal`, `${target.path}-shm`]) rmSync(p, { force: true });
    }
  },
};

export type { CliIO };
