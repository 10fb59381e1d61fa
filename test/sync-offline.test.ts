/**
 * Issue 8 offline: a window terminal keeps accepting cases while its link is down; events
 * carry the business time (occurredAt) and reach the center later. Deadlines run from
 * occurredAt, so a case received offline on Friday is not a day late when the link comes back
 * on Monday.
 */
import { createEventRegistry, createMemoryStore, type EventDefinition, type EventStore } from '@banshi/core';
import { mainlandChinaCalendar, statutoryClock, toShanghaiDate } from '@banshi/calendar';
import { createInProcessTransport, createSyncCenter, createSyncNode, syncEvents, type SyncTransport } from '@banshi/sync';
import { contractRegistry } from '@banshi/testing';
import { describe, expect, it } from 'vitest';

const registry = createEventRegistry([contractRegistry.get('Noted') as EventDefinition, ...syncEvents]);
const rules = { decision: { limit: 20, unit: 'workingDays', basis: '行政许可法 第四十二条' } } as const;
const calendar = mainlandChinaCalendar();

/** The decision deadline of a case, derived from its stream (design §2: deadlines are derived). */
async function decisionDue(store: EventStore, stream: string): Promise<string | null> {
  const [received] = await store.readStream(stream, { toVersion: 1 });
  if (!received) throw new Error(`${stream} not found`);
  return statutoryClock({ calendar, start: toShanghaiDate(received.meta.occurredAt), limit: rules.decision.limit }).dueDate;
}

describe('offline window terminal', () => {
  it('a case received offline on Friday keeps its Friday deadline when it reaches the center on Monday', async () => {
    let terminalNow = new Date('2013-11-15T16:40:00+08:00'); // Friday afternoon
    const centerNow = new Date('2013-11-18T09:05:00+08:00'); // Monday morning
    const center = createSyncCenter({
      store: createMemoryStore({ registry, node: 'center', now: () => centerNow }),
      nodes: [{ id: 'window-07', secret: 'window-07-secret', writes: ['Noted'] }],
      now: () => centerNow,
    });
    let online = false;
    const inner = createInProcessTransport(center, { nodeId: 'window-07', token: 'window-07-secret' });
    const link: SyncTransport = {
      checkpoint: () => (online ? inner.checkpoint() : Promise.reject(new Error('offline'))),
      ship: (b) => (online ? inner.ship(b) : Promise.reject(new Error('offline'))),
      pull: (r) => (online ? inner.pull(r) : Promise.reject(new Error('offline'))),
    };
    const terminal = createSyncNode({ id: 'window-07', store: createMemoryStore({ registry, node: 'window-07', now: () => terminalNow }), transport: link });

    await terminal.store.append('case-TZ-2013-000123', [{ type: 'Noted', data: { text: 'received and accepted at the window' } }], { expectedVersion: 'no-stream' });
    await expect(terminal.push()).rejects.toThrow('offline');
    const dueAtTerminal = await decisionDue(terminal.store, 'case-TZ-2013-000123');

    terminalNow = centerNow;
    online = true;
    const shipped = await terminal.push();
    expect(shipped.applied).toBe(1);
    expect(toShanghaiDate(shipped.receivedAt as string)).toBe('2013-11-18');

    const [atCenter] = await center.store.readStream('case-TZ-2013-000123');
    expect(toShanghaiDate(atCenter?.meta.occurredAt as string)).toBe('2013-11-15');
    expect(await decisionDue(center.store, 'case-TZ-2013-000123')).toBe(dueAtTerminal);
    expect(dueAtTerminal).toBe(calendar.addWorkingDays('2013-11-15', rules.decision.limit));
    // Counting from the day the center received it would have cost the applicant a working day.
    expect(calendar.addWorkingDays(toShanghaiDate(shipped.receivedAt as string), rules.decision.limit)).not.toBe(dueAtTerminal);
    expect(calendar.workingDaysBetween(dueAtTerminal as string, calendar.addWorkingDays('2013-11-18', rules.decision.limit))).toBe(1);
  });
});
