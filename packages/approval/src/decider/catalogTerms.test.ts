import { foldDecider } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { createApprovalDecider, itemLimitsOf, licensingRules, parseApprovalCommand, receiveTermsOf, type ApprovalCommand, type CatalogItemTerms } from '../index.js';
import { runCommands } from '../_test/runCommands.js';

// 行政许可法 第四十二条第一款: …但是，法律、法规另有规定的，依照其规定。 A catalog item version carries the other law's limit and
// its basis (statutoryLimitDays, statutoryLimitBasis); the case takes it from the version in force on receipt, by one helper.
const version: CatalogItemTerms = { handling: '承诺件', promisedLimitDays: 12, requiredVisits: 1, statutoryLimitDays: 30, statutoryLimitBasis: { law: '某条例', article: '第十二条' } };
const ordinary: CatalogItemTerms = { handling: '即办件', promisedLimitDays: 0, requiredVisits: 0, statutoryLimitDays: 20 };
const receive = (itemCode: string, on = '2013-09-16'): Extract<ApprovalCommand, { type: 'Receive' }> => ({
  type: 'Receive', on, channel: 'window', caseId: 'C-1', itemCode, department: '发改', applicant: { name: '某公司', kind: 'organization' }, materials: ['申请书'], node: 'center',
});
const accept: ApprovalCommand = { type: 'Accept', on: '2013-09-17', channel: 'window' };

describe('a catalog item version\'s statutory limit reaches the case without copying (第四十二条: 法律、法规另有规定的，依照其规定)', () => {
  it('given a version with its own limit and basis, when its terms fill the Receive command, then the statutory clock runs on 30 working days and names the law', () => {
    const terms = receiveTermsOf(version);
    expect(terms).toEqual({ handling: 'standard', promisedLimit: 12, requiredVisits: 1, statutoryLimit: { days: 30, law: '某条例', article: '第十二条' } });
    const approval = createApprovalDecider();
    const s = foldDecider(approval, runCommands(approval, [{ ...receive('XK-30'), ...terms }, accept]));
    expect(s.data.statutoryLimit).toEqual({ days: 30, extensionDays: 0, basis: '某条例 第十二条' });
    expect(s.data.clocks.statutory).toMatchObject({ limit: 30, dueDate: approval.env.calendar.addWorkingDays('2013-09-17', 30), basis: `某条例 第十二条（${licensingRules.itemStatutoryLimit.basis}）` });
    expect(s.data.timeline[0]?.detail).toContain('法定时限 30 个工作日（某条例 第十二条）');
  });

  it('given versions of the catalog, when the decider is built with itemLimitsOf, then a bare Receive gets the same limits; a version without its own basis keeps 第四十二条', () => {
    const approval = createApprovalDecider({ itemLimits: itemLimitsOf([{ code: 'XK-30', elements: version }, { code: 'JB-1', elements: ordinary }]) });
    const own = foldDecider(approval, runCommands(approval, [receive('XK-30'), accept]));
    expect(own.data).toMatchObject({ handling: 'standard', promisedLimit: 12, requiredVisits: 1, statutoryLimit: { days: 30, extensionDays: 0, basis: '某条例 第十二条' } });
    const plain = foldDecider(approval, runCommands(approval, [receive('JB-1')]));
    expect(plain.data).toMatchObject({ handling: 'immediate', promisedLimit: 0, statutoryLimit: null });
    expect(receiveTermsOf(ordinary)).toEqual({ handling: 'immediate', promisedLimit: 0, requiredVisits: 0 });
  });

  it('a Receive that carries a statutory limit without its law or article is refused at the edge, nothing decided', () => {
    const bad = { ...receive('XK-30'), statutoryLimit: { days: 30, law: '', article: '第十二条' } };
    expect(() => parseApprovalCommand(bad)).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: ['statutoryLimit', 'law'] })] }));
    expect(parseApprovalCommand({ ...bad, statutoryLimit: { days: 30, law: '某条例', article: '第十二条' } })).toMatchObject({ statutoryLimit: { days: 30 } });
  });
});
