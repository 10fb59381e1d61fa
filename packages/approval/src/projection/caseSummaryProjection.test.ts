import { createMemoryStore, foldProjection, handle, runProjection } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { approvalRegistry, caseSummaryProjection, createApprovalDecider, type ApprovalCommand } from '../index.js';

const approval = createApprovalDecider({ itemLimits: { 'XK-8': { promised: 8 } } });
const cal = approval.env.calendar;

async function seed() {
  const store = createMemoryStore({ registry: approvalRegistry });
  const run = async (stream: string, commands: ApprovalCommand[]) => {
    for (const c of commands) await handle(store, stream, c, approval);
  };
  const receive = (caseId: string, on: string, channel: 'window' | 'online', department: string): ApprovalCommand => ({
    type: 'Receive',
    on,
    channel,
    caseId,
    itemCode: 'XK-8',
    department,
    applicant: { name: 'a', kind: 'person' },
    materials: [],
    node: 'center',
  });
  // On time for both clocks; the applicant comes twice on one day (one visit) and once more later (two visits).
  await run('case-1', [
    receive('1', '2013-09-16', 'window', '住建'),
    { type: 'Accept', on: '2013-09-16', channel: 'window' },
    { type: 'Decide', on: '2013-09-18', channel: 'online', outcome: 'grant' },
    { type: 'IssueCertificate', on: '2013-09-18', channel: 'online', certificateNo: 'Z1' },
    { type: 'DeliverCertificate', on: '2013-09-22', channel: 'window' },
  ]);
  // Online all the way: no visit; decided after the promised but within the statutory limit, in October.
  await run('case-2', [
    receive('2', '2013-09-16', 'online', '住建'),
    { type: 'Accept', on: '2013-09-17', channel: 'online' },
    { type: 'Decide', on: cal.addWorkingDays('2013-09-17', 12), channel: 'online', outcome: 'grant' },
  ]);
  await run('case-3', [receive('3', '2013-10-08', 'online', '交通')]);
  return store;
}

describe('caseSummaryProjection', () => {
  it('counts cases per month, on-time decisions for both clocks, channels and visits per department', async () => {
    const s = await foldProjection((await seed()).readAll(), caseSummaryProjection);
    expect(s.months['2013-09']).toEqual({ received: 2, decided: 1, onTimeStatutory: 1, onTimePromised: 1, dueDateUnknown: 0 });
    expect(s.months['2013-10']).toEqual({ received: 1, decided: 1, onTimeStatutory: 1, onTimePromised: 0, dueDateUnknown: 0 });
    expect(s.visitsByDepartment['住建']).toEqual({ cases: 2, visits: 2, atMostOneVisit: 1 });
    expect(s.visitsByDepartment['交通']).toEqual({ cases: 1, visits: 0, atMostOneVisit: 1 });
    expect(s.channels).toEqual({ window: 3, online: 6 });
  });

  it('resumes from its checkpoint with the same result as one fold', async () => {
    const store = await seed();
    const first = await runProjection(store, caseSummaryProjection, { untilPosition: 4 });
    expect(first.processed).toBe(4);
    const rest = await runProjection(store, caseSummaryProjection);
    expect(rest.state).toEqual(await foldProjection(store.readAll(), caseSummaryProjection));
  });
});
