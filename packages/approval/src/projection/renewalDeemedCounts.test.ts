import { createMemoryStore, foldProjection, handle, type StoredEvent } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { approvalRegistry, caseSummaryProjection, createApprovalDecider, departmentOnTime, departmentRates, intakeOfYear, licensingRules, visitStats, type ApprovalCommand } from '../index.js';

// 行政许可法 第五十条第二款: …逾期未作决定的，视为准予延续。A deemed renewal is a decision (a grant) made by the law itself.
const approval = createApprovalDecider({ itemLimits: { 'XK-8': { promised: 8 } } });

async function seed() {
  const store = createMemoryStore({ registry: approvalRegistry });
  const run = async (stream: string, commands: ApprovalCommand[]) => {
    for (const c of commands) await handle(store, stream, c, approval);
  };
  const receive = (caseId: string, renewal?: { licenceNo: string; expiresOn: string }): ApprovalCommand => ({
    type: 'Receive', on: '2013-09-16', channel: 'online', caseId, itemCode: 'XK-8', department: '市场监管',
    applicant: { name: '某公司', kind: 'organization' }, materials: ['延续申请书'], node: 'center', ...(renewal ? { renewal } : {}),
  });
  // A renewal applied for online, reviewed online, undecided when the licence expired, delivered online.
  await run('case-R', [
    receive('R', { licenceNo: 'L-2010-7', expiresOn: '2013-10-31' }),
    { type: 'Accept', on: '2013-09-17', channel: 'online' },
    { type: 'CheckDue', on: '2013-11-01' },
    { type: 'IssueCertificate', on: '2013-11-04', channel: 'system', certificateNo: 'L-2013-7' },
    { type: 'DeliverCertificate', on: '2013-11-05', channel: 'online' },
  ]);
  // An ordinary case decided in time, for comparison.
  await run('case-D', [receive('D'), { type: 'Accept', on: '2013-09-17', channel: 'online' }, { type: 'Decide', on: '2013-09-18', channel: 'system', outcome: 'grant' }]);
  const all: StoredEvent[] = [];
  for await (const e of store.readAll()) all.push(e);
  return all;
}

describe('a renewal deemed granted counts as a decision in every read model (第五十条第二款)', () => {
  it('given a renewal deemed granted on 2013-11-01, when the read models fold the log, then it is a decision, made by law after the organ let its time run out', async () => {
    const log = await seed();
    expect(log.map((e) => e.type)).toContain('RenewalDeemedGranted');
    // caseSummaryProjection: decided in November, not within either limit (the organ did not decide before expiry)
    const summary = await foldProjection(log, caseSummaryProjection);
    expect(summary.months['2013-11']).toEqual({ received: 0, decided: 1, onTimeStatutory: 0, onTimePromised: 0, dueDateUnknown: 0 });
    expect(summary.months['2013-09']).toMatchObject({ received: 2, decided: 1, onTimeStatutory: 1, onTimePromised: 1 });
    // department on-time rates: two decisions, one on time
    const onTime = await foldProjection(log, departmentOnTime);
    expect(departmentRates(onTime)).toEqual([{ department: '市场监管', decided: 2, onTimeStatutory: 1, onTimePromised: 1 }]);
    expect(departmentRates(onTime, 2013)).toEqual(departmentRates(onTime));
    // visit statistics: 网上受理、网上审核、(by law) 网下办结、网上反馈 — the deemed grant is the case's decision step
    const visits = await foldProjection(log, visitStats);
    // (the online pattern counts only a case decided off the online system, so case-R's deemed grant was that step)
    expect(intakeOfYear(visits, 2013).onlinePattern).toBe(1);
    expect(visits.onlinePattern).toBe(1);
    // the rules table says how it counts
    expect(licensingRules.renewalDeemed.summary).toContain('计入决定数');
  });
});
