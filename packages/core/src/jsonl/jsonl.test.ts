import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEventRegistry, defineEvent } from '../registry/index.js';
import { createMemoryStore } from '../store/memoryStore.js';
import { exportJsonl, importJsonl, readJsonl, replayJsonl, verifyJsonl } from './index.js';
import { JsonlLineError, ValidationError } from '../errors/index.js';
import { atSourceIndex } from '../store/adapterKit.js';
import type { RecordedEvent } from '../envelope/index.js';
import { canonicalJson } from '../_lib/canonicalJson.js';
import type { EventStore } from '../store/types.js';

const registry = createEventRegistry([defineEvent('Noted', z.object({ text: z.string() }))]);

async function sampleStore(n = 6): Promise<EventStore> {
  const s = createMemoryStore({ registry, now: () => new Date('2013-09-16T01:00:00.000Z') });
  for (let i = 0; i < n; i++) await s.append(`case-${i % 3}`, [{ type: 'Noted', data: { text: `第${i}件 办理` } }]);
  return s;
}

async function exportText(s: EventStore): Promise<string> {
  let out = '';
  for await (const c of exportJsonl(s.readAll())) out += c;
  return out;
}

/** Splits text into chunks of `size` bytes, cutting through multi-byte characters on purpose. */
function chunked(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

describe('JSONL logs', () => {
  it('exports one canonical line per event, without positions, and imports back byte-identically', async () => {
    const text = await exportText(await sampleStore());
    expect(text.split('\n')).toHaveLength(7);
    expect(text).not.toContain('"position"');
    const copy = createMemoryStore({ registry });
    const r = await importJsonl(copy, chunked(text, 7));
    expect(r).toMatchObject({ imported: 6, skipped: 0, torn: undefined, lines: 6 });
    expect(await exportText(copy)).toBe(text);
  });

  it('reads chunks that split lines and UTF-8 characters anywhere', async () => {
    const text = await exportText(await sampleStore(20));
    for (const size of [1, 3, 17, 4096]) {
      const reader = readJsonl(chunked(text, size));
      const seen: number[] = [];
      for await (const e of reader.events()) seen.push(e.position);
      expect(seen).toEqual([...Array(20).keys()].map((i) => i + 1));
    }
  });

  it('stops at a torn last line, imports every complete event and reports the byte offset', async () => {
    const text = await exportText(await sampleStore());
    const cut = text.length - 40;
    const torn = text.slice(0, cut);
    const lastNl = torn.lastIndexOf('\n') + 1;
    const copy = createMemoryStore({ registry });
    const r = await importJsonl(copy, [torn]);
    expect(r.imported).toBe(5);
    expect(r.torn).toEqual({ byteOffset: new TextEncoder().encode(torn.slice(0, lastNl)).length, bytes: new TextEncoder().encode(torn.slice(lastNl)).length, line: 6 });
    expect((await copy.verify()).ok).toBe(true);
  });

  it('rejects a corrupted line in the middle naming line and reason, and imports nothing', async () => {
    const lines = (await exportText(await sampleStore())).split('\n');
    lines[2] = (lines[2] as string).slice(0, 30) + '}';
    const copy = createMemoryStore({ registry });
    const err = await importJsonl(copy, [lines.join('\n')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JsonlLineError);
    expect(err).toMatchObject({ line: 3, code: 'CORE_JSONL_LINE' });
    expect((err as JsonlLineError).byteOffset).toBe(new TextEncoder().encode(lines.slice(0, 2).join('\n') + '\n').length);
    expect(await copy.headPosition()).toBe(0);
  });

  it('names the line and byte offset of a bad event for a store that buffers the whole source first', async () => {
    // 70,000 events (more than one block of the offset table) with a blank line every 1,000.
    const text = await exportText(await sampleStore(70_000));
    const lines = text.trimEnd().split('\n');
    const withBlanks = lines.flatMap((l, i) => (i % 1000 === 999 ? [l, ''] : [l]));
    const badIndex = 66_666;
    const memory = createMemoryStore({ registry });
    // A store in the manner of store-postgres: it reads everything, then names the bad event by its index.
    const buffering: EventStore = {
      ...memory,
      async importEvents(source) {
        const all: RecordedEvent[] = [];
        for await (const e of source) all.push(e);
        throw atSourceIndex(new ValidationError(`event ${badIndex} is bad`), badIndex);
      },
    };
    const err = await importJsonl(buffering, chunked(withBlanks.join('\n') + '\n', 65536)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JsonlLineError);
    const line = badIndex + 1 + Math.floor(badIndex / 1000);
    expect(err).toMatchObject({ line });
    expect((err as JsonlLineError).byteOffset).toBe(new TextEncoder().encode(withBlanks.slice(0, line - 1).join('\n') + '\n').length);
  });

  it('rejects a line whose payload breaks its schema, naming the line', async () => {
    const lines = (await exportText(await sampleStore())).split('\n');
    const bad = JSON.parse(lines[1] as string) as { data: { text: unknown } };
    bad.data.text = 5;
    lines[1] = canonicalJson(bad);
    const copy = createMemoryStore({ registry });
    await expect(importJsonl(copy, [lines.join('\n')])).rejects.toMatchObject({ line: 2, message: expect.stringContaining('data.text') });
    expect(await copy.headPosition()).toBe(0);
  });

  it('rejects a line whose hash does not chain, naming the line', async () => {
    const lines = (await exportText(await sampleStore())).split('\n');
    const forged = JSON.parse(lines[3] as string) as { data: { text: unknown } };
    forged.data.text = 'forged';
    const forgedLines = [...lines];
    forgedLines[3] = canonicalJson(forged);
    const copy = createMemoryStore({ registry });
    await expect(importJsonl(copy, [forgedLines.join('\n')])).rejects.toMatchObject({ line: 4, message: expect.stringContaining('hash mismatch') });
    expect(await copy.headPosition()).toBe(0);
  });

  it('imports a line whose keys were reordered (same content, same hash) and writes it back canonical; verify names it', async () => {
    const text = await exportText(await sampleStore());
    const lines = text.split('\n');
    const e = JSON.parse(lines[2] as string) as Record<string, unknown>;
    lines[2] = JSON.stringify(Object.fromEntries(Object.entries(e).reverse()));
    const copy = createMemoryStore({ registry });
    expect((await importJsonl(copy, [lines.join('\n')])).imported).toBe(6);
    expect(await exportText(copy)).toBe(text);
    const report = await verifyJsonl([lines.join('\n')]);
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.break).toMatchObject({ line: 3, reason: expect.stringContaining('canonical form') });
  });

  it('replays through a projection with positions equal to the event index', async () => {
    const text = await exportText(await sampleStore(9));
    const { state, summary } = await replayJsonl(chunked(text, 50), { name: 'n', init: () => [] as number[], apply: (st, e) => (st.push(e.position), st) });
    expect(state).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(summary).toMatchObject({ events: 9, lines: 9, torn: undefined });
  });

  it('verifies a log and names the first bad line', async () => {
    const text = await exportText(await sampleStore());
    expect(await verifyJsonl([text])).toMatchObject({ ok: true, events: 6, streams: 3 });
    const lines = text.split('\n');
    const e = JSON.parse(lines[4] as string) as { version: number };
    e.version = 9;
    lines[4] = canonicalJson(e);
    const report = await verifyJsonl([lines.join('\n')]);
    expect(report.ok).toBe(false);
    if (!report.ok) expect(report.break).toMatchObject({ line: 5, reason: 'stream version out of sequence' });
  });
});
