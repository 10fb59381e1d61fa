import { createMemoryStore, exportJsonl, replayJsonl, type StoredEvent } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { disclosureRegistry } from '../events/index.js';
import { InvalidReportOptionsError } from '../errors/index.js';
import type { ApplicantType, Outcome, ProactiveCategory, PublicationChannel } from '../labels/index.js';
import { annualReport as anyReport, annualReportProjection, finishAnnualReport, type AnnualReport2021 } from './annualReport.js';
import { formatReport } from './formatReport.js';

type Ev = { type: string; stream: string; data: Record<string, unknown> };
/** Reports of 2021 and later have the 2021 tables; the tests of those tables narrow to them. */
const report2021 = (events: Iterable<Ev>, options: { year: number; agency?: string }): AnnualReport2021 => {
  const r = anyReport(events, options);
  if (r.format !== '2021') throw new Error(`expected the 2021 format for ${options.year}, got ${r.format}`);
  return r;
};
const annualReport = anyReport;

function req(id: string, applicant: ApplicantType, receivedOn: string, concluded?: [string, Outcome], agency = '甲中心'): Ev[] {
  const stream = `disclosure-${id}`;
  const out: Ev[] = [
    {
      type: 'DisclosureRequestReceived',
      stream,
      data: { requestId: id, agency, applicant: { type: applicant, name: id }, channel: 'inPerson', submittedOn: receivedOn, receivedOn, ruleSet: receivedOn >= '2019-05-15' ? '2019' : '2008', description: 'd' },
    },
  ];
  if (concluded) out.push({ type: 'DisclosureRequestConcluded', stream, data: { on: concluded[0], outcome: concluded[1], basis: 'b', dueDate: null, late: false } });
  return out;
}
const remedy = (id: string, caseId: string, kind: string, filedOn: string, decided?: [string, string]): Ev[] => [
  { type: 'DisclosureRemedyFiled', stream: `disclosure-${id}`, data: { caseId, on: filedOn, kind } },
  ...(decided ? [{ type: 'DisclosureRemedyDecided', stream: `disclosure-${id}`, data: { caseId, on: decided[0], result: decided[1] } }] : []),
];
function info(id: string, category: ProactiveCategory, formedOn: string, extra: { decisions?: number; fee?: number; published?: [string, PublicationChannel[], boolean]; repealedOn?: string; withheldOn?: string } = {}): Ev[] {
  const stream = `publicinfo-${id}`;
  const out: Ev[] = [
    {
      type: 'PublicInfoFormed',
      stream,
      data: { itemId: id, agency: '甲中心', title: id, category, change: 'formed', formedOn, publishBy: formedOn, ruleSet: '2019', decisions: extra.decisions ?? 0, feeAmountWan: extra.fee ?? 0 },
    },
  ];
  if (extra.withheldOn) out.push({ type: 'PublicInfoReviewed', stream, data: { on: extra.withheldOn, decision: 'withhold', reason: 'withheldProcessInfo', basis: 'b' } });
  if (extra.published) out.push({ type: 'PublicInfoPublished', stream, data: { on: extra.published[0], channels: extra.published[1], dueOn: formedOn, late: extra.published[2] } });
  if (extra.repealedOn) out.push({ type: 'PublicInfoRepealed', stream, data: { on: extra.repealedOn } });
  return out;
}

