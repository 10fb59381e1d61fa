import { createMemoryStore, foldProjection, handle } from '@banshi/core';
import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { catalogRegistry } from '../../events/index.js';
import { formatPercent } from '../../format/index.js';
import { dealDecider, type DealCommand } from './dealDecider.js';
import type { DealEvent } from './tradingEvents.js';
import { savingsRate, savingsRatio, tradingRows, tradingStats } from './tradingStats.js';

const spec = deciderSpec(dealDecider);
const registered: DealEvent = { type: 'DealRegistered', data: { dealId: 'zc-1', category: 'governmentProcurement', title: '办公设备', node: 'center', registeredOn: '2013-03-01', marketPriceFen: 100_000 } };

describe('dealDecider', () => {
  it('registers, then concludes or fails once', () => {
    spec.given([]).when({ type: 'RegisterDeal', dealId: 'zc-1', category: 'governmentProcurement', title: '办公设备', node: 'center', registeredOn: '2013-03-01', marketPriceFen: 100_000 }).then([registered]);
    spec.given([registered]).when({ type: 'ConcludeDeal', dealId: 'zc-1', priceFen: 84_000, concludedOn: '2013-04-01' }).then([{ type: 'DealConcluded', data: { dealId: 'zc-1', priceFen: 84_000, concludedOn: '2013-04-01' } }]);
    spec.given([registered]).when({ type: 'FailDeal', dealId: 'zc-1', reason: '流标', failedOn: '2013-04-01' }).then([{ type: 'DealFailed', data: { dealId: 'zc-1', reason: '流标', failedOn: '2013-04-01' } }]);
    spec
      .given([registered, { type: 'DealFailed', data: { dealId: 'zc-1', reason: '流标', failedOn: '2013-04-01' } }])
      .when({ type: 'ConcludeDeal', dealId: 'zc-1', priceFen: 1, concludedOn: '2013-05-01' })
      .thenRejects('CATALOG_DEAL_ALREADY_FINAL', 'TR-3');
  });
  it('procurement needs a market price and construction a budget; land needs an area, others may not carry one', () => {
    const base = { type: 'RegisterDeal', dealId: 'd', title: 't', node: 'center', registeredOn: '2013-03-01' } as const;
    spec.given([]).when({ ...base, category: 'constructionTender' }).thenRejects('CATALOG_DEAL_BUDGET_REQUIRED', 'TR-1');
    spec.given([]).when({ ...base, category: 'governmentProcurement', budgetFen: 5 }).thenRejects('CATALOG_DEAL_BUDGET_REQUIRED', 'TR-1');
    spec.given([]).when({ ...base, category: 'landTransfer' }).thenRejects('CATALOG_DEAL_AREA_REQUIRED', 'TR-2');
    spec.given([]).when({ ...base, category: 'stateProperty', areaSqm: 5 }).thenRejects('CATALOG_DEAL_AREA_REQUIRED');
    spec.given([]).when({ ...base, category: 'other' }).thenState((s) => expect(s.status).toBe('open'));
  });
  it('rejects unknown deals, double registration and float money', () => {
    spec.given([]).when({ type: 'ConcludeDeal', dealId: 'zc-1', priceFen: 1, concludedOn: '2013-04-01' }).thenRejects('CATALOG_DEAL_NOT_REGISTERED');
    spec.given([registered]).when({ type: 'RegisterDeal', dealId: 'zc-1', category: 'other', title: 't', node: 'center', registeredOn: '2013-03-01' }).thenRejects('CATALOG_DEAL_ALREADY_REGISTERED');
    spec.given([registered]).when({ type: 'ConcludeDeal', dealId: 'zc-1', priceFen: 0.5, concludedOn: '2013-04-01' }).thenRejects('CATALOG_INVALID_COMMAND');
  });
});

