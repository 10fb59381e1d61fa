import { nextStatusIn, readTransitionTable, type TransitionTable } from '@banshi/core';
import type { RequestEvent } from '../events/index.js';
import { requestGuards, type RequestGuard } from './requestGuards.js';
import { requestMachine } from './requestMachine.js';
import { applyRequestEvent, requestStatuses, type RequestState, type RequestStatus } from './requestState.js';

/**
 * The request machine's transition table, read off {@link requestMachine} once at load (core's
 * `readTransitionTable`): for each status and event type, the candidate targets with their guards.
 *
 * @example
 * requestTransitions.received.DisclosureSupplementRequested; // [{ target: 'awaitingSupplement', guard: 'notYetNotified' }]
 */
export const requestTransitions: TransitionTable<RequestStatus, RequestEvent['type'], RequestGuard> = readTransitionTable(
  requestMachine,
  requestStatuses,
  Object.keys(requestGuards) as RequestGuard[],
);

/**
 * The status `event` leads to from `state` per the machine, or `undefined` when the machine does
 * not take it there.
 *
 * @example
 * nextRequestStatus(initialRequestState, received); // 'received'
 */
export function nextRequestStatus(state: RequestState, event: RequestEvent): RequestStatus | undefined {
  return nextStatusIn(requestTransitions, state.status, event.type, (guard) => requestGuards[guard](state, event));
}

/**
 * Folds one request event: the data by `applyRequestEvent`, the status by the machine's table. A
 * stored event the machine would not take keeps the status (a fold is total, design §7).
 *
 * @example
 * const s = evolveRequest(initialRequestState, received); s.status; // 'received'
 */
export function evolveRequest(state: RequestState, event: RequestEvent): RequestState {
  const status = nextRequestStatus(state, event) ?? state.status;
  return { ...applyRequestEvent(state, event), status };
}
