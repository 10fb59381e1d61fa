/**
 * `pnpm bench http`'s comparison with each server in a process of its own and autocannon in
 * this one (issue 15): round trips per second and the server's CPU per request, both sides,
 * alternating rounds. The bench itself runs both servers and autocannon in one process; this
 * tells how much that shared event loop moves the ratio.
 *
 *   npx tsx --conditions=banshi-source bench/httpLoad.ts [--rounds 5] [--seconds 3] [--synchronous normal|full] [--connections 1,16] [--prefer return=minimal]
 *
 * `BANSHI_SERVE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/p'` passes node options to banshi's server (a profile under load),
 * `BARE_SERVE_ARGS` to the bare route's; `BANSHI_SERVE_DIST=1` serves the built packages (`dist/`) instead of the sources.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { receiveRequests } from './httpApps.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, seconds: { type: 'string', default: '3' }, synchronous: { type: 'string', default: 'normal' }, connections: { type: 'string', default: '1,16' }, prefer: { type: 'string' } } });
/** `--prefer return=minimal`: banshi's short answer (the bare route ignores the header). */
const prefer: Record<string, string> = values.prefer ? { prefer: values.prefer } : {};
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const synchronous = values.synchronous === 'full' ? 'full' : 'normal';
const here = dirname(fileURLToPath(import.meta.url));
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

interface Side {
  readonly url: string;
  ask(): Promise<{ cpuMs: number; requests: number }>;
  close(): Promise<void>;
}
async function spawnSide(side: 'banshi' | 'bare', dir: string): Promise<Side> {
  const child: ChildProcess = fork(join(here, 'httpServe.ts'), [side, synchronous, dir], { execArgv: ['--import', 'tsx', ...(process.env.BANSHI_SERVE_DIST ? [] : ['--conditions=banshi-source']), ...(process.env[side === 'banshi' ? 'BANSHI_SERVE_ARGS' : 'BARE_SERVE_ARGS']?.split(' ') ?? [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`${side} server exited with ${code}`)));
  });
  return {
    url,
    ask: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as { cpuMs: number; requests: number }));
        child.send('cpu');
      }),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send('close');
      }),
  };
}

let serial = 0;
async function round(side: Side, connections: number, headers: Record<string, string> = {}): Promise<{ rps: number; cpuPerRequest: number }> {
  const prefix = `r${serial++}-${Math.random().toString(36).slice(2, 8)}`;
  const before = await side.ask();
  const result = await autocannon({
    url: side.url,
    connections,
    duration: seconds,
    requests: receiveRequests(prefix, headers),
  });
  const after = await side.ask();
  if (result.non2xx + result.errors + result.timeouts > 0) throw new Error('non-2xx answers during the run');
  return { rps: result.requests.average, cpuPerRequest: (after.cpuMs - before.cpuMs) / (after.requests - before.requests) };
}

const dir = mkdtempSync(join(tmpdir(), 'banshi-http-load-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
try {
  const banshi = await spawnSide('banshi', dir);
  const bare = await spawnSide('bare', dir);
  try {
    await round(banshi, 4);
    await round(bare, 4);
    for (const connections of values.connections.split(',').map(Number)) {
      process.stdout.write(`synchronous=${synchronous}, ${connections} client(s), ${rounds} alternating rounds of ${seconds} s, load ${load()} at ${new Date().toISOString()}\n`);
      const ratios: number[] = [];
      const cpu = { banshi: [] as number[], bare: [] as number[] };
      for (let r = 0; r < rounds; r++) {
        const first = r % 2 === 0 ? 'bare' : 'banshi';
        const x = await round(first === 'bare' ? bare : banshi, connections, first === 'bare' ? {} : prefer);
        const y = await round(first === 'bare' ? banshi : bare, connections, first === 'bare' ? prefer : {});
        const [b, h] = first === 'bare' ? [x, y] : [y, x];
        ratios.push(h.rps / b.rps);
        cpu.banshi.push(h.cpuPerRequest);
        cpu.bare.push(b.cpuPerRequest);
        process.stdout.write(`  round ${r + 1}: banshi ${Math.round(h.rps)} req/s ${h.cpuPerRequest.toFixed(3)} ms CPU/req, bare ${Math.round(b.rps)} req/s ${b.cpuPerRequest.toFixed(3)} ms CPU/req, ratio ${(h.rps / b.rps).toFixed(2)} (load ${load()})\n`);
      }
      process.stdout.write(`  median ratio ${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}), server CPU/req banshi ${median(cpu.banshi).toFixed(3)} ms, bare ${median(cpu.bare).toFixed(3)} ms (load ${load()})\n`);
    }
  } finally {
    await banshi.close();
    await bare.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
