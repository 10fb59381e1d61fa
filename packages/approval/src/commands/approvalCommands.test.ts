import { ValidationError } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { parseApprovalCommand } from '../index.js';

describe('parseApprovalCommand', () => {
  it('accepts a valid command and returns it', () => {
    const input = { type: 'NotifySupplement', on: '2013-09-17', channel: 'window', missing: ['营业执照副本'] };
    expect(parseApprovalCommand(input)).toEqual(input);
  });

  it('rejects bad input with a ValidationError listing every problem', () => {
    const bad = () => parseApprovalCommand({ type: 'Extend', on: '2013/09/17', channel: 'fax', reasons: [], approvedBy: { id: 'x', role: 'head' }, applicantToldOn: '2013-09-17' });
    expect(bad).toThrow(ValidationError);
    try {
      bad();
    } catch (e) {
      const err = e as ValidationError;
      expect(err.code).toBe('CORE_VALIDATION');
      expect(err.issues.map((i) => i.path.join('.')).sort()).toEqual(['', 'channel', 'on', 'reasons']);
      // Authority is never taken from a body: approvedBy is an unknown key (design §7).
      expect(err.message).toMatch(/approvedBy/);
      expect(err.message).toContain('Nothing was written');
    }
  });

  it('rejects unknown command types, unknown fields, duplicate departments and non-statutory special procedures', () => {
    expect(() => parseApprovalCommand({ type: 'Approve', on: '2013-09-17', channel: 'window' })).toThrow(ValidationError);
    expect(() => parseApprovalCommand({ type: 'Accept', on: '2013-09-17', channel: 'window', days: 30 })).toThrow(/days/);
    expect(() => parseApprovalCommand({ type: 'AssignReview', on: '2013-09-17', channel: 'online', departments: ['发改', '发改'] })).toThrow(/distinct/);
    expect(() => parseApprovalCommand({ type: 'StartSpecialProcedure', on: '2013-09-17', channel: 'online', procedure: '公示', expectedWorkingDays: 5, notice: 'x' })).toThrow(ValidationError);
    expect(() => parseApprovalCommand({ type: 'Decide', on: '2013-09-17', channel: 'online', outcome: 'deny', reasons: [''] })).toThrow(ValidationError);
    expect(() => parseApprovalCommand({ type: 'Accept', on: '2013-02-30', channel: 'window' })).toThrow(/on/); // a real date, not just its pattern
  });
});
