import { foldDecider, foldProjection } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toLog } from '../_test/toLog.js';
import { agencyDecider, type AgencyCommand } from './agencyDecider.js';
import type { AgencyInfo } from './agencyEvents.js';
import { intermediaryRegister, publishedAgencies } from './intermediaryRegister.js';

const info: AgencyInfo = { name: '中介', basicInfo: '资质', scope: ['咨询'], promisedLimitDays: 5, fees: [], contact: { person: '李', phone: '1' } };
const kinds = ['SubmitAgency', 'ApproveAgency', 'ReturnAgency', 'PublishAgency', 'UpdateAgency', 'DelistAgency'] as const;

function command(kind: (typeof kinds)[number], agencyId: string): AgencyCommand {
  const on = '2013-10-10';
  switch (kind) {
    case 'SubmitAgency':
      return { type: kind, agencyId, info, submittedOn: on };
    case 'ApproveAgency':
      return { type: kind, agencyId, approvedOn: on };
    case 'ReturnAgency':
      return { type: kind, agencyId, reasons: ['缺材料'], returnedOn: on };
    case 'PublishAgency':
      return { type: kind, agencyId, publishedOn: on };
    case 'UpdateAgency':
      return { type: kind, agencyId, info, updatedOn: on };
    case 'DelistAgency':
      return { type: kind, agencyId, reason: '注销', delistedOn: on };
  }
}

const arbCommands = fc.array(fc.record({ agency: fc.integer({ min: 0, max: 7 }), kind: fc.constantFrom(...kinds) }), { maxLength: 120 });

describe('intermediaryRegister properties', () => {
  it('published ≤ approved ≤ submitted, and the register agrees with the decider on every agency', async () => {
    await fc.assert(
      fc.asyncProperty(arbCommands, async (cmds) => {
        const log = toLog(
          agencyDecider,
          cmds.map((c) => ({ stream: `agency-a${c.agency}`, command: command(c.kind, `a${c.agency}`) })),
        );
        const reg = await foldProjection(log, intermediaryRegister);
        const { submitted, approved, published, returned, delisted } = reg.counts;
        expect(published).toBeLessThanOrEqual(approved);
        expect(approved).toBeLessThanOrEqual(submitted);
        expect(returned).toBeLessThanOrEqual(submitted);
        expect(delisted).toBeLessThanOrEqual(submitted);
        const byStream = new Map<string, typeof log>();
        for (const e of log) byStream.set(e.stream, [...(byStream.get(e.stream) ?? []), e]);
        let publishedNow = 0;
        for (const [stream, events] of byStream) {
          const state = foldDecider(agencyDecider, events);
          expect(reg.agencies.get(stream.slice('agency-'.length))?.status).toBe(state.status);
          if (state.status === 'published') publishedNow++;
        }
        expect(publishedAgencies(reg)).toHaveLength(publishedNow);
      }),
      { numRuns: 200 },
    );
  });
});
