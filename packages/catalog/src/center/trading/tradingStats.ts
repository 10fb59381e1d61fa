import type { Projection, StoredEvent } from '@banshi/core';
import { knownTradingCategory, tradingCategories, tradingCategoryNames, type DealEvent, type TradingCategory, type TradingCategoryDefinition } from './tradingEvents.js';

/**
 * Figures of one trading category, over concluded deals (money in fen).
 *
 * @example
 * t.categories.landTransfer.areaSqm; // 2760000
 */
export interface CategoryFigures {
  /** Deals concluded (宗). */
  concluded: number;
  failed: number;
  budgetFen: number;
  marketPriceFen: number;
  /** Winning / transaction price (中标价 / 成交价 / 出让金). */
  priceFen: number;
  /** reference − price (market price or budget, per the category), for categories that report savings (0 otherwise). */
  savingsFen: number;
  /** Land only: area transferred, m². */
  areaSqm: number;
}

/**
 * State of {@link tradingStats}.
 *
 * @example
 * const t: TradingStatsState = await foldProjection(store.readAll(), tradingStats);
 */
export interface TradingStatsState {
  /** The five built-in categories always; any other category code once a deal names it. */
  readonly categories: Record<TradingCategory, CategoryFigures> & Partial<Record<string, CategoryFigures>>;
  /** Open deals awaiting their outcome; concluded or failed ones are dropped. */
  readonly open: Map<string, { readonly category: string; readonly budgetFen: number; readonly marketPriceFen: number; readonly areaSqm: number }>;
}

const figures = (): CategoryFigures => ({ concluded: 0, failed: 0, budgetFen: 0, marketPriceFen: 0, priceFen: 0, savingsFen: 0, areaSqm: 0 });
const types = ['DealRegistered', 'DealConcluded', 'DealFailed'] as const satisfies readonly DealEvent['type'][];

/**
 * Public-resource trading per category: deals, budget, market price, winning price, savings
 * and land area, all summed from events. Read the rate with {@link savingsRate}.
 *
 * @example
 * const t = await foldProjection(store.readAll(), tradingStats);
 * t.categories.constructionTender.concluded; // 396
 */
export const tradingStats: Projection<TradingStatsState> = {
  name: 'catalog.tradingStats',
  types,
  init: () => ({
    categories: { governmentProcurement: figures(), constructionTender: figures(), landTransfer: figures(), stateProperty: figures(), other: figures() },
    open: new Map(),
  }),
  apply(state, stored: StoredEvent) {
    const event = stored as unknown as DealEvent;
    switch (event.type) {
      case 'DealRegistered': {
        const d = event.data;
        state.open.set(d.dealId, { category: d.category, budgetFen: d.budgetFen ?? 0, marketPriceFen: d.marketPriceFen ?? 0, areaSqm: d.areaSqm ?? 0 });
        break;
      }
      case 'DealConcluded': {
        const deal = state.open.get(event.data.dealId);
        if (!deal) break;
        state.open.delete(event.data.dealId);
        const f = (state.categories[deal.category] ??= figures());
        f.concluded++;
        f.budgetFen += deal.budgetFen;
        f.marketPriceFen += deal.marketPriceFen;
        f.priceFen += event.data.priceFen;
        f.areaSqm += deal.areaSqm;
        const from = knownTradingCategory(deal.category)?.savings ?? null;
        if (from !== null) f.savingsFen += (from === 'budget' ? deal.budgetFen : deal.marketPriceFen) - event.data.priceFen;
        break;
      }
      case 'DealFailed': {
        const deal = state.open.get(event.data.dealId);
        if (!deal) break;
        state.open.delete(event.data.dealId);
        (state.categories[deal.category] ??= figures()).failed++;
        break;
      }
      default:
        break;
    }
    return state;
  },
  snapshot: (state) => structuredClone({ categories: state.categories, open: [...state.open] }),
  restore: (snapshot) => {
    const s = structuredClone(snapshot as { categories: TradingStatsState['categories']; open: [string, { category: string; budgetFen: number; marketPriceFen: number; areaSqm: number }][] });
    return { categories: s.categories, open: new Map(s.open) };
  },
};

/**
 * The savings rate (节约率) of a category, unrounded, on the category's `rateBasis` (or the one
 * given): `reference` → savings / the reference total (market price or budget), `award` →
 * savings / winning price. `null` for categories without savings; 0 when the denominator is 0.
 *
 * @example
 * savingsRate(t.categories.constructionTender, 'constructionTender'); // 8.73 / 83.2 = 0.1049
 * savingsRate(t.categories.governmentProcurement, 'governmentProcurement'); // 0.51 / 2.93 = 0.174
 * savingsRate(t.categories['water-rights']!, { savings: 'budget', rateBasis: 'reference' }); // a center's own category
 */
export function savingsRate(f: CategoryFigures, category: TradingCategory | Omit<TradingCategoryDefinition, 'area'>, basis: 'reference' | 'award' | undefined = undefined): number | null {
  const def = typeof category === 'string' ? tradingCategories[category] : category;
  const on = basis ?? def.rateBasis;
  if (def.savings === null || on === null) return null;
  const denominator = on === 'award' ? f.priceFen : def.savings === 'budget' ? f.budgetFen : f.marketPriceFen;
  return denominator === 0 ? 0 : f.savingsFen / denominator;
}

/**
 * The savings rate's numerator and denominator (exact integers, fen), for printing with
 * `formatPercent` at the precision of a percentage; `null` for categories without savings.
 *
 * @example
 * const r = savingsRatio(t.categories.governmentProcurement, 'governmentProcurement');
 * formatPercent(r.savingsFen, r.baseFen); // '17.4%'
 * savingsRatio(f, { savings: 'budget', rateBasis: 'award' }); // a center's own category, defined by its configuration
 */
export function savingsRatio(f: CategoryFigures, category: TradingCategory | Omit<TradingCategoryDefinition, 'area'>): { readonly savingsFen: number; readonly baseFen: number } | null {
  const def = typeof category === 'string' ? tradingCategories[category] : category;
  if (def.savings === null || def.rateBasis === null) return null;
  return { savingsFen: f.savingsFen, baseFen: def.rateBasis === 'award' ? f.priceFen : def.savings === 'budget' ? f.budgetFen : f.marketPriceFen };
}

/**
 * The categories in report order with their figures.
 *
 * @example
 * tradingRows(t).map((r) => [r.label, r.figures.concluded]);
 */
export function tradingRows(state: TradingStatsState): { category: TradingCategory; label: string; figures: CategoryFigures; savingsRate: number | null }[] {
  return tradingCategoryNames.map((category) => ({
    category,
    label: tradingCategories[category].label,
    figures: state.categories[category],
    savingsRate: savingsRate(state.categories[category], category),
  }));
}
