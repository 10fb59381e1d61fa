import { exportJsonl, toRecorded } from '@banshi/core';
import { sha256HexNode } from '@banshi/core/node';
import { createSqliteStore } from '@banshi/store-sqlite';
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { UsageError, type Command } from '../command.js';
import { foldSource, openStore, parseSourceSpec, type SourceSpec } from '../_lib/eventSource.js';
import { intOption, parseOptions } from '../_lib/args.js';
import { formatOption, outputFormat, printJson } from '../_lib/output.js';
import { centerProjection, centerReport } from '@banshi/center-report';
import { figureKindsIn, generateTaizhouChunks, seedCheck, syntheticFigures, taizhouCenter, taizhouRegistry, type GenerationStats } from '@banshi/example-taizhou-2013';
import { renderCenterHtml, renderCenterTerminal, type ReportAnnotations } from '../render/centerReport.js';
import { count, reportMessages } from '../render/messages.js';
import { progressBar } from '../render/progress.js';
import { langHelp, langOption, reportLang } from '../_lib/lang.js';
import { acquireFileLock, uniqueTempPath } from '../_lib/fileLock.js';

function removeDb(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
}

/**
 * `banshi demo`: generates Taizhou 2013 into SQLite, replays it, prints the report, writes
 * `report.html`, and verifies the hash chain. Safe to re-run: it rebuilds the store atomically.
 */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'generate Taizhou 2013 into SQLite, replay it into the annual report, write report.html, verify',
  usage: 'banshi demo [--dir .banshi] [--cases 3000] [--seed 2013] [--store <store>] [--quiet] [--format text|json] [--lang zh|en]',
  options: [
    ['--dir <dir>', 'where the store, the JSONL log, report.html, report.json and center.json (the center\'s organisation, for replay --center) go (default .banshi)'],
    ['--cases <n>', 'approval cases to generate (default 3000, at most 1000000; 300000 is a province\'s year)'],
    ['--seed <n>', 'the generator\'s seed (default 2013): the same seed writes the same log, byte for byte'],
    ['--store <store>', 'write the year into this store (sqlite:…, postgres://…, nats://host:4222/STREAM) instead of <dir>/taizhou-2013.db'],
    ['--quiet', 'no progress on standard error'],
    ['--format text|json', 'the report as tables (default) or report.json on standard output (banshi.demo/1)'],
    langHelp,
  ],
  examples: ['banshi demo', 'banshi demo --lang en', 'banshi demo --cases 500 --dir /tmp/tz --quiet', 'banshi demo --store nats://127.0.0.1:4222/TAIZHOU'],
  dataError: 'a seed figure is not reproduced, a disclosure check fails, or the hash chain is broken',
  formats: ['text', 'json'],
  async run(argv, io) {
    const { values } = parseOptions(argv, { dir: { type: 'string' }, cases: { type: 'string' }, seed: { type: 'string' }, store: { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, ...formatOption, ...langOption });
    const format = outputFormat(this, values.format);
    const lang = reportLang(values.lang, io);
    const m = reportMessages[lang];
    // --store writes the year into that store (say a JetStream stream) instead of .banshi/taizhou-2013.db.
    const target = values.store === undefined ? undefined : parseSourceSpec(values.store, '--store');
    if (target?.kind === 'jsonl') throw new UsageError('--store takes a store (sqlite:…, postgres://…, nats://host:4222/STREAM), not a JSONL file');
    const targetLabel = values.store?.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    const dir = resolve(io.cwd, values.dir ?? '.banshi');
    const cases = values.cases === undefined ? 3000 : intOption(values.cases, 'cases', { min: 1, max: 1_000_000, hint: 'give the number of approval cases to generate, digits only (3000 is the default, 300000 a province\'s year)' });
    const seed = values.seed === undefined ? 2013 : intOption(values.seed, 'seed', { min: 0, max: 2 ** 31 - 1 });
    const tty = !values.quiet && process.stderr.isTTY === true;
    const say = (t: string) => (values.quiet ? undefined : io.stderr(t));
    mkdirSync(dir, { recursive: true });
    // One run at a time per directory: a second run waits here (or fails with CLI_LOCKED).
    const release = await acquireFileLock(join(dir, '.banshi-demo.lock'), { onWait: (holder) => say(`waiting for ${holder}, which is writing ${dir}\n`) });
    try {
      return await runLocked();
    } finally {
      release();
    }
    async function runLocked(): Promise<number> {
      // Wall time of each phase and the process's peak RSS when it ended (peak so far), on standard error and in --format json.
      const phases: { phase: string; seconds: number; peakRssMiB: number }[] = [];
      let lapStart = performance.now();
      const lap = (phase: string) => {
        const now = performance.now();
        phases.push({ phase, seconds: (now - lapStart) / 1000, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) });
        lapStart = now;
      };
      // 1. Generate and write: every command through its decider, in business-time order; each
      // date-ordered chunk goes into the store (a temp file renamed into place, or --store) and the
      // JSONL copy for analysts (`banshi replay --from .banshi/taizhou-2013.jsonl …`) as it comes,
      // so memory holds a chunk, never the year.
      const dbPath = join(dir, 'taizhou-2013.db');
      const logPath = join(dir, 'taizhou-2013.jsonl');
      const logTmp = uniqueTempPath(logPath);
      const tmpPath = target ? undefined : uniqueTempPath(dbPath);
      let gen: ReturnType<typeof progressBar> | undefined;
      const chunks = generateTaizhouChunks({
        seed,
        cases,
        hasher: sha256HexNode,
        onProgress: (done, total) => (gen ??= progressBar(`generating 2013 → ${target ? target.kind : 'SQLite'}`, total, say, tty)).update(done),
      });
      const out = target ? await openStore(target, { registry: taizhouRegistry }) : createSqliteStore(tmpPath as string, { registry: taizhouRegistry });
      const log = createWriteStream(logTmp);
      let stats: GenerationStats;
      try {
        for (;;) {
          const chunk = await chunks.next();
          if (chunk.done) {
            stats = chunk.value;
            break;
          }
          // The same seed writes the same events, so a re-run into the same --store imports nothing twice.
          await out.importEvents(chunk.value.map(toRecorded));
          for await (const text of exportJsonl(chunk.value)) if (!log.write(text)) await new Promise<void>((r) => log.once('drain', () => r()));
        }
        await out.close();
        log.end();
        await finished(log);
      } catch (err) {
        await out.close().catch(() => undefined);
        log.destroy();
        rmSync(logTmp, { force: true });
        if (tmpPath) removeDb(tmpPath);
        throw err;
      }
      if (tmpPath) {
        // The old target stays in place until the rename replaces it; only its WAL side files go
        // first, so SQLite never replays an old write-ahead log into the new file.
        for (const p of [`${dbPath}-wal`, `${dbPath}-shm`]) rmSync(p, { force: true });
        renameSync(tmpPath, dbPath);
      }
      renameSync(logTmp, logPath);
      (gen ??= progressBar('generating 2013', 0, say, tty)).done();
      lap('generate+write');
      say(`generated ${stats.events.toLocaleString('en-US')} events in ${stats.streams.toLocaleString('en-US')} streams (${stats.cases.toLocaleString('en-US')} approval cases; calendar ${stats.calendarVersion}) into ${target ? targetLabel : 'SQLite'} and ${logPath}\n`);

      // 2. Replay from the store into every read model at once, as `banshi replay --report center` does.
      const source = targetLabel ?? `sqlite:${dbPath}`;
      const replayFrom: SourceSpec = target ?? { kind: 'sqlite', path: dbPath };
      const rep = progressBar('replaying', stats.events, say, tty);
      const started = performance.now();
      const state = await foldSource(replayFrom, centerProjection, { onBatch: (n) => rep.update(n) });
      const secs = (performance.now() - started) / 1000;
      rep.done();
      lap('replay');
      say(`replayed ${state.events.toLocaleString('en-US')} events from ${target ? targetLabel : 'SQLite'} in ${secs.toFixed(2)} s (${Math.round(state.events / secs).toLocaleString('en-US')} events/s)\n\n`);
      const store = target ? await openStore(target, { registry: taizhouRegistry, mustExist: true }) : createSqliteStore(dbPath, { registry: taizhouRegistry });
      try {
        const report = centerReport(state, { year: 2013, center: taizhouCenter });
        const rows = seedCheck(report, lang);
        const synthetic = syntheticFigures(lang);
        const annotations: ReportAnnotations = { seedCheck: { rows, kinds: figureKindsIn(lang) }, synthetic };
        if (format === 'text') io.stdout(renderCenterTerminal(report, source, annotations, { lang }));

        lap('report');
        // The hash chain in the database.
        const v = await store.verify();
        lap('verify');
        const verified = v.ok ? m.verified(count(v.events), count(v.streams)) : m.broken(`${v.break.stream}@${v.break.version}`, v.break.reason);
        if (format === 'text') io.stdout(`${m.hashChainTitle} ${verified}\n`);
        writeFileSync(join(dir, 'report.html'), renderCenterHtml(report, source, verified, annotations, { lang }));
        const json = { ...report, lang, seedCheck: rows, synthetic, verified: v.ok };
        writeFileSync(join(dir, 'report.json'), JSON.stringify(json, null, 2) + '\n');
        // The center's organisation as a file, for `banshi replay --report center --center <dir>/center.json`.
        writeFileSync(join(dir, 'center.json'), JSON.stringify(taizhouCenter, null, 2) + '\n');
        if (format === 'json') printJson(io, 'demo', { report: json, files: { html: join(dir, 'report.html'), json: join(dir, 'report.json'), center: join(dir, 'center.json'), log: logPath }, phases });
        else io.stdout(`${m.wrote([join(dir, 'report.html'), join(dir, 'report.json'), join(dir, 'center.json'), logPath])}\n`);
        const mib = (n: number) => `${n.toLocaleString('en-US')} MiB`;
        say(`phases (wall time, peak RSS at its end): ${phases.map((p) => `${p.phase} ${p.seconds.toFixed(1)} s ${mib(p.peakRssMiB)}`).join(', ')}; peak RSS ${mib(Math.round(process.resourceUsage().maxRSS / 1024))}\n`);
        return v.ok && rows.every((c) => c.ok) && report.disclosure.report.ok ? 0 : 1;
      } finally {
        await store.close();
      }
    }
  },
};