/** A hand-built log for 2022 (the 2021 format) whose tables are known cell by cell. */
const golden: Ev[] = [
  ...req('R8', 'naturalPerson', '2021-11-01', ['2021-11-20', 'granted']),
  ...req('R1', 'naturalPerson', '2021-12-20', ['2022-01-10', 'granted']),
  ...req('R2', 'commercialEnterprise', '2022-02-03', ['2022-02-20', 'partiallyGranted']),
  ...req('R3', 'researchInstitution', '2022-03-02', ['2022-03-20', 'withheldStateSecret']),
  ...req('R4', 'legalServiceAgency', '2022-12-25'),
  ...req('R5', 'naturalPerson', '2022-05-06', ['2022-05-30', 'otherNoSupplement']),
  ...req('R6', 'publicInterestOrganization', '2022-06-01', ['2022-06-10', 'unableNotHeld']),
  ...req('R7', 'otherOrganization', '2022-07-01', ['2022-07-02', 'notProcessedRepeat']),
  ...req('R9', 'naturalPerson', '2022-08-01', ['2022-09-01', 'otherFeeUnpaid']),
  ...req('R10', 'naturalPerson', '2022-08-01', ['2022-09-01', 'granted'], '乙分中心'),
  ...remedy('R1', 'FY-1', 'review', '2022-02-01', ['2022-03-01', 'upheld']),
  ...remedy('R1', 'SS-1', 'litigationAfterReview', '2022-03-10', ['2023-01-10', 'other']),
  ...remedy('R3', 'FY-2', 'review', '2022-04-01', ['2022-06-01', 'corrected']),
  ...remedy('R2', 'SS-2', 'litigationDirect', '2022-11-01'),
  ...info('I1', 'rule', '2022-01-10', { published: ['2022-01-20', ['governmentWebsite', 'gazette'], false] }),
  ...info('I2', 'normativeDocument', '2020-05-01', { repealedOn: '2022-06-01' }),
  ...info('I3', 'normativeDocument', '2022-03-01', { published: ['2022-04-20', ['centerPortal'], true] }),
  ...info('I4', 'licensing', '2022-02-01', { decisions: 120, published: ['2022-02-05', ['bulletinBoard'], false] }),
  ...info('I5', 'penalty', '2022-04-01', { decisions: 3 }),
  ...info('I6', 'coercion', '2022-04-02', { decisions: 1 }),
  ...info('I7', 'fee', '2022-12-31', { fee: 12.5 }),
  ...info('I8', 'normativeDocument', '2021-01-01'),
  ...info('I9', 'other', '2022-05-01', { withheldOn: '2022-05-10' }),
];

describe('annualReport — golden log', () => {
  const r = report2021(golden, { year: 2022, agency: '甲中心' });

  it('table 三 cell by cell', () => {
    const zero = [0, 0, 0, 0, 0, 0, 0];
    expect(r.requests.newReceived).toEqual([2, 1, 1, 1, 1, 1, 7]);
    expect(r.requests.carriedOver).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.requests.granted).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.requests.partiallyGranted).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(r.requests.withheldStateSecret).toEqual([0, 0, 1, 0, 0, 0, 1]);
    expect(r.requests.unableNotHeld).toEqual([0, 0, 0, 1, 0, 0, 1]);
    expect(r.requests.notProcessedRepeat).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(r.requests.otherNoSupplement).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.requests.otherFeeUnpaid).toEqual([1, 0, 0, 0, 0, 0, 1]);
    for (const k of ['withheldLawProhibited', 'withheldThreeSecurities', 'withheldThirdParty', 'withheldInternalAffairs', 'withheldProcessInfo', 'withheldEnforcementFile', 'withheldAdminQuery', 'unableNeedsCreation', 'unableStillUnclear', 'notProcessedPetition', 'notProcessedPublication', 'notProcessedExcessive', 'notProcessedConfirmation', 'otherOther'] as const) {
      expect(r.requests[k], k).toEqual(zero);
    }
    expect(r.requests.total).toEqual([3, 1, 1, 1, 0, 1, 7]);
    expect(r.requests.carryForward).toEqual([0, 0, 0, 0, 1, 0, 1]);
    expect(r.ok).toBe(true);
  });

  it('table 四 cell by cell', () => {
    expect(r.remedies.review).toEqual({ upheld: 1, corrected: 1, other: 0, pending: 0, total: 2 });
    expect(r.remedies.litigationDirect).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    expect(r.remedies.litigationAfterReview).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    expect(annualReport(golden, { year: 2023, agency: '甲中心' }).remedies.litigationAfterReview).toEqual({ upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 });
  });

  it('table 二 cell by cell, with channels and late publication', () => {
    expect(r.proactive).toEqual({
      rule: { made: 1, repealed: 0, inForce: 1 },
      normativeDocument: { made: 1, repealed: 1, inForce: 2 },
      licensing: { decisions: 120 },
      penalty: { decisions: 3 },
      coercion: { decisions: 1 },
      fee: { amountWan: 12.5 },
    });
    expect(r.proactiveActivity.byChannel).toMatchObject({ governmentWebsite: 1, gazette: 1, centerPortal: 1, bulletinBoard: 1, serviceGuide: 0 });
    expect(r.proactiveActivity.late).toBe(1);
    expect(r.proactiveActivity.byCategory.other).toEqual({ formed: 1, published: 0, late: 0, withheld: 1, revoked: 0 });
  });

  it('without an agency, every agency counts', () => {
    const all = report2021(golden, { year: 2022 });
    expect(all.requests.newReceived[6]).toBe(8);
    expect(all.title).toBe('2022年政府信息公开工作年度报告');
    expect(r.title).toBe('甲中心2022年政府信息公开工作年度报告');
  });

  it('says which rule set governed', () => {
    expect(annualReport(req('A', 'naturalPerson', '2013-03-01'), { year: 2013 }).ruleSetNote).toContain('2007年国务院令第492号');
    const mixed = annualReport([...req('A', 'naturalPerson', '2019-03-01'), ...req('B', 'naturalPerson', '2019-06-01')], { year: 2019 });
    expect(mixed.ruleSets.map((s) => [s.id, s.requests])).toEqual([
      ['2008', 1],
      ['2019', 1],
    ]);
    expect(mixed.ruleSetNote).toContain('2019-05-15前收到的申请适用');
  });

});

