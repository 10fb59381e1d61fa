import { mainlandChinaCalendar } from '@banshi/calendar';
import { createMemoryStore, foldDecider, handle, type StoredEvent } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { disclosureRegistry, requestStream } from './events/index.js';
import { annualReport, formatReport } from './report/index.js';
import { createDisclosureDecider } from './request/index.js';

/** The worked examples of docs/disclosure-eras.md, run: the figures the page prints are these. */
const calendar = mainlandChinaCalendar();
const decider = createDisclosureDecider({ calendar, costFeeStandard: { document: '闽价费〔2008〕472号', publishedOn: '2008-09-10', searchFen: 500, copyPerPageFen: 20 } });
const head = { meta: { actor: { id: 'u-9', role: 'officeHead' } } };
const agency = '台州市行政服务中心';

async function readAll(store: ReturnType<typeof createMemoryStore>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

describe('docs/disclosure-eras.md, worked examples', () => {
  it('2008 era: a 2013 request by post', async () => {
    const store = createMemoryStore({ registry: disclosureRegistry });
    const s = requestStream('TZ-2013-0001');
    await handle(store, s, { type: 'ReceiveRequest', requestId: 'TZ-2013-0001', agency, applicant: { type: 'naturalPerson', name: '张三' }, channel: 'ordinaryPost', submittedOn: '2013-08-28', signedOn: '2013-09-02', description: '2013年行政审批事项清理目录' }, decider);
    const received = foldDecider(decider, await store.readStream(s));
    expect([received.receivedOn, received.ruleSet, decider.clock(received)?.dueDate]).toEqual(['2013-09-02', '2008', '2013-09-24']);
    await handle(store, s, { type: 'RequestSupplement', on: '2013-09-04', items: ['清理目录的批次'] }, decider);
    await handle(store, s, { type: 'ReceiveSupplement', on: '2013-09-16' }, decider);
    expect(decider.clock(foldDecider(decider, await store.readStream(s)))?.dueDate).toBe('2013-10-12');
    await handle(store, s, { type: 'ExtendReply', on: '2013-10-10', days: 10, reason: '需调取历年档案' }, decider, head);
    expect(decider.clock(foldDecider(decider, await store.readStream(s)))?.dueDate).toBe('2013-10-25');
    await handle(store, s, { type: 'Conclude', on: '2013-10-25', outcome: 'granted' }, decider);
    await handle(store, s, { type: 'ChargeCostFee', on: '2013-10-25', search: true, pages: 12, postageFen: 1200 }, decider);
    const events = await readAll(store);
    expect(events.map((e) => [e.type, (e.data as { basis?: string }).basis ?? null])).toEqual([
      ['DisclosureRequestReceived', null],
      ['DisclosureSupplementRequested', '政府信息公开条例（2008） 第二十一条（四）'],
      ['DisclosureSupplementReceived', null],
      ['DisclosureReplyExtended', null],
      ['DisclosureRequestConcluded', '政府信息公开条例（2008） 第二十一条（一）'],
      ['DisclosureCostFeeCharged', '政府信息公开条例（2008） 第二十七条'],
    ]);
    expect(events.at(-1)?.data).toMatchObject({ amountFen: 1940 });
    const md = formatReport(annualReport(events, { year: 2013, agency }), 'md');
    expect(md).toContain('| 收取检索、复制、邮寄成本费用（第二十七条） | 1 | 19.40 |');
    expect(md).toContain('| （一）本年收到政府信息公开申请 | 1 |');
  });

  it('2019 era: a 2021 request online, consulted with other organs, with a 信息处理费', async () => {
    const store = createMemoryStore({ registry: disclosureRegistry });
    const s = requestStream('TZ-2021-0007');
    await handle(store, s, { type: 'ReceiveRequest', requestId: 'TZ-2021-0007', agency, applicant: { type: 'commercialEnterprise', name: '某公司' }, channel: 'internet', submittedOn: '2021-03-05', confirmedOn: '2021-03-08', description: '2020年工程建设项目审批台账' }, decider);
    const received = foldDecider(decider, await store.readStream(s));
    expect([received.receivedOn, received.ruleSet, decider.clock(received)?.dueDate]).toEqual(['2021-03-08', '2019', '2021-04-06']);
    await handle(store, s, { type: 'ConsultOrgans', on: '2021-03-10', organs: ['市自然资源和规划局'] }, decider);
    await handle(store, s, { type: 'CheckDue', today: '2021-04-01' }, decider);
    expect(decider.clock(foldDecider(decider, await store.readStream(s)))?.dueDate).toBe('2021-04-26');
    await handle(store, s, { type: 'IssueFeeNotice', on: '2021-04-06', charge: { method: 'perPage', pages: 250 } }, decider);
    const notice = (await store.readStream(s)).at(-1);
    expect(notice?.data).toMatchObject({ amountFen: 470_000, payBy: '2021-05-06' });
    await handle(store, s, { type: 'RecordFeePaid', on: '2021-04-20' }, decider);
    expect(decider.clock(foldDecider(decider, await store.readStream(s)))?.dueDate).toBe('2021-05-12');
    await handle(store, s, { type: 'Conclude', on: '2021-05-10', outcome: 'granted' }, decider);
    const events = await readAll(store);
    expect(events.map((e) => e.type)).toEqual([
      'DisclosureRequestReceived',
      'DisclosureOrgansConsulted',
      'DisclosureOrgansReplied',
      'DisclosureFeeNoticeIssued',
      'DisclosureFeePaid',
      'DisclosureRequestConcluded',
    ]);
    expect(events[2]?.data).toEqual({ on: '2021-03-31', consent: true, lapsed: true });
    const md = formatReport(annualReport(events, { year: 2021, agency }), 'md');
    expect(md).toContain('收取信息处理费：发出收费通知 1 件，金额 4700.00 元；已缴纳 1 件，4700.00 元。');
    expect(md).toContain('| 三、本年度办理结果 | （一）予以公开 |  | 0 | 1 | 0 | 0 | 0 | 0 | 1 |');
  });
});
