/** Test-only helper (excluded from the build): machine–reducer equality over random histories. */
import { DomainError, foldDecider, type Decider, type DomainEvent } from '@banshi/core';
import fc from 'fast-check';
import { expect } from 'vitest';
import { initialTransition, transition, type AnyStateMachine } from 'xstate';
import { catalogErrorCodes } from '../errors/index.js';
import { catalogRegistry } from '../events/index.js';

/**
 * A business date between 2012 and 2015, as `YYYY-MM-DD`: random dates make the deciders' date
 * rules (order, in-force versions) take both branches.
 */
export const anyDay: fc.Arbitrary<string> = fc
  .integer({ min: Date.UTC(2012, 0, 1) / 86_400_000, max: Date.UTC(2015, 11, 31) / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

/**
 * Machine–reducer equality for one catalog lifecycle, over random command sequences (with random
 * dates), and the invariants of design §7 that a decider alone can break:
 * - every event `decide` emits passes its strict schema (nothing is appended that cannot be
 *   stored), the machine takes it from the status the decider is in, and lands on the status
 *   `evolve` reaches (with the same data, when the machine folds data into its context);
 * - a refusal is a `DomainError` with a `CATALOG_` code and changes nothing;
 * - the fold is total and equal to the machine on ANY order of those events, accepted or not
 *   (an event the machine refuses changes nothing);
 * - replay is deterministic and a snapshot plus the tail equals the full replay.
 */
export function assertMachineReducerEquality<S extends { readonly status: string }, C, E extends DomainEvent>(options: {
  readonly machine: AnyStateMachine;
  readonly decider: Decider<S, C, E>;
  readonly commands: fc.Arbitrary<C>;
  /** The machine's context for a decider state, when the machine keeps one (its guards read it). */
  readonly context?: (state: S) => unknown;
  readonly numRuns?: number;
  readonly maxLength?: number;
}): { accepted: number; refused: number } {
  const { machine, decider, context } = options;
  const seen = { accepted: 0, refused: 0 };
  const agree = (snap: { value: unknown; context: unknown }, state: S, where: string): void => {
    expect(snap.value, where).toBe(state.status);
    if (context) expect(snap.context, where).toEqual(context(state));
  };
  fc.assert(
    fc.property(fc.array(options.commands, { maxLength: options.maxLength ?? 12 }), fc.infiniteStream(fc.integer({ min: 0, max: 1_000 })), (sequence, shuffle) => {
      let state = decider.initialState;
      let [snap] = initialTransition(machine);
      const emitted: E[] = [];
      for (const command of sequence) {
        const result = decider.decide(command, state, { actor: { id: 'officer', role: 'officer' } });
        if (result instanceof DomainError) {
          expect(catalogErrorCodes as readonly string[]).toContain(result.code);
          seen.refused++;
          continue;
        }
        for (const event of result) {
          expect(() => catalogRegistry.validate(event.type, event.data), `${event.type} passes its schema`).not.toThrow();
          expect(machine.getTransitionData(snap, event as never).length, `${String(snap.value)} × ${event.type}: decide emitted what the machine refuses`).toBeGreaterThan(0);
          [snap] = transition(machine, snap, event as never);
          state = decider.evolve(state, event);
          agree(snap, state, `after ${event.type}`);
          emitted.push(event);
          seen.accepted++;
        }
      }
      // Replay: deterministic, and snapshot + tail = full replay.
      expect(foldDecider(decider, emitted)).toEqual(state);
      const cut = emitted.length === 0 ? 0 : shuffle.next().value % (emitted.length + 1);
      expect(emitted.slice(cut).reduce((s, e) => decider.evolve(s, e), foldDecider(decider, emitted.slice(0, cut)))).toEqual(state);
      // Any order of the same events: the fold never throws and stays equal to the machine.
      const order = emitted.map((e) => ({ e, k: shuffle.next().value })).sort((a, b) => a.k - b.k);
      let anyState = decider.initialState;
      let [anySnap] = initialTransition(machine);
      for (const { e } of order) {
        [anySnap] = transition(machine, anySnap, e as never);
        anyState = decider.evolve(anyState, e);
        agree(anySnap, anyState, `reordered ${e.type}`);
      }
    }),
    { numRuns: options.numRuns ?? 300 },
  );
  return seen;
}