describe('the format of the year', () => {
  const fee = (id: string, type: string, data: Record<string, unknown>): Ev => ({ type, stream: `disclosure-${id}`, data });
  const log2013: Ev[] = [
    ...req('A', 'naturalPerson', '2012-12-20', ['2013-01-10', 'granted']),
    ...req('B', 'commercialEnterprise', '2013-03-04', ['2013-03-20', 'withheldStateSecret']),
    ...req('C', 'naturalPerson', '2013-05-06', ['2013-05-20', 'partiallyGranted']),
    ...req('D', 'naturalPerson', '2013-12-23'),
    fee('A', 'DisclosureCostFeeCharged', { on: '2013-01-10', search: true, pages: 12, postageFen: 1200, amountFen: 1940, standard: '闽价费〔2008〕472号', basis: '政府信息公开条例（2008） 第二十七条' }),
    fee('C', 'DisclosureFeeWaived', { on: '2013-05-20', amountFen: 700, approvedBy: { id: 'u', role: 'officeHead' }, reason: '低保', standard: '闽价费〔2008〕472号', basis: '政府信息公开条例（2008） 第二十八条' }),
    ...remedy('B', 'FY-1', 'review', '2013-04-10', ['2013-06-10', 'upheld']),
    ...remedy('B', 'SS-1', 'litigationDirect', '2013-07-01'),
  ];
  const seedYear = annualReport(log2013, { year: 2013, agency: '甲中心' });

  it('2013 is reported as 2008 第三十二条 requires, never in the 2021 tables', () => {
    expect(seedYear.format).toBe('2008');
    expect(seedYear.formatBasis).toBe('政府信息公开条例（2008） 第三十二条');
    if (seedYear.format !== '2008') throw new Error('unreachable');
    expect(seedYear.requests).toEqual({
      received: 3,
      carriedOver: 1,
      concluded: 3,
      granted: 1,
      partiallyGranted: 1,
      withheld: 1,
      notHeld: 0,
      other: 0,
      carryForward: 1,
      supplementNotices: 0,
      proactiveWithheld: 0,
      byChannel: { inPerson: 3, post: 0, internet: 0, fax: 0 },
    });
    expect(seedYear.fees).toEqual({ notices: { count: 0, amountFen: 0, paid: 0, paidFen: 0 }, charged: { count: 1, amountFen: 1940 }, waived: { count: 1, amountFen: 700 } });
    expect(seedYear.ok).toBe(true);
    const md = formatReport(seedYear, 'md');
    for (const heading of ['二、主动公开政府信息情况', '三、依申请公开政府信息和不予公开政府信息情况', '四、政府信息公开的收费及减免情况', '五、因政府信息公开申请行政复议、提起行政诉讼的情况', '六、政府信息公开工作存在的主要问题及改进情况']) expect(md).toContain(heading);
    expect(md).toContain('| 收取检索、复制、邮寄成本费用（第二十七条） | 1 | 19.40 |');
    expect(md).toContain('| 减免（第二十八条） | 1 | 7.00 |');
    expect(md).toContain('| 行政诉讼 | 0 | 0 | 0 | 1 | 1 |');
    for (const label of ['本年新收政府信息公开申请数量', '（七）总计', '国办公开办函〔2021〕30号', '申请人情况']) expect(md).not.toContain(label);
    for (const f of ['csv', 'html'] as const) expect(formatReport(seedYear, f)).not.toContain('本年新收政府信息公开申请数量');
  });

  it('the seed year with no requests is a valid all-zero 2008-format report', () => {
    const empty = annualReport([], { year: 2013, agency: '台州市行政服务中心' });
    expect(empty.ok).toBe(true);
    expect(empty.summary).toEqual({ newReceived: 0, carriedOver: 0, concluded: 0, carryForward: 0 });
    expect(formatReport(empty, 'html')).toContain('四、政府信息公开的收费及减免情况');
  });

  it('a 2008-format report checks its own arithmetic: a channel missing from the log breaks 本年收到 = 各申请方式之和', () => {
    const noChannel = log2013.map((e) => (e.type === 'DisclosureRequestReceived' && e.stream === 'disclosure-B' ? { ...e, data: { ...e.data, channel: 'pigeon' } } : e));
    const r = annualReport(noChannel, { year: 2013, agency: '甲中心' });
    expect(r.checks.find((c) => c.id === 'channelSum')).toMatchObject({ ok: false });
  });

  it('an outcome or fee from another era fails its check, naming the request', () => {
    const leaked = [...req('E', 'naturalPerson', '2013-06-03', ['2013-06-20', 'notProcessedExcessive']), fee('E', 'DisclosureFeeNoticeIssued', { on: '2013-06-10', amountFen: 10_000 })];
    const r = annualReport([...log2013, ...leaked], { year: 2013, agency: '甲中心' });
    expect(r.checks.find((c) => c.id === 'eraOutcomes')?.detail).toContain('disclosure-E: notProcessedExcessive under the 2008 text');
    expect(r.checks.find((c) => c.id === 'feeTotals')?.detail).toContain('disclosure-E');
    expect(r.ok).toBe(false);
  });

  it('2019 and 2020 use the trial format of 国办公开办函〔2019〕60号: one 其他处理 row', () => {
    const log = [...req('A', 'naturalPerson', '2020-03-02', ['2020-03-20', 'otherNoSupplement']), ...req('B', 'naturalPerson', '2020-04-01', ['2020-04-20', 'otherOther']), ...req('C', 'naturalPerson', '2020-05-06', ['2020-05-20', 'granted'])];
    const r = annualReport(log, { year: 2020 });
    expect(r.format).toBe('2019');
    if (r.format !== '2019') throw new Error('unreachable');
    expect(r.requests.other).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(Object.keys(r.requests)).not.toContain('otherNoSupplement');
    expect(r.ok).toBe(true);
    const md = formatReport(r, 'md');
    expect(md).toContain('| 三、本年度办理结果 | （六）其他处理 |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |');
    expect(md).toContain('本年新制作数量');
    expect(md).not.toContain('1.申请人无正当理由逾期不补正');
  });

  it('2021 and later: the 2021 format, with 信息处理费 under 六、其他需要报告的事项', () => {
    const log = [...req('A', 'naturalPerson', '2022-03-01', ['2022-04-20', 'granted']), fee('A', 'DisclosureFeeNoticeIssued', { on: '2022-03-05', amountFen: 10_000 }), fee('A', 'DisclosureFeePaid', { on: '2022-03-10' })];
    const r = annualReport(log, { year: 2022 });
    expect(r.format).toBe('2021');
    expect(r.fees.notices).toEqual({ count: 1, amountFen: 10_000, paid: 1, paidFen: 10_000 });
    expect(formatReport(r, 'md')).toContain('收取信息处理费：发出收费通知 1 件，金额 100.00 元；已缴纳 1 件，100.00 元。');
  });

  it('years before 2008 have no report', () => {
    expect(() => annualReport([], { year: 2007 })).toThrow(InvalidReportOptionsError);
  });
});

