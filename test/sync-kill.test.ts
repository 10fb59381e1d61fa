/**
 * Issue 8: kill a node mid-batch, restart it, and nothing is lost or duplicated. The node is a
 * real child process whose durable log is a JSONL file (an event is acknowledged once its line
 * is written); it is killed with SIGKILL while it ships, restarted from its file, and drained.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore, toRecorded, type EventStore, type RecordedEvent, type StoredEvent } from '@banshi/core';
import { createSyncCenter, createSyncServer, encodeShipBatch, NODE_HEADER, syncRoutes, type SyncServer } from '@banshi/sync';
import { afterEach, describe, expect, it } from 'vitest';

const TOKEN = 'port-kill-test-secret-0c1d';
const root = new URL('..', import.meta.url).pathname;

// The node program (plain ESM, run through tsx so @banshi/* resolve to their sources).
const nodeProgram = `
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createMemoryStore, importJsonl, toJsonlLine } from '@banshi/core';
import { createHttpTransport, createSyncNode } from '@banshi/sync';
const { LOG_FILE, CENTER_URL, TOKEN, MODE, EVENTS } = process.env;
const store = createMemoryStore({ node: 'port' });
if (existsSync(LOG_FILE)) await importJsonl(store, [readFileSync(LOG_FILE)]);
const node = createSyncNode({ id: 'port', store, batchSize: 40, transport: createHttpTransport({ url: CENTER_URL, nodeId: 'port', token: TOKEN }) });
if (MODE === 'work') {
  const base = await store.headPosition();
  for (let i = 0; i < Number(EVENTS); i++) {
    const r = await store.append('case-port-' + ((base + i) % 17), [{ type: 'Noted', data: { text: 'step ' + (base + i) } }]);
    appendFileSync(LOG_FILE, r.events.map((e) => toJsonlLine(e) + '\\n').join(''));
  }
  process.stdout.write('pushing\\n');
  for (;;) await node.push();
} else {
  const r = await node.push();
  process.stdout.write('drained ' + JSON.stringify(r) + '\\n');
}
`;

function runNode(env: Record<string, string>): { child: ChildProcess; output: Promise<string>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=banshi-source', '--input-type=module', '-e', nodeProgram], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const output = exited.then(() => out + err);
  return { child, output, exited };
}

function waitFor(child: ChildProcess, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (c: Buffer) => {
      seen += c.toString();
      if (seen.includes(text)) resolve();
    });
    child.on('exit', () => reject(new Error(`node exited before printing "${text}"`)));
  });
}

async function all(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

function fileEvents(file: string): RecordedEvent[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.endsWith('}'))
    .map((l) => JSON.parse(l) as RecordedEvent);
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await (cleanups.pop() as () => Promise<void>)();
});

async function startCenter(delayMs: number) {
  const center = createSyncCenter({ store: createMemoryStore({ node: 'center' }), nodes: [{ id: 'port', secret: TOKEN, writes: ['Noted'] }] });
  // Slow the center a little so kills land while batches are in flight.
  const slow = { ...center, ship: async (...args: Parameters<typeof center.ship>) => (await new Promise((r) => setTimeout(r, delayMs)), center.ship(...args)) };
  const server: SyncServer = await createSyncServer(slow, { port: 0, host: '127.0.0.1' });
  cleanups.push(() => server.close());
  return { center, server };
}

describe('a node killed mid-batch', () => {
  it('loses and duplicates nothing across SIGKILLs and restarts (child process, JSONL-backed node)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'banshi-sync-kill-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'port.jsonl');
    const { center, server } = await startCenter(10);
    const env = { LOG_FILE: file, CENTER_URL: server.url, TOKEN, EVENTS: '400' };
    const checkpoints: number[] = [];

    for (let round = 0; round < 3; round++) {
      const run = runNode({ ...env, MODE: 'work' });
      cleanups.push(() => void run.child.kill('SIGKILL'));
      await waitFor(run.child, 'pushing');
      // Each round adds 400 events (10 batches of 40, each held ≥ 10 ms by the center): the kill lands before the push can finish.
      await new Promise((r) => setTimeout(r, 50 + round * 20));
      run.child.kill('SIGKILL');
      expect(await run.exited, await run.output).toBe(null);
      const checkpoint = await center.checkpoint({ nodeId: 'port', token: TOKEN });
      checkpoints.push(checkpoint);
      // Whole batches only: the center holds exactly the positions its checkpoint covers.
      expect(await center.store.headPosition()).toBe(checkpoint);
      expect(checkpoint % 40).toBe(0);
    }
    const acknowledged = fileEvents(file);
    // Each kill left work undone: the center was behind the node's file when it died.
    expect(checkpoints.at(-1)).toBeLessThan(acknowledged.length);

    const drain = runNode({ ...env, MODE: 'drain' });
    expect(await drain.exited, await drain.output).toBe(0);
    const remote = await all(center.store);
    expect(remote.map(toRecorded)).toEqual(acknowledged);
    expect((await center.store.verify()).ok).toBe(true);
  });

  it('applies nothing of a request cut off mid-body, then ships it exactly once', async () => {
    const { center, server } = await startCenter(0);
    const store = createMemoryStore({ node: 'port' });
    for (let i = 0; i < 30; i++) await store.append(`case-port-${i % 4}`, [{ type: 'Noted', data: { text: `step ${i}` } }]);
    const events = (await all(store)).map((e) => ({ position: e.position, event: toRecorded(e) }));
    const body = encodeShipBatch({ fromPosition: 1, toPosition: 30, events });
    await new Promise<void>((resolve) => {
      const req = request(`${server.url}${syncRoutes.ship}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, [NODE_HEADER]: 'port', 'content-length': Buffer.byteLength(body) },
      });
      req.on('error', () => resolve());
      req.write(body.slice(0, Math.floor(body.length / 2)), () => setTimeout(() => req.destroy(), 20));
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(await center.store.headPosition()).toBe(0);
    expect(await center.checkpoint({ nodeId: 'port', token: TOKEN })).toBe(0);

    const { createHttpTransport, createSyncNode } = await import('@banshi/sync');
    const restarted = createSyncNode({ id: 'port', store, transport: createHttpTransport({ url: server.url, nodeId: 'port', token: TOKEN }) });
    expect(await restarted.push()).toMatchObject({ applied: 30, skipped: 0, checkpoint: 30 });
    expect(await restarted.push()).toMatchObject({ batches: 0 });
    expect((await all(center.store)).map((e) => e.id)).toEqual(events.map((e) => e.event.id));
  });
});
