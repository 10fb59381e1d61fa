/**
 * One measured replay of the scale bench, in its own process so that its peak RSS is its own:
 * `scaleReplay.ts <source> [center|read]`. `center` is what `banshi replay --from <source>
 * --report center --year 2013` does (the CLI's own command, run in this process); `read` only
 * reads the log through the same path (`readSource`) and counts, so the store's own memory shows
 * apart from the read models' state; `heap` (run with `node --expose-gc`) folds the center read
 * models as the CLI does and measures the heap still in use after a forced GC with their state
 * alive, with the array buffers still held (`retainedHeapMiB`; `events` is 0 there). Prints one JSON line: events, seconds, CPU seconds (user +
 * system of this process), peak RSS (MiB, from the kernel's high-water mark) and the RSS before the replay.
 */
import { centerProjection } from '@banshi/center-report';
import { main, type CliIO } from '@banshi/cli';
import { foldSource, readSource, sourceSpec } from '../packages/cli/src/_lib/eventSource.js';

const [source, mode = 'center'] = process.argv.slice(2);
if (!source || (mode !== 'center' && mode !== 'read' && mode !== 'heap')) {
  process.stderr.write('usage: scaleReplay.ts <file.jsonl|sqlite:…|postgres://…> [center|read|heap]\n');
  process.exit(2);
}

const mib = (kib: number) => kib / 1024;
const rssBefore = mib(process.resourceUsage().maxRSS);
const out: string[] = [];
const err: string[] = [];
const io: CliIO = { stdinLines: async function* () {}, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd: process.cwd() };
const started = performance.now();
const cpuStarted = process.cpuUsage();
let events = 0;
let retainedHeapMiB: number | undefined;
if (mode === 'heap') {
  // The fold the CLI runs for --report center, then the heap still in use with its state alive.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('scaleReplay.ts heap needs node --expose-gc');
  const state = await foldSource(sourceSpec(source, io), centerProjection);
  gc();
  gc();
  // Array buffers count too: a read model may keep its state in typed arrays (createCompactMap), outside V8's heap.
  const m = process.memoryUsage();
  retainedHeapMiB = (m.heapUsed + m.arrayBuffers) / 2 ** 20;
  if (!state.years) throw new Error('the center fold gave no state');
} else if (mode === 'center') {
  const code = await main(['replay', '--from', source, '--report', 'center', '--year', '2013', '--format', 'json'], io);
  if (code !== 0) {
    process.stderr.write(`banshi replay exited with ${code}: ${err.join('')}\n`);
    process.exit(1);
  }
  events = (JSON.parse(out.join('')) as { events: number }).events;
} else {
  for await (const batch of readSource(sourceSpec(source, io))) events += batch.length;
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(JSON.stringify({ mode, events, seconds, cpuSeconds, peakRssMiB: mib(process.resourceUsage().maxRSS), rssBeforeMiB: rssBefore, ...(retainedHeapMiB === undefined ? {} : { retainedHeapMiB }) }) + '\n');
