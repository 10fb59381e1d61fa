import { describe } from 'vitest';
import { itFoldsLikeTheMachine } from '../_test/machineAgreement.js';
import { agencyDecider } from './agencyDecider.js';
import type { AgencyEvent, AgencyInfo } from './agencyEvents.js';
import { agencyMachine, agencyStatuses, type AgencyStatus } from './agencyMachine.js';

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

describe('agencyMachine', () => {
  itFoldsLikeTheMachine({ machine: agencyMachine, statuses: agencyStatuses, finals: ['delisted'], decider: agencyDecider, histories });
});
