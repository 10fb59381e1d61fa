import { DomainError, foldDecider } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { exampleElements } from '../_test/exampleElements.js';
import { itemDecider, type ItemCommand, type ItemState } from './itemDecider.js';
import { standardKinds } from './itemElements.js';
import type { ItemEvent } from './itemEvents.js';
import { cleanupDecisionTypes } from './itemLifecycle.js';
import { itemLifecycle, itemMachine, itemMachineStatuses } from './itemMachine.js';

const elements = exampleElements();
const registered: ItemEvent = { type: 'ItemRegistered', data: { code: 'XK-001', elements, effectiveFrom: '2013-01-01' } };
const published = standardKinds.map((standard): ItemEvent => ({ type: 'ItemStandardPublished', data: { code: 'XK-001', standard, publishedOn: '2013-06-01' } }));
const decided = (decision: (typeof cleanupDecisionTypes)[number]): ItemEvent => ({
  type: 'ItemCleanupDecided',
  data: { code: 'XK-001', campaignId: 'tz-2012', decision, decidedOn: '2013-02-01', reason: '上轮清理', ...(decision === 'delegated' ? { toLevel: 'county' as const } : {}) },
});

/** A real decider state in each status, built from events. */
const histories: Record<(typeof itemMachineStatuses)[number], readonly ItemEvent[]> = {
  unregistered: [],
  registered: [registered],
  standardized: [registered, ...published],
  cancelled: [registered, decided('cancelled')],
  delegated: [registered, decided('delegated')],
  adjusted: [registered, decided('adjusted')],
  retained: [registered, decided('retained')],
};

const decideCleanup = (decision: (typeof cleanupDecisionTypes)[number]): ItemCommand => ({
  type: 'DecideCleanup',
  code: 'XK-001',
  campaignId: 'tz-2013',
  decision,
  decidedOn: '2013-11-30',
  reason: '审改清理',
  ...(decision === 'delegated' ? { toLevel: 'county' as const } : {}),
});
/** Every command, in each of its shapes that the machine routes differently. */
const commands: readonly ItemCommand[] = [
  { type: 'RegisterItem', code: 'XK-001', elements, effectiveFrom: '2013-01-01' },
  { type: 'ReviseItem', code: 'XK-001', elements: { ...elements, promisedLimitDays: 3 }, effectiveFrom: '2013-07-01', reason: '压缩时限' },
  { type: 'PublishStandard', code: 'XK-001', standard: 'service', publishedOn: '2013-12-20' },
  ...cleanupDecisionTypes.map(decideCleanup),
];

const snapshotOf = (state: ItemState) => itemMachine.resolveState({ value: state.status, context: { standards: state.standards } });

describe('itemMachine', () => {
  it('covers every status, and the derived table lists every command type a status handles', () => {
    expect(Object.keys(itemMachine.root.states).sort()).toEqual([...itemMachineStatuses].sort());
    expect(Object.keys(itemLifecycle).sort()).toEqual([...itemMachineStatuses].sort());
    expect(itemLifecycle.cancelled).toEqual([]);
    expect(itemLifecycle.delegated).toEqual([]);
  });

  for (const status of itemMachineStatuses) {
    it(`in ${status}: the table allows exactly what transition() accepts, and the decider agrees on the event and the next status`, () => {
      const state = foldDecider(itemDecider, histories[status]);
      expect(state.status).toBe(status);
      for (const command of commands) {
        const snapshot = snapshotOf(state);
        const [next, actions] = transition(itemMachine, snapshot, command);
        const allowed = itemLifecycle[status].includes(command.type);
        expect(actions.length > 0, `${status} × ${command.type}`).toBe(allowed);
        const result = itemDecider.decide(command, state);
        if (!allowed) {
          expect(next.value).toBe(status);
          expect(result).toBeInstanceOf(DomainError);
          continue;
        }
        if (result instanceof DomainError) throw new Error(`${status} × ${command.type}: ${result.message}`);
        expect(actions.map((a) => (a.params as { event: string }).event)).toEqual(result.map((e) => e.type));
        expect(next.value, `${status} × ${command.type}`).toBe(foldDecider(itemDecider, [...histories[status], ...result]).status);
      }
    });
  }

  it('makes a registered item standardized only with the fourth standard', () => {
    const three = foldDecider(itemDecider, [registered, ...published.slice(0, 3)]);
    const last = standardKinds[standardKinds.length - 1] ?? 'service';
    const [fourth] = transition(itemMachine, snapshotOf(three), { type: 'PublishStandard', code: 'XK-001', standard: last, publishedOn: '2013-12-20' });
    expect(fourth.value).toBe('standardized');
    const [again] = transition(itemMachine, snapshotOf(three), { type: 'PublishStandard', code: 'XK-001', standard: standardKinds[0], publishedOn: '2013-12-20' });
    expect(again.value).toBe('registered');
  });
});
