import { machineTable } from '../_lib/machineTable.js';
import { publicInfoMachine, publicInfoStatuses } from './publicInfoMachine.js';

/**
 * Which command each item status allows and the statuses it may lead to, derived once from
 * {@link publicInfoMachine}'s state nodes (the machine is the source of truth; this is its lookup
 * form for the decider).
 *
 * @example
 * publicInfoTransitions.formed.ReviewInfo; // ['cleared', 'withheld']
 */
export const publicInfoTransitions = machineTable(publicInfoMachine, publicInfoStatuses);
