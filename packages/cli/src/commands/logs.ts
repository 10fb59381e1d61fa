import { exportJsonl, importJsonl, verifyJsonl, type EventStore } from '@banshi/core';
import { createWriteStream, renameSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { UsageError, type CliIO, type Command } from '../command.js';
import { parseOptions } from '../_lib/args.js';
import { openStore, parseSourceSpec, readSource } from '../_lib/eventSource.js';
import { readLogFile } from '../_lib/logSource.js';

const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

/** `banshi verify --from <log|store>`: walks every hash chain and names the first break. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'check the hash chains of a JSONL log or a store and name the first broken event',
  usage: 'banshi verify --from <file.jsonl | sqlite:path | postgres://…>',
  async run(argv, io) {
    const { values } = parseOptions(argv, { from: { type: 'string' }, ...helpOption });
    if (values.help) return (io.stdout(this.usage + '\n'), 0);
    const spec = parseSourceSpec(values.from);
    const started = performance.now();
    let report;
    if (spec.kind === 'jsonl') {
      report = await verifyJsonl(readLogFile(spec.path));
      if (report.torn) io.stderr(`warning: the last line is torn at byte ${report.torn.byteOffset} (line ${report.torn.line}); the events before it are complete\n`);
    } else {
      const store = await openStore(spec, { mustExist: true });
      try {
        report = await store.verify();
      } finally {
        await store.close();
      }
    }
    const secs = ((performance.now() - started) / 1000).toFixed(2);
    if (report.ok) {
      io.stdout(`ok: ${report.events} events in ${report.streams} streams, every hash chain intact (${secs} s)\n`);
      return 0;
    }
    const b = report.break;
    io.stdout(`BROKEN at ${b.stream}@${b.version}${b.line !== undefined ? ` (line ${b.line})` : ''}${b.position !== undefined ? ` (position ${b.position})` : ''}: ${b.reason}${b.expected ? `\n  expected ${b.expected}\n  found    ${b.found ?? '—'}` : ''}\n`);
    return 1;
  },
};

/** `banshi export --from <store|log> --to <file.jsonl>`. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'write a store (or log) as a canonical JSONL log',
  usage: 'banshi export --from <sqlite:path | postgres://… | file.jsonl> --to <file.jsonl>',
  async run(argv, io) {
    const { values } = parseOptions(argv, { from: { type: 'string' }, to: { type: 'string' }, ...helpOption });
    if (values.help) return (io.stdout(this.usage + '\n'), 0);
    const from = parseSourceSpec(values.from);
    const to = parseSourceSpec(values.to, '--to');
    if (to.kind !== 'jsonl') throw new UsageError('--to must be a file.jsonl (use "banshi import" to fill a store)');
    const out = createWriteStream(to.path + '.partial');
    let n = 0;
    async function* all() {
      for await (const batch of readSource(from, { raw: true })) {
        n += batch.length;
        yield* batch;
      }
    }
    for await (const chunk of exportJsonl(all())) if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    out.end();
    await finished(out);
    renameSync(to.path + '.partial', to.path);
    io.stdout(`exported ${n} events to ${to.path}\n`);
    return 0;
  },
};

/** `banshi import --from <file.jsonl> --to <store>`: atomic; a torn last line is reported, not imported. */
export const importCommand: Command = {
  name: 'import',
  summary: 'import a JSONL log into a store, atomically (a torn last line is left out and reported)',
  usage: 'banshi import --from <file.jsonl> --to <sqlite:path | postgres://…>',
  async run(argv, io) {
    const { values } = parseOptions(argv, { from: { type: 'string' }, to: { type: 'string' }, ...helpOption });
    if (values.help) return (io.stdout(this.usage + '\n'), 0);
    const from = parseSourceSpec(values.from);
    if (from.kind !== 'jsonl') throw new UsageError('--from must be a file.jsonl');
    const store: EventStore = await openStore(parseSourceSpec(values.to, '--to'), { unknownEvents: 'passthrough' });
    try {
      const r = await importJsonl(store, readLogFile(from.path));
      io.stdout(`imported ${r.imported} events (${r.skipped} already present), last position ${r.lastPosition}\n`);
      if (r.torn) io.stderr(`warning: the last line was torn at byte ${r.torn.byteOffset} (line ${r.torn.line}) and was not imported; truncate the file there to repair it\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

export type { CliIO };
