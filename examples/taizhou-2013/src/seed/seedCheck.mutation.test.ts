/**
 * The seed check must be able to fail, and only where it should: dropping, duplicating or
 * altering one event of each kind turns exactly the rows that read that event to ✗ and leaves
 * every other row ✓. Vacuous rows are the ones no mutation of the log can break (or only the one
 * field they echo).
 */
import { centerProjection, centerReport } from '@banshi/center-report';
import { foldProjection, type StoredEvent } from '@banshi/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTaizhou2013 } from '../generator/generateTaizhou.js';
import { taizhouCenter } from '../org/taizhouCenter.js';
import { seedCheck } from './seedCheck.js';

let log: readonly StoredEvent[] = [];
beforeAll(async () => {
  const { store } = await generateTaizhou2013({ seed: 2013, cases: 30 });
  const all: StoredEvent[] = [];
  for await (const e of store.readAll()) all.push(e);
  log = all;
}, 120_000);

async function failing(events: readonly StoredEvent[]): Promise<string[]> {
  const state = await foldProjection(events, centerProjection);
  return seedCheck(centerReport(state, { year: 2013, center: taizhouCenter }))
    .filter((r) => !r.ok)
    .map((r) => r.id)
    .sort();
}

type Op = 'drop' | 'duplicate' | 'alter';
const renumber = (events: StoredEvent[]) => events.map((e, i) => ({ ...e, position: i + 1 }));
function mutate(events: readonly StoredEvent[], pick: (e: StoredEvent) => boolean, op: Op, alter?: (data: Record<string, unknown>) => Record<string, unknown>): StoredEvent[] {
  const i = events.findIndex(pick);
  if (i < 0) throw new Error('no event to mutate');
  const target = events[i] as StoredEvent;
  const out = [...events];
  if (op === 'drop') out.splice(i, 1);
  if (op === 'duplicate') out.splice(i + 1, 0, { ...target, id: `${target.id}-again` });
  if (op === 'alter') {
    if (!alter) throw new Error('alter needs a change');
    out[i] = { ...target, data: alter(structuredClone(target.data) as Record<string, unknown>) };
  }
  return renumber(out);
}

const is = (type: string, where: (d: Record<string, unknown>) => boolean = () => true) => (e: StoredEvent) => e.type === type && where(e.data as Record<string, unknown>);
const deal = (category: string) => (d: Record<string, unknown>) => String(d.dealId).startsWith(`${category}-`);
const cleanup = ['审批事项 items decided in the cleanup', '削减率 reduction rate'];
const tdAll = ['土地交易 deals', '土地交易 出让面积', '土地交易 出让金'];
const yi = 100_000_000;

