import { deciderSpec } from '@banshi/testing';
import { describe, it } from 'vitest';
import { campaignDecider } from './campaignDecider.js';
import type { CampaignEvent } from './campaignEvents.js';

const spec = deciderSpec(campaignDecider);
const opened: CampaignEvent = { type: 'CampaignOpened', data: { campaignId: 'tz-2013', name: '2013年市级审批事项清理', level: 'city', openedOn: '2013-03-01' } };
const closed: CampaignEvent = { type: 'CampaignClosed', data: { campaignId: 'tz-2013', closedOn: '2013-12-31' } };

describe('campaignDecider', () => {
  it('opens a campaign', () => {
    spec.given([]).when({ type: 'OpenCampaign', campaignId: 'tz-2013', name: '2013年市级审批事项清理', level: 'city', openedOn: '2013-03-01' }).then([opened]);
  });
  it('closes an open campaign', () => {
    spec.given([opened]).when({ type: 'CloseCampaign', campaignId: 'tz-2013', closedOn: '2013-12-31' }).then([closed]);
  });
  it('rejects closing a campaign never opened, opening twice, and anything after closing', () => {
    spec.given([]).when({ type: 'CloseCampaign', campaignId: 'tz-2013', closedOn: '2013-12-31' }).thenRejects('CATALOG_CAMPAIGN_NOT_OPENED', 'CR-5');
    spec.given([opened]).when({ type: 'OpenCampaign', campaignId: 'tz-2013', name: 'x', level: 'city', openedOn: '2013-04-01' }).thenRejects('CATALOG_CAMPAIGN_ALREADY_OPENED');
    spec.given([opened, closed]).when({ type: 'CloseCampaign', campaignId: 'tz-2013', closedOn: '2014-01-01' }).thenRejects('CATALOG_CAMPAIGN_CLOSED');
  });
  it('rejects closing before opening, or a command for another campaign', () => {
    spec.given([opened]).when({ type: 'CloseCampaign', campaignId: 'tz-2013', closedOn: '2013-02-01' }).thenRejects('CATALOG_CAMPAIGN_DATE_ORDER');
    spec.given([opened]).when({ type: 'CloseCampaign', campaignId: 'tz-2014', closedOn: '2014-02-01' }).thenRejects('CATALOG_CAMPAIGN_NOT_OPENED');
  });
  it('rejects malformed commands', () => {
    spec.given([]).when({ type: 'OpenCampaign', campaignId: 'tz-2013', name: '', level: 'province' as 'city', openedOn: '2013-03-01' }).thenRejects('CATALOG_INVALID_COMMAND');
  });
});
