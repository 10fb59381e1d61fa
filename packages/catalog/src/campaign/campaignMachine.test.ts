import { describe, expect, it } from 'vitest';
import { itAgreesWithMachine } from '../_test/machineAgreement.js';
import { campaignDecider, type CampaignCommand } from './campaignDecider.js';
import type { CampaignEvent } from './campaignEvents.js';
import { campaignLifecycle, campaignMachine, campaignStatuses, type CampaignStatus } from './campaignMachine.js';

const opened: CampaignEvent = { type: 'CampaignOpened', data: { campaignId: 'tz-2013', name: '2013年行政审批事项清理', level: 'city', openedOn: '2013-03-01' } };
/** A real decider state in each status, built from events. */
const histories: Record<CampaignStatus, readonly CampaignEvent[]> = {
  none: [],
  open: [opened],
  closed: [opened, { type: 'CampaignClosed', data: { campaignId: 'tz-2013', closedOn: '2013-12-31' } }],
};
const commands: readonly CampaignCommand[] = [
  { type: 'OpenCampaign', campaignId: 'tz-2013', name: '2013年行政审批事项清理', level: 'city', openedOn: '2013-03-01' },
  { type: 'CloseCampaign', campaignId: 'tz-2013', closedOn: '2013-12-31' },
];

describe('campaignMachine', () => {
  it('covers every status, and a closed campaign is final', () => {
    expect(Object.keys(campaignMachine.root.states).sort()).toEqual([...campaignStatuses].sort());
    expect(campaignMachine.root.states.closed?.type).toBe('final');
    expect(campaignLifecycle.closed).toEqual([]);
  });

  itAgreesWithMachine({ machine: campaignMachine, statuses: campaignStatuses, lifecycle: campaignLifecycle, decider: campaignDecider, histories, commands });
});