describe('tradingStats', () => {
  it('sums per category and computes savings and rates on each category’s basis', async () => {
    const store = createMemoryStore({ registry: catalogRegistry });
    const run = (c: DealCommand) => handle(store, `deal-${c.dealId}`, c, dealDecider);
    const yi = (hundredths: number) => hundredths * 100_000_000; // 0.01 亿元 = 100,000,000 fen, kept integral
    // The seed's construction line: 83.2亿 won, 8.73亿 saved, 10.5 % = saved / won.
    await run({ type: 'RegisterDeal', dealId: 'gc-1', category: 'constructionTender', title: '道路', node: 'center', registeredOn: '2013-02-01', budgetFen: yi(9193) });
    await run({ type: 'ConcludeDeal', dealId: 'gc-1', priceFen: yi(8320), concludedOn: '2013-03-01' });
    // The seed's procurement line: market 2.93亿, won 2.42亿 (no budget given).
    await run({ type: 'RegisterDeal', dealId: 'zc-1', category: 'governmentProcurement', title: '设备', node: 'center', registeredOn: '2013-02-01', marketPriceFen: yi(293) });
    await run({ type: 'ConcludeDeal', dealId: 'zc-1', priceFen: yi(242), concludedOn: '2013-03-01' });
    await run({ type: 'RegisterDeal', dealId: 'td-1', category: 'landTransfer', title: '地块', node: 'center', registeredOn: '2013-02-01', areaSqm: 2_760_000 });
    await run({ type: 'ConcludeDeal', dealId: 'td-1', priceFen: yi(8140), concludedOn: '2013-03-01' });
    await run({ type: 'RegisterDeal', dealId: 'td-2', category: 'landTransfer', title: '流拍地块', node: 'center', registeredOn: '2013-02-01', areaSqm: 10_000 });
    await run({ type: 'FailDeal', dealId: 'td-2', reason: '流拍', failedOn: '2013-03-01' });

    const t = await foldProjection(store.readAll(), tradingStats);
    const gc = t.categories.constructionTender;
    expect(gc).toMatchObject({ concluded: 1, savingsFen: yi(873), priceFen: yi(8320) });
    expect(formatPercent(gc.savingsFen, gc.priceFen)).toBe('10.5%');
    expect(savingsRate(gc, 'constructionTender')).toBeCloseTo(0.10493, 5);
    expect(savingsRate(gc, 'constructionTender', 'reference')).toBeCloseTo(0.09496, 5);
    const zc = t.categories.governmentProcurement;
    // The seed prints 16 %; its own figures give 17.4 % on the market price and 21.1 % on the winning price.
    expect(zc.savingsFen).toBe(yi(51));
    const ratio = savingsRatio(zc, 'governmentProcurement');
    expect(ratio && formatPercent(ratio.savingsFen, ratio.baseFen)).toBe('17.4%');
    expect(formatPercent(zc.savingsFen, zc.priceFen)).toBe('21.1%');
    expect(t.categories.landTransfer).toMatchObject({ concluded: 1, failed: 1, areaSqm: 2_760_000, savingsFen: 0 });
    expect(savingsRate(t.categories.landTransfer, 'landTransfer')).toBeNull();
    expect(t.open.size).toBe(0);
    expect(tradingRows(t).map((r) => r.label)).toEqual(['政府采购', '工程建设招投标', '土地交易', '国有产权交易', '其它公共资源']);
  });
});

describe("a center's own category codes", () => {
  it('the decider takes any category code and checks the built-in rules only for the five built-in ones', () => {
    const own = { type: 'RegisterDeal', dealId: 'sq-1', category: 'water-rights', title: '取水权', node: 'center', registeredOn: '2014-02-01' } as const;
    spec.given([]).when(own).then([{ type: 'DealRegistered', data: { dealId: 'sq-1', category: 'water-rights', title: '取水权', node: 'center', registeredOn: '2014-02-01' } }]);
    spec.given([]).when({ ...own, areaSqm: 500 }).thenState((s) => expect(s.status).toBe('open'));
    spec.given([]).when({ ...own, category: 'water rights' }).thenRejects('CATALOG_INVALID_COMMAND');
  });
  it('tradingStats folds an own category beside the five; its savings are read with a definition', async () => {
    const store = createMemoryStore({ registry: catalogRegistry });
    const run = (c: DealCommand) => handle(store, `deal-${c.dealId}`, c, dealDecider);
    await run({ type: 'RegisterDeal', dealId: 'sq-1', category: 'water-rights', title: '取水权', node: 'center', registeredOn: '2014-02-01', budgetFen: 1_000 });
    await run({ type: 'ConcludeDeal', dealId: 'sq-1', priceFen: 800, concludedOn: '2014-03-01' });
    await run({ type: 'RegisterDeal', dealId: 'sq-2', category: 'water-rights', title: '取水权', node: 'center', registeredOn: '2014-02-01', budgetFen: 500 });
    await run({ type: 'FailDeal', dealId: 'sq-2', reason: '流标', failedOn: '2014-03-01' });
    const t = await foldProjection(store.readAll(), tradingStats);
    const f = t.categories['water-rights']!;
    // No built-in rule says how this category saves: the fold keeps the sums, the center's definition reads them.
    expect(f).toMatchObject({ concluded: 1, failed: 1, budgetFen: 1_000, priceFen: 800, savingsFen: 0 });
    expect(t.categories.governmentProcurement.concluded).toBe(0);
    expect(savingsRatio({ ...f, savingsFen: f.budgetFen - f.priceFen }, { savings: 'budget', rateBasis: 'reference' })).toEqual({ savingsFen: 200, baseFen: 1_000 });
    expect(savingsRate({ ...f, savingsFen: f.budgetFen - f.priceFen }, { savings: 'budget', rateBasis: 'award' })).toBe(0.25);
    // Snapshot and restore keep the own category.
    expect(tradingStats.restore!(tradingStats.snapshot!(t)).categories['water-rights']).toEqual(f);
  });
});
