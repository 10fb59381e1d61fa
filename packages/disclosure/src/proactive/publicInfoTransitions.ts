import { nextStatusIn, readTransitionTable, type TransitionTable } from '@banshi/core';
import type { PublicInfoEvent } from '../events/index.js';
import { publicInfoGuards, type PublicInfoGuard } from './publicInfoGuards.js';
import { publicInfoMachine } from './publicInfoMachine.js';
import { applyPublicInfoEvent, publicInfoStatuses, type PublicInfoState, type PublicInfoStatus } from './publicInfoState.js';

/**
 * The item machine's transition table, read off {@link publicInfoMachine} once at load (core's
 * `readTransitionTable`).
 *
 * @example
 * publicInfoTransitions.formed.PublicInfoReviewed; // [{ target: 'cleared', guard: 'reviewPublishes' }, { target: 'withheld', guard: undefined }]
 */
export const publicInfoTransitions: TransitionTable<PublicInfoStatus, PublicInfoEvent['type'], PublicInfoGuard> = readTransitionTable(
  publicInfoMachine,
  publicInfoStatuses,
  Object.keys(publicInfoGuards) as PublicInfoGuard[],
);

/**
 * The status `event` leads to from `state` per the machine, or `undefined` when it does not take it there.
 *
 * @example
 * nextPublicInfoStatus(initialPublicInfoState, formed); // 'formed'
 */
export function nextPublicInfoStatus(state: PublicInfoState, event: PublicInfoEvent): PublicInfoStatus | undefined {
  return nextStatusIn(publicInfoTransitions, state.status, event.type, (guard) => publicInfoGuards[guard](state, event));
}

/**
 * Folds one item event: the data by `applyPublicInfoEvent`, the status by the machine's table (a
 * stored event the machine would not take keeps the status: a fold is total).
 *
 * @example
 * evolvePublicInfo(initialPublicInfoState, formed).status; // 'formed'
 */
export function evolvePublicInfo(state: PublicInfoState, event: PublicInfoEvent): PublicInfoState {
  const status = nextPublicInfoStatus(state, event) ?? state.status;
  return { ...applyPublicInfoEvent(state, event), status };
}
