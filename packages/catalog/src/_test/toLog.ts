import { DomainError, type Decider, type DomainEvent, type StoredEvent } from '@banshi/core';

/**
 * Test-only helper (excluded from the build and the package): runs commands through a decider per stream (skipping rejected ones)
 * and returns the accepted events as a global log of stored-event shapes (no hashes), the way
 * a projection sees them.
 */
/** Who the fixture log says acted: the signed-in actor every command is decided for. */
export const TEST_ACTOR = { id: 'test', role: 'clerk' } as const;

export function toLog<S, C, E extends DomainEvent>(decider: Decider<S, C, E>, commands: Iterable<{ readonly stream: string; readonly command: C }>, log: StoredEvent[] = []): StoredEvent[] {
  const states = new Map<string, { state: S; version: number }>();
  for (const { stream, command } of commands) {
    const slot = states.get(stream) ?? { state: decider.initialState, version: 0 };
    const result = decider.decide(command, slot.state, { actor: TEST_ACTOR });
    if (result instanceof DomainError) continue;
    for (const e of result) {
      slot.state = decider.evolve(slot.state, e);
      slot.version++;
      log.push({
        id: `${stream}:${slot.version}`,
        stream,
        version: slot.version,
        position: log.length + 1,
        type: e.type,
        schema: 1,
        data: e.data,
        meta: { occurredAt: '2013-06-01T00:00:00.000Z', recordedAt: '2013-06-01T00:00:00.000Z', actor: TEST_ACTOR, channel: 'system', node: 'center' },
        hash: '',
      });
    }
    states.set(stream, slot);
  }
  return log;
}
