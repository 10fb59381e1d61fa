import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { machineTable } from './machineTable.js';

type Events = { type: 'Go' } | { type: 'Stay' } | { type: 'Split'; left: boolean };
const flat = setup({ types: { events: {} as Events }, guards: { left: ({ event }) => event.type === 'Split' && event.left } }).createMachine({
  id: 'flat',
  initial: 'a',
  states: { a: { on: { Go: 'b', Stay: {}, Split: [{ target: 'b', guard: 'left' }, { target: 'c' }] } }, b: { on: { Go: 'c' } }, c: { type: 'final' } },
});

describe('machineTable', () => {
  it('lists every event a state handles with the statuses it may reach; a targetless transition stays', () => {
    expect(machineTable(flat, ['a', 'b', 'c'])).toEqual({ a: { Go: ['b'], Stay: ['a'], Split: ['b', 'c'] }, b: { Go: ['c'] }, c: {} });
  });

  it('refuses a machine whose states are not exactly the statuses', () => {
    expect(() => machineTable(flat, ['a', 'b'])).toThrow(/states that are not statuses: c/);
    expect(() => machineTable(flat, ['a', 'b', 'c', 'd'])).toThrow(/no state for status d/);
  });

  it('refuses nested states, eventless or delayed transitions, and targets that are not statuses', () => {
    const nested = setup({}).createMachine({ id: 'nested', initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } });
    expect(() => machineTable(nested, ['a'])).toThrow(/must be flat/);
    const eventless = setup({}).createMachine({ id: 'eventless', initial: 'a', states: { a: { always: 'b' }, b: {} } });
    expect(() => machineTable(eventless, ['a', 'b'])).toThrow(/must be flat/);
    const delayed = setup({}).createMachine({ id: 'delayed', initial: 'a', states: { a: { after: { 1000: 'b' } }, b: {} } });
    expect(() => machineTable(delayed, ['a', 'b'])).toThrow(/must be flat/);
    const toRoot = setup({ types: { events: {} as { type: 'Reset' } } }).createMachine({ id: 'toRoot', initial: 'a', states: { a: { on: { Reset: '#toRoot' } } } });
    expect(() => machineTable(toRoot, ['a'])).toThrow(/a × Reset targets toRoot, not a status/);
  });
});
