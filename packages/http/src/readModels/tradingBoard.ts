import { knownTradingCategory } from '@banshi/catalog';
import type { Projection, StoredEvent } from '@banshi/core';

/**
 * One deal of the public-resource trading board (公共资源交易): what was put to trade, and how it ended.
 *
 * @example
 * const d: TradingDeal = { dealId: 'zc-1', title: '办公设备', category: 'governmentProcurement', label: '政府采购', registeredOn: '2013-03-01', status: 'open', priceFen: null, concludedOn: null, notices: [] };
 */
export interface TradingDeal {
  readonly dealId: string;
  readonly title: string;
  /** A built-in category or the center's own code. */
  readonly category: string;
  readonly label: string;
  readonly registeredOn: string;
  status: 'open' | 'concluded' | 'failed';
  priceFen: number | null;
  concludedOn: string | null;
  /** Live notices (announcement, result) with their outlets and dates; a withdrawn notice leaves the list. */
  notices: { readonly noticeId: string; readonly kind: 'announcement' | 'result'; readonly outlets: readonly string[]; readonly publishedOn: string }[];
}

/**
 * The trading board: every deal with its live notices, keyed by deal id (the announcements page
 * of a public-resource trading center). Personal data: none (deals and notices name projects and
 * organizations only; a winner is not shown).
 *
 * @example
 * const board = foldProjection(store.readAll(), tradingBoard);
 */
export const tradingBoard: Projection<Map<string, TradingDeal>> = {
  name: 'http.tradingBoard',
  types: ['DealRegistered', 'DealConcluded', 'DealFailed', 'TradingNoticePublished', 'TradingNoticeWithdrawn'],
  init: () => new Map(),
  apply(state, e: StoredEvent) {
    const d = e.data as Record<string, unknown>;
    const deal = typeof d.dealId === 'string' ? state.get(d.dealId) : undefined;
    switch (e.type) {
      case 'DealRegistered': {
        const category = d.category as string;
        // A center's own category code has no built-in label: the board shows the code.
        state.set(d.dealId as string, { dealId: d.dealId as string, title: d.title as string, category, label: knownTradingCategory(category)?.label ?? category, registeredOn: d.registeredOn as string, status: 'open', priceFen: null, concludedOn: null, notices: [] });
        break;
      }
      case 'DealConcluded':
        if (deal) Object.assign(deal, { status: 'concluded', priceFen: d.priceFen as number, concludedOn: d.concludedOn as string });
        break;
      case 'DealFailed':
        if (deal) deal.status = 'failed';
        break;
      case 'TradingNoticePublished':
        if (deal && !deal.notices.some((n) => n.noticeId === d.noticeId)) deal.notices.push({ noticeId: d.noticeId as string, kind: d.kind as 'announcement' | 'result', outlets: d.outlets as string[], publishedOn: d.publishedOn as string });
        break;
      case 'TradingNoticeWithdrawn':
        for (const x of state.values()) x.notices = x.notices.filter((n) => n.noticeId !== d.noticeId);
        break;
      default:
        break;
    }
    return state;
  },
};
