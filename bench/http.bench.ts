/**
 * `pnpm bench http` (issue 15): command round trips through `@banshi/http` — authenticate,
 * read and fold the stream, check the permission matrix, validate with the package schema,
 * decide, append, answer — on the durable SQLite store, with 1 and 16 concurrent clients
 * (autocannon, loopback only, 3 s per run, 5 alternating rounds, the median round reported),
 * durable (synchronous=full) and synchronous=normal. The baseline, in the same run on the same disk: a
 * bare Hono route on the same kind of store that authenticates the same way, parses the body
 * and appends the same event (see `bareApp` in `httpApps.ts`).
 * Target: ≥ 0.8× the bare route's round trips per second. Also reported, without a target:
 * banshi answering `Prefer: return=minimal` (no events, no case view) on synchronous=normal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '@banshi/http';
import autocannon from 'autocannon';
import type { Benchmark, Figure } from './harness.js';
import { bareApp, banshiApp, receiveRequests, type BenchApp } from './httpApps.js';

const DURATION_S = 3;
/** Alternating rounds per figure; the median round is reported (the machines are shared, so one slow stretch must not decide a figure). */
const ROUNDS = 5;

interface Run {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

async function load(url: string, connections: number, prefix: string, headers: Record<string, string> = {}): Promise<Run> {
  prefix += `-${Math.random().toString(36).slice(2, 8)}`;
  const result = await autocannon({
    url,
    connections,
    duration: DURATION_S,
    requests: receiveRequests(prefix, headers),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors + result.timeouts };
}

/** A side of the bench served on loopback (see `httpApps.ts` for what each side does). */
async function served(app: Promise<BenchApp>): Promise<{ server: RunningServer; close(): Promise<void> }> {
  const a = await app;
  const server = await startServer(a.hono);
  return { server, close: async () => (await server.close(), await a.close()) };
}

const bench: Benchmark = {
  name: 'http',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'banshi-http-bench-'));
    const loadAvg = () => loadavg().map((x) => x.toFixed(2)).join(' ');
    process.stderr.write(`http bench: load average ${loadAvg()} at the start\n`);
    const figures: Figure[] = [];
    try {
      // Durable (synchronous=full, the default): what a hall runs. Then synchronous=normal, where
      // the fsync no longer hides the layer's own CPU cost.
      for (const synchronous of ['full', 'normal'] as const) {
        const banshi = await served(banshiApp(dir, synchronous));
        const bare = await served(bareApp(dir, synchronous));
        try {
          await load(banshi.server.url, 4, `warm-${synchronous}`);
          await load(bare.server.url, 4, `warm-${synchronous}`);
          // The target figures take banshi's default answer (events and the case view). On
          // synchronous=normal a second figure, without a target, takes `Prefer: return=minimal`.
          const variants: readonly (readonly [number, boolean])[] = [[1, false], [16, false], ...(synchronous === 'normal' ? ([[1, true], [16, true]] as const) : [])];
          for (const [connections, minimal] of variants) {
            const prefer: Record<string, string> = minimal ? { prefer: 'return=minimal' } : {};
            const pairs: { b: Run; h: Run }[] = [];
            for (let round = 0; round < ROUNDS; round++) {
              // Alternate which side runs first, so neither always gets the quieter moment.
              const first = round % 2 === 0 ? 'bare' : 'banshi';
              const x = await load((first === 'bare' ? bare : banshi).server.url, connections, `${first}${connections}${synchronous}`, first === 'bare' ? {} : prefer);
              const y = await load((first === 'bare' ? banshi : bare).server.url, connections, `${first === 'bare' ? 'banshi' : 'bare'}${connections}${synchronous}`, first === 'bare' ? prefer : {});
              pairs.push(first === 'bare' ? { b: x, h: y } : { b: y, h: x });
            }
            pairs.sort((p, q) => p.h.rps / p.b.rps - q.h.rps / q.b.rps);
            const { b, h } = pairs[Math.floor(pairs.length / 2)] as { b: Run; h: Run };
            const ratios = pairs.map((p) => p.h.rps / p.b.rps);
            const method = `median of ${ROUNDS} alternating rounds of ${DURATION_S} s`;
            if (pairs.some((p) => p.h.errors || p.b.errors)) throw new Error('non-2xx answers during the run');
            const baseline = `bare Hono route + the same SQLite append (synchronous=${synchronous}), ${connections} client${connections > 1 ? 's' : ''}`;
            const name = `http.command.${synchronous}.c${connections}${minimal ? '.minimal' : ''}`;
            figures.push(
              { name, value: h.rps, unit: 'req/s', baseline, baselineValue: b.rps, ratio: h.rps / b.rps, ...(minimal ? {} : { target: { kind: 'ratio', min: 0.8 } as const }), method, ratioRange: [ratios[0] as number, ratios.at(-1) as number] },
              // autocannon's latencies are whole milliseconds: below 1 ms a ratio says nothing, so none is given.
              { name: `${name}.p50`, value: h.p50, unit: 'ms', baseline, baselineValue: b.p50, ...(b.p50 >= 1 && h.p50 >= 1 ? { ratio: b.p50 / h.p50 } : {}) },
              { name: `${name}.p99`, value: h.p99, unit: 'ms', baseline, baselineValue: b.p99, ...(b.p99 >= 1 && h.p99 >= 1 ? { ratio: b.p99 / h.p99 } : {}) },
            );
          }
        } finally {
          await banshi.close();
          await bare.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      process.stderr.write(`http bench: load average ${loadAvg()} at the end\n`);
    }
    return figures;
  },
};

export default bench;
