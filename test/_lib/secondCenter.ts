/**
 * A made-up second center, 示例市政务服务中心, over two years (2014 and 2015): its configuration
 * (a plain JSON value, as a user would write center.json) and a small log written through the
 * packages' own deciders — not the Taizhou generator. The figures each year must show are
 * written down beside the commands that make them.
 */
import { approvalEvents, createApprovalDecider } from '@banshi/approval';
import {
  agencyDecider,
  campaignDecider,
  catalogEvents,
  catalogStreams,
  dealDecider,
  itemDecider,
  standardKinds,
  nodeDecider,
  noticeDecider,
  pieceDecider,
  publicationDecider,
  surveyDecider,
  type ItemElements,
} from '@banshi/catalog';
import type { CenterConfigInput } from '@banshi/center-report';
import { createEventRegistry, createMemoryStore, handle, type Decider, type StoredEvent } from '@banshi/core';
import { disclosureEvents } from '@banshi/disclosure';

/** center.json of the second center: its own names, two sub-centers, three trading categories of its own. */
export const secondCenter = {
  centerId: 'demo',
  name: '示例市政务服务中心',
  agency: '示例市政务服务中心',
  departments: [{ id: 'dept-market', name: '示例市市场监管局' }, { id: 'dept-housing', name: '示例市住房和城乡建设局' }, '示例市交通局'],
  subCenters: [
    { nodeId: 'demo-east', name: '示例市东区便民服务分中心' },
    { nodeId: 'demo-west', name: '示例市西区便民服务分中心' },
  ],
  tradingCategories: [
    { code: 'water-rights', label: '水权交易', savings: 'budget', rateBasis: 'reference' },
    { code: 'carbon', label: '碳排放权交易' },
    { code: 'forest', label: '林权交易', area: true },
  ],
} as const satisfies CenterConfigInput;

/** What each year's report must print for the second center (money in fen: 1 亿元 = 10,000,000,000 fen). */
export const secondCenterFigures = {
  2014: {
    approval: { received: 3, decided: 3 },
    departments: { 示例市市场监管局: 2, 示例市住房和城乡建设局: 1, 示例市交通局: 0 },
    cleanup: { name: '2014年示例市行政审批事项清理', items: 4, cancelled: 1, delegated: 1, adjusted: 0, retained: 2, reductionRate: '50.0%', standardizedDepartments: 0 },
    intermediaries: { submitted: 3, approved: 2, returned: 0, published: 2, delisted: 0 },
    surveys: { issued: 100, returned: 80, satisfied: 70, satisfaction: '87.5%' },
    trading: [
      { label: '水权交易', deals: 1, priceFen: 9_000_000_000, budgetFen: 10_000_000_000, savingsFen: 1_000_000_000, savingsRate: '10.0%', area: '—' },
      { label: '碳排放权交易', deals: 1, priceFen: 5_000_000_000, budgetFen: 0, savingsFen: 0, savingsRate: '—', area: '—' },
      { label: '林权交易', deals: 0, priceFen: 0, budgetFen: 0, savingsFen: 0, savingsRate: '—', area: '0.00公顷' },
    ],
    notices: { notices: 4, outletPublications: 5, required: 4, published: 3, rate: '75.0%', byOutlet: { 示例市公共资源交易网: 4, 示例日报: 1 } },
    publicity: { portalArticles: 2, briefings: 1, adopted: { 示例政务信息: 1 }, handbookCopies: 300, serviceGuideCopies: 0 },
    subCenters: ['示例市东区便民服务分中心', '示例市西区便民服务分中心'],
  },
  2015: {
    approval: { received: 2, decided: 2 },
    departments: { 示例市市场监管局: 0, 示例市住房和城乡建设局: 0, 示例市交通局: 2 },
    cleanup: { name: '2015年示例市行政审批事项清理', items: 2, cancelled: 0, delegated: 0, adjusted: 1, retained: 1, reductionRate: '50.0%', standardizedDepartments: 1 },
    intermediaries: { submitted: 1, approved: 2, returned: 0, published: 2, delisted: 1 },
    surveys: { issued: 50, returned: 40, satisfied: 40, satisfaction: '100.0%' },
    trading: [
      { label: '水权交易', deals: 1, priceFen: 15_000_000_000, budgetFen: 20_000_000_000, savingsFen: 5_000_000_000, savingsRate: '25.0%', area: '—' },
      { label: '碳排放权交易', deals: 0, priceFen: 0, budgetFen: 0, savingsFen: 0, savingsRate: '—', area: '—' },
      { label: '林权交易', deals: 1, priceFen: 30_000_000_000, budgetFen: 0, savingsFen: 0, savingsRate: '—', area: '2.00公顷' },
    ],
    notices: { notices: 3, outletPublications: 3, required: 4, published: 4, rate: '100.0%', byOutlet: { 示例市公共资源交易网: 3 } },
    publicity: { portalArticles: 1, briefings: 0, adopted: { 示例政务信息: 1 }, handbookCopies: 200, serviceGuideCopies: 0 },
    subCenters: ['示例市东区便民服务分中心'],
  },
} as const;

