/**
 * CPU per command of `pnpm bench http`'s two sides, in process (issue 15): `app.fetch` without a
 * socket, so neither the load generator nor the kernel's loopback is counted. As on the server:
 * @hono/node-server's Request and Response classes (a server is started once for that), a body
 * framed by Content-Length. Alternating rounds of `--commands` `Receive`s on each side after a
 * warm-up, `process.cpuUsage` per round.
 *
 *   npx tsx --conditions=banshi-source bench/httpCpu.ts [--rounds 5] [--commands 4000] [--warmup 3000] [--synchronous normal|full] [--only banshi|bare] [--prefer return=minimal]
 *
 * With `node --expose-gc --min-semi-space-size=256 --max-semi-space-size=256 --import tsx
 * --conditions=banshi-source bench/httpCpu.ts` it also gives the heap each command allocates (a
 * young generation large enough that no collection runs during 500 commands): a figure the
 * machine's load does not move.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '@banshi/http';
import { Hono } from 'hono';
import { bareApp, banshiApp, receive, TOKEN, type BenchApp } from './httpApps.js';

const { values } = parseArgs({ options: { prefer: { type: 'string' }, rounds: { type: 'string', default: '5' }, commands: { type: 'string', default: '4000' }, synchronous: { type: 'string', default: 'normal' }, only: { type: 'string' }, warmup: { type: 'string', default: '3000' } } });
const rounds = Number(values.rounds);
const commands = Number(values.commands);
const synchronous = values.synchronous === 'full' ? 'full' : 'normal';
// `--prefer return=minimal`: banshi's short answer (the bare route ignores the header).
const prefer: Record<string, string> = values.prefer ? { prefer: values.prefer } : {};

let serial = 0;
async function run(app: BenchApp, n: number): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const id = `c${serial++}`;
    const body = JSON.stringify(receive(id));
    const res = await app.fetch(
      new Request(`http://127.0.0.1/t/tz/cases/${id}/commands`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...prefer },
        body,
      }),
    );
    if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / n;
}

// The server's own Request and Response classes (@hono/node-server installs them when it serves).
await (await startServer(new Hono())).close();
const dir = mkdtempSync(join(tmpdir(), 'banshi-http-cpu-'));
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
try {
  const sides = { banshi: await banshiApp(dir, synchronous), bare: await bareApp(dir, synchronous) };
  const names: readonly ('banshi' | 'bare')[] = values.only === 'banshi' || values.only === 'bare' ? [values.only] : ['banshi', 'bare'];
  for (const name of names) await run(sides[name], Number(values.warmup));
  const ms: Record<string, number[]> = { banshi: [], bare: [] };
  process.stdout.write(`synchronous=${synchronous}, ${commands} commands a round, load ${load()} at ${new Date().toISOString()}\n`);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const name of order) ms[name]?.push(await run(sides[name], commands));
    if (rounds <= 10) process.stdout.write(`round ${r + 1}: ${names.map((n) => `${n} ${ms[n]?.at(-1)?.toFixed(3)} ms`).join(', ')} (load ${load()})\n`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const min = (xs: number[]) => Math.min(...xs);
  // The least of the rounds is the one the machine's other load disturbed least.
  for (const [label, f] of [['median', median], ['least', min]] as const) {
    process.stdout.write(`${label} CPU per command: ${names.map((n) => `${n} ${f(ms[n] ?? []).toFixed(3)} ms`).join(', ')}${names.length === 2 ? `, bare/banshi ${(f(ms.bare ?? []) / f(ms.banshi ?? [])).toFixed(2)}` : ''} (load ${load()} at ${new Date().toISOString()})\n`);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    const kb: string[] = [];
    for (const name of names) {
      gc();
      const before = process.memoryUsage().heapUsed;
      await run(sides[name], 500);
      kb.push(`${name} ${((process.memoryUsage().heapUsed - before) / 500 / 1024).toFixed(1)} KB`);
    }
    process.stdout.write(`heap allocated per command (500 commands, no collection between): ${kb.join(', ')}\n`);
  }
  await sides.banshi.close();
  await sides.bare.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
