import { DomainError, foldDecider } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
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

  for (const status of campaignStatuses) {
    it(`in ${status}: the table allows exactly what transition() accepts, and the decider agrees on the event and the next status`, () => {
      const state = foldDecider(campaignDecider, histories[status]);
      expect(state.status).toBe(status);
      for (const command of commands) {
        const [next, actions] = transition(campaignMachine, campaignMachine.resolveState({ value: status }), command);
        const allowed = campaignLifecycle[status].includes(command.type);
        expect(actions.length > 0, `${status} × ${command.type}`).toBe(allowed);
        const result = campaignDecider.decide(command, state);
        if (!allowed) {
          expect(next.value).toBe(status);
          expect(result).toBeInstanceOf(DomainError);
          continue;
        }
        if (result instanceof DomainError) throw new Error(`${status} × ${command.type}: ${result.message}`);
        expect(actions.map((a) => (a.params as { event: string }).event)).toEqual(result.map((e) => e.type));
        expect(next.value, `${status} × ${command.type}`).toBe(foldDecider(campaignDecider, [...histories[status], ...result]).status);
      }
    });
  }
});
