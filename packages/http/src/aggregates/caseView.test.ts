import { foldDecider, type DomainEvent } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { receive } from '../_lib/testFixture.js';
import { caseLevel, caseView, createEngine, type Engine } from './aggregates.js';

/** A case received and accepted on 2013-09-16, folded by the engine's decider. */
function acceptedCase(engine: Engine) {
  const d = engine.approval;
  const events: DomainEvent[] = [];
  for (const command of [receive('V-1'), { type: 'Accept', on: '2013-09-16', channel: 'window' }]) {
    const decided = d.decide(command as never, foldDecider(d, events), { actor: { id: 'w-07', role: 'clerk' } });
    if (!Array.isArray(decided)) throw decided;
    events.push(...(decided as DomainEvent[]).map((e, i) => ({ ...e, stream: 'case-V-1', version: events.length + i + 1, meta: { actor: { id: 'w-07', role: 'clerk' }, channel: 'window' } })));
  }
  return foldDecider(d, events);
}

describe('caseView', () => {
  it('reads each clock once on the day asked, and its warning level is the one caseLevel gives (unknown when a reading fails)', () => {
    const engine = createEngine();
    let reads = 0;
    const counted: Engine = { ...engine, approval: { ...engine.approval, clockStatus: (...a) => (reads++, engine.approval.clockStatus(...a)) } };
    const state = acceptedCase(engine);
    const running = Object.values(state.data.clocks).filter((c) => c !== null && c !== undefined).length;
    expect(running).toBeGreaterThan(0);
    const levels = new Set<string>();
    // Normal, yellow, red, and a day no clock can be read on (not a real date: every reading throws).
    for (const today of ['2013-09-16', '2013-10-14', '2013-10-17', '2013-11-20', '2013-02-30']) {
      reads = 0;
      const view = caseView(counted, state, { today, mask: false });
      expect(reads, today).toBe(running);
      let expected: string;
      try {
        expected = caseLevel(engine, state, today);
      } catch {
        expected = 'unknown';
      }
      expect(view.warningLevel, today).toBe(expected);
      levels.add(view.warningLevel);
    }
    expect(levels).toEqual(new Set(['normal', 'yellow', 'red', 'unknown']));
  });
});