const registry = createEventRegistry([...approvalEvents, ...catalogEvents, ...disclosureEvents]);

const elements = (name: string, department: string): ItemElements => ({
  name,
  type: '行政许可',
  department,
  level: 'city',
  legalBasis: ['行政许可法 第十二条'],
  statutoryLimitDays: 20,
  promisedLimitDays: 10,
  handling: '承诺件',
  requiredVisits: 1,
  onlineDepth: 'onlineIntake',
  materials: ['申请书', '身份证明'],
  steps: ['受理', '审查', '决定'],
  fees: [],
  specialProcedures: [],
});
const agencyInfo = (name: string) => ({ name, basicInfo: '资质齐全', scope: ['测绘'], promisedLimitDays: 5, fees: [], contact: { person: '王工', phone: '0000-1234567' } });

/** Writes the second center's two years through the deciders; returns the log in append order. */
export async function secondCenterLog(): Promise<StoredEvent[]> {
  const store = createMemoryStore({ registry });
  const approval = createApprovalDecider({ itemLimits: { 'SL-01': { promised: 10 }, 'SL-02': { promised: 10 } } });
  const run = async <S, C, E extends { type: string; data: unknown }>(stream: string, on: string, command: C, decider: Decider<S, C, E>) => {
    await handle(store, stream, command, decider as never, { meta: { occurredAt: `${on}T02:00:00.000Z`, channel: 'system', actor: { id: 'admin', role: 'admin' }, node: 'demo-center' } });
  };

  // The node registry: the center and two sub-centers; the west one closes in mid-2015.
  const center = catalogStreams.center('demo');
  await run(center, '2014-01-02', { type: 'EstablishCenter', centerId: 'demo', name: '示例市政务服务中心', establishedOn: '2014-01-02' }, nodeDecider);
  await run(center, '2014-01-02', { type: 'OpenSubCenter', centerId: 'demo', nodeId: 'demo-east', name: '东区分中心', domain: '综合', openedOn: '2014-01-02' }, nodeDecider);
  await run(center, '2014-01-02', { type: 'OpenSubCenter', centerId: 'demo', nodeId: 'demo-west', name: '西区分中心', domain: '综合', openedOn: '2014-01-02' }, nodeDecider);
  await run(center, '2015-06-30', { type: 'CloseSubCenter', centerId: 'demo', nodeId: 'demo-west', closedOn: '2015-06-30' }, nodeDecider);

  // Approval cases: 2014 two of the market department, one of housing; 2015 two of transport.
  const cases: [string, string, string][] = [
    ['c1', 'dept-market', '2014-03-03'],
    ['c2', 'dept-market', '2014-03-04'],
    ['c3', 'dept-housing', '2014-03-05'],
    ['c4', '示例市交通局', '2015-03-02'],
    ['c5', '示例市交通局', '2015-03-03'],
  ];
  for (const [caseId, department, on] of cases) {
    const stream = `case-${caseId}`;
    const next = `${on.slice(0, 8)}${String(Number(on.slice(8)) + 1).padStart(2, '0')}`;
    await run(stream, on, { type: 'Receive', on, channel: 'window', caseId, itemCode: 'SL-01', department, applicant: { name: '某公司', kind: 'organization' }, materials: ['申请书'], node: 'demo-center' }, approval);
    await run(stream, on, { type: 'Accept', on, channel: 'window' }, approval);
    await run(stream, next, { type: 'Decide', on: next, channel: 'system', outcome: 'grant' }, approval);
  }

  // Cleanup: four items decided in the 2014 campaign, two new ones in the 2015 campaign.
  await run(catalogStreams.campaign('demo-2014'), '2014-04-01', { type: 'OpenCampaign', campaignId: 'demo-2014', name: '2014年示例市行政审批事项清理', level: 'city', openedOn: '2014-04-01' }, campaignDecider);
  const items2014: [string, 'cancelled' | 'delegated' | 'retained'][] = [
    ['SL-I1', 'cancelled'],
    ['SL-I2', 'delegated'],
    ['SL-I3', 'retained'],
    ['SL-I4', 'retained'],
  ];
  for (const [code, decision] of items2014) {
    await run(catalogStreams.item(code), '2014-01-05', { type: 'RegisterItem', code, elements: elements(`事项${code}`, '示例市市场监管局'), effectiveFrom: '2014-01-05' }, itemDecider);
    await run(catalogStreams.item(code), '2014-05-01', { type: 'DecideCleanup', code, campaignId: 'demo-2014', decision, decidedOn: '2014-05-01', reason: '清理', ...(decision === 'delegated' ? { toLevel: 'county' as const } : {}) }, itemDecider);
  }
  await run(catalogStreams.campaign('demo-2015'), '2015-04-01', { type: 'OpenCampaign', campaignId: 'demo-2015', name: '2015年示例市行政审批事项清理', level: 'city', openedOn: '2015-04-01' }, campaignDecider);
  for (const [code, decision] of [['SL-J1', 'adjusted'], ['SL-J2', 'retained']] as const) {
    await run(catalogStreams.item(code), '2015-01-05', { type: 'RegisterItem', code, elements: elements(`事项${code}`, '示例市住房和城乡建设局'), effectiveFrom: '2015-01-05' }, itemDecider);
    await run(
      catalogStreams.item(code),
      '2015-05-01',
      { type: 'DecideCleanup', code, campaignId: 'demo-2015', decision, decidedOn: '2015-05-01', reason: '清理', ...(decision === 'adjusted' ? { elements: { ...elements(`事项${code}`, '示例市住房和城乡建设局'), promisedLimitDays: 5 } } : {}) },
      itemDecider,
    );
    // By the end of 2015 the housing department has published every standard of its items.
    for (const standard of standardKinds) await run(catalogStreams.item(code), '2015-12-01', { type: 'PublishStandard', code, standard, publishedOn: '2015-12-01' }, itemDecider);
  }

  // Intermediaries: 2014 three submitted, two approved and published; 2015 one more submitted,
  // the third of 2014 and the new one approved and published, one of 2014 delisted.
  for (const i of [1, 2, 3]) await run(catalogStreams.agency(`ag${i}`), '2014-06-01', { type: 'SubmitAgency', agencyId: `ag${i}`, info: agencyInfo(`示例测绘${i}`), submittedOn: '2014-06-01' }, agencyDecider);
  for (const i of [1, 2]) {
    await run(catalogStreams.agency(`ag${i}`), '2014-06-10', { type: 'ApproveAgency', agencyId: `ag${i}`, approvedOn: '2014-06-10' }, agencyDecider);
    await run(catalogStreams.agency(`ag${i}`), '2014-06-20', { type: 'PublishAgency', agencyId: `ag${i}`, publishedOn: '2014-06-20' }, agencyDecider);
  }
  await run(catalogStreams.agency('ag4'), '2015-02-01', { type: 'SubmitAgency', agencyId: 'ag4', info: agencyInfo('示例测绘4'), submittedOn: '2015-02-01' }, agencyDecider);
  for (const i of [3, 4]) {
    await run(catalogStreams.agency(`ag${i}`), '2015-02-10', { type: 'ApproveAgency', agencyId: `ag${i}`, approvedOn: '2015-02-10' }, agencyDecider);
    await run(catalogStreams.agency(`ag${i}`), '2015-02-20', { type: 'PublishAgency', agencyId: `ag${i}`, publishedOn: '2015-02-20' }, agencyDecider);
  }
  await run(catalogStreams.agency('ag1'), '2015-09-01', { type: 'DelistAgency', agencyId: 'ag1', reason: '资质过期', delistedOn: '2015-09-01' }, agencyDecider);

  // Surveys: 100 forms in 2014 (80 back, 70 satisfied), 50 in 2015 (40 back, all satisfied).
  await run(catalogStreams.survey('s2014'), '2014-02-01', { type: 'IssueSurvey', surveyId: 's2014', node: 'demo-center', subject: '办事满意度测评', forms: 100, issuedOn: '2014-02-01' }, surveyDecider);
  await run(catalogStreams.survey('s2014'), '2014-11-30', { type: 'RecordSurveyReturns', surveyId: 's2014', ratings: { 非常满意: 50, 满意: 20, 不满意: 10 }, returnedOn: '2014-11-30' }, surveyDecider);
  await run(catalogStreams.survey('s2015'), '2015-02-01', { type: 'IssueSurvey', surveyId: 's2015', node: 'demo-center', subject: '办事满意度测评', forms: 50, issuedOn: '2015-02-01' }, surveyDecider);
  await run(catalogStreams.survey('s2015'), '2015-11-30', { type: 'RecordSurveyReturns', surveyId: 's2015', ratings: { 满意: 40 }, returnedOn: '2015-11-30' }, surveyDecider);

  // Trading: a forest deal registered in 2014 concludes in 2015 and counts there.
  const deal = async (dealId: string, category: string, registeredOn: string, concludedOn: string, priceFen: number, extra: { budgetFen?: number; areaSqm?: number } = {}) => {
    await run(catalogStreams.deal(dealId), registeredOn, { type: 'RegisterDeal', dealId, category, title: `${category} ${dealId}`, node: 'demo-center', registeredOn, ...extra }, dealDecider);
    await run(catalogStreams.deal(dealId), concludedOn, { type: 'ConcludeDeal', dealId, priceFen, concludedOn }, dealDecider);
  };
  await deal('w1', 'water-rights', '2014-04-01', '2014-06-01', 9_000_000_000, { budgetFen: 10_000_000_000 });
  await deal('c1', 'carbon', '2014-04-01', '2014-07-01', 5_000_000_000);
  await deal('f1', 'forest', '2014-11-01', '2015-01-10', 30_000_000_000, { areaSqm: 20_000 });
  await deal('w2', 'water-rights', '2015-04-01', '2015-06-01', 15_000_000_000, { budgetFen: 20_000_000_000 });

  const notice = (noticeId: string, dealId: string, kind: 'announcement' | 'result', outlets: string[], publishedOn: string) =>
    run(catalogStreams.notice(noticeId), publishedOn, { type: 'PublishTradingNotice', noticeId, dealId, kind, outlets, publishedOn }, noticeDecider);
  await notice('n1', 'w1', 'announcement', ['示例市公共资源交易网'], '2014-05-01');
  await notice('n2', 'w1', 'result', ['示例市公共资源交易网', '示例日报'], '2014-06-02');
  await notice('n3', 'c1', 'announcement', ['示例市公共资源交易网'], '2014-05-01');
  await notice('n4', 'f1', 'announcement', ['示例市公共资源交易网'], '2014-11-02');
  await notice('n5', 'f1', 'result', ['示例市公共资源交易网'], '2015-01-11');
  await notice('n6', 'w2', 'announcement', ['示例市公共资源交易网'], '2015-04-02');
  await notice('n7', 'w2', 'result', ['示例市公共资源交易网'], '2015-06-02');

  // Publicity: a 2014 article adopted in 2014, another 2014 article adopted only in 2015.
  const piece = (pieceId: string, kind: 'portalArticle' | 'briefing', publishedOn: string) =>
    run(catalogStreams.publicity(pieceId), publishedOn, { type: 'PublishReformPiece', pieceId, kind, title: `审改信息 ${pieceId}`, publishedOn }, pieceDecider);
  const adopt = (pieceId: string, adoptedOn: string) => run(catalogStreams.publicity(pieceId), adoptedOn, { type: 'RecordAdoption', pieceId, outlet: '示例政务信息', adoptedOn }, pieceDecider);
  await piece('p1', 'portalArticle', '2014-03-01');
  await piece('p2', 'portalArticle', '2014-04-01');
  await piece('b1', 'briefing', '2014-05-01');
  await adopt('p1', '2014-03-10');
  await piece('p3', 'portalArticle', '2015-03-01');
  await adopt('p2', '2015-01-20');
  await run(catalogStreams.publication('guide'), '2014-02-01', { type: 'RegisterPublication', publicationId: 'guide', kind: 'handbook', title: '示例市办事手册', registeredOn: '2014-02-01' }, publicationDecider);
  await run(catalogStreams.publication('guide'), '2014-02-10', { type: 'PrintCopies', publicationId: 'guide', copies: 300, printedOn: '2014-02-10' }, publicationDecider);
  await run(catalogStreams.publication('guide'), '2015-02-10', { type: 'PrintCopies', publicationId: 'guide', copies: 200, printedOn: '2015-02-10' }, publicationDecider);

  const log: StoredEvent[] = [];
  for await (const e of store.readAll({ upcast: false })) log.push(e);
  return log;
}
