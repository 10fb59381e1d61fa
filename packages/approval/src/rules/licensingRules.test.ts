import { describe, expect, it } from 'vitest';
import { ApprovalConfigError, createApprovalDecider, licensingRules, resolveRules } from '../index.js';

describe('licensingRules', () => {
  it('every rule has its key and a basis a reader can search for', () => {
    for (const [key, rule] of Object.entries(licensingRules)) {
      expect(rule.key).toBe(key);
      expect(rule.basis).toMatch(/行政许可法 第[一二三四五六七八九十]+条|国办发|本中心/);
    }
    expect(licensingRules.jointDecision.limit).toBe(45);
    expect(licensingRules.jointExtension.limit).toBe(15);
  });

  it('only the configurable limits can be overridden, with integers ≥ 0', () => {
    expect(resolveRules({ followUp: 10, warning: 5 })).toMatchObject({ followUp: { limit: 10, basis: licensingRules.followUp.basis }, warning: { limit: 5 }, decision: licensingRules.decision });
    expect(() => resolveRules({ followUp: -1 })).toThrow(ApprovalConfigError);
    expect(() => createApprovalDecider({ rules: { warning: 1.5 } })).toThrow(/rules.warning must be an integer/);
    expect(() => createApprovalDecider({ itemLimits: { X: { promised: -2 } } })).toThrow(ApprovalConfigError);
  });
});
