import { mainlandChinaCalendar } from '@banshi/calendar';
import { foldDecider } from '@banshi/core';
import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '../events/index.js';
import type { RequestCommand } from './requestCommands.js';
import { createDisclosureDecider } from './requestDecider.js';

const calendar = mainlandChinaCalendar();
const standard = { document: '闽价费〔2008〕472号', publishedOn: '2008-09-10', searchFen: 500, copyPerPageFen: 20 };
const decider = createDisclosureDecider({ calendar, costFeeStandard: standard });
const spec = deciderSpec(decider);
const head = { id: 'u-9', role: 'officeHead' };

type Receive = Extract<RequestCommand, { type: 'ReceiveRequest' }>;
const receive = (over: Partial<Receive>): RequestCommand => ({
  type: 'ReceiveRequest',
  requestId: 'R-1',
  agency: '市行政服务中心',
  applicant: { type: 'naturalPerson', name: '张三' },
  channel: 'inPerson',
  submittedOn: '2013-09-02',
  description: '2013年行政审批事项清理目录',
  ...over,
});
/** Mail (registered post: the day signed for), online (internet), in person — each arriving on `day`. */
const byChannel = (day: string): Record<'mail' | 'online' | 'inPerson', RequestCommand> => ({
  mail: receive({ channel: 'registeredPost', submittedOn: day, signedOn: day }),
  online: receive({ channel: 'internet', submittedOn: day, confirmedOn: day }),
  inPerson: receive({ channel: 'inPerson', submittedOn: day }),
});
const received = (receivedOn: string, ruleSet: '2008' | '2019', type: 'naturalPerson' | 'commercialEnterprise' = 'naturalPerson'): RequestEvent => ({
  type: 'DisclosureRequestReceived',
  data: { requestId: 'R-1', agency: '市行政服务中心', applicant: { type, name: '张三' }, channel: 'inPerson', submittedOn: receivedOn, receivedOn, ruleSet, description: '…' },
});
const concluded = (on: string, outcome: 'granted' | 'withheldStateSecret', basis: string): RequestEvent => ({ type: 'DisclosureRequestConcluded', data: { on, outcome, basis, dueDate: null, late: false } });

describe('era boundaries: each request is judged under the text in force on its receipt date', () => {
  it.each(['mail', 'online', 'inPerson'] as const)('given nothing, when a request arrives by %s on 2008-04-30, then it is refused: the 条例 was not in force (2008 第三十八条)', (channel) => {
    const e = spec.given([]).when(byChannel('2008-04-30')[channel]).thenRejects('DISCLOSURE_BEFORE_REGULATIONS', '政府信息公开条例（2008） 第三十八条（国务院令第492号）');
    expect(e.message).toContain('2008-05-01');
  });

  it.each(['mail', 'online', 'inPerson'] as const)('given nothing, when a request arrives by %s on 2008-05-01, then the 2008 text governs: 15 working days (2008 第二十四条)', (channel) => {
    spec.given([]).when(byChannel('2008-05-01')[channel]).thenState((s, [e]) => {
      expect(e?.data).toMatchObject({ receivedOn: '2008-05-01', ruleSet: '2008' });
      expect(decider.clock(s)?.dueDate).toBe(calendar.addWorkingDays('2008-05-01', 15));
    });
  });

  it.each(['mail', 'online', 'inPerson'] as const)('given nothing, when a request arrives by %s on 2019-05-14, then the 2008 text still governs', (channel) => {
    spec.given([]).when(byChannel('2019-05-14')[channel]).thenState((s) => {
      expect(s.ruleSet).toBe('2008');
      expect(decider.clock(s)?.dueDate).toBe(calendar.addWorkingDays('2019-05-14', 15));
    });
  });

  it.each(['mail', 'online', 'inPerson'] as const)('given nothing, when a request arrives by %s on 2019-05-15, then the 2019 text governs: 20 working days (2019 第三十三条)', (channel) => {
    spec.given([]).when(byChannel('2019-05-15')[channel]).thenState((s) => {
      expect(s.ruleSet).toBe('2019');
      expect(decider.clock(s)?.dueDate).toBe(calendar.addWorkingDays('2019-05-15', 20));
    });
  });

  it('receipt dates per channel: 2008 counts the day a request arrived; 2019 第三十一条 the day it was confirmed (online, ordinary post)', () => {
    spec.given([]).when(receive({ channel: 'internet', submittedOn: '2013-09-01', confirmedOn: '2013-09-03' })).thenState((s) => expect(s.receivedOn).toBe('2013-09-01'));
    spec.given([]).when(receive({ channel: 'internet', submittedOn: '2020-03-01', confirmedOn: '2020-03-03' })).thenState((s) => expect(s.receivedOn).toBe('2020-03-03'));
    spec.given([]).when(receive({ channel: 'ordinaryPost', submittedOn: '2013-09-01', signedOn: '2013-09-04' })).thenState((s) => expect(s.receivedOn).toBe('2013-09-04'));
    spec.given([]).when(receive({ channel: 'ordinaryPost', submittedOn: '2013-09-01' })).thenRejects('DISCLOSURE_INVALID_COMMAND');
    // a letter that arrived on 2019-05-14 was received under the 2008 text, whenever it is confirmed
    spec.given([]).when(receive({ channel: 'ordinaryPost', submittedOn: '2019-05-10', signedOn: '2019-05-14', confirmedOn: '2019-05-16' })).thenState((s) => expect([s.receivedOn, s.ruleSet]).toEqual(['2019-05-14', '2008']));
  });
});