describe('annualReport — a log that breaks a check says so', () => {
  it('a request concluded twice fails 总计 = 21 rows and singleOutcome, naming the stream', () => {
    const bad = [...req('X', 'naturalPerson', '2022-03-02', ['2022-03-10', 'granted']), { type: 'DisclosureRequestConcluded', stream: 'disclosure-X', data: { on: '2022-03-12', outcome: 'otherOther' } }];
    const r = annualReport(bad, { year: 2022 });
    expect(r.ok).toBe(false);
    const failed = r.checks.filter((c) => !c.ok).map((c) => c.id);
    expect(failed).toEqual(expect.arrayContaining(['outcomeSum', 'singleOutcome']));
    expect(r.checks.find((c) => c.id === 'outcomeSum')?.detail).toContain('column naturalPerson: 总计 is 1 requests, but the 21 outcome rows add up to 2');
    expect(r.checks.find((c) => c.id === 'singleOutcome')?.detail).toContain('disclosure-X');
    expect(formatReport(r, 'md')).toContain('校验未通过');
    expect(formatReport(r, 'html')).toContain('class="fail"');
    expect(formatReport(r, 'csv')).toContain('校验未通过,singleOutcome');
  });

  it('a conclusion dated in the year before receipt breaks the balance', () => {
    const r = annualReport(req('Y', 'commercialEnterprise', '2023-01-05', ['2022-12-20', 'granted']), { year: 2022 });
    const balance = r.checks.find((c) => c.id === 'balance');
    expect(balance?.ok).toBe(false);
    expect(balance?.detail).toContain('column commercialEnterprise: 新收 0 + 上年结转 0 = 0, but 总计 1 + 结转下年度 0 = 1');
    expect(r.checks.find((c) => c.id === 'chronology')?.ok).toBe(false);
  });

  it('outcomes for a request never received fail knownRequests', () => {
    const r = annualReport([{ type: 'DisclosureRequestConcluded', stream: 'disclosure-Z', data: { on: '2022-03-12', outcome: 'granted' } }], { year: 2022 });
    expect(r.checks.find((c) => c.id === 'knownRequests')).toMatchObject({ ok: false });
    expect(r.checks.find((c) => c.id === 'knownRequests')?.detail).toContain('disclosure-Z');
  });

  it('bad options are a typed error', () => {
    expect(() => annualReport([], { year: 13 })).toThrow(InvalidReportOptionsError);
    expect(() => annualReport([], { year: 2013, agency: ' ' })).toThrow(/agency/);
    expect(() => formatReport(annualReport([], { year: 2013 }), 'pdf' as 'md')).toThrow(InvalidReportOptionsError);
  });
});

