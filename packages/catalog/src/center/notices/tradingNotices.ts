import type { Projection, StoredEvent } from '@banshi/core';
import type { DealEvent } from '../trading/tradingEvents.js';
import { noticeKinds, type NoticeEvent } from './noticeEvents.js';

/**
 * State of {@link tradingNotices}.
 *
 * @example
 * const s: TradingNoticesState = await foldProjection(store.readAll(), tradingNotices);
 */
export interface TradingNoticesState {
  /** Live (not withdrawn) notices per deal and kind: `${dealId}/${kind}` → notice count. */
  readonly live: Map<string, number>;
  readonly notices: Map<string, { readonly dealId: string; readonly kind: (typeof noticeKinds)[number] }>;
  readonly concluded: Set<string>;
  /** Publications per outlet (一条公告在一个媒体上发布一次 = 一条次). */
  readonly byOutlet: Record<string, number>;
}

const types = ['DealConcluded', 'TradingNoticePublished', 'TradingNoticeWithdrawn'] as const satisfies readonly (DealEvent | NoticeEvent)['type'][];

/**
 * Trading notices: publications per outlet (the seed's 条次) and the publication rate (信息公开率):
 * of the notices every concluded deal must publish — its announcement and its result — how many
 * are published and not withdrawn. A plain reducer; read it with {@link noticeFigures}.
 *
 * @example
 * noticeFigures(await foldProjection(store.readAll(), tradingNotices)); // { notices: 1292, outletPublications: 1441, required: 1292, published: 1292, … }
 */
export const tradingNotices: Projection<TradingNoticesState> = {
  name: 'catalog.tradingNotices',
  types,
  init: () => ({ live: new Map(), notices: new Map(), concluded: new Set(), byOutlet: {} }),
  apply(state, stored: StoredEvent) {
    const event = stored as unknown as DealEvent | NoticeEvent;
    switch (event.type) {
      case 'DealConcluded':
        state.concluded.add(event.data.dealId);
        break;
      case 'TradingNoticePublished': {
        const d = event.data;
        if (state.notices.has(d.noticeId)) break;
        state.notices.set(d.noticeId, { dealId: d.dealId, kind: d.kind });
        const key = `${d.dealId}/${d.kind}`;
        state.live.set(key, (state.live.get(key) ?? 0) + 1);
        for (const outlet of d.outlets) state.byOutlet[outlet] = (state.byOutlet[outlet] ?? 0) + 1;
        break;
      }
      case 'TradingNoticeWithdrawn': {
        const n = state.notices.get(event.data.noticeId);
        if (!n) break;
        state.notices.delete(event.data.noticeId);
        const key = `${n.dealId}/${n.kind}`;
        const left = (state.live.get(key) ?? 1) - 1;
        if (left > 0) state.live.set(key, left);
        else state.live.delete(key);
        break;
      }
      default:
        break;
    }
    return state;
  },
  snapshot: (state) => structuredClone({ live: [...state.live], notices: [...state.notices], concluded: [...state.concluded], byOutlet: state.byOutlet }),
  restore: (snapshot) => {
    const s = structuredClone(snapshot as { live: [string, number][]; notices: [string, { dealId: string; kind: (typeof noticeKinds)[number] }][]; concluded: string[]; byOutlet: Record<string, number> });
    return { live: new Map(s.live), notices: new Map(s.notices), concluded: new Set(s.concluded), byOutlet: s.byOutlet };
  },
};

/**
 * The notice figures: live notices, publications (条次) in all, per outlet, and the notices the
 * concluded deals required against those published.
 *
 * @example
 * const f = noticeFigures(state);
 * formatPercent(f.published, f.required); // '100.0%'
 */
export function noticeFigures(state: TradingNoticesState): { notices: number; outletPublications: number; byOutlet: Record<string, number>; required: number; published: number } {
  let published = 0;
  for (const dealId of state.concluded) for (const kind of noticeKinds) if ((state.live.get(`${dealId}/${kind}`) ?? 0) > 0) published++;
  return {
    notices: state.notices.size,
    outletPublications: Object.values(state.byOutlet).reduce((a, b) => a + b, 0),
    byOutlet: { ...state.byOutlet },
    required: state.concluded.size * noticeKinds.length,
    published,
  };
}
