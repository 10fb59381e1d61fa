import { arbAppends } from '@banshi/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../envelope/index.js';
import { createMemoryStore } from '../store/memoryStore.js';
import type { EventStore } from '../store/types.js';
import { exportJsonl, importJsonl, verifyJsonl } from './index.js';

async function build(appends: readonly { stream: string; events: readonly NewEvent[] }[]): Promise<EventStore> {
  let t = Date.UTC(2013, 0, 1);
  const s = createMemoryStore({ now: () => new Date((t += 1000)) });
  for (const a of appends) await s.append(a.stream, a.events);
  return s;
}

async function text(s: EventStore): Promise<string> {
  let out = '';
  for await (const c of exportJsonl(s.readAll())) out += c;
  return out;
}

describe('JSONL properties', () => {
  it('export → import → export is byte-identical', async () => {
    await fc.assert(
      fc.asyncProperty(arbAppends(), async (appends) => {
        const original = await text(await build(appends));
        const copy = createMemoryStore();
        await importJsonl(copy, [original]);
        expect(await text(copy)).toBe(original);
      }),
      { numRuns: 40 },
    );
  });

  it('any single changed byte makes verify fail at that event', async () => {
    await fc.assert(
      fc.asyncProperty(arbAppends({ maxAppends: 8 }), fc.nat(), fc.integer({ min: 1, max: 255 }), async (appends, at, delta) => {
        const log = await text(await build(appends));
        const bytes = new TextEncoder().encode(log);
        const i = at % (bytes.length - 1); // the final newline is the only byte whose change is harmless
        const changed = bytes.slice();
        changed[i] = ((bytes[i] as number) + delta) % 256;
        const lineOfByte = new TextDecoder().decode(bytes.slice(0, i)).split('\n').length;
        const report = await verifyJsonl([changed]);
        expect(report.ok).toBe(false);
        if (!report.ok) {
          // A changed newline joins two lines (the break is at the first); any other byte breaks its own line.
          expect(report.break.line).toBe(lineOfByte);
        }
      }),
      { numRuns: 150 },
    );
  });
});
