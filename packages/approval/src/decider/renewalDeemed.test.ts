import { DomainError, foldDecider } from '@banshi/core';
import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { createApprovalDecider, licensingRules, type ApprovalCommand, type ApprovalEvent } from '../index.js';
import { runCommands } from '../_test/runCommands.js';

// 行政许可法 第五十条第二款: 行政机关应当…在该行政许可有效期届满前作出是否准予延续的决定；逾期未作决定的，视为准予延续。
const approval = createApprovalDecider();
const spec = deciderSpec(approval);
const renewal = { licenceNo: 'L-2010-7', expiresOn: '2013-10-31' };
const receive: ApprovalCommand = {
  type: 'Receive', on: '2013-09-16', channel: 'window', caseId: 'R-1', itemCode: 'XK-1', department: '市场监管',
  applicant: { name: '某公司', kind: 'organization' }, materials: ['延续申请书'], node: 'center', renewal,
};
const accept: ApprovalCommand = { type: 'Accept', on: '2013-09-17', channel: 'window' };
const started: ApprovalCommand = { type: 'StartSpecialProcedure', on: '2013-09-23', channel: 'mail', procedure: '检测', expectedWorkingDays: 60, notice: '书面告知：检测预计60个工作日' };
const run = (commands: readonly ApprovalCommand[]): ApprovalEvent[] => runCommands(approval, commands);

describe('a renewal undecided when the licence expires is deemed granted (第五十条第二款)', () => {
  it('the due check on the day after expiry emits RenewalDeemedGranted; the case is granted and its certificate clock runs', () => {
    const s = foldDecider(approval, run([receive, accept]));
    expect(approval.dueCheck(s, '2013-10-31').map((e) => e.type)).not.toContain('RenewalDeemedGranted'); // the last day of validity: still in time
    spec.given(run([receive, accept])).when({ type: 'CheckDue', on: '2013-11-01' }).thenState((x, events) => {
      expect(events[0]).toEqual({
        type: 'RenewalDeemedGranted',
        data: { licenceNo: 'L-2010-7', expiresOn: '2013-10-31', from: '2013-11-01', basis: licensingRules.renewalDeemed.basis, on: '2013-11-01', channel: 'system', inPerson: false },
      });
      expect(x.status).toBe('decided');
      expect(x.data).toMatchObject({ outcome: 'grant', decidedOn: '2013-11-01' });
      expect(x.data.clocks.statutory?.stoppedOn).toBe('2013-11-01');
      expect(x.data.clocks.certificate).toMatchObject({ start: '2013-11-01', stoppedOn: null });
      // Idempotent: a second due check the same day adds nothing more of it.
      expect(approval.dueCheck(x, '2013-11-01').map((e) => e.type)).not.toContain('RenewalDeemedGranted');
      expect(approval.decide({ type: 'IssueCertificate', on: '2013-11-04', channel: 'window', certificateNo: 'L-2013-7' }, x)).not.toBeInstanceOf(DomainError);
    });
  });

  it('also while a 第四十五条 procedure runs (the article makes no exception), and also before acceptance', () => {
    spec.given(run([receive, accept, started])).when({ type: 'CheckDue', on: '2013-11-05' }).thenState((x, [e]) => {
      expect(e?.type).toBe('RenewalDeemedGranted');
      expect(x.data.specialProcedure).toBeNull();
    });
    spec.given(run([receive])).when({ type: 'CheckDue', on: '2013-11-05' }).thenState((x, events) => {
      expect(events.map((e) => e.type)).toContain('RenewalDeemedGranted');
      expect(x.status).toBe('decided');
    });
  });

  it('a decision after expiry is refused with the article; before or on the expiry day it is allowed', () => {
    spec.given(run([receive, accept])).when({ type: 'Decide', on: '2013-11-01', channel: 'online', outcome: 'deny', reasons: ['不再符合条件'], remedies: ['行政复议'] }).thenRejects('APPROVAL_RENEWAL_DEEMED_GRANTED', '行政许可法 第五十条第二款');
    spec.given(run([receive, accept])).when({ type: 'Decide', on: '2013-10-31', channel: 'online', outcome: 'grant' }).thenState((x) => expect(x.data.outcome).toBe('grant'));
  });

  it('never for a first application, nor after a decision or withdrawal', () => {
    const { renewal: _r, ...first } = receive as Extract<ApprovalCommand, { type: 'Receive' }>;
    expect(approval.dueCheck(foldDecider(approval, run([first, accept])), '2014-06-01').map((e) => e.type)).not.toContain('RenewalDeemedGranted');
    const decided = foldDecider(approval, run([receive, accept, { type: 'Decide', on: '2013-10-30', channel: 'online', outcome: 'deny', reasons: ['x'], remedies: ['行政复议'] }]));
    expect(approval.dueCheck(decided, '2013-11-01').map((e) => e.type)).not.toContain('RenewalDeemedGranted');
    const withdrawn = foldDecider(approval, run([receive, { type: 'Withdraw', on: '2013-09-18', channel: 'window' }]));
    expect(approval.dueCheck(withdrawn, '2013-11-01')).toEqual([]);
  });

  it('the machine and the fast fold agree on it', () => {
    const events = [...run([receive, accept, started]), ...approval.dueCheck(foldDecider(approval, run([receive, accept, started])), '2013-11-05')];
    expect(approval.foldWithMachine(events)).toEqual(foldDecider(approval, events));
  });
});
