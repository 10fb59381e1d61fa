import { DomainError, foldDecider, foldProjection } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { toLog } from '../../_test/toLog.js';
import { dealDecider, type DealCommand } from '../trading/dealDecider.js';
import { noticeDecider, type NoticeCommand } from './noticeDecider.js';
import type { NoticeEvent } from './noticeEvents.js';
import { noticeMachine } from './noticeMachine.js';
import { noticeFigures, tradingNotices } from './tradingNotices.js';

const command: fc.Arbitrary<NoticeCommand> = fc.oneof(
  fc.record({ type: fc.constant('PublishTradingNotice' as const), noticeId: fc.constant('n1'), dealId: fc.constant('d1'), kind: fc.constantFrom('announcement' as const, 'result' as const), outlets: fc.constantFrom<string[]>(['台州招投标网'], ['台州招投标网', '台州日报']), publishedOn: fc.constantFrom('2013-03-01', '2013-03-05') }),
  fc.record({ type: fc.constant('WithdrawTradingNotice' as const), noticeId: fc.constant('n1'), reason: fc.constant('信息有误'), withdrawnOn: fc.constantFrom('2013-03-01', '2013-03-08') }),
);

describe('trading notices', () => {
  it('machine and reducer agree over random histories: what decide accepts, the machine takes to the status evolve reaches', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 8 }), (commands) => {
        let state = noticeDecider.initialState;
        let [snap] = initialTransition(noticeMachine);
        for (const c of commands) {
          const r = noticeDecider.decide(c, state);
          if (r instanceof DomainError) continue;
          for (const e of r as NoticeEvent[]) {
            [snap] = transition(noticeMachine, snap, e);
            state = noticeDecider.evolve(state, e);
            expect(snap.value).toBe(state.status);
          }
        }
      }),
    );
  });

  it('refuses unknown keys and impossible dates, and a second publication of one notice', () => {
    expect(noticeDecider.decide({ type: 'PublishTradingNotice', noticeId: 'n', dealId: 'd', kind: 'result', outlets: ['台州日报'], publishedOn: '2013-02-30' }, noticeDecider.initialState)).toBeInstanceOf(DomainError);
    expect(noticeDecider.decide({ type: 'PublishTradingNotice', noticeId: 'n', dealId: 'd', kind: 'result', outlets: ['台州日报'], publishedOn: '2013-02-28', extra: 1 } as NoticeCommand, noticeDecider.initialState)).toBeInstanceOf(DomainError);
    const published = foldDecider(noticeDecider, [{ type: 'TradingNoticePublished', data: { noticeId: 'n', dealId: 'd', kind: 'result', outlets: ['台州日报'], publishedOn: '2013-02-28' } }]);
    const again = noticeDecider.decide({ type: 'PublishTradingNotice', noticeId: 'n', dealId: 'd', kind: 'result', outlets: ['台州日报'], publishedOn: '2013-03-01' }, published);
    expect(again instanceof DomainError && again.code).toBe('CATALOG_NOTICE_ALREADY_PUBLISHED');
  });

  it('counts 条次 per outlet and the publication rate over the notices concluded deals require', async () => {
    const deals: { stream: string; command: DealCommand }[] = ['d1', 'd2'].flatMap((dealId) => [
      { stream: `deal-${dealId}`, command: { type: 'RegisterDeal', dealId, category: 'other', title: 't', node: 'center', registeredOn: '2013-03-01' } as DealCommand },
      { stream: `deal-${dealId}`, command: { type: 'ConcludeDeal', dealId, priceFen: 100, concludedOn: '2013-03-10' } as DealCommand },
    ]);
    const log = toLog(dealDecider, deals);
    const notice = (noticeId: string, dealId: string, kind: 'announcement' | 'result', outlets: string[]) => ({ stream: `notice-${noticeId}`, command: { type: 'PublishTradingNotice', noticeId, dealId, kind, outlets, publishedOn: '2013-03-02' } as NoticeCommand });
    toLog(noticeDecider, [notice('a1', 'd1', 'announcement', ['台州招投标网', '台州日报']), notice('r1', 'd1', 'result', ['台州招投标网']), notice('a2', 'd2', 'announcement', ['台州招投标网']), notice('r2', 'd2', 'result', ['台州招投标网']), { stream: 'notice-r2', command: { type: 'WithdrawTradingNotice', noticeId: 'r2', reason: '信息有误', withdrawnOn: '2013-03-12' } }], log);
    const f = noticeFigures(await foldProjection(log, tradingNotices));
    expect(f).toEqual({ notices: 3, outletPublications: 5, byOutlet: { 台州招投标网: 4, 台州日报: 1 }, required: 4, published: 3 });
  });
});
