import { deciderSpec } from '@banshi/testing';
import { describe, expect, it } from 'vitest';
import { agencyDecider, type AgencyCommand } from './agencyDecider.js';
import type { AgencyEvent, AgencyInfo } from './agencyEvents.js';

const spec = deciderSpec(agencyDecider);
const info: AgencyInfo = {
  name: '台州某测绘有限公司',
  basicInfo: '乙级测绘资质',
  scope: ['工程测量', '地籍测绘'],
  promisedLimitDays: 7,
  fees: [{ service: '工程测量', standard: '按省物价局收费标准' }],
  contact: { person: '王工', phone: '0576-88000000' },
};
const submitted: AgencyEvent = { type: 'AgencySubmitted', data: { agencyId: 'ag-1', info, submittedOn: '2013-10-08' } };
const approved: AgencyEvent = { type: 'AgencyApproved', data: { agencyId: 'ag-1', reviewer: 'zhang', approvedOn: '2013-10-15' } };
const returned: AgencyEvent = { type: 'AgencyReturned', data: { agencyId: 'ag-1', reasons: ['资质证书过期'], returnedOn: '2013-10-15' } };
const published: AgencyEvent = { type: 'AgencyPublished', data: { agencyId: 'ag-1', publishedOn: '2013-11-01' } };
const delisted: AgencyEvent = { type: 'AgencyDelisted', data: { agencyId: 'ag-1', reason: '停业', delistedOn: '2013-12-20' } };
const zhang = { actor: { id: 'zhang', role: 'reviewer' } };
const cmd = {
  submit: { type: 'SubmitAgency', agencyId: 'ag-1', info, submittedOn: '2013-10-08' },
  approve: { type: 'ApproveAgency', agencyId: 'ag-1', reviewer: 'zhang', approvedOn: '2013-10-15' },
  return: { type: 'ReturnAgency', agencyId: 'ag-1', reasons: ['资质证书过期'], returnedOn: '2013-10-15' },
  publish: { type: 'PublishAgency', agencyId: 'ag-1', publishedOn: '2013-11-01' },
  update: { type: 'UpdateAgency', agencyId: 'ag-1', info: { ...info, promisedLimitDays: 5 }, updatedOn: '2013-12-01' },
  delist: { type: 'DelistAgency', agencyId: 'ag-1', reason: '停业', delistedOn: '2013-12-20' },
} satisfies Record<string, AgencyCommand>;

describe('agencyDecider — the happy path', () => {
  it('submit → approve → publish → update → delist', () => {
    spec.given([]).when(cmd.submit).then([submitted]);
    spec.given([submitted]).when(cmd.approve, zhang).then([approved]);
    spec.given([submitted, approved]).when(cmd.publish).then([published]);
    spec
      .given([submitted, approved, published])
      .when(cmd.update)
      .then([{ type: 'AgencyUpdated', data: { agencyId: 'ag-1', info: { ...info, promisedLimitDays: 5 }, updatedOn: '2013-12-01' } }]);
    spec.given([submitted, approved, published]).when(cmd.delist).then([delisted]);
  });

  it('a returned submission can be corrected and resubmitted', () => {
    spec.given([submitted]).when(cmd.return).then([returned]);
    spec
      .given([submitted, returned])
      .when(cmd.submit)
      .thenState((s) => expect(s.status).toBe('submitted'));
  });

  it('an approved agency may be delisted before publication', () => {
    spec.given([submitted, approved]).when(cmd.delist).then([delisted]);
  });
});

describe('agencyDecider — rejections', () => {
  it('publication needs an approved review (IR-1)', () => {
    spec.given([submitted]).when(cmd.publish).thenRejects('CATALOG_AGENCY_COMMAND_NOT_ALLOWED', '上网公示');
    spec.given([submitted, returned]).when(cmd.publish).thenRejects('CATALOG_AGENCY_COMMAND_NOT_ALLOWED');
    spec.given([]).when(cmd.publish).thenRejects('CATALOG_AGENCY_NOT_SUBMITTED');
  });
  it('a return states reasons (IR-2)', () => {
    spec.given([submitted]).when({ ...cmd.return, reasons: [' ', ''] }).thenRejects('CATALOG_AGENCY_RETURN_WITHOUT_REASONS', 'IR-2');
  });
  it('updates only while published; nothing after delisting (IR-3)', () => {
    spec.given([submitted, approved]).when(cmd.update).thenRejects('CATALOG_AGENCY_COMMAND_NOT_ALLOWED');
    spec.given([submitted, approved, published, delisted]).when(cmd.submit).thenRejects('CATALOG_AGENCY_DELISTED', 'IR-3');
  });
  it('a second submission while under review is rejected', () => {
    spec.given([submitted]).when(cmd.submit).thenRejects('CATALOG_AGENCY_COMMAND_NOT_ALLOWED');
  });
  it('malformed info is rejected with the field named', () => {
    const e = spec.given([]).when({ ...cmd.submit, info: { ...info, scope: [] } }).thenRejects('CATALOG_INVALID_COMMAND');
    expect(e.message).toContain('info.scope');
  });
  it('a command for another agency is rejected', () => {
    spec.given([submitted]).when({ ...cmd.approve, agencyId: 'ag-2' }, zhang).thenRejects('CATALOG_AGENCY_COMMAND_NOT_ALLOWED');
  });
});

describe('agencyDecider — the reviewer is the signed-in actor (design §7), never the command body', () => {
  it('records the actor, with or without a matching reviewer field', () => {
    const { reviewer: _named, ...bare } = cmd.approve;
    spec.given([submitted]).when(bare, zhang).then([approved]);
    spec.given([submitted]).when(cmd.approve, zhang).then([approved]);
  });
  it('refuses an approval with no one signed in, even when the body names a reviewer', () => {
    spec.given([submitted]).when(cmd.approve).thenRejects('CATALOG_AGENCY_REVIEWER_UNKNOWN');
  });
  it('refuses a body that names someone other than the signed-in actor', () => {
    spec.given([submitted]).when(cmd.approve, { actor: { id: 'li', role: 'clerk' } }).thenRejects('CATALOG_AGENCY_REVIEWER_NOT_ACTOR');
  });
});
