import { DomainError, ValidationError, type Decider } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { exampleElements } from './_test/exampleElements.js';
import { campaignDecider } from './campaign/campaignDecider.js';
import { nodeDecider } from './center/nodes/nodeDecider.js';
import { noticeDecider } from './center/notices/noticeDecider.js';
import { pieceDecider, publicationDecider } from './center/publicity/publicityDeciders.js';
import { surveyDecider } from './center/surveys/surveyDecider.js';
import { dealDecider } from './center/trading/dealDecider.js';
import { catalogRegistry } from './events/catalogEvents.js';
import { agencyDecider } from './intermediary/agencyDecider.js';
import { itemDecider } from './item/itemDecider.js';

const info = { name: '台州华信工程咨询有限公司', basicInfo: '依法设立', scope: ['工程咨询'], promisedLimitDays: 5, fees: [], contact: { person: '联系人', phone: '0576-81234567' } };

/** One valid first command per decider; each must pass as is, and fail with any key added. */
const firstCommands: readonly [string, Decider<{ readonly status?: string }, unknown, never>, Record<string, unknown>][] = [
  ['item', itemDecider as never, { type: 'RegisterItem', code: 'XK-001', elements: exampleElements(), effectiveFrom: '2013-01-01' }],
  ['campaign', campaignDecider as never, { type: 'OpenCampaign', campaignId: 'c1', name: '清理', level: 'city', openedOn: '2013-03-01' }],
  ['agency', agencyDecider as never, { type: 'SubmitAgency', agencyId: 'a1', info, submittedOn: '2013-10-08' }],
  ['survey', surveyDecider as never, { type: 'IssueSurvey', surveyId: 's1', node: 'center', subject: '征求意见表', forms: 10, issuedOn: '2013-01-15' }],
  ['deal', dealDecider as never, { type: 'RegisterDeal', dealId: 'd1', category: 'other', title: 't', node: 'center', registeredOn: '2013-03-01' }],
  ['notice', noticeDecider as never, { type: 'PublishTradingNotice', noticeId: 'n1', dealId: 'd1', kind: 'result', outlets: ['台州日报'], publishedOn: '2013-03-01' }],
  ['piece', pieceDecider as never, { type: 'PublishReformPiece', pieceId: 'p1', kind: 'briefing', title: '简报', publishedOn: '2013-03-01' }],
  ['publication', publicationDecider as never, { type: 'RegisterPublication', publicationId: 'h1', kind: 'handbook', title: '服务手册', registeredOn: '2013-03-01' }],
  ['node', nodeDecider as never, { type: 'EstablishCenter', centerId: 'tz', name: '台州市行政服务中心', establishedOn: '2013-01-01' }],
];

describe('strict schemas: an unknown key is refused with a typed error that names it, and nothing is decided', () => {
  it.each(firstCommands)('%s commands', (_name, decider, command) => {
    expect(decider.decide(command, decider.initialState)).not.toBeInstanceOf(DomainError);
    const refused = decider.decide({ ...command, approvedBy: 'someone' }, decider.initialState);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('CATALOG_INVALID_COMMAND');
    expect((refused as DomainError).message).toMatch(/approvedBy/);
  });

  it('nested objects too: an agency contact, an item’s elements and a fee', () => {
    const agency = agencyDecider.decide({ type: 'SubmitAgency', agencyId: 'a1', info: { ...info, contact: { ...info.contact, wechat: 'x' } }, submittedOn: '2013-10-08' } as never, agencyDecider.initialState);
    expect(agency instanceof DomainError && agency.code).toBe('CATALOG_INVALID_COMMAND');
    expect((agency as DomainError).message).toMatch(/wechat/);
    const item = itemDecider.decide({ type: 'RegisterItem', code: 'XK-001', elements: { ...exampleElements(), owner: 'x' }, effectiveFrom: '2013-01-01' } as never, itemDecider.initialState);
    expect(item instanceof DomainError && item.code).toBe('CATALOG_INVALID_COMMAND');
    const fee = itemDecider.decide({ type: 'RegisterItem', code: 'XK-001', elements: exampleElements({ fees: [{ name: '工本费', amountFen: 500, basis: '浙价费〔2010〕1号', waived: true } as never] }), effectiveFrom: '2013-01-01' }, itemDecider.initialState);
    expect(fee instanceof DomainError && fee.message).toMatch(/waived/);
  });

  it('event payloads are strict at every level in the registry (append and import refuse them)', () => {
    expect(() => catalogRegistry.validate('AgencySubmitted', { agencyId: 'a1', info: { ...info, contact: { ...info.contact, wechat: 'x' } }, submittedOn: '2013-10-08' })).toThrow(ValidationError);
    expect(() => catalogRegistry.validate('ItemRegistered', { code: 'XK-001', elements: { ...exampleElements(), owner: 'x' }, effectiveFrom: '2013-01-01' })).toThrow(/owner/);
    expect(() => catalogRegistry.validate('ItemRegistered', { code: 'XK-001', elements: exampleElements(), effectiveFrom: '2013-01-01' })).not.toThrow();
  });
});