describe('nothing leaks across eras', () => {
  const r2013 = received('2013-09-02', '2008');

  it('a 2013 request may not be closed as 无正当理由大量反复申请 (2019 第三十五条) nor given a later reply date', () => {
    spec.given([r2013]).when({ type: 'Conclude', on: '2013-09-10', outcome: 'notProcessedExcessive' }).thenRejects('DISCLOSURE_NOT_IN_ERA', '国务院令第492号');
    spec.given([r2013]).when({ type: 'DeferReply', on: '2013-09-10', until: '2013-12-31', reasons: '大量申请' }).thenRejects('DISCLOSURE_NOT_IN_ERA');
  });

  it('a 2013 补正 notice has no deadline and silence never ends the request (2008 第二十一条（四）, not 2019 第三十条)', () => {
    spec.given([r2013]).when({ type: 'RequestSupplement', on: '2013-09-20', items: ['文号'] }).then([{ type: 'DisclosureSupplementRequested', data: { on: '2013-09-20', dueOn: null, items: ['文号'], basis: '政府信息公开条例（2008） 第二十一条（四）' } }]);
    spec.given([r2013]).when({ type: 'RequestSupplement', on: '2013-09-04', dueOn: '2013-09-30', items: ['文号'] }).thenRejects('DISCLOSURE_NOT_IN_ERA');
    const notice: RequestEvent = { type: 'DisclosureSupplementRequested', data: { on: '2013-09-20', dueOn: null, items: ['文号'], basis: '政府信息公开条例（2008） 第二十一条（四）' } };
    const s = foldDecider(decider, [r2013, notice]);
    expect(decider.dueCheck(s, '2014-12-31')).toEqual([]);
    spec.given([r2013, notice]).when({ type: 'ReceiveSupplement', on: '2014-03-03' }).thenState((st) => expect(decider.clock(st)?.dueDate).toBe(calendar.addWorkingDays('2014-03-03', 15)));
  });

  it('a 2013 conclusion cites the 2008 text', () => {
    spec.given([r2013]).when({ type: 'Conclude', on: '2013-09-10', outcome: 'withheldStateSecret' }).thenState((_, [e]) => expect(e?.data).toMatchObject({ basis: '政府信息公开条例（2008） 第十四条' }));
    spec.given([r2013]).when({ type: 'Conclude', on: '2013-09-10', outcome: 'withheldProcessInfo' }).thenRejects('DISCLOSURE_NOT_IN_ERA');
  });

  it('the other organs of 2019 第三十四条 are not consulted under the 2008 text', () => {
    spec.given([r2013]).when({ type: 'ConsultOrgans', on: '2013-09-04', organs: ['市财政局'] }).thenRejects('DISCLOSURE_NOT_IN_ERA');
  });
});

