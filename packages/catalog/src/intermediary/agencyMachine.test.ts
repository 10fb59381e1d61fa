import { describe, expect, it } from 'vitest';
import { itAgreesWithMachine } from '../_test/machineAgreement.js';
import { agencyDecider, type AgencyCommand } from './agencyDecider.js';
import type { AgencyEvent, AgencyInfo } from './agencyEvents.js';
import { agencyLifecycle, agencyMachine, agencyStatuses, type AgencyStatus } from './agencyMachine.js';

const info: AgencyInfo = {
  name: '台州某测绘有限公司',
  basicInfo: '乙级测绘资质',
  scope: ['工程测量'],
  promisedLimitDays: 7,
  fees: [{ service: '工程测量', standard: '按省物价局收费标准' }],
  contact: { person: '王工', phone: '0576-88000000' },
};
const submitted: AgencyEvent = { type: 'AgencySubmitted', data: { agencyId: 'ag-1', info, submittedOn: '2013-10-08' } };
const approved: AgencyEvent = { type: 'AgencyApproved', data: { agencyId: 'ag-1', reviewer: 'zhang', approvedOn: '2013-10-15' } };
const published: AgencyEvent = { type: 'AgencyPublished', data: { agencyId: 'ag-1', publishedOn: '2013-11-01' } };

/** A real decider state in each status, built from events. */
const histories: Record<AgencyStatus, readonly AgencyEvent[]> = {
  none: [],
  submitted: [submitted],
  returned: [submitted, { type: 'AgencyReturned', data: { agencyId: 'ag-1', reasons: ['资质证书过期'], returnedOn: '2013-10-15' } }],
  approved: [submitted, approved],
  published: [submitted, approved, published],
  delisted: [submitted, approved, published, { type: 'AgencyDelisted', data: { agencyId: 'ag-1', reason: '停业', delistedOn: '2013-12-20' } }],
};
const commands: readonly AgencyCommand[] = [
  { type: 'SubmitAgency', agencyId: 'ag-1', info, submittedOn: '2013-10-20' },
  { type: 'ApproveAgency', agencyId: 'ag-1', reviewer: 'zhang', approvedOn: '2013-10-25' },
  { type: 'ReturnAgency', agencyId: 'ag-1', reasons: ['收费标准未注明依据'], returnedOn: '2013-10-25' },
  { type: 'PublishAgency', agencyId: 'ag-1', publishedOn: '2013-11-01' },
  { type: 'UpdateAgency', agencyId: 'ag-1', info: { ...info, promisedLimitDays: 5 }, updatedOn: '2013-12-01' },
  { type: 'DelistAgency', agencyId: 'ag-1', reason: '停业', delistedOn: '2013-12-20' },
];

describe('agencyMachine', () => {
  it('covers every status, and delisting is final', () => {
    expect(Object.keys(agencyMachine.root.states).sort()).toEqual([...agencyStatuses].sort());
    expect(agencyMachine.root.states.delisted?.type).toBe('final');
    expect(agencyLifecycle.delisted).toEqual([]);
  });

  itAgreesWithMachine({ machine: agencyMachine, statuses: agencyStatuses, lifecycle: agencyLifecycle, decider: agencyDecider, histories, commands });
});
