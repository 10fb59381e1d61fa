import { CenterConfigError, type CenterConfigInput } from '@banshi/center-report';
import { describe, expect, it } from 'vitest';
import { fixture, receive } from '../_lib/testFixture.js';
import type { Fixture } from '../_lib/testFixture.js';

// Two centers of one install, each with its own organisation (issue #19: reports for any center).
const tzCenter: CenterConfigInput = {
  centerId: 'tz-center',
  name: '台州市行政服务中心',
  departments: [{ id: '市场监管', name: '台州市市场监督管理局' }],
  subCenters: [{ nodeId: 'tz-east', name: '椒江便民服务分中心' }],
  tradingCategories: [{ code: 'governmentProcurement', label: '政府采购', savings: 'marketPrice', rateBasis: 'reference' }],
};
const portCenter: CenterConfigInput = {
  centerId: 'port-center',
  name: '港区政务服务中心',
  departments: [{ id: '市场监管', name: '港区市场监管分局' }],
  subCenters: [{ nodeId: 'port-north', name: '港北便民服务点' }],
  tradingCategories: [{ code: 'governmentProcurement', label: '港区集中采购', savings: 'budget', rateBasis: 'award' }],
};

interface Report {
  center: { id: string | null; name: string | null };
  approval: { received: number; departments: { department: string; decided: number }[] };
  trading: { category: string; label: string; deals: number }[];
}

const reportOf = async (f: Fixture, who: 'auditor' | 'portAuditor', tenant: string) => {
  const r = await f.call(who as never, 'GET', `/t/${tenant}/reports/center?year=2013`);
  expect(r.status).toBe(200);
  return { text: await r.clone().text(), report: (await r.json()) as Report };
};

describe('a center configuration per tenant', () => {
  it('each tenant reports under its own center, departments and trading categories, never another tenant’s', async () => {
    const f = await fixture({ tenantsFor: (stores) => ({ tz: { store: stores.tz, center: tzCenter }, port: { store: stores.port, center: portCenter } }) });
    await f.call('clerk', 'POST', '/t/tz/cases/C-1/commands', receive('C-1'));
    await f.call('portClerk', 'POST', '/t/port/cases/P-1/commands', receive('P-1', { node: 'port' }));
    for (const [who, tenant, id] of [['admin', 'tz', 'zc-1'], ['portAdmin', 'port', 'gq-1']] as const) {
      await f.call(who as never, 'POST', `/t/${tenant}/deals/${id}/commands`, { type: 'RegisterDeal', dealId: id, category: 'governmentProcurement', title: '办公设备采购', node: tenant, registeredOn: '2013-03-01', marketPriceFen: 100_000, budgetFen: 90_000 });
      await f.call(who as never, 'POST', `/t/${tenant}/deals/${id}/commands`, { type: 'ConcludeDeal', dealId: id, priceFen: 80_000, concludedOn: '2013-04-01' });
    }

    const tz = await reportOf(f, 'auditor', 'tz');
    expect(tz.report.center).toMatchObject({ id: 'tz-center', name: '台州市行政服务中心' });
    expect(tz.report.approval).toMatchObject({ received: 1, departments: [{ department: '台州市市场监督管理局', decided: 0 }] });
    expect(tz.report.trading).toEqual([expect.objectContaining({ category: 'governmentProcurement', label: '政府采购', deals: 1, savingsRate: '20.0%' })]);
    for (const other of ['港区政务服务中心', '港区市场监管分局', '港北便民服务点', '港区集中采购']) expect(tz.text).not.toContain(other);

    const port = await reportOf(f, 'portAuditor', 'port');
    expect(port.report.center).toMatchObject({ id: 'port-center', name: '港区政务服务中心' });
    expect(port.report.approval).toMatchObject({ received: 1, departments: [{ department: '港区市场监管分局', decided: 0 }] });
    // Savings on the budget over the winning price: (90,000 − 80,000) / 80,000.
    expect(port.report.trading).toEqual([expect.objectContaining({ category: 'governmentProcurement', label: '港区集中采购', deals: 1, savingsRate: '12.5%' })]);
    for (const other of ['台州市行政服务中心', '台州市市场监督管理局', '椒江便民服务分中心']) expect(port.text).not.toContain(other);

    // The trading board prints the tenant's own category labels too.
    const board = (await (await f.call('public', 'GET', '/t/port/trading?year=2013')).json()) as { deals: { label: string }[]; statistics: { label: string }[] };
    expect(board.deals.map((d) => d.label)).toEqual(['港区集中采购']);
    expect(board.statistics.map((s) => s.label)).toEqual(['港区集中采购']);

    // A configured tenant reports its own center: asking for another is refused, not silently answered.
    const other = await f.call('auditor', 'GET', '/t/tz/reports/center?year=2013&center=port-center');
    expect(other.status).toBe(400);
    expect(((await other.json()) as { code: string }).code).toBe('HTTP_BAD_CENTER');
    expect((await f.call('auditor', 'GET', '/t/tz/reports/center?year=2013&center=tz-center')).status).toBe(200);
  });

  it('a tenant without a configuration reports what its log says', async () => {
    const f = await fixture({ tenantsFor: (stores) => ({ tz: { store: stores.tz, center: tzCenter }, port: { store: stores.port } }) });
    await f.call('portClerk', 'POST', '/t/port/cases/P-1/commands', receive('P-1', { node: 'port' }));
    const port = await reportOf(f, 'portAuditor', 'port');
    expect(port.report.center).toEqual({ id: null, name: null, agency: null });
    expect(port.report.approval).toMatchObject({ received: 1, departments: [] });
    expect(port.text).not.toContain('台州');
  });

  it('a bad configuration stops the app at start-up with CENTER_REPORT_CONFIG_INVALID naming the tenant and the field', async () => {
    const bad = { centerId: 'port center', name: '港区政务服务中心' } as CenterConfigInput;
    const start = fixture({ tenantsFor: (stores) => ({ tz: { store: stores.tz, center: tzCenter }, port: { store: stores.port, center: bad } }) });
    await expect(start).rejects.toBeInstanceOf(CenterConfigError);
    await expect(start).rejects.toMatchObject({ code: 'CENTER_REPORT_CONFIG_INVALID', field: 'centerId', message: expect.stringContaining('tenant "port"') });
    const twice = fixture({ tenantsFor: (stores) => ({ tz: { store: stores.tz, center: { ...tzCenter, subCenters: [{ nodeId: 'a', name: '甲' }, { nodeId: 'a', name: '乙' }] } } }) });
    await expect(twice).rejects.toMatchObject({ code: 'CENTER_REPORT_CONFIG_INVALID', field: 'subCenters.1', message: expect.stringContaining('tenant "tz"') });
  });
});