describe('formats', () => {
  const r = report2021(golden, { year: 2022, agency: '甲中心' });

  it('Markdown has the exact labels of the 2021 format', () => {
    const md = formatReport(r, 'md');
    for (const label of [
      '一、总体情况',
      '二、主动公开政府信息情况',
      '第二十条第（一）项',
      '本年收费金额（单位：万元）',
      '三、收到和处理政府信息公开申请情况',
      '一、本年新收政府信息公开申请数量',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '3.危及“三安全一稳定”',
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      '四、结转下年度继续办理',
      '四、政府信息公开行政复议、行政诉讼情况',
    ]) {
      expect(md, label).toContain(label);
    }
    expect(md).toContain('| 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 1 | 0 | 0 | 0 | 1 |');
  });

  it('CSV has one line per table row, quoted where needed', () => {
    const csv = formatReport(r, 'csv');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines).toContain('一、本年新收政府信息公开申请数量,,,2,1,1,1,1,1,7');
    expect(lines).toContain('三、本年度办理结果,（七）总计,,3,1,1,1,0,1,7');
    expect(lines).toContain('1,1,0,0,2,0,0,0,1,1,0,0,0,1,1');
  });

  it('JSON round-trips the report', () => {
    expect(JSON.parse(formatReport(r, 'json'))).toEqual(JSON.parse(JSON.stringify(r)));
  });

  it('HTML is a standalone page: inline CSS, no external assets, the format’s merged cells', () => {
    const html = formatReport(r, 'html');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<(link|script|img)\b/);
    expect(html).not.toMatch(/(src|href)=/);
    expect(html).toContain('<td rowspan="22">三、本年度办理结果</td>');
    expect(html).toContain('<td rowspan="8">（三）不予公开</td>');
    expect(html).toContain('<td colspan="10">行政诉讼</td>');
  });
});

describe('annualReportProjection', () => {
  it('replayJsonl over an exported store gives the same report as annualReport', async () => {
    const store = createMemoryStore({ registry: disclosureRegistry, unknownEvents: 'passthrough' });
    for (const e of golden) {
      const data = e.type === 'DisclosureRequestConcluded' ? { ...e.data, basis: '国办公开办函〔2021〕30号' } : e.data;
      await store.append(e.stream, [{ type: e.type, data }]);
    }
    const chunks: string[] = [];
    for await (const c of exportJsonl(store.readAll())) chunks.push(c);
    const { state } = await replayJsonl(chunks, annualReportProjection());
    const viaReplay = finishAnnualReport(state, { year: 2022, agency: '甲中心' });
    const events: StoredEvent[] = [];
    for await (const e of store.readAll()) events.push(e);
    expect(viaReplay).toEqual(annualReport(events, { year: 2022, agency: '甲中心' }));
    expect(viaReplay.format === '2021' && viaReplay.requests.total).toEqual([3, 1, 1, 1, 0, 1, 7]);
  });

  it('snapshot and restore keep the state', () => {
    const p = annualReportProjection();
    let s = p.init();
    for (const e of golden) s = p.apply(s, e as unknown as StoredEvent);
    const restored = (p.restore as (x: unknown) => typeof s)(JSON.parse(JSON.stringify((p.snapshot as (x: typeof s) => unknown)(s))));
    expect(finishAnnualReport(restored, { year: 2022 })).toEqual(finishAnnualReport(s, { year: 2022 }));
  });
});