/** [event kind, which event, op, change (for alter), the rows that must turn ✗ — exactly]. */
const cases: [string, (e: StoredEvent) => boolean, Op, ((d: Record<string, unknown>) => Record<string, unknown>) | undefined, string[]][] = [
  ['ItemCleanupDecided', is('ItemCleanupDecided', (d) => d.decision === 'cancelled'), 'drop', undefined, ['取消 cancelled', ...cleanup]],
  // A repeated decision counts again (the rate, 330 / 898, still prints 36.7%).
  ['ItemCleanupDecided', is('ItemCleanupDecided', (d) => d.decision === 'cancelled'), 'duplicate', undefined, ['取消 cancelled', '审批事项 items decided in the cleanup']],
  ['ItemCleanupDecided', is('ItemCleanupDecided', (d) => d.decision === 'retained'), 'alter', (d) => ({ ...d, decision: 'adjusted', elements: undefined }), ['保留 retained', '调整 adjusted', '削减率 reduction rate']],
  ['ItemStandardPublished', is('ItemStandardPublished'), 'drop', undefined, ['标准化 departments done']],
  ['ItemStandardPublished', is('ItemStandardPublished'), 'duplicate', undefined, []],
  ['PublicInfoPublished', is('PublicInfoPublished', (d) => (d.channels as string[]).length === 2), 'drop', undefined, ['中心门户网站 proactive items', '政府网站 proactive items']],
  // A second publication counts on each of its channels.
  ['PublicInfoPublished', is('PublicInfoPublished', (d) => (d.channels as string[]).length === 2), 'duplicate', undefined, ['中心门户网站 proactive items', '政府网站 proactive items']],
  ['PublicInfoPublished', is('PublicInfoPublished', (d) => (d.channels as string[]).length === 2), 'alter', (d) => ({ ...d, channels: ['centerPortal'] }), ['政府网站 proactive items']],
  // The register ignores the later steps of an agency it never saw submitted.
  ['AgencySubmitted', is('AgencySubmitted'), 'drop', undefined, ['中介机构 submitted', '中介机构 published']],
  ['AgencySubmitted', is('AgencySubmitted'), 'duplicate', undefined, []],
  ['AgencyPublished', is('AgencyPublished'), 'drop', undefined, ['中介机构 published']],
  ['AgencyPublished', is('AgencyPublished'), 'duplicate', undefined, []],
  ['SurveyIssued', is('SurveyIssued'), 'alter', (d) => ({ ...d, forms: 615 }), ['征求意见表 issued']],
  ['SurveyIssued', is('SurveyIssued'), 'drop', undefined, ['征求意见表 issued', '征求意见表 returned', '满意度 satisfaction']],
  ['SurveyFormsReturned', is('SurveyFormsReturned'), 'drop', undefined, ['征求意见表 returned']],
  ['SurveyFormsReturned', is('SurveyFormsReturned'), 'duplicate', undefined, ['征求意见表 returned']],
  ['SurveyFormsReturned', is('SurveyFormsReturned'), 'alter', (d) => ({ ...d, ratings: { ...(d.ratings as object), 满意: 0, 不满意: (d.ratings as Record<string, number>)['满意'] } }), ['满意度 satisfaction']],
  ['DealRegistered', is('DealRegistered', deal('governmentProcurement')), 'drop', undefined, ['政府采购 deals', '政府采购 总市场价', '政府采购 总中标价']],
  ['DealRegistered', is('DealRegistered', deal('governmentProcurement')), 'duplicate', undefined, []],
  ['DealRegistered', is('DealRegistered', deal('governmentProcurement')), 'alter', (d) => ({ ...d, marketPriceFen: (d.marketPriceFen as number) + yi }), ['政府采购 总市场价', '政府采购 节约率']],
  ['DealRegistered', is('DealRegistered', deal('constructionTender')), 'alter', (d) => ({ ...d, budgetFen: (d.budgetFen as number) + yi }), ['工程建设 节省资金']],
  ['DealRegistered', is('DealRegistered', deal('landTransfer')), 'alter', (d) => ({ ...d, areaSqm: (d.areaSqm as number) + 10_000 }), ['土地交易 出让面积']],
  // One deal less keeps the line's proportions, so the rate still prints the same.
  ['DealConcluded', is('DealConcluded', deal('governmentProcurement')), 'drop', undefined, ['政府采购 deals', '政府采购 总市场价', '政府采购 总中标价']],
  ['DealConcluded', is('DealConcluded', deal('governmentProcurement')), 'duplicate', undefined, []],
  ['DealConcluded', is('DealConcluded', deal('governmentProcurement')), 'alter', (d) => ({ ...d, priceFen: (d.priceFen as number) + yi }), ['政府采购 总中标价', '政府采购 节约率']],
  ['DealConcluded', is('DealConcluded', deal('constructionTender')), 'drop', undefined, ['工程建设 deals', '工程建设 总中标价', '工程建设 节省资金']],
  ['DealConcluded', is('DealConcluded', deal('landTransfer')), 'drop', undefined, tdAll],
  ['DealConcluded', is('DealConcluded', deal('stateProperty')), 'drop', undefined, ['国有产权 deals', '国有产权 交易金额']],
  ['DealConcluded', is('DealConcluded', deal('other')), 'alter', (d) => ({ ...d, priceFen: (d.priceFen as number) + yi }), ['其它公共资源 交易金额']],
  ['TradingNoticePublished', is('TradingNoticePublished'), 'drop', undefined, ['公共资源交易信息 条次', '交易信息公开率']],
  ['TradingNoticePublished', is('TradingNoticePublished'), 'duplicate', undefined, []],
  ['TradingNoticePublished', is('TradingNoticePublished', (d) => (d.outlets as string[]).length === 1), 'alter', (d) => ({ ...d, outlets: [...(d.outlets as string[]), '台州晚报'] }), ['公共资源交易信息 条次']],
  ['ReformPiecePublished', is('ReformPiecePublished', (d) => d.kind === 'portalArticle'), 'drop', undefined, ['审改信息 portal articles']],
  ['ReformPiecePublished', is('ReformPiecePublished', (d) => d.kind === 'briefing'), 'duplicate', undefined, []],
  ['ReformPiecePublished', is('ReformPiecePublished', (d) => d.kind === 'briefing'), 'alter', (d) => ({ ...d, kind: 'portalArticle' }), ['审改信息 portal articles', '审改工作简报 briefing issues']],
  ['ReformPieceAdopted', is('ReformPieceAdopted'), 'drop', undefined, ['《台州政务信息》录用 adopted']],
  ['CopiesPrinted', is('CopiesPrinted', (d) => String(d.publicationId).startsWith('sc-')), 'duplicate', undefined, ['服务手册 handbooks printed']],
  ['CopiesPrinted', is('CopiesPrinted', (d) => String(d.publicationId).startsWith('zn-')), 'drop', undefined, ['服务指南 service guides provided']],
  ['CopiesPrinted', is('CopiesPrinted', (d) => String(d.publicationId).startsWith('zn-')), 'alter', (d) => ({ ...d, copies: (d.copies as number) + 500 }), ['服务指南 service guides provided']],
  ['SubCenterOpened', is('SubCenterOpened'), 'drop', undefined, ['分中心 sub-centers']],
  ['SubCenterOpened', is('SubCenterOpened'), 'alter', (d) => ({ ...d, openedOn: '2014-01-02' }), ['分中心 sub-centers']],
  // Decisions name their campaign; the opening only gives it its name, which no row reads.
  ['CampaignOpened', is('CampaignOpened'), 'drop', undefined, []],
  ['CaseReceived', is('CaseReceived'), 'drop', undefined, []],
  ['CaseDecided', is('CaseDecided'), 'duplicate', undefined, []],
  ['EvaluationSubmitted', is('EvaluationSubmitted'), 'alter', (d) => ({ ...d, rating: '非常不满意' }), []],
];

describe('seed check under mutation', () => {
  it('passes on the log as generated', async () => {
    expect(await failing(log)).toEqual([]);
  });

  it.each(cases)('%s #%#: exactly the rows that read it turn to ✗', async (_kind, pick, op, alter, expected) => {
    expect(await failing(mutate(log, pick, op, alter))).toEqual([...expected].sort());
  });

  it('a vacuous row survives every mutation but of the one field it echoes', async () => {
    const vacuous = seedCheck(centerReport(await foldProjection(log, centerProjection), { year: 2013, center: taizhouCenter })).filter((r) => r.kind === 'vacuous');
    expect(vacuous.map((r) => r.id)).toEqual(['依申请 requests received', '征求意见表 issued']);
    for (const [, pick, op, alter] of cases) {
      const broken = await failing(mutate(log, pick, op, alter));
      expect(broken).not.toContain('依申请 requests received');
    }
  });
});
