import { describe, expect, it } from 'vitest';
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
