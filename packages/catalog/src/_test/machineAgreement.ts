/** Test-only helper (excluded from the build): a lifecycle machine and its decider's fold agree status by status. */
import { foldDecider, type Decider, type DomainEvent } from '@banshi/core';
import { expect, it } from 'vitest';
import { initialTransition, transition, type AnyStateMachine } from 'xstate';

/**
 * The machine has a state for exactly `statuses`, `finals` are its final states, and for every
 * status a real history (`histories[status]`) folds to it through `evolve` and through the
 * machine's pure `transition()` alike.
 */
export function itFoldsLikeTheMachine<S extends string, E extends DomainEvent>(options: {
  readonly machine: AnyStateMachine;
  readonly statuses: readonly S[];
  readonly finals: readonly S[];
  readonly decider: Decider<{ readonly status: string }, never, E>;
  readonly histories: Readonly<Record<S, readonly E[]>>;
}): void {
  const { machine, statuses, finals, decider, histories } = options;
  it('has a state for every status; the final ones are final', () => {
    expect(Object.keys(machine.root.states).sort()).toEqual([...statuses].sort());
    expect(statuses.filter((s) => machine.root.states[s]?.type === 'final')).toEqual([...finals]);
  });
  for (const status of statuses) {
    it(`reaches ${status} through evolve and through transition() alike`, () => {
      let [snap] = initialTransition(machine);
      for (const e of histories[status]) [snap] = transition(machine, snap, e as never);
      expect(snap.value).toBe(status);
      expect(foldDecider(decider, histories[status]).status).toBe(status);
    });
  }
}
