import { mainlandChinaCalendar } from '@banshi/calendar';
import { nextStatusIn, readTransitionTable, type TableEdge as CoreTableEdge, type TransitionTable as CoreTransitionTable } from '@banshi/core';
import type { ApprovalEvent, ApprovalEventType } from '../events/index.js';
import { resolveRules } from '../rules/index.js';
import type { ApprovalEnv, ApprovalState } from '../state/index.js';
import { approvalGuards, type ApprovalGuard } from './approvalGuards.js';
import { approvalStatuses, createApprovalMachine, type ApprovalStatus } from './approvalMachine.js';

/**
 * One candidate transition read off the machine: where it goes and the named guard it needs.
 *
 * @example
 * const e: TableEdge = { target: 'review', guard: undefined };
 */
export type TableEdge = CoreTableEdge<ApprovalStatus, ApprovalGuard>;

/**
 * For each status and event type, the machine's candidate transitions in document order (first enabled wins, as in xstate).
 *
 * @example
 * approvalTransitionTable.intake.CaseAccepted; // [{ target: 'review', guard: undefined }]
 */
export type TransitionTable = CoreTransitionTable<ApprovalStatus, ApprovalEventType, ApprovalGuard>;

/**
 * The machine type {@link createApprovalMachine} returns.
 *
 * @example
 * const m: ApprovalMachine = createApprovalMachine(env);
 */
export type ApprovalMachine = ReturnType<typeof createApprovalMachine>;

const guardNames = Object.keys(approvalGuards) as ApprovalGuard[];

/**
 * Reads the transition table off a machine's state nodes (core's `readTransitionTable`), so the fast `evolve` follows
 * exactly the machine's rules. Throws when the machine uses something the table cannot represent (nested states, inline
 * guards, multiple targets).
 *
 * @example
 * const table = buildTransitionTable(createApprovalMachine(env));
 */
export function buildTransitionTable(machine: ApprovalMachine): TransitionTable {
  return readTransitionTable<ApprovalStatus, ApprovalEventType, ApprovalGuard>(machine, approvalStatuses, guardNames);
}

let defaultEnv: ApprovalEnv | undefined;
const lazyDefaultEnv = (): ApprovalEnv => (defaultEnv ??= { calendar: mainlandChinaCalendar(), rules: resolveRules() });

/**
 * The approval machine over the mainland-China calendar and the default rules (the calendar is built on first use).
 *
 * @example
 * getShortestPaths(approvalMachine, { events: … });
 */
export const approvalMachine: ApprovalMachine = createApprovalMachine(lazyDefaultEnv);

/**
 * The transition table of {@link approvalMachine}, built once at module load.
 *
 * @example
 * approvalTransitionTable.review.CaseDecided; // [{ target: 'decided', guard: 'reviewConcluded' }]
 */
export const approvalTransitionTable: TransitionTable = buildTransitionTable(approvalMachine);

/**
 * The status `event` leads to from `state` per the machine (guards judged on the state's data), or `undefined` when the
 * machine does not accept the event there.
 *
 * @example
 * nextStatus(state, { type: 'CaseAccepted', data: { on: '2013-09-16', channel: 'window', inPerson: true } }); // 'review'
 */
export function nextStatus(state: ApprovalState<ApprovalStatus>, event: ApprovalEvent, table: TransitionTable = approvalTransitionTable): ApprovalStatus | undefined {
  return nextStatusIn(table, state.status, event.type, (guard) => approvalGuards[guard](state.data, event));
}

/**
 * Whether the machine has any transition for `eventType` in `status`, guards aside.
 *
 * @example
 * acceptsEventType('closed', 'CaseWithdrawn'); // false
 */
export function acceptsEventType(status: ApprovalStatus, eventType: ApprovalEventType, table: TransitionTable = approvalTransitionTable): boolean {
  return table[status][eventType] !== undefined;
}
