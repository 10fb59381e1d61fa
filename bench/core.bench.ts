import { createMemoryStore, eventHash, GENESIS_HASH, replayJsonl, type NewEvent } from '@banshi/core';
import { createReadStream } from 'node:fs';
import type { Benchmark, Figure } from './harness.js';
import { bareParseLoop, jsonlFixture, nodeSha256 } from './_lib/logFixture.js';

const EVENTS = 100_000;
const STREAMS = 10_000;
const REPLAY = 1_000_000;

function newEvent(i: number): NewEvent {
  return { type: 'MaterialReceived', data: { itemCode: `XK-${i % 897}`, pages: i % 13, title: '营业执照副本' }, meta: { channel: 'window', occurredAt: '2013-09-16T01:00:00.000Z' } };
}

const append: Benchmark = {
  name: 'core.memory.append',
  async run(): Promise<Figure[]> {
    const events = Array.from({ length: EVENTS }, (_, i) => newEvent(i));
    // Baseline: the irreducible work of an append — hash the canonical event and keep it.
    const baselineRun = () => {
      const heads = new Map<string, string>();
      const kept: unknown[] = [];
      const t0 = performance.now();
      for (let i = 0; i < EVENTS; i++) {
        const stream = `case-${i % STREAMS}`;
        const e = { id: `x${i}`, stream, version: 1, type: 'MaterialReceived', schema: 1, data: events[i]?.data, meta: { occurredAt: '2013-09-16T01:00:00.000Z', recordedAt: '2013-09-16T01:00:00.000Z', actor: { id: 'system', role: 'system' }, channel: 'window' as const, node: 'center' } };
        const hash = eventHash(heads.get(stream) ?? GENESIS_HASH, e, nodeSha256);
        heads.set(stream, hash);
        kept.push({ ...e, hash });
      }
      return EVENTS / ((performance.now() - t0) / 1000);
    };
    const storeRun = async () => {
      const store = createMemoryStore({ hasher: nodeSha256 });
      const t0 = performance.now();
      for (let i = 0; i < EVENTS; i++) await store.append(`case-${i % STREAMS}`, [events[i] as NewEvent]);
      return EVENTS / ((performance.now() - t0) / 1000);
    };
    baselineRun();
    await storeRun();
    const baseline = Math.max(baselineRun(), baselineRun());
    const value = Math.max(await storeRun(), await storeRun());
    return [{ name: 'core.memory.append (100k events, 10k streams)', value, unit: 'events/s', baseline: 'hash + keep loop', baselineValue: baseline, ratio: value / baseline }];
  },
};

const replay: Benchmark = {
  name: 'core.jsonl.replay',
  async run(): Promise<Figure[]> {
    const file = jsonlFixture('core-replay', REPLAY, 50_000, (i) => ({
      type: i % 5 === 0 ? 'CaseAccepted' : 'MaterialReceived',
      data: { itemCode: `XK-${i % 897}`, pages: i % 13, title: '营业执照副本' },
      occurredAt: new Date(Date.UTC(2013, 0, 1) + i * 30_000).toISOString(),
    }));
    const bare = () => bareParseLoop(file, REPLAY);
    const ours = async () => {
      const t0 = performance.now();
      const { state } = await replayJsonl(createReadStream(file, { highWaterMark: 1 << 20 }), { name: 'count', init: () => ({ n: 0 }), apply: (s) => (s.n++, s) });
      if (state.n !== REPLAY) throw new Error(`replay saw ${state.n} events`);
      return REPLAY / ((performance.now() - t0) / 1000);
    };
    bare();
    await ours();
    const baseline = Math.max(bare(), bare());
    const value = Math.max(await ours(), await ours());
    return [
      { name: 'core.jsonl.replay (1M events → counting projection)', value, unit: 'events/s', baseline: 'readFileSync + split + JSON.parse', baselineValue: baseline, ratio: value / baseline, target: { kind: 'ratio', min: 0.9 } },
    ];
  },
};

export default [append, replay];
