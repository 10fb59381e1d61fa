/**
 * Crash test (issue 6): a child process appends in a loop and prints every acknowledged
 * append; it is killed with SIGKILL at random moments; after each kill the file is reopened
 * and every acknowledged event must be there, at its position, in order, with the hash chain
 * intact. (SIGKILL loses the process, not the OS page cache: this tests crash consistency,
 * not power loss.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '@banshi/core';
import { createSqliteStore } from '@banshi/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, onLines, spawnFixture } from './fixtures/sqlite-raw.js';

const dir = mkdtempSync(join(tmpdir(), 'banshi-sqlite-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ack {
  readonly stream: string;
  readonly version: number;
  readonly position: number;
  readonly id: string;
}

const KILLS = 22;

describe('SQLite store under SIGKILL', () => {
  it(`keeps every acknowledged event, in order, across ${KILLS} kills at random moments`, async () => {
    const path = join(dir, 'crash.db');
    const acked: Ack[] = [];
    let killedMidRun = 0;
    // The next writer starts (tsx, imports) while the current one runs, and waits for "go".
    let next = spawnFixture('sqlite-crash-writer.ts', [path, 'r0']);
    for (let round = 0; round < KILLS; round++) {
      const child = next;
      if (round + 1 < KILLS) next = spawnFixture('sqlite-crash-writer.ts', [path, `r${round + 1}`]);
      let stderr = '';
      child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
      let ready!: () => void;
      const isReady = new Promise<void>((r) => (ready = r));
      const before = acked.length;
      onLines(child, (line) => {
        if (line === 'ready') return ready();
        const [tag, stream, ...events] = line.split(' ');
        if (tag !== 'ack' || stream === undefined) return;
        for (const e of events) {
          const [version, position, id] = e.split(':');
          acked.push({ stream, version: Number(version), position: Number(position), id: id as string });
        }
      });
      const exit = exited(child);
      child.stdin?.write('go\n');
      await Promise.race([isReady, exit]);
      await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 250)));
      child.kill('SIGKILL');
      const { signal } = await exit;
      expect(signal, `writer ended on its own: ${stderr}`).toBe('SIGKILL');
      if (acked.length > before) killedMidRun++;

      const store = createSqliteStore(path);
      const byId = new Map<string, StoredEvent>();
      let last = 0;
      for await (const e of store.readAll({ batchSize: 5000 })) {
        expect(e.position).toBeGreaterThan(last);
        last = e.position;
        byId.set(e.id, e);
      }
      for (const a of acked) {
        const e = byId.get(a.id);
        expect(e, `acknowledged ${a.id} lost after kill ${round + 1}`).toBeDefined();
        expect({ stream: e?.stream, version: e?.version, position: e?.position }).toEqual({ stream: a.stream, version: a.version, position: a.position });
      }
      expect(await store.verify()).toMatchObject({ ok: true });
      await store.close();
    }
    expect(killedMidRun).toBeGreaterThanOrEqual(KILLS / 2);
    expect(acked.length).toBeGreaterThan(KILLS * 5);
  }, 120_000);
});
