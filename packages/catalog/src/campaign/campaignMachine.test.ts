import { describe } from 'vitest';
import { itFoldsLikeTheMachine } from '../_test/machineAgreement.js';
import { campaignDecider } from './campaignDecider.js';
import type { CampaignEvent } from './campaignEvents.js';
import { campaignMachine, campaignStatuses, type CampaignStatus } from './campaignMachine.js';

const opened: CampaignEvent = { type: 'CampaignOpened', data: { campaignId: 'tz-2013', name: '2013年行政审批事项清理', level: 'city', openedOn: '2013-03-01' } };
/** A real decider state in each status, built from events. */
const histories: Record<CampaignStatus, readonly CampaignEvent[]> = {
  none: [],
  open: [opened],
  closed: [opened, { type: 'CampaignClosed', data: { campaignId: 'tz-2013', closedOn: '2013-12-31' } }],
};

describe('campaignMachine', () => {
  itFoldsLikeTheMachine({ machine: campaignMachine, statuses: campaignStatuses, finals: ['closed'], decider: campaignDecider, histories });
});
