import { DomainError, foldDecider, type DecideContext, type Decider, type DomainEvent } from '@banshi/core';
import { expect } from 'vitest';

/** The `then` half of a {@link deciderSpec} scenario. */
export interface Then<S, E extends DomainEvent> {
  /** The command produced exactly these events (compared deeply, in order). */
  then(expected: readonly E[]): void;
  /** The command was rejected with a `DomainError` whose `code` is `code` (and whose message mentions `rule`, if given). */
  thenRejects(code: string, rule?: string): DomainError;
  /** Inspect the produced events and the state after them. */
  thenState(check: (state: S, events: readonly E[]) => void): void;
}

/**
 * Given/When/Then specs for deciders (Emmett style).
 *
 * @example
 * const spec = deciderSpec(caseDecider);
 * spec.given([received]).when({ type: 'Accept', on: '2013-09-16' }).then([accepted]);
 * spec.given([received, accepted]).when({ type: 'Accept', on: '2013-09-17' }).thenRejects('ALREADY_ACCEPTED');
 * spec.given([accepted]).when(extend, { actor: { id: 'u-1', role: 'clerk' } }).thenRejects('APPROVAL_EXTENSION_NEEDS_HEAD'); // the authenticated actor
 */
export function deciderSpec<S, C, E extends DomainEvent>(decider: Decider<S, C, E>) {
  return {
    given(events: readonly E[]) {
      return {
        when(command: C, context: DecideContext = {}): Then<S, E> {
          const state = foldDecider(decider, events);
          const run = () => decider.decide(command, state, context);
          return {
            then(expected) {
              const result = run();
              if (result instanceof DomainError) throw new Error(`expected events, but the command was rejected: ${result.code} ${result.message}`);
              expect(result).toEqual(expected);
            },
            thenRejects(code, rule) {
              const result = run();
              if (!(result instanceof DomainError)) throw new Error(`expected rejection ${code}, but the command produced ${JSON.stringify(result.map((e) => e.type))}`);
              expect(result.code).toBe(code);
              if (rule !== undefined) expect(result.message).toContain(rule);
              return result;
            },
            thenState(check) {
              const result = run();
              if (result instanceof DomainError) throw new Error(`expected events, but the command was rejected: ${result.code} ${result.message}`);
              check(foldDecider(decider, [...events, ...result]), result);
            },
          };
        },
      };
    },
  };
}