describe('fees: only where the text in force on the receipt date allows them', () => {
  const r2021 = received('2021-03-01', '2019');
  const perPage = (pages: number): RequestCommand => ({ type: 'IssueFeeNotice', on: '2021-03-05', charge: { method: 'perPage', pages } });
  const perRequest = (monthlyCount: number, pieces = 1): RequestCommand => ({ type: 'IssueFeeNotice', on: '2021-03-05', charge: { method: 'perRequest', monthlyCount, pieces } });
  const amount = (events: readonly RequestEvent[]) => (events[0]?.data as { amountFen: number }).amountFen;

  it('按量 (国办函〔2020〕109号 第五条): 30 pages free; 31–100 at 10 元; 101–200 at 20 元; beyond 200 at 40 元 a page', () => {
    spec.given([r2021]).when(perPage(30)).thenRejects('DISCLOSURE_FEE_WITHOUT_BASIS', '第五条');
    spec.given([r2021]).when(perPage(31)).thenState((_, e) => expect(amount(e)).toBe(1_000));
    spec.given([r2021]).when(perPage(100)).thenState((_, e) => expect(amount(e)).toBe(70_000));
    spec.given([r2021]).when(perPage(101)).thenState((_, e) => expect(amount(e)).toBe(72_000));
    spec.given([r2021]).when(perPage(200)).thenState((_, e) => expect(amount(e)).toBe(270_000));
    spec.given([r2021]).when(perPage(250)).thenState((_, e) => expect(amount(e)).toBe(470_000));
  });

  it('按件 (第四条): 10 requests a month free; the 11th–30th at 100 元; from the 31st in bands of 10, each 100 元 dearer', () => {
    spec.given([r2021]).when(perRequest(10)).thenRejects('DISCLOSURE_FEE_WITHOUT_BASIS', '第四条');
    spec.given([r2021]).when(perRequest(11)).thenState((_, e) => expect(amount(e)).toBe(10_000));
    spec.given([r2021]).when(perRequest(30)).thenState((_, e) => expect(amount(e)).toBe(10_000));
    spec.given([r2021]).when(perRequest(31)).thenState((_, e) => expect(amount(e)).toBe(20_000));
    spec.given([r2021]).when(perRequest(41)).thenState((_, e) => expect(amount(e)).toBe(30_000));
    spec.given([r2021]).when(perRequest(12, 3)).thenState((_, e) => expect(amount(e)).toBe(20_000));
    spec.given([r2021]).when(perRequest(32, 4)).thenState((_, e) => expect(amount(e)).toBe(60_000));
  });

  it('the applicant pays within 20 working days of the notice (第六条); unpaid ends the request under 其他处理 2', () => {
    spec.given([r2021]).when(perPage(40)).then([
      { type: 'DisclosureFeeNoticeIssued', data: { on: '2021-03-05', method: 'perPage', quantity: { pages: 40 }, amountFen: 10_000, payBy: calendar.addWorkingDays('2021-03-05', 20), basis: '政府信息公开条例（2019） 第四十二条；国办函〔2020〕109号 第五条' } },
    ]);
    const notice = decider.decide(perPage(40), foldDecider(decider, [r2021])) as RequestEvent[];
    const s = foldDecider(decider, [r2021, ...notice]);
    const payBy = calendar.addWorkingDays('2021-03-05', 20);
    expect(decider.dueCheck(s, payBy)).toEqual([]);
    expect(decider.dueCheck(s, calendar.addWorkingDays(payBy, 1))).toMatchObject([{ type: 'DisclosureRequestConcluded', data: { outcome: 'otherFeeUnpaid', basis: '政府信息公开条例（2019） 第四十二条；国办函〔2020〕109号 第六条' } }]);
  });

  it('no 信息处理费 before 2021-01-01, and none at all under the 2008 text — refused with the article', () => {
    spec.given([received('2020-12-31', '2019')]).when({ ...perPage(500), on: '2021-01-05' } as RequestCommand).thenRejects('DISCLOSURE_FEE_WITHOUT_BASIS', '第四十二条');
    spec.given([received('2013-09-02', '2008')]).when({ ...perPage(500), on: '2013-09-05' } as RequestCommand).thenRejects('DISCLOSURE_FEE_WITHOUT_BASIS', '政府信息公开条例（2008） 第二十七条');
  });

  it('2008 第二十七条: cost fees against the published standard, with the information provided; none in the 2019 era', () => {
    const r2013 = received('2013-09-02', '2008');
    const granted = concluded('2013-09-10', 'granted', '政府信息公开条例（2008） 第二十一条（一）');
    const charge: RequestCommand = { type: 'ChargeCostFee', on: '2013-09-10', search: true, pages: 12, postageFen: 1200 };
    spec.given([r2013, granted]).when(charge).then([
      { type: 'DisclosureCostFeeCharged', data: { on: '2013-09-10', search: true, pages: 12, postageFen: 1200, amountFen: 1940, standard: '闽价费〔2008〕472号', basis: '政府信息公开条例（2008） 第二十七条' } },
    ]);
    spec.given([r2013, concluded('2013-09-10', 'withheldStateSecret', '政府信息公开条例（2008） 第十四条')]).when(charge).thenRejects('DISCLOSURE_FEE_WITHOUT_BASIS', '第二十七条');
    spec.given([received('2008-06-02', '2008'), { ...granted, data: { ...granted.data, on: '2008-06-10' } } as RequestEvent]).when({ ...charge, on: '2008-06-10' } as RequestCommand).thenRejects('DISCLOSURE_FEE_WITHOUT_BASIS', '第二十七条');
    deciderSpec(createDisclosureDecider({ calendar })).given([r2013, granted]).when(charge).thenRejects('DISCLOSURE_FEE_WITHOUT_BASIS', '第二十七条');
    spec.given([received('2020-03-02', '2019'), concluded('2020-03-10', 'granted', '政府信息公开条例（2019） 第三十六条（一）（二）')]).when({ ...charge, on: '2020-03-10' } as RequestCommand).thenRejects('DISCLOSURE_FEE_WITHOUT_BASIS', '第四十二条');
  });

  it('2008 第二十八条: the office head waives the cost fee for a citizen in hardship', () => {
    const r2013 = received('2013-09-02', '2008');
    const granted = concluded('2013-09-10', 'granted', '政府信息公开条例（2008） 第二十一条（一）');
    const waive: RequestCommand = { type: 'WaiveFee', on: '2013-09-10', search: true, pages: 12, postageFen: 1200, reason: '城乡居民最低生活保障对象' };
    spec.given([r2013, granted]).when(waive, { actor: head }).then([
      { type: 'DisclosureFeeWaived', data: { on: '2013-09-10', amountFen: 1940, approvedBy: head, reason: '城乡居民最低生活保障对象', standard: '闽价费〔2008〕472号', basis: '政府信息公开条例（2008） 第二十八条' } },
    ]);
    spec.given([r2013, granted]).when(waive, { actor: { id: 'c-1', role: 'clerk' } }).thenRejects('DISCLOSURE_NOT_AUTHORIZED', '第二十八条');
    spec.given([received('2013-09-02', '2008', 'commercialEnterprise'), granted]).when(waive, { actor: head }).thenRejects('DISCLOSURE_FEE_WITHOUT_BASIS', '第二十八条');
  });
});

