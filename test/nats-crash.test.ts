/**
 * Issue 17: a single JetStream server (what a sub-center's leaf node runs, R1) SIGKILLed ten
 * times under four writers: every append the store acknowledged is there after the restart,
 * once, in per-stream order, and the chains verify. (An operating-system crash is another
 * matter: see the README on `sync_interval`.)
 */
import { StoreUnavailableError, type StoredEvent } from '@banshi/core';
import { createNatsStore, type NatsStore } from '@banshi/store-nats';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, natsServerBin, seeded, startServer, stopAll, waitFor } from './fixtures/nats-servers.js';

const stores: NatsStore[] = [];
afterAll(async () => {
  for (const s of stores) await s.close().catch(() => undefined);
  await stopAll();
});

describe.runIf(natsServerBin)('one JetStream server killed under writers', () => {
  it('keeps every acknowledged append through 10 SIGKILLs of an R1 server', async () => {
    const random = seeded(2013);
    const server = await startServer({ name: 'single', port: await freePort() });
    const store = await createNatsStore({ servers: server.url, stream: 'SINGLE', timeoutMs: 4000 });
    stores.push(store);
    const acked: { stream: string; ids: string[] }[] = [];
    let stop = false;
    const writer = async (w: number) => {
      const versions = new Map<string, number>();
      for (let n = 0; !stop && n < 100_000; n++) {
        const stream = `case-w${w}-${n % 7}`;
        const ids = [`w${w}-${n}-a`, `w${w}-${n}-b`].slice(0, 1 + (n % 2));
        const version = versions.get(stream) ?? 0;
        for (let attempt = 0; !stop || attempt === 0; attempt++) {
          try {
            const r = await store.append(
              stream,
              ids.map((id) => ({ id, type: 'Noted', data: { text: id } })),
              { expectedVersion: version === 0 ? 'no-stream' : version },
            );
            versions.set(stream, r.nextExpectedVersion);
            acked.push({ stream, ids });
            break;
          } catch (err) {
            if (!(err instanceof StoreUnavailableError)) throw err;
            if (stop) return;
          }
        }
      }
    };
    const writers = Promise.all([0, 1, 2, 3].map(writer));
    const counts: number[] = [];
    for (let k = 0; k < 10; k++) {
      // Kill at a random moment once the writers are appending again.
      const before = acked.length;
      expect(await waitFor(() => acked.length > before + 20, 30_000, 20)).toBe(true);
      await new Promise((r) => setTimeout(r, random() * 300));
      counts.push(acked.length);
      await server.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 100 + random() * 300));
      await server.start();
    }
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await writers;
    expect(new Set(counts).size).toBe(10); // writers made progress between every two kills

    const all: StoredEvent[] = [];
    for await (const e of store.readAll()) all.push(e);
    const byId = new Map(all.map((e) => [e.id, e]));
    expect(byId.size).toBe(all.length);
    for (const a of acked) {
      const versions = a.ids.map((id) => byId.get(id)?.version);
      expect(versions.every((v) => v !== undefined)).toBe(true);
    }
    expect(await store.verify()).toMatchObject({ ok: true, events: all.length });
  }, 120_000);
});
