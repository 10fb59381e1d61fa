import { centerProjection, centerReport } from '@banshi/center-report';
import { exportJsonl, foldProjection, type EventStore } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { generateTaizhou } from './generateTaizhou.js';
import { taizhou2013, taizhou2025 } from './scenario.js';

async function jsonl(store: EventStore): Promise<string> {
  let text = '';
  for await (const chunk of exportJsonl(store.readAll({ upcast: false }))) text += chunk;
  return text;
}

describe('generateTaizhou', () => {
  it('2013: cases arrive at the window, by mail or through agents — the online system was still being tendered', async () => {
    const { store } = await generateTaizhou({ scenario: taizhou2013, seed: 7, cases: 150 });
    const r = centerReport(await foldProjection(store.readAll(), centerProjection), { year: 2013 });
    expect(Object.keys(r.approval.intakeChannels).sort()).toEqual(['agent', 'mail', 'window']);
    expect(r.approval.onlinePattern).toBe(0);
  });

  it('2025: the online hall runs — 网上受理、网上审核、网下办理、网上反馈 — and the seed registers are absent', async () => {
    const { store, stats } = await generateTaizhou({ scenario: taizhou2025, seed: 7, cases: 150 });
    expect(stats.scenario).toBe('taizhou-2025');
    const r = centerReport(await foldProjection(store.readAll(), centerProjection), { year: 2025 });
    expect(r.approval.received).toBe(150);
    expect(r.approval.intakeChannels.online).toBeGreaterThan(50);
    expect(r.approval.onlinePattern).toBeGreaterThan(0);
    expect(r.cleanup).toBeNull();
    expect(r.trading.every((t) => t.deals === 0)).toBe(true);
  });

  it('is deterministic: the same scenario and seed give the same log, byte for byte', async () => {
    const a = await generateTaizhou({ scenario: taizhou2025, seed: 11, cases: 40 });
    const b = await generateTaizhou({ scenario: taizhou2025, seed: 11, cases: 40 });
    expect(await jsonl(a.store)).toBe(await jsonl(b.store));
  });
});
