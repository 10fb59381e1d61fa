import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { lifecycleTable } from './lifecycleTable.js';

const base = setup({ types: { events: {} as { type: 'Go' } | { type: 'Stop' } } });

describe('lifecycleTable', () => {
  it('lists each status’s command types in document order', () => {
    const machine = base.createMachine({ id: 'flat', initial: 'a', states: { a: { on: { Stop: 'b', Go: 'b' } }, b: { type: 'final' } } });
    expect(lifecycleTable(machine, ['a', 'b'])).toEqual({ a: ['Stop', 'Go'], b: [] });
  });

  it('refuses a machine whose states are not exactly the statuses', () => {
    const machine = base.createMachine({ id: 'flat', initial: 'a', states: { a: { on: { Go: 'b' } }, b: {} } });
    expect(() => lifecycleTable(machine, ['a'])).toThrow(/states that are not statuses: b/);
    expect(() => lifecycleTable(machine, ['a', 'b', 'c'])).toThrow(/no state for status c/);
  });

  it('refuses nested states and eventless transitions, which a flat table cannot express', () => {
    const nested = base.createMachine({ id: 'nested', initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } });
    expect(() => lifecycleTable(nested, ['a'])).toThrow(/state a must be flat/);
    const eventless = base.createMachine({ id: 'eventless', initial: 'a', states: { a: { always: 'b' }, b: {} } });
    expect(() => lifecycleTable(eventless, ['a', 'b'])).toThrow(/state a must be flat/);
  });
});
