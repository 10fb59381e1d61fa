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

/**
 * For the catalog's command machines (states over commands, a `record` action naming the event):
 * over random command sequences the decider accepts a command exactly when the machine has a
 * transition for it from the decider's status, records the same event types, and lands where
 * `evolve` lands. A guard the machine does not model (a date order, a count) may make the decider
 * refuse what the machine allows, never the other way round.
 */
export function assertCommandMachineAgrees<S extends { readonly status: string }, C extends { readonly type: string }, E extends DomainEvent>(machine: AnyStateMachine, decider: Decider<S, C, E>, commands: fc.Arbitrary<C>, options: { readonly numRuns?: number; readonly maxLength?: number } = {}): void {
  fc.assert(
    fc.property(fc.array(commands, { maxLength: options.maxLength ?? 10 }), (sequence) => {
      let state = decider.initialState;
      for (const c of sequence) {
        const snap = machine.resolveState({ value: state.status, context: undefined });
        const [next, actions] = transition(machine, snap, c as never);
        const r = decider.decide(c, state);
        if (r instanceof DomainError) continue;
        expect(actions.length, `${state.status} × ${c.type}: the decider accepted what the machine refuses`).toBeGreaterThan(0);
        expect(actions.map((a) => (a.params as { event?: string } | undefined)?.event)).toEqual(r.map((e) => e.type));
        for (const e of r) state = decider.evolve(state, e);
        expect(next.value).toBe(state.status);
      }
    }),
    { numRuns: options.numRuns ?? 300 },
  );
}
