import { describe, expect, it } from 'vitest';
import { mainlandChinaCalendar } from '@banshi/calendar';
import { createProactiveDecider } from '@banshi/disclosure';
import { noticeDecider } from '@banshi/catalog';
import { handle } from '@banshi/core';
import { fixture, receive } from '../_lib/testFixture.js';

describe('reports and registers', () => {
  it('center statistics, the annual disclosure report, the catalog and the intermediary register answer from the log, incrementally', async () => {
    const f = await fixture();
    await f.call('clerk', 'POST', '/t/tz/cases/C-1/commands', receive('C-1'));
    const first = (await (await f.call('auditor', 'GET', '/t/tz/reports/center?year=2013')).json()) as { year: number; approval: { received: number } };
    expect(first).toMatchObject({ year: 2013, approval: { received: 1 } });
    await f.call('clerk', 'POST', '/t/tz/cases/C-2/commands', receive('C-2'));
    const second = (await (await f.call('auditor', 'GET', '/t/tz/reports/center?year=2013')).json()) as { approval: { received: number } };
    expect(second.approval.received).toBe(2);
    await f.call('clerk', 'POST', '/t/tz/disclosure-requests/R-1/commands', { type: 'ReceiveRequest', requestId: 'R-1', agency: '市行政服务中心', applicant: { type: 'naturalPerson', name: '张三' }, channel: 'inPerson', submittedOn: '2013-09-16', description: '…' });
    const request = (await (await f.call('clerk', 'GET', '/t/tz/disclosure-requests/R-1')).json()) as { eventTypes: string[] };
    expect(request.eventTypes).toEqual(['DisclosureRequestReceived']);
    const annual = (await (await f.call('public', 'GET', '/t/tz/reports/disclosure/2013')).json()) as Record<string, unknown>;
    expect(JSON.stringify(annual)).toContain('2013');
    expect(JSON.stringify(annual)).not.toContain('张三');
    await f.call('agency', 'POST', '/t/tz/intermediaries/ag-1/commands', {
      type: 'SubmitAgency',
      agencyId: 'ag-1',
      submittedOn: '2013-01-01',
      info: { name: '台州某测绘公司', scope: ['测绘'], promisedDays: 5, fees: '按国家标准', contact: '0576-88888888' },
    });
    const own = (await (await f.call('agency', 'GET', '/t/tz/intermediaries')).json()) as { items: { agencyId: string }[] };
    const pub = (await (await f.call('public', 'GET', '/t/tz/intermediaries')).json()) as { items: unknown[] };
    expect(pub.items).toEqual([]);
    expect((await f.call('admin', 'GET', '/t/tz/intermediaries')).status).toBe(200);
    expect(own.items.length).toBeLessThanOrEqual(1);
    expect((await f.call('public', 'GET', '/t/tz/catalog')).status).toBe(200);
    expect((await f.call('public', 'GET', '/t/tz/reports/center')).status).toBe(403);
  });
});

describe('the trading board', () => {
  it('the public reads a year of deals with their live announcements and the statistics by category; a withdrawn notice leaves the board', async () => {
    const f = await fixture();
    await f.call('admin', 'POST', '/t/tz/deals/zc-1/commands', { type: 'RegisterDeal', dealId: 'zc-1', category: 'governmentProcurement', title: '市行政服务中心办公设备采购', node: 'tz', registeredOn: '2013-03-01', marketPriceFen: 100_000 });
    await f.call('admin', 'POST', '/t/tz/deals/zc-1/commands', { type: 'ConcludeDeal', dealId: 'zc-1', priceFen: 84_000, concludedOn: '2013-04-01' });
    await f.call('admin', 'POST', '/t/tz/deals/zc-2/commands', { type: 'RegisterDeal', dealId: 'zc-2', category: 'governmentProcurement', title: '2012年的项目', node: 'tz', registeredOn: '2012-11-01', marketPriceFen: 5_000 });
    const publish = (noticeId: string, kind: 'announcement' | 'result', publishedOn: string) =>
      handle(f.stores.tz, `notice-${noticeId}`, { type: 'PublishTradingNotice', noticeId, dealId: 'zc-1', kind, outlets: ['台州招投标网'], publishedOn }, noticeDecider as never);
    await publish('zc-1-a', 'announcement', '2013-03-02');
    await publish('zc-1-r', 'result', '2013-04-02');
    await handle(f.stores.tz, 'notice-zc-1-r', { type: 'WithdrawTradingNotice', noticeId: 'zc-1-r', reason: '信息有误', withdrawnOn: '2013-04-03' }, noticeDecider as never);
    const r = await f.call('public', 'GET', '/t/tz/trading?year=2013');
    expect(r.status).toBe(200);
    const board = (await r.json()) as { deals: { dealId: string; status: string; priceFen: number; label: string; notices: { noticeId: string }[] }[]; statistics: { category: string; deals: number }[]; notices: { notices: number } };
    expect(board.deals.map((d) => [d.dealId, d.status, d.priceFen, d.notices.map((n) => n.noticeId)])).toEqual([['zc-1', 'concluded', 84_000, ['zc-1-a']]]);
    expect(board.deals[0]?.label).toBe('政府采购');
    expect(board.statistics.find((s) => s.category === 'governmentProcurement')?.deals).toBe(1);
    expect(board.notices.notices).toBe(1);
    expect((await f.call('public', 'GET', '/t/tz/trading?year=20133')).status).toBe(400);
  });
});

describe('the proactive-disclosure catalog', () => {
  it('lists published items whatever their streams are called (the Taizhou generator writes info-… streams), and the public sees only published ones', async () => {
    const f = await fixture();
    const proactive = createProactiveDecider({ calendar: mainlandChinaCalendar() }) as never;
    const item = async (itemId: string, stream: string, publish: boolean) => {
      await handle(f.stores.tz, stream, { type: 'FormInfo', itemId, agency: '市行政服务中心', title: `政策解读 ${itemId}`, category: 'other', formedOn: '2013-03-01' }, proactive);
      await handle(f.stores.tz, stream, { type: 'ReviewInfo', on: '2013-03-01', decision: 'publish' }, proactive);
      if (publish) await handle(f.stores.tz, stream, { type: 'PublishInfo', on: '2013-03-04', channels: ['centerPortal'] }, proactive);
    };
    await item('a-1', 'info-a-1', true);
    await item('a-2', 'publicinfo-a-2', true);
    await item('a-3', 'info-a-3', false);
    const pub = (await (await f.call('public', 'GET', '/t/tz/public-info?year=2013')).json()) as { items: { itemId: string }[] };
    expect(pub.items.map((i) => i.itemId).sort()).toEqual(['a-1', 'a-2']);
    const staff = (await (await f.call('clerk', 'GET', '/t/tz/public-info')).json()) as { items: { itemId: string }[] };
    expect(staff.items.map((i) => i.itemId).sort()).toEqual(['a-1', 'a-2', 'a-3']);
  });
});
