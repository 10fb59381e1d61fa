import { nextStatusIn, readTransitionTable } from '@banshi/core';
import { setup } from 'xstate';
import type { NoticeEvent } from './noticeEvents.js';

/**
 * A trading notice's statuses: none → published → withdrawn.
 *
 * @example
 * noticeStatuses.includes('withdrawn'); // true
 */
export const noticeStatuses = ['none', 'published', 'withdrawn'] as const;
/**
 * One of {@link noticeStatuses}.
 *
 * @example
 * const s: NoticeStatus = 'published';
 */
export type NoticeStatus = (typeof noticeStatuses)[number];

/**
 * The notice lifecycle as an xstate machine over its events (design §3): the single source of
 * truth for which event may follow which status. `evolve` and `decide` read its table.
 *
 * @example
 * noticeTable.published.TradingNoticeWithdrawn; // [{ target: 'withdrawn', guard: undefined }]
 */
export const noticeMachine = setup({ types: { events: {} as NoticeEvent } }).createMachine({
  id: 'tradingNotice',
  initial: 'none',
  states: {
    none: { on: { TradingNoticePublished: 'published' } },
    published: { on: { TradingNoticeWithdrawn: 'withdrawn' } },
    withdrawn: { type: 'final' },
  },
});

/**
 * The transition table read off {@link noticeMachine} once at module load.
 *
 * @example
 * noticeTable.none.TradingNoticePublished?.[0]?.target; // 'published'
 */
export const noticeTable = readTransitionTable<NoticeStatus, NoticeEvent['type']>(noticeMachine, noticeStatuses);

/**
 * Where `type` leads from `status` per the machine, or `undefined` when the machine refuses it.
 *
 * @example
 * nextNoticeStatus('none', 'TradingNoticePublished'); // 'published'
 */
export const nextNoticeStatus = (status: NoticeStatus, type: NoticeEvent['type']): NoticeStatus | undefined => nextStatusIn(noticeTable, status, type, () => true);
