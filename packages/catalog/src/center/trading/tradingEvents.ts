import { defineEvent, type EventOf } from '@banshi/core';
import { z } from 'zod';
import { businessDate, count, fen, identifier, text } from '../../_lib/schemas.js';

/**
 * Public-resource trading categories (公共资源交易) and how the center reports each, one
 * definition per category:
 * `savings` — what savings are measured against (节约资金 = reference − price): `marketPrice`
 * for government procurement (the seed gives 总市场价 and 总中标价, no budget), `budget` (招标控制价)
 * for construction tenders (the seed gives 节省资金 and 总中标价); `null`: no savings reported.
 * `rateBasis` — the denominator of the savings rate (节约率): `reference` (savings / the reference
 * total) for procurement, `award` (savings / winning price) for construction, as the seed's
 * 10.5 % = 8.73 / 83.2 shows. The seed's procurement rate (16 %) fits no basis: 0.51 / 2.93 =
 * 17.4 % on the market price, 0.51 / 2.42 = 21.1 % on the winning price; banshi prints 17.4 %.
 * `area` — the category records 出让面积.
 *
 * @example
 * tradingCategories.constructionTender.rateBasis; // 'award'
 */
export const tradingCategories = {
  governmentProcurement: { label: '政府采购', savings: 'marketPrice', rateBasis: 'reference', area: false },
  constructionTender: { label: '工程建设招投标', savings: 'budget', rateBasis: 'award', area: false },
  landTransfer: { label: '土地交易', savings: null, rateBasis: null, area: true },
  stateProperty: { label: '国有产权交易', savings: null, rateBasis: null, area: false },
  other: { label: '其它公共资源', savings: null, rateBasis: null, area: false },
} as const satisfies Record<string, { label: string; savings: 'marketPrice' | 'budget' | null; rateBasis: 'reference' | 'award' | null; area: boolean }>;

/**
 * The category names in report order.
 *
 * @example
 * tradingCategoryNames[0]; // 'governmentProcurement'
 */
export const tradingCategoryNames = ['governmentProcurement', 'constructionTender', 'landTransfer', 'stateProperty', 'other'] as const satisfies readonly (keyof typeof tradingCategories)[];
/**
 * One of {@link tradingCategoryNames}.
 *
 * @example
 * const c: TradingCategory = 'landTransfer';
 */
export type TradingCategory = (typeof tradingCategoryNames)[number];

/**
 * How a category reports: savings basis, rate basis and whether it records an area.
 *
 * @example
 * const d: TradingCategoryDefinition = { savings: 'budget', rateBasis: 'award', area: false };
 */
export interface TradingCategoryDefinition {
  readonly savings: 'marketPrice' | 'budget' | null;
  readonly rateBasis: 'reference' | 'award' | null;
  readonly area: boolean;
}

/**
 * The definition of one of the five {@link tradingCategories}, or `undefined` for another code.
 * A deal may carry any category code (a center names its own categories in its report
 * configuration); only the five built-in ones have rules the decider checks.
 *
 * @example
 * knownTradingCategory('landTransfer')?.area; // true
 * knownTradingCategory('water-rights'); // undefined
 */
export function knownTradingCategory(code: string): (TradingCategoryDefinition & { readonly label: string }) | undefined {
  return Object.hasOwn(tradingCategories, code) ? tradingCategories[code as TradingCategory] : undefined;
}

/**
 * A deal entered the trading platform (`deal-<id>` stream). Money in integer fen (分):
 * `category` is one of the five built-in codes or a center's own code (any identifier);
 * `budgetFen` (采购预算 / 招标控制价), `marketPriceFen` (procurement's 市场价, optional),
 * `areaSqm` for land in square metres (1 公顷 = 10,000 m²).
 *
 * @example
 * { type: 'DealRegistered', data: { dealId: 'zc-2013-001', category: 'governmentProcurement', title: '办公设备采购', node: 'center', registeredOn: '2013-03-01', marketPriceFen: 180000000 } }
 */
export const DealRegistered = defineEvent(
  'DealRegistered',
  z.strictObject({
    dealId: identifier,
    /** One of {@link tradingCategoryNames}, or a center's own category code. */
    category: identifier,
    title: text,
    node: identifier,
    registeredOn: businessDate,
    budgetFen: fen.optional(),
    marketPriceFen: fen.optional(),
    areaSqm: count.optional(),
  }),
);
/**
 * The deal concluded at `priceFen` (中标价 / 成交价 / 出让金).
 *
 * @example
 * { type: 'DealConcluded', data: { dealId: 'zc-2013-001', priceFen: 151000000, concludedOn: '2013-04-10' } }
 */
export const DealConcluded = defineEvent('DealConcluded', z.strictObject({ dealId: identifier, priceFen: fen, concludedOn: businessDate, winner: text.optional() }));
/**
 * The deal failed (流标 / 流拍).
 *
 * @example
 * { type: 'DealFailed', data: { dealId: 'zc-2013-002', reason: '有效投标不足三家', failedOn: '2013-04-10' } }
 */
export const DealFailed = defineEvent('DealFailed', z.strictObject({ dealId: identifier, reason: text, failedOn: businessDate }));

/**
 * The trading event definitions.
 *
 * @example
 * dealEvents.length; // 3
 */
export const dealEvents = [DealRegistered, DealConcluded, DealFailed] as const;
/**
 * An event of a `deal-<id>` stream.
 *
 * @example
 * const e: DealEvent = { type: 'DealFailed', data: { dealId: 'zc-2', reason: '流标', failedOn: '2013-04-10' } };
 */
export type DealEvent = EventOf<typeof dealEvents>;
