import type { BusinessDate } from '@banshi/calendar';
import type { PublicInfoEvent } from '../events/index.js';
import type { ProactiveCategory, PublicationChannel } from '../labels/index.js';
import type { RuleSetId } from '../rules/index.js';

/**
 * Every status of a proactive-disclosure item: the states of `publicInfoMachine`.
 *
 * @example
 * publicInfoStatuses.includes('withheld'); // true
 */
export const publicInfoStatuses = ['none', 'formed', 'cleared', 'withheld', 'published', 'revoked', 'repealed'] as const;

/**
 * Status of an item: one of {@link publicInfoStatuses}.
 *
 * @example
 * const s: PublicInfoStatus = 'withheld';
 */
export type PublicInfoStatus = (typeof publicInfoStatuses)[number];

/**
 * The state of one proactive-disclosure item.
 *
 * @example
 * foldDecider(createProactiveDecider({ calendar }), events).publishBy; // '2013-09-30'
 */
export interface PublicInfoState {
  readonly status: PublicInfoStatus;
  readonly itemId: string;
  readonly agency: string;
  readonly title: string;
  readonly category: ProactiveCategory | null;
  readonly formedOn: BusinessDate | null;
  readonly publishBy: BusinessDate | null;
  readonly ruleSet: RuleSetId;
  readonly channels: readonly PublicationChannel[];
  readonly publishedOn: BusinessDate | null;
  readonly late: boolean;
  /** Date of the latest event; later commands may not be dated before it. */
  readonly lastOn: BusinessDate | null;
}

/**
 * An item before it is formed.
 *
 * @example
 * initialPublicInfoState.status; // 'none'
 */
export const initialPublicInfoState: PublicInfoState = { status: 'none', itemId: '', agency: '', title: '', category: null, formedOn: null, publishBy: null, ruleSet: '2019', channels: [], publishedOn: null, late: false, lastOn: null };


/**
 * Folds one item event into the item's data, leaving `status` to the machine. Pure and total.
 *
 * @example
 * applyPublicInfoEvent(initialPublicInfoState, formed).formedOn; // '2013-09-02'
 */
export function applyPublicInfoEvent(state: PublicInfoState, event: PublicInfoEvent): PublicInfoState {
  const next = applyData(state, event);
  const on = event.type === 'PublicInfoFormed' ? event.data.formedOn : event.data.on;
  return state.lastOn === null || on > state.lastOn ? { ...next, lastOn: on } : next;
}

function applyData(state: PublicInfoState, event: PublicInfoEvent): PublicInfoState {
  switch (event.type) {
    case 'PublicInfoFormed': {
      const d = event.data;
      return { ...state, itemId: d.itemId, agency: d.agency, title: d.title, category: d.category, formedOn: d.formedOn, publishBy: d.publishBy, ruleSet: d.ruleSet, publishedOn: null, late: false };
    }
    case 'PublicInfoReviewed':
    case 'PublicInfoRevoked':
    case 'PublicInfoRepealed':
      return state;
    case 'PublicInfoPublished': {
      const channels = [...state.channels];
      for (const c of event.data.channels) if (!channels.includes(c)) channels.push(c);
      return { ...state, channels, publishedOn: state.publishedOn ?? event.data.on, late: state.publishedOn === null ? event.data.late : state.late };
    }
  }
}

