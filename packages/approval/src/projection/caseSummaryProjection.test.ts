import { createMemoryStore, foldProjection, handle, runProjection, type StoredEvent } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { approvalRegistry, caseSummaryOfYear, caseSummaryProjection, createApprovalDecider, type ApprovalCommand } from '../index.js';

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
  // Received at the window in 2013, decided online in 2014: each step counts in its own year, the case in 2013's visits.
  await run('case-4', [
    receive('4', '2013-12-30', 'window', '交通'),
    { type: 'Accept', on: '2013-12-30', channel: 'window' },
    { type: 'Decide', on: '2014-01-06', channel: 'online', outcome: 'grant' },
  ]);
  await run('case-5', [receive('5', '2014-01-06', 'window', '住建')]);
  return store;
}

/** Events of the other packages in the same log, stamped with human channels: none is an approval step. */
function foreign(type: string, position: number, channel: 'window' | 'online', data: Record<string, unknown>): StoredEvent {
  const at = '2013-09-16T02:00:00.000Z';
  return { id: `f${position}`, stream: `other-${position}`, version: 1, position, type, schema: 1, data, meta: { occurredAt: at, recordedAt: at, actor: { id: 'x', role: 'clerk' }, channel, node: 'center' }, hash: '' } as unknown as StoredEvent;
}
const others = [
  foreign('ItemRegistered', 1001, 'window', { on: '2013-09-16', channel: 'window', department: '住建' }),
  foreign('AgencySubmitted', 1002, 'online', { on: '2013-09-16' }),
  foreign('DealConcluded', 1003, 'window', { on: '2013-09-16', channel: 'window' }),
  foreign('PublicInfoPublished', 1004, 'online', { on: '2014-01-06', channels: ['governmentWebsite', 'centerPortal'] }),
  foreign('SurveyFormsReturned', 1005, 'window', { on: '2013-10-08', inPerson: true }),
];
async function* mixed(store: Awaited<ReturnType<typeof seed>>): AsyncIterable<StoredEvent> {
  let i = 0;
  for await (const e of store.readAll()) {
    yield e;
    const o = others[i++];
    if (o) yield o;
  }
}

describe('caseSummaryProjection', () => {
  it('counts cases per month, on-time decisions for both clocks, channels and visits per department', async () => {
    const s = await foldProjection((await seed()).readAll(), caseSummaryProjection);
    expect(s.months['2013-09']).toEqual({ received: 2, decided: 1, onTimeStatutory: 1, onTimePromised: 1, dueDateUnknown: 0 });
    expect(s.months['2013-10']).toEqual({ received: 1, decided: 1, onTimeStatutory: 1, onTimePromised: 0, dueDateUnknown: 0 });
    const y2013 = caseSummaryOfYear(s, 2013);
    expect(y2013.visitsByDepartment['住建']).toEqual({ cases: 2, visits: 2, atMostOneVisit: 1 });
    expect(y2013.visitsByDepartment['交通']).toEqual({ cases: 2, visits: 1, atMostOneVisit: 2 });
    expect(y2013.channels).toEqual({ window: 5, online: 6 });
  });

  it('counts approval events only and one year at a time: a mixed log gives exact figures (issue #12 §4)', async () => {
    // Given a log where items, agencies, deals, disclosures and surveys sit between the approval steps
    const store = await seed();
    // When the summary folds it, through foldProjection and through apply called directly
    const folded = await foldProjection(mixed(store), caseSummaryProjection);
    let direct = caseSummaryProjection.init();
    for await (const e of mixed(store)) direct = caseSummaryProjection.apply(direct, e);
    // Then only the 17 approval steps count, each in the year of its business date
    expect(direct).toEqual(folded);
    expect(folded).toEqual(await foldProjection(store.readAll(), caseSummaryProjection));
    expect(caseSummaryOfYear(folded, 2013)).toEqual({
      year: 2013,
      months: {
        '2013-09': { received: 2, decided: 1, onTimeStatutory: 1, onTimePromised: 1, dueDateUnknown: 0 },
        '2013-10': { received: 1, decided: 1, onTimeStatutory: 1, onTimePromised: 0, dueDateUnknown: 0 },
        '2013-12': { received: 1, decided: 0, onTimeStatutory: 0, onTimePromised: 0, dueDateUnknown: 0 },
      },
      channels: { window: 5, online: 6 },
      visitsByDepartment: { 住建: { cases: 2, visits: 2, atMostOneVisit: 1 }, 交通: { cases: 2, visits: 1, atMostOneVisit: 2 } },
    });
    expect(caseSummaryOfYear(folded, 2014)).toEqual({
      year: 2014,
      months: {
        '2014-01': { received: 1, decided: 1, onTimeStatutory: 1, onTimePromised: 1, dueDateUnknown: 0 },
      },
      channels: { online: 1, window: 1 },
      visitsByDepartment: { 住建: { cases: 1, visits: 1, atMostOneVisit: 1 } },
    });
    expect(caseSummaryOfYear(folded, 2012)).toEqual({ year: 2012, months: {}, channels: {}, visitsByDepartment: {} });
  });

  it('resumes from its checkpoint with the same result as one fold', async () => {
    const store = await seed();
    const first = await runProjection(store, caseSummaryProjection, { untilPosition: 4 });
    expect(first.processed).toBe(4);
    const rest = await runProjection(store, caseSummaryProjection);
    expect(rest.state).toEqual(await foldProjection(store.readAll(), caseSummaryProjection));
  });
});
