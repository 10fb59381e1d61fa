import { describe, expect, it } from 'vitest';
import { CenterConfigError, parseCenterConfig } from './centerConfig.js';

const ok = { centerId: 'demo', name: '示例市政务服务中心' };

function refusal(input: unknown): CenterConfigError {
  try {
    parseCenterConfig(input, 'center.json');
  } catch (e) {
    if (e instanceof CenterConfigError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('parseCenterConfig', () => {
  it('fills in the defaults of a minimal configuration', () => {
    expect(parseCenterConfig(ok)).toEqual({ ...ok, departments: [], subCenters: [] });
    expect(parseCenterConfig({ ...ok, tradingCategories: [{ code: 'carbon', label: '碳排放权交易' }] }).tradingCategories).toEqual([{ code: 'carbon', label: '碳排放权交易', area: false, savings: null, rateBasis: null }]);
  });

  it('refuses a bad configuration with CENTER_REPORT_CONFIG_INVALID, naming the field and what to write', () => {
    const missing = refusal({ name: '示例' });
    expect(missing.code).toBe('CENTER_REPORT_CONFIG_INVALID');
    expect(missing.field).toBe('centerId');
    expect(missing.message).toContain('center.json');
    expect(missing.message).toContain('"centerId": "demo"');

    expect(refusal({ ...ok, tradingCategories: [{ code: 'x', label: 'X', savings: 'price' }] }).field).toBe('tradingCategories.0.savings');
    expect(refusal({ ...ok, subCenters: [{ nodeId: 'east side', name: '东区' }] }).field).toBe('subCenters.0.nodeId');
    expect(refusal({ ...ok, depts: [] }).message).toMatch(/depts[\s\S]*not a field of a center configuration, remove it/);
    expect(refusal([]).field).toBe('(root)');
  });

  it('refuses a department, sub-center or category listed twice, and a savings rule without its rate basis', () => {
    expect(refusal({ ...ok, departments: ['市局', { id: '市局', name: '另一个' }] }).field).toBe('departments.1');
    expect(refusal({ ...ok, subCenters: [{ nodeId: 'e', name: 'A' }, { nodeId: 'e', name: 'B' }] }).field).toBe('subCenters.1');
    const rate = refusal({ ...ok, tradingCategories: [{ code: 'w', label: '水权', savings: 'budget' }] });
    expect(rate.field).toBe('tradingCategories.0.rateBasis');
    expect(rate.message).toContain('"reference" or "award"');
  });
});
