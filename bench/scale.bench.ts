/**
 * `pnpm bench scale`: the scale curve (issue 18). Time and peak RSS of replaying a Taizhou log
 * into the center report, from JSONL, SQLite and PostgreSQL. Each replay runs in a child process
 * (`scaleReplay.ts`, the CLI's own `banshi replay --report center`), so each peak RSS is that
 * run's own. The logs and the stores are built once into `bench/.out/scale/` and reused (see
 * `scaleLog.ts`).
 *
 * - sizes: `pnpm bench scale --sizes 1m,4m,10m` (or `BANSHI_SCALE_SIZES`), event counts with an
 *   optional `k`/`m` suffix. The default, {@link DEFAULT_SCALE_SIZES} (100k, 400k, 1M), finishes
 *   in a few minutes on a fresh clone (about 0.7 GB of logs); the province sizes 1M, 4M and 10M
 *   write about 10 GB and take an hour or more, so they are asked for by name;
 * - `BANSHI_SCALE_STORES` — any of `jsonl,sqlite,postgres` (default all three; PostgreSQL is
 *   left out, and the table says so, when no server answers at `DATABASE_URL`);
 * - `BANSHI_SCALE_STORE_MAX` — the largest log imported into SQLite and PostgreSQL (default: no
 *   limit); larger sizes replay from JSONL only. An import runs once, but on a loaded machine a
 *   10M-event import takes long;
 * - `BANSHI_SCALE_ROUNDS` — how many times each replay runs (default 3), round by round across the
 *   sizes so load drift hits every size alike; each size keeps its fastest round and its highest
 *   peak RSS. For the province sizes, `BANSHI_SCALE_ROUNDS=1` keeps the run within the hour;
 * - `BANSHI_SCALE_READ=1` — also time a bare read of each log (no read models), which shows the
 *   store's own memory apart from the read models' state;
 * - `BANSHI_SCALE_HEAP=0` — skip the extra replay per size that measures the heap the center read
 *   models retain at the end (`scaleReplay.ts heap`: after a forced GC, with the state alive).
 *   Peak RSS also holds the garbage V8 lets pile up before it collects; the retained heap is what
 *   the fold itself keeps.
 *
 * Prints the curve as a table and a verdict on standard error (the rules: `scaleReport.ts`),
 * writes `bench/.out/scale.html` (inline SVG) and `bench/.out/scale.json`. The figures: the
 * marginal time per event of each step against the first step (linear time keeps the ratio near
 * 1), the same for the replaying process's CPU time (`….cpu`: the work, which a neighbour's load
 * does not stretch), and peak RSS per size against the smallest (flat memory keeps it near 1).
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { importJsonl } from '@banshi/core';
import { createPostgresStore } from '@banshi/store-postgres';
import { createSqliteStore } from '@banshi/store-sqlite';
import { parseSizes, type Benchmark, type BenchOptions, type Figure } from './harness.js';
import { ensureScaleLogs } from './scaleLog.js';
import { renderScaleHtml, sizeLabel, verdictOf, type ScaleRun } from './scaleReport.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '.out');
const cacheDir = join(outDir, 'scale');
const LOCAL = 'postgres://postgres@127.0.0.1:5432/test';
const STORES = ['jsonl', 'sqlite', 'postgres'] as const;
type Store = (typeof STORES)[number];

const say = (t: string) => void process.stderr.write(t);

/** The sizes `pnpm bench scale` replays when none are given: small enough for a fresh clone. */
export const DEFAULT_SCALE_SIZES: readonly number[] = [100_000, 400_000, 1_000_000];

/** The sizes of this run: `--sizes`, else `BANSHI_SCALE_SIZES`, else {@link DEFAULT_SCALE_SIZES}. */
export function scaleSizes(options: BenchOptions = {}, env: string | undefined = process.env.BANSHI_SCALE_SIZES): number[] {
  if (options.sizes) return [...options.sizes];
  return env ? parseSizes(env, 'BANSHI_SCALE_SIZES') : [...DEFAULT_SCALE_SIZES];
}

/** `BANSHI_SCALE_ROUNDS`: how many times each replay runs (default 3; its fastest round counts). */
export function scaleRounds(text = process.env.BANSHI_SCALE_ROUNDS): number {
  if (text === undefined || text === '') return 3;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1 || n > 20) throw new Error(`BANSHI_SCALE_ROUNDS: "${text}" is not a whole number of rounds from 1 to 20`);
  return n;
}

function scaleStores(text = process.env.BANSHI_SCALE_STORES): Store[] {
  if (!text) return [...STORES];
  const stores = text.split(',').map((s) => s.trim());
  const bad = stores.find((s) => !(STORES as readonly string[]).includes(s));
  if (bad !== undefined) throw new Error(`BANSHI_SCALE_STORES: unknown store "${bad}" (give any of ${STORES.join(', ')})`);
  return stores as Store[];
}