describe('2019 第三十四条: information made jointly — the other organs have 15 working days, silence is consent, not counted', () => {
  const r2020 = received('2020-03-02', '2019');
  const consulted: RequestEvent = { type: 'DisclosureOrgansConsulted', data: { on: '2020-03-05', organs: ['市财政局', '市发展改革委'], replyDueOn: '2020-03-26' } };

  it('consults and stops the reply clock; silence past the deadline is recorded as consent', () => {
    spec.given([r2020]).when({ type: 'ConsultOrgans', on: '2020-03-05', organs: ['市财政局', '市发展改革委'] }).then([consulted]);
    const s = foldDecider(decider, [r2020, consulted]);
    expect(decider.clock(s)?.dueDate).toBeNull();
    expect(decider.dueCheck(s, '2020-03-26')).toEqual([]);
    const lapse = decider.dueCheck(s, '2020-03-27');
    expect(lapse).toEqual([{ type: 'DisclosureOrgansReplied', data: { on: '2020-03-26', consent: true, lapsed: true } }]);
    // 3 working days used before the consultation; the 15 days of consultation are not counted.
    expect(decider.clock(foldDecider(decider, [r2020, consulted, ...lapse]))?.dueDate).toBe(calendar.addWorkingDays('2020-03-26', 17));
  });

  it('an answer after the deadline is refused: silence already counted as consent', () => {
    spec.given([r2020, consulted]).when({ type: 'RecordOrgansReply', on: '2020-03-27', consent: false }).thenRejects('DISCLOSURE_NOT_ALLOWED', '第三十四条');
    spec.given([r2020, consulted]).when({ type: 'RecordOrgansReply', on: '2020-03-20', consent: false }).thenState((s) => expect(s.status).toBe('received'));
  });
});

describe('2019 第三十五条: bulk or repeated requests — a reasonable later reply date with reasons, or 不予处理', () => {
  const r2020 = received('2020-03-02', '2019');

  it('sets a later reply date; the due check and the late flag use it', () => {
    spec.given([r2020]).when({ type: 'DeferReply', on: '2020-03-10', until: '2020-05-29', reasons: '一个月内申请120件，需逐件检索' }).thenState((s, [e]) => {
      expect(e?.data).toMatchObject({ until: '2020-05-29', basis: '政府信息公开条例（2019） 第三十五条' });
      expect(decider.dueDate(s)).toBe('2020-05-29');
      expect(decider.dueCheck(s, '2020-04-30')).toEqual([]);
      expect(decider.decide({ type: 'Conclude', on: '2020-05-29', outcome: 'granted' }, s)).toMatchObject([{ data: { late: false } }]);
    });
    spec.given([r2020]).when({ type: 'DeferReply', on: '2020-03-10', until: '2020-03-20', reasons: '…' }).thenRejects('DISCLOSURE_NOT_ALLOWED', '第三十五条');
  });

  it('or refuses to process the requests, citing 第三十五条', () => {
    spec.given([r2020]).when({ type: 'Conclude', on: '2020-03-10', outcome: 'notProcessedExcessive' }).thenState((_, [e]) => expect(e?.data).toMatchObject({ basis: '政府信息公开条例（2019） 第三十五条' }));
  });
});
