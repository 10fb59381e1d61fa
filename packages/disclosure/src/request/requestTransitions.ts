import { machineTable } from '../_lib/machineTable.js';
import type { RequestCommandType } from './requestCommands.js';
import { requestMachine, requestStatuses, type RequestStatus } from './requestMachine.js';

const table = machineTable(requestMachine, requestStatuses);

/**
 * Which command each request status allows, and the status it leads to, derived once from
 * {@link requestMachine}'s state nodes (the machine is the source of truth; this is its lookup
 * form for the decider). `CheckDue`, handled in every status by the machine's root, is not
 * listed; see {@link allows}.
 *
 * @example
 * requestTransitions.received.RequestSupplement; // 'awaitingSupplement'
 */
export const requestTransitions: { readonly [S in RequestStatus]: Readonly<Partial<Record<RequestCommandType, RequestStatus>>> } = Object.fromEntries(
  requestStatuses.map((status) => [
    status,
    Object.fromEntries(
      Object.entries(table[status]).map(([type, targets]) => {
        if (targets?.length !== 1) throw new TypeError(`requestMachine: ${status} × ${type} must lead to exactly one status`);
        return [type, targets[0]];
      }),
    ),
  ]),
) as { readonly [S in RequestStatus]: Readonly<Partial<Record<RequestCommandType, RequestStatus>>> };

const handledInEveryStatus: readonly string[] = [...requestMachine.root.transitions.keys()];

/**
 * Whether `command` is allowed in `status` by {@link requestMachine} (always true for
 * `CheckDue`, which the machine handles in every status).
 *
 * @example
 * allows('concluded', 'Conclude'); // false
 */
export function allows(status: RequestStatus, command: string): boolean {
  return handledInEveryStatus.includes(command) || Object.hasOwn(requestTransitions[status], command);
}
