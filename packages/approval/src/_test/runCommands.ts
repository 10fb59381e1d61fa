import { DomainError, type Actor } from '@banshi/core';
import type { ApprovalCommand } from '../commands/index.js';
import type { ApprovalDecider } from '../decider/index.js';
import type { ApprovalEvent } from '../events/index.js';

/** Decides and folds commands one after another as `actor`; throws the first refusal. Returns every event decided. */
export function runCommands(decider: ApprovalDecider, commands: readonly ApprovalCommand[], actor?: Actor): ApprovalEvent[] {
  let state = decider.initialState;
  const out: ApprovalEvent[] = [];
  for (const c of commands) {
    const r = decider.decide(c, state, actor ? { actor } : {});
    if (r instanceof DomainError) throw r;
    for (const e of r) {
      out.push(e);
      state = decider.evolve(state, e);
    }
  }
  return out;
}
