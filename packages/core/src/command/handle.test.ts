import { describe, expect, it } from 'vitest';
import { createMemoryStore, DomainError, handle, type DecideContext, type Decider } from '../index.js';

type Said = { type: 'Said'; data: { by: string } };
/** Records who asked, as `decide` was told: the authenticated actor, never a field of the command. */
const echo: Decider<number, { say: true; by?: string }, Said> = {
  initialState: 0,
  decide: (_c, _s, context?: DecideContext) => (context?.actor ? [{ type: 'Said', data: { by: `${context.actor.id}/${context.actor.role}` } }] : new DomainError('ANONYMOUS', 'who is asking?')),
  evolve: (s) => s + 1,
};

describe('handle() passes the authenticated actor to decide (design §7)', () => {
  it('decide sees meta.actor — the actor recorded on the events — and nothing from the command body', async () => {
    const store = createMemoryStore();
    const r = await handle(store, 's-1', { say: true, by: 'head' }, echo, { meta: { actor: { id: 'w-7', role: 'clerk' } } });
    expect(r.events.map((e) => [e.data, e.meta.actor])).toEqual([[{ by: 'w-7/clerk' }, { id: 'w-7', role: 'clerk' }]]);
  });

  it('without meta.actor, decide gets no actor', async () => {
    await expect(handle(createMemoryStore(), 's-1', { say: true }, echo)).rejects.toMatchObject({ code: 'ANONYMOUS' });
  });
});
