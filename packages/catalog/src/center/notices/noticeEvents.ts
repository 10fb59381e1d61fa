import { defineEvent, type EventOf } from '@banshi/core';
import { z } from 'zod';
import { businessDate, identifier, text } from '../../_lib/schemas.js';

/**
 * The notices a trading deal must publish: its announcement (交易公告, before the award) and its
 * result (结果公示, after it).
 *
 * @example
 * noticeKinds; // ['announcement', 'result']
 */
export const noticeKinds = ['announcement', 'result'] as const;

/**
 * A trading notice was published on one or more outlets (`notice-<id>` stream). Each outlet
 * counts once in the 条次 the seed reports ("累计发布1441条次").
 *
 * @example
 * { type: 'TradingNoticePublished', data: { noticeId: 'zc-1-a', dealId: 'zc-1', kind: 'announcement', outlets: ['台州招投标网', '省政府采购网'], publishedOn: '2013-03-01' } }
 */
export const TradingNoticePublished = defineEvent(
  'TradingNoticePublished',
  z.strictObject({ noticeId: identifier, dealId: identifier, kind: z.enum(noticeKinds), outlets: z.array(text).min(1), publishedOn: businessDate }),
);
/**
 * A published notice was withdrawn: it no longer counts as published.
 *
 * @example
 * { type: 'TradingNoticeWithdrawn', data: { noticeId: 'zc-1-a', reason: '信息有误', withdrawnOn: '2013-03-02' } }
 */
export const TradingNoticeWithdrawn = defineEvent('TradingNoticeWithdrawn', z.strictObject({ noticeId: identifier, reason: text, withdrawnOn: businessDate }));

/**
 * The trading-notice event definitions.
 *
 * @example
 * noticeEvents.length; // 2
 */
export const noticeEvents = [TradingNoticePublished, TradingNoticeWithdrawn] as const;
/**
 * An event of a `notice-<id>` stream.
 *
 * @example
 * const e: NoticeEvent = { type: 'TradingNoticeWithdrawn', data: { noticeId: 'n', reason: '信息有误', withdrawnOn: '2013-03-02' } };
 */
export type NoticeEvent = EventOf<typeof noticeEvents>;
