/** Test-only helper (excluded from the build): a lifecycle machine, its derived table and its decider agree. */
import { DomainError, foldDecider, type Decider, type DomainEvent } from '@banshi/core';
import { expect, it } from 'vitest';
import { transition, type AnyStateMachine } from 'xstate';

/**
 * For every status: the decider state built from `histories[status]` is in that status, the table
 * allows exactly what the machine's pure `transition()` accepts, and where allowed the machine's
 * recorded event and next status equal what the decider produces and folds to.
 */
export function itAgreesWithMachine<S extends string, C extends { readonly type: string }, E extends DomainEvent>(options: {
  readonly machine: AnyStateMachine;
  readonly statuses: readonly S[];
  readonly lifecycle: Readonly<Record<S, readonly string[]>>;
  readonly decider: Decider<{ readonly status: string }, C, E>;
  readonly histories: Readonly<Record<S, readonly E[]>>;
  readonly commands: readonly C[];
}): void {
  const { machine, statuses, lifecycle, decider, histories, commands } = options;
  for (const status of statuses) {
    it(`in ${status}: the table allows exactly what transition() accepts, and the decider agrees on the event and the next status`, () => {
      const state = foldDecider(decider, histories[status]);
      expect(state.status).toBe(status);
      for (const command of commands) {
        const [next, actions] = transition(machine, machine.resolveState({ value: status, context: undefined }), command);
        const allowed = lifecycle[status].includes(command.type);
        expect(actions.length > 0, `${status} × ${command.type}`).toBe(allowed);
        const result = decider.decide(command, state);
        if (!allowed) {
          expect(next.value).toBe(status);
          expect(result).toBeInstanceOf(DomainError);
          continue;
        }
        if (result instanceof DomainError) throw new Error(`${status} × ${command.type}: ${result.message}`);
        expect(actions.map((a) => (a.params as unknown as { event: string }).event)).toEqual(result.map((e) => e.type));
        expect(next.value, `${status} × ${command.type}`).toBe(foldDecider(decider, [...histories[status], ...result]).status);
      }
    });
  }
}
