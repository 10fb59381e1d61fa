import { mainlandChinaCalendar } from '@banshi/calendar';
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
export interface TableEdge {
  readonly target: ApprovalStatus;
  readonly guard: ApprovalGuard | undefined;
}

/**
 * For each status and event type, the machine's candidate transitions in document order (first enabled wins, as in xstate).
 *
 * @example
 * approvalTransitionTable.intake.CaseAccepted; // [{ target: 'review', guard: undefined }]
 */
export type TransitionTable = { readonly [S in ApprovalStatus]: Partial<Record<ApprovalEventType, readonly TableEdge[]>> };

/**
 * The machine type {@link createApprovalMachine} returns.
 *
 * @example
 * const m: ApprovalMachine = createApprovalMachine(env);
 */
export type ApprovalMachine = ReturnType<typeof createApprovalMachine>;

const isStatus = (s: string): s is ApprovalStatus => (approvalStatuses as readonly string[]).includes(s);
const isGuard = (s: string): s is ApprovalGuard => Object.hasOwn(approvalGuards, s);

function guardName(guard: unknown, where: string): ApprovalGuard | undefined {
  if (guard === undefined) return undefined;
  const name = typeof guard === 'string' ? guard : typeof guard === 'object' && guard !== null && 'type' in guard && typeof guard.type === 'string' ? guard.type : undefined;
  if (name === undefined || !isGuard(name)) throw new TypeError(`${where}: only named guards from approvalGuards can be read into the transition table`);
  return name;
}

/**
 * Reads the transition table off a machine's state nodes, so the fast `evolve` follows exactly the machine's rules.
 * Throws when the machine uses something the table cannot represent (nested states, inline guards, multiple targets).
 *
 * @example
 * const table = buildTransitionTable(createApprovalMachine(env));
 */
export function buildTransitionTable(machine: ApprovalMachine): TransitionTable {
  const table = {} as Record<ApprovalStatus, Partial<Record<ApprovalEventType, TableEdge[]>>>;
  for (const status of approvalStatuses) table[status] = {};
  for (const node of Object.values(machine.root.states)) {
    if (!isStatus(node.key)) throw new TypeError(`machine state ${node.key} is not an ApprovalStatus`);
    if (Object.keys(node.states).length > 0 || node.always?.length || node.after.length) throw new TypeError(`machine state ${node.key} must be flat, without always/after transitions`);
    for (const [eventType, defs] of node.transitions) {
      table[node.key][eventType as ApprovalEventType] = defs.map((d) => {
        if (d.target && d.target.length > 1) throw new TypeError(`${node.key} on ${eventType}: one target only`);
        const target = d.target?.[0]?.key ?? node.key;
        if (!isStatus(target)) throw new TypeError(`${node.key} on ${eventType}: target ${target} is not an ApprovalStatus`);
        return { target, guard: guardName(d.guard, `${node.key} on ${eventType}`) };
      });
    }
  }
  return table;
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
  const edges = table[state.status][event.type];
  if (edges === undefined) return undefined;
  for (const edge of edges) if (edge.guard === undefined || approvalGuards[edge.guard](state.data, event)) return edge.target;
  return undefined;
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
