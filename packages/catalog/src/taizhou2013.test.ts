/**
 * Every catalog figure of the Taizhou 2013 seed report, expressed as events through the
 * deciders and computed back by the projections (the generator of a later issue must choose
 * its inputs the same way: see README "Printed vs computed").
 */
import { foldProjection, type StoredEvent } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { exampleElements } from './_test/exampleElements.js';
import { toLog } from './_test/toLog.js';
import { campaignDecider } from './campaign/campaignDecider.js';
import { cleanupReport, decidedItems, reducedItems } from './campaign/cleanupReport.js';
import { activeSubCenters, centerNodes } from './center/nodes/centerNodes.js';
import { nodeDecider } from './center/nodes/nodeDecider.js';
import { surveyDecider } from './center/surveys/surveyDecider.js';
import { satisfiedForms, surveyStats } from './center/surveys/surveyStats.js';
import { dealDecider, type DealCommand } from './center/trading/dealDecider.js';
import type { TradingCategory } from './center/trading/tradingEvents.js';
import { tradingStats } from './center/trading/tradingStats.js';
import { catalogRegistry } from './events/index.js';
import { formatAmount, formatPercent } from './format/index.js';
import { agencyDecider, type AgencyCommand } from './intermediary/agencyDecider.js';
import { intermediaryRegister } from './intermediary/intermediaryRegister.js';
import { catalogView, departmentStandardization } from './item/catalogView.js';
import { itemDecider, type ItemCommand } from './item/itemDecider.js';
import { standardKinds } from './item/itemElements.js';
import { cleanupDecisionTypes, type CleanupDecision } from './item/itemLifecycle.js';

/** Splits an integer total into n integer parts that sum to it exactly. */
const split = (total: number, n: number) => Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
/** 0.01 亿元 in fen. */
const hundredthYi = 100_000_000;

function seedLog(): StoredEvent[] {
  const log: StoredEvent[] = [];
  // Cleanup campaign: 897 items of 40 departments; 22 departments standardize all their remaining items.
  toLog(campaignDecider, [{ stream: 'campaign-tz-2013', command: { type: 'OpenCampaign', campaignId: 'tz-2013', name: '2013年市级行政审批事项清理', level: 'city', openedOn: '2013-03-01' } }], log);
  const plan: [CleanupDecision, number][] = [
    ['cancelled', 159],
    ['delegated', 64],
    ['adjusted', 106],
    ['retained', 568],
  ];
  const decisions = plan.flatMap(([d, n]) => Array.from({ length: n }, () => d));
  const items: { stream: string; command: ItemCommand }[] = [];
  decisions.forEach((decision, i) => {
    const code = `TZ-${String(i).padStart(4, '0')}`;
    const department = `部门${String(i % 40).padStart(2, '0')}`;
    const stream = `item-${code}`;
    items.push({ stream, command: { type: 'RegisterItem', code, elements: exampleElements({ department }), effectiveFrom: '2013-01-01' } });
    const base = { type: 'DecideCleanup', code, campaignId: 'tz-2013', decision, decidedOn: '2013-11-30', reason: '四上四下清理' } as const;
    items.push({ stream, command: decision === 'delegated' ? { ...base, toLevel: 'county' } : base });
    if (i % 40 < 22) for (const standard of standardKinds) items.push({ stream, command: { type: 'PublishStandard', code, standard, publishedOn: '2013-12-20' } });
  });
  toLog(itemDecider, items, log);

  // 108 intermediaries submitted; the first 59 reviewed are published.
  const agencies: { stream: string; command: AgencyCommand }[] = [];
  for (let i = 0; i < 108; i++) {
    const agencyId = `ag-${i}`;
    const stream = `agency-${agencyId}`;
    agencies.push({ stream, command: { type: 'SubmitAgency', agencyId, info: { name: `中介${i}`, basicInfo: '资质', scope: ['咨询'], promisedLimitDays: 5, fees: [], contact: { person: '联系人', phone: '0576' } }, submittedOn: '2013-10-08' } });
    if (i < 59) {
      agencies.push({ stream, command: { type: 'ApproveAgency', agencyId, approvedOn: '2013-10-20' } });
      agencies.push({ stream, command: { type: 'PublishAgency', agencyId, publishedOn: '2013-11-01' } });
    }
  }
  toLog(agencyDecider, agencies, log);

  // 614 tendering survey forms issued, 546 returned, all satisfied.
  toLog(
    surveyDecider,
    [
      { stream: 'survey-tz-2013-zb', command: { type: 'IssueSurvey', surveyId: 'tz-2013-zb', node: 'center', subject: '招投标工作征求意见表', forms: 614, issuedOn: '2013-01-15' } },
      { stream: 'survey-tz-2013-zb', command: { type: 'RecordSurveyReturns', surveyId: 'tz-2013-zb', ratings: { 非常满意: 400, 满意: 146 }, returnedOn: '2013-11-30' } },
    ],
    log,
  );

  // Public-resource trading, 1–11 months.
  const deals: { stream: string; command: DealCommand }[] = [];
  const add = (category: TradingCategory, n: number, price: number, extra: { budget?: number; market?: number; area?: number } = {}) => {
    const prices = split(price, n);
    const budgets = extra.budget === undefined ? undefined : split(extra.budget, n);
    const markets = extra.market === undefined ? undefined : split(extra.market, n);
    const areas = extra.area === undefined ? undefined : split(extra.area, n);
    for (let i = 0; i < n; i++) {
      const dealId = `${category}-${i}`;
      const stream = `deal-${dealId}`;
      const register: DealCommand = {
        type: 'RegisterDeal',
        dealId,
        category,
        title: `${category} ${i}`,
        node: 'center',
        registeredOn: '2013-02-01',
        ...(budgets ? { budgetFen: budgets[i] as number } : {}),
        ...(markets ? { marketPriceFen: markets[i] as number } : {}),
        ...(areas ? { areaSqm: areas[i] as number } : {}),
      };
      deals.push({ stream, command: register });
      deals.push({ stream, command: { type: 'ConcludeDeal', dealId, priceFen: prices[i] as number, concludedOn: '2013-03-01' } });
    }
  };
  add('governmentProcurement', 160, 242 * hundredthYi, { market: 293 * hundredthYi });
  add('constructionTender', 396, 8320 * hundredthYi, { budget: (8320 + 873) * hundredthYi });
  add('landTransfer', 62, 8140 * hundredthYi, { area: 2_760_000 });
  add('stateProperty', 4, 108 * hundredthYi);
  add('other', 24, 22 * hundredthYi);
  toLog(dealDecider, deals, log);

  // The main center and its four sub-centers.
  const nodes = [
    { type: 'EstablishCenter', centerId: 'tz', name: '台州市人民政府行政服务中心', establishedOn: '2013-01-01' },
    ...(['港航', '人力资源社会保障', '公安出入境', '公安车辆管理'] as const).map((domain, i) => ({ type: 'OpenSubCenter' as const, centerId: 'tz', nodeId: `sub-${i}`, name: `${domain}分中心`, domain, openedOn: '2013-01-01' })),
  ] as const;
  toLog(nodeDecider, nodes.map((command) => ({ stream: 'center-tz', command })), log);
  return log;
}

