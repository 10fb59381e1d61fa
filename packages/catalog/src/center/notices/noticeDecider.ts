import { DomainError, type Decider } from '@banshi/core';
import { z } from 'zod';
import { assertNever } from '../../_lib/assertNever.js';
import { parseCommand } from '../../_lib/parseCommand.js';
import { reject } from '../../_lib/reject.js';
import { businessDate, identifier, text } from '../../_lib/schemas.js';
import { noticeKinds, type NoticeEvent } from './noticeEvents.js';
import { nextNoticeStatus, type NoticeStatus } from './noticeMachine.js';

/**
 * Commands of a `notice-<id>` stream.
 *
 * @example
 * noticeCommandSchema.parse({ type: 'WithdrawTradingNotice', noticeId: 'n', reason: '信息有误', withdrawnOn: '2013-03-02' });
 */
export const noticeCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('PublishTradingNotice'), noticeId: identifier, dealId: identifier, kind: z.enum(noticeKinds), outlets: z.array(text).min(1), publishedOn: businessDate }),
  z.strictObject({ type: z.literal('WithdrawTradingNotice'), noticeId: identifier, reason: text, withdrawnOn: businessDate }),
]);
/**
 * A command of a `notice-<id>` stream.
 *
 * @example
 * const c: NoticeCommand = { type: 'WithdrawTradingNotice', noticeId: 'n', reason: '信息有误', withdrawnOn: '2013-03-02' };
 */
export type NoticeCommand = z.infer<typeof noticeCommandSchema>;

/**
 * What the notice decider knows.
 *
 * @example
 * foldDecider(noticeDecider, events).status; // 'published'
 */
export interface NoticeState {
  readonly status: NoticeStatus;
  readonly noticeId: string | null;
  readonly publishedOn: string | null;
}

const eventOf = { PublishTradingNotice: 'TradingNoticePublished', WithdrawTradingNotice: 'TradingNoticeWithdrawn' } as const satisfies Record<NoticeCommand['type'], NoticeEvent['type']>;

/**
 * Decider of a `notice-<id>` stream: publish a deal's announcement or result notice on its outlets,
 * or withdraw it. The machine's table says what may follow what; `evolve` takes its target there.
 *
 * @example
 * await handle(store, 'notice-zc-1-a', { type: 'PublishTradingNotice', noticeId: 'zc-1-a', dealId: 'zc-1', kind: 'announcement', outlets: ['台州招投标网'], publishedOn: '2013-03-01' }, noticeDecider);
 */
export const noticeDecider: Decider<NoticeState, NoticeCommand, NoticeEvent> = {
  initialState: { status: 'none', noticeId: null, publishedOn: null },
  decide(input, state) {
    const command = parseCommand(noticeCommandSchema, input);
    if (command instanceof DomainError) return command;
    const id = command.noticeId;
    if (state.noticeId !== null && id !== state.noticeId) return reject('CATALOG_NOTICE_NOT_PUBLISHED', `this stream holds notice ${state.noticeId}, not ${id}: send it to notice-${id}`, 'tradingNotices');
    if (nextNoticeStatus(state.status, eventOf[command.type]) === undefined) {
      if (state.status === 'none') return reject('CATALOG_NOTICE_NOT_PUBLISHED', `notice ${id} was never published: publish it first (PublishTradingNotice)`, 'tradingNotices');
      if (state.status === 'published') return reject('CATALOG_NOTICE_ALREADY_PUBLISHED', `notice ${id} is already published: add outlets as a new notice id`, 'tradingNotices');
      return reject('CATALOG_NOTICE_WITHDRAWN', `notice ${id} was withdrawn: publish a corrected notice under a new id`, 'tradingNotices');
    }
    switch (command.type) {
      case 'PublishTradingNotice': {
        const { type: _type, ...data } = command;
        return [{ type: 'TradingNoticePublished', data: { ...data, outlets: [...new Set(data.outlets)] } }];
      }
      case 'WithdrawTradingNotice':
        if (state.publishedOn !== null && command.withdrawnOn < state.publishedOn) {
          return reject('CATALOG_NOTICE_WITHDRAWN', `notice ${id} was published on ${state.publishedOn}: withdraw it on that day or later, not ${command.withdrawnOn}`, 'tradingNotices');
        }
        return [{ type: 'TradingNoticeWithdrawn', data: { noticeId: id, reason: command.reason, withdrawnOn: command.withdrawnOn } }];
      default:
        return assertNever(command, 'notice command');
    }
  },
  evolve(state, event) {
    const status = nextNoticeStatus(state.status, event.type) ?? state.status;
    switch (event.type) {
      case 'TradingNoticePublished':
        return { status, noticeId: event.data.noticeId, publishedOn: event.data.publishedOn };
      case 'TradingNoticeWithdrawn':
        return { ...state, status };
      default:
        return assertNever(event, 'notice event');
    }
  },
};
