/** Test-only helper (excluded from the build): machine–reducer equality over random histories. */
import { DomainError, type Decider, type DomainEvent } from '@banshi/core';
import fc from 'fast-check';
import { expect } from 'vitest';
import { initialTransition, transition, type AnyStateMachine } from 'xstate';

/**
 * For random command sequences: every event the decider emits is one the machine takes, from the
 * status the decider's state is in, to the status `evolve` reaches; and the decider refuses a
 * command whose event the machine would not take.
 */
export function assertMachineAgrees<S extends { readonly status: string }, C, E extends DomainEvent>(machine: AnyStateMachine, decider: Decider<S, C, E>, commands: fc.Arbitrary<C>, options: { readonly numRuns?: number; readonly maxLength?: number } = {}): void {
  fc.assert(
    fc.property(fc.array(commands, { maxLength: options.maxLength ?? 10 }), (sequence) => {
      let state = decider.initialState;
      let [snap] = initialTransition(machine);
      let accepted = 0;
      for (const c of sequence) {
        const r = decider.decide(c, state);
        if (r instanceof DomainError) continue;
        for (const e of r) {
          const [next] = transition(machine, snap, e);
          expect(machine.getTransitionData(snap, e).length, `${String(snap.value)} × ${e.type}`).toBeGreaterThan(0);
          snap = next;
          state = decider.evolve(state, e);
          expect(snap.value).toBe(state.status);
          accepted++;
        }
      }
      return accepted >= 0;
    }),
    { numRuns: options.numRuns ?? 300 },
  );
}
