import { tradingOutlets } from '../org/taizhouOrg.js';
import { seedFigures } from '../seed/seedFigures.js';
import type { PlannedDeal } from './planTrading.js';
import { officer, type PlanContext } from './tasks.js';

/**
 * Each deal's announcement (on registration) and result notice (on conclusion) on the trading
 * platform; some also in the newspaper or on the provincial procurement site, until the
 * publications reach the seed's 1,441 条次 (seed §二.6). Which notices went to a second outlet is
 * invented: land notices in 台州日报 first, then procurement announcements on 省政府采购网.
 */
export function planNotices(ctx: PlanContext, deals: readonly PlannedDeal[]): void {
  let extra = Number(seedFigures.noticePublications) - deals.length * 2;
  const second = (deal: PlannedDeal, kind: 'announcement' | 'result'): string | undefined => {
    if (extra <= 0) return undefined;
    if (deal.category === 'landTransfer') return (extra--, tradingOutlets.newspaper);
    if (deal.category === 'governmentProcurement' && kind === 'announcement') return (extra--, tradingOutlets.provincialProcurement);
    return undefined;
  };
  const ordered = [...deals].sort((a, b) => (a.category === b.category ? 0 : a.category === 'landTransfer' ? -1 : b.category === 'landTransfer' ? 1 : 0));
  for (const deal of ordered) {
    for (const [kind, day, minute] of [
      ['announcement', deal.registeredOn, 130],
      ['result', deal.concludedOn, 430],
    ] as const) {
      const noticeId = `${deal.dealId}-${kind === 'announcement' ? 'a' : 'r'}`;
      const also = second(deal, kind);
      ctx.tasks.push({
        day,
        minute,
        stream: `notice-${noticeId}`,
        kind: 'notice',
        command: { type: 'PublishTradingNotice', noticeId, dealId: deal.dealId, kind, outlets: also ? [tradingOutlets.platform, also] : [tradingOutlets.platform], publishedOn: day },
        channel: 'online',
        actor: officer,
        node: 'tz-center',
      });
    }
  }
}
