import { mainlandChinaCalendar } from '@banshi/calendar';
import { createMemoryStore, handle } from '@banshi/core';
import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { disclosureRegistry, publicInfoStream, type PublicInfoEvent } from '../events/index.js';
import { createProactiveDecider, type PublicInfoCommand } from './proactiveDecider.js';

const decider = createProactiveDecider({ calendar: mainlandChinaCalendar() });
const spec = deciderSpec(decider);

const form = (formedOn: string, over: Partial<Extract<PublicInfoCommand, { type: 'FormInfo' }>> = {}): PublicInfoCommand => ({
  type: 'FormInfo',
  itemId: 'I-1',
  agency: '市行政服务中心',
  title: '行政审批事项目录',
  category: 'normativeDocument',
  formedOn,
  ...over,
});
const formed = (formedOn: string, publishBy: string, ruleSet: '2008' | '2019'): PublicInfoEvent => ({
  type: 'PublicInfoFormed',
  data: { itemId: 'I-1', agency: '市行政服务中心', title: '行政审批事项目录', category: 'normativeDocument', change: 'formed', formedOn, publishBy, ruleSet, decisions: 0, feeAmountWan: 0 },
});
const cleared: PublicInfoEvent = { type: 'PublicInfoReviewed', data: { on: '2013-09-05', decision: 'publish', reason: null, basis: '政府信息公开条例（2008） 第十八条' } };
const f2013 = formed('2013-09-02', '2013-09-30', '2008');

describe('proactive disclosure (主动公开)', () => {
  it('formation sets the publication deadline: 20 working days (2008 第十八条, 2019 第二十六条)', () => {
    spec.given([]).when(form('2013-09-02')).then([f2013]);
    spec.given([]).when(form('2020-03-02')).thenState((s) => expect([s.publishBy, s.ruleSet]).toEqual(['2020-03-30', '2019']));
  });

  it('decisions and fees are kept only for their categories', () => {
    spec.given([]).when(form('2013-09-02', { category: 'licensing', decisions: 120, feeAmountWan: 3 })).thenState((_, [e]) => expect(e?.data).toMatchObject({ decisions: 120, feeAmountWan: 0 }));
    spec.given([]).when(form('2013-09-02', { category: 'fee', feeAmountWan: 12.5 })).thenState((_, [e]) => expect(e?.data).toMatchObject({ decisions: 0, feeAmountWan: 12.5 }));
  });

  it('publication needs the confidentiality review (保密审查) first', () => {
    spec.given([f2013]).when({ type: 'PublishInfo', on: '2013-09-10', channels: ['governmentWebsite'] }).thenRejects('DISCLOSURE_NOT_ALLOWED');
  });

  it('publication on time and late is visible', () => {
    spec.given([f2013, cleared]).when({ type: 'PublishInfo', on: '2013-09-30', channels: ['governmentWebsite', 'centerPortal'] }).then([
      { type: 'PublicInfoPublished', data: { on: '2013-09-30', channels: ['governmentWebsite', 'centerPortal'], dueOn: '2013-09-30', late: false } },
    ]);
    spec.given([f2013, cleared]).when({ type: 'PublishInfo', on: '2013-10-08', channels: ['bulletinBoard'] }).thenState((s) => expect(s.late).toBe(true));
  });

  it('steps come in date order: no publication dated before the review', () => {
    spec.given([f2013, cleared]).when({ type: 'PublishInfo', on: '2013-09-04', channels: ['governmentWebsite'] }).thenRejects('DISCLOSURE_DATE_OUT_OF_ORDER');
  });

  it('withholding needs a legal reason of the item’s own era and records its article', () => {
    spec.given([f2013]).when({ type: 'ReviewInfo', on: '2013-09-05', decision: 'withhold' }).thenRejects('DISCLOSURE_WITHHOLD_REASON_REQUIRED', '政府信息公开条例（2008） 第十四条');
    spec.given([f2013]).when({ type: 'ReviewInfo', on: '2013-09-05', decision: 'withhold', reason: 'withheldStateSecret' }).then([
      { type: 'PublicInfoReviewed', data: { on: '2013-09-05', decision: 'withhold', reason: 'withheldStateSecret', basis: '政府信息公开条例（2008） 第十四条' } },
    ]);
    // 过程性信息 (2019 第十六条) was not a withhold reason of the 2008 text
    spec.given([f2013]).when({ type: 'ReviewInfo', on: '2013-09-05', decision: 'withhold', reason: 'withheldProcessInfo' }).thenRejects('DISCLOSURE_NOT_IN_ERA');
  });

  it('an item formed before 2008-05-01 is refused: the 条例 was not in force', () => {
    spec.given([]).when({ type: 'FormInfo', itemId: 'I-0', agency: '市行政服务中心', title: '服务指南', category: 'other', formedOn: '2008-04-30' }).thenRejects('DISCLOSURE_BEFORE_REGULATIONS');
  });

  it('a change starts a new deadline; revocation and repeal end the item', () => {
    const published: PublicInfoEvent = { type: 'PublicInfoPublished', data: { on: '2013-09-10', channels: ['governmentWebsite'], dueOn: '2013-09-30', late: false } };
    spec.given([f2013, cleared, published]).when({ type: 'ChangeInfo', on: '2013-11-01' }).thenState((s) => expect([s.status, s.publishBy]).toEqual(['formed', '2013-11-29']));
    spec.given([f2013, cleared, published]).when({ type: 'RevokeInfo', on: '2013-12-01', reason: '内容有误' }).thenState((s) => expect(s.status).toBe('revoked'));
    spec.given([f2013, cleared, published]).when({ type: 'RepealInfo', on: '2013-12-01' }).thenState((s) => expect(s.status).toBe('repealed'));
  });

  it('only 规章 and 行政规范性文件 are repealed', () => {
    const licence: PublicInfoEvent = { ...f2013, data: { ...(f2013.data as Extract<PublicInfoEvent, { type: 'PublicInfoFormed' }>['data']), category: 'licensing', decisions: 1 } } as PublicInfoEvent;
    spec.given([licence, cleared, { type: 'PublicInfoPublished', data: { on: '2013-09-10', channels: ['governmentWebsite'], dueOn: '2013-09-30', late: false } }])
      .when({ type: 'RepealInfo', on: '2013-12-01' })
      .thenRejects('DISCLOSURE_NOT_ALLOWED');
  });

  it('malformed commands are typed errors', () => {
    spec.given([]).when(form('2013-13-01')).thenRejects('DISCLOSURE_INVALID_COMMAND');
    spec.given([f2013, cleared]).when({ type: 'PublishInfo', on: '2013-09-10', channels: [] }).thenRejects('DISCLOSURE_INVALID_COMMAND');
  });

  it('events pass their schemas in a store; a change keeps agency and title', async () => {
    const store = createMemoryStore({ registry: disclosureRegistry });
    const s = publicInfoStream('I-1');
    await handle(store, s, form('2020-03-02'), decider);
    await handle(store, s, { type: 'ReviewInfo', on: '2020-03-03', decision: 'publish' }, decider);
    await handle(store, s, { type: 'PublishInfo', on: '2020-03-04', channels: ['governmentWebsite'] }, decider);
    const r = await handle(store, s, { type: 'ChangeInfo', on: '2020-04-01' }, decider);
    expect(r.events[0]?.data).toMatchObject({ agency: '市行政服务中心', title: '行政审批事项目录', change: 'changed' });
  });
});