interface PgClient {
  connect(): Promise<void>;
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
const pg = createRequire(new URL('../packages/store-postgres/package.json', import.meta.url))('pg') as { Client: new (o: { connectionString: string }) => PgClient };

/** Whether the server answers: opening the first size's store (which the run imports into anyway). */
async function pgAnswers(url: string, schema: string): Promise<string | undefined> {
  try {
    await (await createPostgresStore({ connectionString: url, schema, connectTimeoutMs: 3000 })).close();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Records which stores hold a complete import, so an interrupted import is redone. */
interface StoreManifest {
  readonly done: Record<string, true>;
}
const storeManifestPath = join(cacheDir, 'stores.json');
const readStoreManifest = (): StoreManifest => (existsSync(storeManifestPath) ? (JSON.parse(readFileSync(storeManifestPath, 'utf8')) as StoreManifest) : { done: {} });
function markDone(key: string): void {
  const m = readStoreManifest();
  writeFileSync(storeManifestPath, JSON.stringify({ done: { ...m.done, [key]: true } }, null, 2) + '\n');
}

export async function ensureSqlite(events: number, log: string): Promise<string> {
  const path = join(cacheDir, `taizhou-${events}.db`);
  if (readStoreManifest().done[`sqlite:${events}`] && existsSync(path)) return path;
  const tmp = `${path}.tmp`;
  for (const p of [tmp, `${tmp}-wal`, `${tmp}-shm`, path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
  say(`importing ${events.toLocaleString('en-US')} events into SQLite (once) …\n`);
  const t = performance.now();
  const store = createSqliteStore(tmp);
  try {
    await importJsonl(store, createReadStream(log, { highWaterMark: 1 << 20 }));
  } finally {
    await store.close();
  }
  renameSync(tmp, path);
  markDone(`sqlite:${events}`);
  say(`  done in ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
  return path;
}

/**
 * `ANALYZE` every table of the schema after an import: autovacuum may be off or not have run yet,
 * and reads planned against the empty table's statistics would be measured instead of the store.
 */
async function analyzeSchema(url: string, schema: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT tablename FROM pg_tables WHERE schemaname = '${schema}'`);
    for (const r of rows) await admin.query(`ANALYZE "${schema}"."${String(r.tablename)}"`);
  } finally {
    await admin.end();
  }
}

/** Events per PostgreSQL import transaction of the bench's setup. */
const PG_IMPORT_PART = 500_000;

/** Byte ranges (`start`, inclusive `end`) of a JSONL file, `lines` whole lines each. */
export async function lineParts(path: string, lines: number): Promise<Array<[number, number]>> {
  const parts: Array<[number, number]> = [];
  let start = 0;
  let offset = 0;
  let count = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
      if (++count % lines === 0) {
        parts.push([start, offset + i]);
        start = offset + i + 1;
      }
    }
    offset += chunk.length;
  }
  if (start < offset) parts.push([start, offset - 1]);
  return parts;
}

export async function ensurePostgres(url: string, events: number, log: string): Promise<string> {
  const schema = `scale_${events}`;
  const key = `postgres:${url.replace(/\/\/[^@/]*@/, '//')}:${schema}:analyzed`;
  const spec = `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;
  if (readStoreManifest().done[key]) {
    const store = await createPostgresStore({ connectionString: url, schema });
    const head = await store.headPosition().finally(() => store.close());
    if (head === events) return spec;
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.end());
  say(`importing ${events.toLocaleString('en-US')} events into PostgreSQL schema ${schema} (once) …\n`);
  const t = performance.now();
  const store = await createPostgresStore({ connectionString: url, schema });
  try {
    // PostgreSQL's importEvents holds its whole source in memory for its one transaction (4M
    // events filled the 4 GiB heap): the log goes in parts, each continuing the streams before it.
    for (const [start, end] of await lineParts(log, PG_IMPORT_PART)) await importJsonl(store, createReadStream(log, { start, end, highWaterMark: 1 << 20 }));
  } finally {
    await store.close();
  }
  await analyzeSchema(url, schema);
  markDone(key);
  say(`  done in ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
  return spec;
}

interface ChildResult {
  readonly events: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
  readonly rssBeforeMiB: number;
  readonly retainedHeapMiB?: number;
}

/** Runs one replay in a child process and returns what it measured. */
function replayInChild(source: string, mode: 'center' | 'read' | 'heap'): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, ...(mode === 'heap' ? ['--expose-gc'] : []), join(here, 'scaleReplay.ts'), source, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`replay of ${source.replace(/\/\/[^@/]*@/, '//')} exited with ${code}: ${err.trim()}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() as string) as ChildResult);
    });
  });
}

const bench: Benchmark = {
  name: 'scale',
  async run(options: BenchOptions = {}): Promise<readonly Figure[]> {
    const sizes = scaleSizes(options);
    let stores = scaleStores();
    const withRead = process.env.BANSHI_SCALE_READ === '1';
    const withHeap = process.env.BANSHI_SCALE_HEAP !== '0';
    const rounds = scaleRounds();
    const storeMax = process.env.BANSHI_SCALE_STORE_MAX === undefined ? Infinity : (parseSizes(process.env.BANSHI_SCALE_STORE_MAX, 'BANSHI_SCALE_STORE_MAX')[0] as number);
    const url = process.env.DATABASE_URL ?? LOCAL;
    const notes: string[] = [];
    const pgProblem = stores.includes('postgres') ? await pgAnswers(url, `scale_${sizes[0]}`) : undefined;
    if (pgProblem !== undefined) {
      stores = stores.filter((s) => s !== 'postgres');
      notes.push(`PostgreSQL left out: ${url.replace(/:[^:@/]*@/, ':***@')} did not answer (${pgProblem})`);
    }
    mkdirSync(cacheDir, { recursive: true });
    const logs = await ensureScaleLogs(cacheDir, sizes, say);
    const runs: ScaleRun[] = [];
    const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadBefore: loadavg().map((l) => Number(l.toFixed(2))) };
    if (storeMax < Infinity && sizes.some((n) => n > storeMax)) notes.push(`BANSHI_SCALE_STORE_MAX=${storeMax}: logs larger than ${sizeLabel(storeMax)} events replayed from JSONL only`);
    const save = () => {
      const now = { ...machine, loadAfter: loadavg().map((l) => Number(l.toFixed(2))) };
      writeFileSync(join(outDir, 'scale.json'), JSON.stringify({ machine: now, notes, runs }, null, 2) + '\n');
      writeFileSync(join(outDir, 'scale.html'), renderScaleHtml(runs, now, [...verdictOf(runs).lines, ...notes]));
    };
    // Round by round, size by size inside each, so load drift hits every size alike and an
    // interrupted run still leaves a complete smaller curve. Each size keeps its fastest round
    // (the one least disturbed by other work) and its highest peak RSS.
    const sources = new Map<string, string>();
    const sourceOf = async (store: Store, events: number): Promise<string> => {
      const key = `${store}:${events}`;
      if (!sources.has(key)) {
        const log = logs.get(events) as string;
        sources.set(key, store === 'jsonl' ? log : store === 'sqlite' ? `sqlite:${await ensureSqlite(events, log)}` : await ensurePostgres(url, events, log));
      }
      return sources.get(key) as string;
    };
    const byKey = new Map<string, ScaleRun>();
    for (let round = 1; round <= rounds; round++) {
      for (const events of sizes) {
        for (const store of stores) {
          if (store !== 'jsonl' && events > storeMax) continue;
          const source = await sourceOf(store, events);
          for (const mode of withRead ? (['center', 'read'] as const) : (['center'] as const)) {
            const load = Number((loadavg()[0] as number).toFixed(2));
            say(`round ${round}/${rounds}: replaying ${events.toLocaleString('en-US')} events from ${store} (${mode}) …`);
            const r = await replayInChild(source, mode);
            if (r.events !== events) throw new Error(`the ${store} replay of the ${events}-event log saw ${r.events} events`);
            say(` ${r.seconds.toFixed(1)} s (CPU ${r.cpuSeconds.toFixed(1)} s), ${Math.round(r.events / r.seconds).toLocaleString('en-US')} ev/s, peak RSS ${r.peakRssMiB.toFixed(0)} MiB (load ${load})\n`);
            const key = `${store}:${mode}:${events}`;
            const had = byKey.get(key);
            const seconds = Math.min(had?.seconds ?? Infinity, r.seconds);
            byKey.set(key, {
              ...(had ?? { store, mode, events }),
              seconds,
              peakRssMiB: Math.max(had?.peakRssMiB ?? 0, r.peakRssMiB),
              rssBeforeMiB: Math.max(had?.rssBeforeMiB ?? 0, r.rssBeforeMiB),
              load1: seconds === r.seconds ? load : (had?.load1 ?? load),
              roundSeconds: [...(had?.roundSeconds ?? []), Number(r.seconds.toFixed(3))],
              cpuSeconds: Math.min(had?.cpuSeconds ?? Infinity, r.cpuSeconds),
              roundCpuSeconds: [...(had?.roundCpuSeconds ?? []), Number(r.cpuSeconds.toFixed(3))],
            });
            runs.splice(0, runs.length, ...byKey.values());
            save();
          }
          if (withHeap && round === rounds) {
            say(`measuring the heap the center read models retain after ${events.toLocaleString('en-US')} events from ${store} …`);
            const h = await replayInChild(source, 'heap');
            say(` ${(h.retainedHeapMiB ?? 0).toFixed(1)} MiB\n`);
            const key = `${store}:center:${events}`;
            const had = byKey.get(key);
            if (had && h.retainedHeapMiB !== undefined) byKey.set(key, { ...had, retainedHeapMiB: Number(h.retainedHeapMiB.toFixed(1)) });
            runs.splice(0, runs.length, ...byKey.values());
            save();
          }
        }
      }
    }
    save();
    const verdict = verdictOf(runs);
    say('\n' + verdict.table + '\n' + verdict.lines.join('\n') + '\n' + notes.map((n) => `note: ${n}\n`).join(''));
    say(`wrote ${join(outDir, 'scale.html')} and ${join(outDir, 'scale.json')}\n`);
    return verdict.figures;
  },
};

export default bench;
