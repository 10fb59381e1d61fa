import { createMemoryStore, foldProjection, handle, runProjection, type StoredEvent } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { approvalRegistry, caseSummaryProjection, createApprovalDecider, departmentOnTime, departmentRates, visitFigures, visitStats, type ApprovalCommand } from '../index.js';

const approval = createApprovalDecider({ itemLimits: { 'XK-8': { promised: 8, requiredVisits: 1 } } });
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
    inPerson: channel === 'window',
    caseId,
    itemCode: 'XK-8',
    department,
    applicant: { name: 'a', kind: 'person' },
    materials: [],
    node: 'center',
  });
  // Two in-person steps on the receipt day (one trip) and one more at delivery: two visits.
  await run('case-1', [
    receive('1', '2013-09-16', 'window', '住建'),
    { type: 'Accept', on: '2013-09-16', channel: 'window', inPerson: true },
    { type: 'Decide', on: '2013-09-18', channel: 'system', outcome: 'grant' },
    { type: 'IssueCertificate', on: '2013-09-18', channel: 'system', certificateNo: 'Z1' },
    { type: 'DeliverCertificate', on: '2013-09-22', channel: 'window', inPerson: true },
  ]);
  // 网上受理、网上审核、网下办理、网上反馈, no visit; decided after the promise, within the statutory limit.
  const decided = cal.addWorkingDays('2013-09-17', 12);
  await run('case-2', [
    receive('2', '2013-09-16', 'online', '住建'),
    { type: 'Accept', on: '2013-09-17', channel: 'online' },
    { type: 'Decide', on: decided, channel: 'system', outcome: 'grant' },
    { type: 'IssueCertificate', on: decided, channel: 'system', certificateNo: 'Z2' },
    { type: 'DeliverCertificate', on: decided, channel: 'online' },
  ]);
  await run('case-3', [receive('3', '2013-10-08', 'window', '交通')]);
  return store;
}

describe('departmentOnTime and visitStats', () => {
  it('count on-time decisions per department and visits as business days with an in-person step', async () => {
    const store = await seed();
    const onTime = await foldProjection(store.readAll(), departmentOnTime);
    expect(departmentRates(onTime)).toEqual([{ department: '住建', decided: 2, onTimeStatutory: 2, onTimePromised: 1 }]);
    const visits = await foldProjection(store.readAll(), visitStats);
    expect(visitFigures(visits)).toEqual({ cases: 3, zero: 1, one: 1, more: 1, atMostOne: 2, withRequired: 3, withinRequired: 2 });
    expect(visits.intakeChannels).toEqual({ window: 2, online: 1 });
    expect(visits.onlinePattern).toBe(1);
  });

  it('agree with the case summary: one definition of a visit and of on time', async () => {
    const store = await seed();
    const all: StoredEvent[] = [];
    for await (const e of store.readAll()) all.push(e);
    const summary = await foldProjection(all, caseSummaryProjection);
    const visits = await foldProjection(all, visitStats);
    const onTime = await foldProjection(all, departmentOnTime);
    // The same cases, and the same of them came at most once, per year of receipt.
    for (const [year, y] of Object.entries(summary.years)) {
      const departments = Object.values(y.visitsByDepartment);
      const f = visitFigures(visits, Number(year));
      expect([f.cases, f.atMostOne]).toEqual([departments.reduce((n, d) => n + d.cases, 0), departments.reduce((n, d) => n + d.atMostOneVisit, 0)]);
    }
    expect(visitFigures(visits).more).toBe(1);
    const months = Object.values(summary.months);
    const rates = departmentRates(onTime);
    for (const key of ['decided', 'onTimeStatutory', 'onTimePromised'] as const) expect(rates.reduce((s, d) => s + d[key], 0)).toBe(months.reduce((s, m) => s + m[key], 0));
  });

  it('resume from a snapshot with the same result as one fold', async () => {
    const store = await seed();
    for (const projection of [departmentOnTime, visitStats] as const) {
      await runProjection(store, projection as never, { untilPosition: 6 });
      const rest = await runProjection(store, projection as never);
      expect(rest.state).toEqual(await foldProjection(store.readAll(), projection as never));
    }
  });
});
