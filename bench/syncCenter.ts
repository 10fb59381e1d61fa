/**
 * The center side of `pnpm bench sync` in a process of its own (issue #18): the deployed center and
 * its sub-center nodes run on different machines, so the target figure must not charge the center's
 * receive with the node's read and encode, nor share one event loop and one heap between them.
 * Forked by `sync.bench.ts`, driven over IPC, one request at a time:
 *
 *   { op: 'events', events }  keep the day's recorded events for `bare` (sent once)
 *   { op: 'start', node }     a fresh center (memory store) that knows `node`, behind a sync server → { url }
 *   { op: 'finish' }          → { head, cpuMs } and closes the server: the center's head position and
 *                             this process's CPU time since `start` answered (the receive, all threads)
 *   { op: 'bare' }            importEvents of the events into a fresh store → { imported, seconds, cpuMs }
 *
 * `SYNC_CENTER_ARGS='--cpu-prof --cpu-prof-dir=/tmp/p'` in the bench's environment profiles this side.
 */
import { createMemoryStore, type RecordedEvent } from '@banshi/core';
import { createSyncCenter, createSyncServer, type SyncCenter, type SyncServer } from '@banshi/sync';
import { nodeSha256 } from './_lib/logFixture.js';

export type SyncCenterRequest =
  | { readonly op: 'events'; readonly events: readonly RecordedEvent[] }
  | { readonly op: 'start'; readonly node: { readonly id: string; readonly secret: string } }
  | { readonly op: 'finish' | 'bare' };

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function serve(): void {
  let events: readonly RecordedEvent[] = [];
  let open: { center: SyncCenter; server: SyncServer; cpuMs: number } | undefined;
  const handle = async (m: SyncCenterRequest): Promise<unknown> => {
    switch (m.op) {
      case 'events':
        events = m.events;
        return { count: events.length };
      case 'start': {
        const center = createSyncCenter({ store: createMemoryStore({ node: 'center', hasher: nodeSha256 }), nodes: [{ ...m.node, writes: ['MaterialReceived'] }] });
        const server = await createSyncServer(center, { port: 0, host: '127.0.0.1' });
        open = { center, server, cpuMs: cpuMs() };
        return { url: server.url };
      }
      case 'finish': {
        if (!open) throw new Error('finish without start');
        const spent = cpuMs() - open.cpuMs;
        const head = await open.center.store.headPosition();
        await open.server.close();
        open = undefined;
        return { head, cpuMs: spent };
      }
      case 'bare': {
        const store = createMemoryStore({ node: 'center', hasher: nodeSha256 });
        const c0 = cpuMs();
        const t0 = performance.now();
        const r = await store.importEvents(events);
        const seconds = (performance.now() - t0) / 1000;
        return { imported: r.imported, seconds, cpuMs: cpuMs() - c0 };
      }
    }
  };
  process.on('message', (m: SyncCenterRequest | 'exit') => {
    if (m === 'exit') process.exit(0);
    handle(m).then(
      (answer) => process.send?.({ ok: answer }),
      (err: unknown) => process.send?.({ error: String((err as Error)?.stack ?? err) }),
    );
  });
  process.send?.({ ok: 'ready' });
}

serve();