describe('Taizhou 2013 seed figures, computed from events', () => {
  const log = seedLog();

  it('every event is valid against the catalog registry', () => {
    for (const e of log) catalogRegistry.validate(e.type, e.data);
    expect(log.length).toBeGreaterThan(897 * 2);
  });

  it('897 items → 159 / 64 / 106 / 568, 削减率 36.7%; 22 departments standardized', async () => {
    const report = await foldProjection(log, cleanupReport);
    const c = report.campaigns.get('tz-2013');
    if (!c) throw new Error('campaign missing');
    expect(cleanupDecisionTypes.map((d) => c.decisions[d])).toEqual([159, 64, 106, 568]);
    expect(decidedItems(c)).toBe(897);
    expect(formatPercent(reducedItems(c), decidedItems(c))).toBe('36.7%');
    const view = await foldProjection(log, catalogView);
    expect(departmentStandardization(view).filter((d) => d.complete)).toHaveLength(22);
  });

  it('108 intermediaries submitted, 59 published', async () => {
    const reg = await foldProjection(log, intermediaryRegister);
    expect([reg.counts.submitted, reg.counts.published]).toEqual([108, 59]);
  });

  it('614 forms issued, 546 returned, 满意度 100%', async () => {
    const s = await foldProjection(log, surveyStats);
    expect([s.total.issued, s.total.returned]).toEqual([614, 546]);
    expect(formatPercent(satisfiedForms(s.total), s.total.returned, 0)).toBe('100%');
  });

  it('trading lines as printed', async () => {
    const { categories: k } = await foldProjection(log, tradingStats);
    const zc = k.governmentProcurement;
    // The seed prints 节约率 16 %, which its own figures cannot give: 0.51 / 2.93 = 17.4 % (market price), 0.51 / 2.42 = 21.1 % (winning price).
    expect([zc.concluded, formatAmount(zc.marketPriceFen, 'yi'), formatAmount(zc.priceFen, 'yi'), formatPercent(zc.savingsFen, zc.marketPriceFen)]).toEqual([160, '2.93亿元', '2.42亿元', '17.4%']);
    const gc = k.constructionTender;
    expect([gc.concluded, formatAmount(gc.priceFen, 'yi', 1), formatAmount(gc.savingsFen, 'yi'), formatPercent(gc.savingsFen, gc.priceFen)]).toEqual([396, '83.2亿元', '8.73亿元', '10.5%']);
    const td = k.landTransfer;
    expect([td.concluded, formatAmount(td.areaSqm, 'hectare', 0), formatAmount(td.priceFen, 'yi', 1)]).toEqual([62, '276公顷', '81.4亿元']);
    expect([k.stateProperty.concluded, formatAmount(k.stateProperty.priceFen, 'yi')]).toEqual([4, '1.08亿元']);
    expect([k.other.concluded, formatAmount(k.other.priceFen, 'yi')]).toEqual([24, '0.22亿元']);
  });

  it('the main center with its four sub-centers', async () => {
    const nodes = await foldProjection(log, centerNodes);
    expect(activeSubCenters(nodes, 'tz', '2013-12-31').map((s) => s.domain)).toEqual(['港航', '人力资源社会保障', '公安出入境', '公安车辆管理']);
  });
});
