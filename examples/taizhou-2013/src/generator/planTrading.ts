import { tradingCategories, type TradingCategory } from '@banshi/catalog';
import { tradingLines } from '../seed/seedFigures.js';
import { HUNDREDTH_YI, officer, proportional, split, workingDaysOf, type PlanContext } from './tasks.js';

/** A deal as the plans know it, for the notices that follow it. */
export interface PlannedDeal {
  readonly dealId: string;
  readonly category: TradingCategory;
  readonly registeredOn: string;
  readonly concludedOn: string;
}

/**
 * Public-resource trading, January–November (seed §二.6): each line's deals, with the line's
 * totals split over them exactly. Only what the seed prints is given: procurement has a market
 * price and a winning price (no budget), construction a winning price and the savings, from
 * which each tender's control price (招标控制价 = price + savings) is reconstructed.
 */
export function planTrading(ctx: PlanContext): PlannedDeal[] {
  const { r, cal, tasks, on } = ctx;
  const lastDay = on('11-29');
  const dealDays = workingDaysOf(cal, on('01-07'), lastDay);
  const planned: PlannedDeal[] = [];
  for (const line of tradingLines) {
    const { category, deals: n } = line;
    const prices = split(line.priceHundredthYi * HUNDREDTH_YI, n, r);
    // Reference amounts follow each deal's price, so totals are exact and per-deal savings realistic.
    const markets = line.marketHundredthYi === undefined ? undefined : proportional(line.marketHundredthYi * HUNDREDTH_YI, prices);
    const budgets = line.savingsHundredthYi === undefined ? undefined : proportional((line.priceHundredthYi + line.savingsHundredthYi) * HUNDREDTH_YI, prices);
    const areas = line.areaSqm === undefined ? undefined : split(line.areaSqm, n, r);
    for (let i = 0; i < n; i++) {
      const dealId = `${category}-${String(i + 1).padStart(3, '0')}`;
      const registered = r.pick(dealDays.slice(0, -15));
      const concluded = cal.addWorkingDays(registered, r.int(5, 14));
      const concludedOn = concluded > lastDay ? lastDay : concluded;
      const stream = `deal-${dealId}`;
      tasks.push({
        day: registered,
        minute: 120,
        stream,
        kind: 'deal',
        command: {
          type: 'RegisterDeal',
          dealId,
          category,
          title: `${tradingCategories[category].label}项目${i + 1}`,
          node: 'tz-center',
          registeredOn: registered,
          ...(budgets ? { budgetFen: budgets[i] as number } : {}),
          ...(markets ? { marketPriceFen: markets[i] as number } : {}),
          ...(areas ? { areaSqm: areas[i] as number } : {}),
        },
        channel: 'window',
        actor: officer,
        node: 'tz-center',
      });
      tasks.push({ day: concludedOn, minute: 420, stream, kind: 'deal', command: { type: 'ConcludeDeal', dealId, priceFen: prices[i] as number, concludedOn }, channel: 'window', actor: officer, node: 'tz-center' });
      planned.push({ dealId, category, registeredOn: registered, concludedOn });
    }
  }
  return planned;
}
