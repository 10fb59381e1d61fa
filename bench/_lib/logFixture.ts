import { canonicalJson, eventHash, GENESIS_HASH, type RecordedEvent } from '@banshi/core';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const nodeSha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
export const benchOutDir = join(dirname(fileURLToPath(import.meta.url)), '..', '.out');

/**
 * Writes (once, then reuses) a JSONL log of `count` recorded events with valid hash chains,
 * spread over `streams` streams, built by `make(i)`. Returns the file path.
 */
export function jsonlFixture(name: string, count: number, streams: number, make: (i: number) => { type: string; data: unknown; occurredAt: string }): string {
  mkdirSync(benchOutDir, { recursive: true });
  const file = join(benchOutDir, `${name}-${count}.jsonl`);
  if (existsSync(file)) return file;
  const tmp = file + '.tmp';
  writeFileSync(tmp, '');
  const heads = new Map<string, { version: number; hash: string }>();
  let buf = '';
  for (let i = 0; i < count; i++) {
    const stream = `case-${i % streams}`;
    const head = heads.get(stream);
    const { type, data, occurredAt } = make(i);
    const e: Omit<RecordedEvent, 'hash'> = {
      id: `e${i.toString(36).padStart(8, '0')}`,
      stream,
      version: (head?.version ?? 0) + 1,
      type,
      schema: 1,
      data,
      meta: { occurredAt, recordedAt: occurredAt, actor: { id: 'clerk-7', role: 'clerk' }, channel: 'window', node: 'center' },
    };
    const hash = eventHash(head?.hash ?? GENESIS_HASH, e, nodeSha256);
    heads.set(stream, { version: e.version, hash });
    buf += canonicalJson({ ...e, hash }) + '\n';
    if (buf.length > 1 << 22) {
      appendFileSync(tmp, buf);
      buf = '';
    }
  }
  appendFileSync(tmp, buf);
  renameSync(tmp, file);
  mkdirSync(dirname(file), { recursive: true });
  return file;
}

/**
 * The baseline every JSONL replay is compared with: read the whole file, split lines,
 * `JSON.parse` each. Returns events/s; throws unless it saw `expected` events.
 */
export function bareParseLoop(file: string, expected: number): number {
  const t0 = performance.now();
  const lines = readFileSync(file, 'utf8').split('\n');
  let n = 0;
  for (const line of lines) {
    if (line.length === 0) continue;
    JSON.parse(line);
    n++;
  }
  if (n !== expected) throw new Error(`bare loop saw ${n} events, expected ${expected}`);
  return expected / ((performance.now() - t0) / 1000);
}
