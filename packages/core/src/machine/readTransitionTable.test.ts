import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { nextStatusIn, readTransitionTable } from './readTransitionTable.js';

type Status = 'draft' | 'published' | 'withdrawn';
type Ev = { type: 'Published' } | { type: 'Withdrawn' } | { type: 'Edited' };
const statuses: readonly Status[] = ['draft', 'published', 'withdrawn'];

const machine = setup({ types: { events: {} as Ev }, guards: { editable: () => true } }).createMachine({
  id: 'item',
  initial: 'draft',
  states: {
    draft: { on: { Published: 'published', Edited: { guard: 'editable' } } },
    published: { on: { Withdrawn: 'withdrawn' } },
    withdrawn: { type: 'final' },
  },
});

describe('readTransitionTable', () => {
  it('reads targets, self-transitions and named guards in document order', () => {
    const table = readTransitionTable<Status, Ev['type'], 'editable'>(machine, statuses, ['editable']);
    expect(table.draft).toEqual({ Published: [{ target: 'published', guard: undefined }], Edited: [{ target: 'draft', guard: 'editable' }] });
    expect(table.withdrawn).toEqual({});
    expect(nextStatusIn(table, 'draft', 'Edited', () => false)).toBeUndefined();
    expect(nextStatusIn(table, 'draft', 'Edited', () => true)).toBe('draft');
    expect(nextStatusIn(table, 'published', 'Published', () => true)).toBeUndefined();
  });

  it('refuses shapes a table cannot represent, naming the machine', () => {
    expect(() => readTransitionTable(machine, statuses)).toThrow(/item: draft on Edited: only named guards/);
    expect(() => readTransitionTable(machine, ['draft', 'published'] as const, ['editable'])).toThrow(/states that are not statuses: withdrawn/);
    expect(() => readTransitionTable(machine, [...statuses, 'archived'], ['editable'])).toThrow(/no state for status archived/);
    const nested = setup({}).createMachine({ id: 'n', initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } });
    expect(() => readTransitionTable(nested, ['a'])).toThrow(/n: state a must be flat/);
    const inline = setup({ types: { events: {} as { type: 'Go' } } }).createMachine({ id: 'i', initial: 'a', states: { a: { on: { Go: { target: 'a', guard: () => true } } } } });
    expect(() => readTransitionTable(inline, ['a'])).toThrow(/only named guards/);
  });
});
