import { foldDecider } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { exampleElements } from '../_test/exampleElements.js';
import { itFoldsLikeTheMachine } from '../_test/machineAgreement.js';
import { itemDecider } from './itemDecider.js';
import { standardKinds } from './itemElements.js';
import type { ItemEvent } from './itemEvents.js';
import { cleanupDecisionTypes } from './itemLifecycle.js';
import { itemMachine, itemMachineStatuses, itemTable, nextItemStatus } from './itemMachine.js';

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

describe('itemMachine', () => {
  itFoldsLikeTheMachine({ machine: itemMachine, statuses: itemMachineStatuses, finals: ['cancelled', 'delegated'], decider: itemDecider, histories });

  it('the transition table names its guards, and the decision’s guard picks the status', () => {
    expect(itemTable.registered.ItemStandardPublished).toEqual([{ target: 'standardized', guard: 'completesStandards' }, { target: 'registered', guard: undefined }]);
    expect(itemTable.standardized.ItemStandardPublished).toEqual([{ target: 'standardized', guard: undefined }]);
    for (const decision of cleanupDecisionTypes) expect(nextItemStatus('registered', foldDecider(itemDecider, [registered]), decided(decision))).toBe(decision);
    expect(itemTable.cancelled).toEqual({});
  });

  it('makes a registered item standardized only with the fourth standard', () => {
    const three = foldDecider(itemDecider, [registered, ...published.slice(0, 3)]);
    const last = standardKinds[standardKinds.length - 1] ?? 'service';
    const publish = (standard: (typeof standardKinds)[number]): ItemEvent => ({ type: 'ItemStandardPublished', data: { code: 'XK-001', standard, publishedOn: '2013-12-20' } });
    const { status, ...data } = three;
    const snapshot = itemMachine.resolveState({ value: status, context: data });
    const [fourth] = transition(itemMachine, snapshot, publish(last));
    expect(fourth.value).toBe('standardized');
    expect(itemDecider.evolve(three, publish(last)).status).toBe('standardized');
    const [again] = transition(itemMachine, snapshot, publish(standardKinds[0]));
    expect(again.value).toBe('registered');
    expect(itemDecider.evolve(three, publish(standardKinds[0])).status).toBe('registered');
  });
});
