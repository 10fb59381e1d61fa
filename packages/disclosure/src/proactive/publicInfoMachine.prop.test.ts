import { addDays, mainlandChinaCalendar } from '@banshi/calendar';
import { DomainError } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { PublicInfoEvent } from '../events/index.js';
import { createProactiveDecider, publicInfoCommandSchema, type PublicInfoCommand } from './proactiveDecider.js';
import { publicInfoMachine } from './publicInfoMachine.js';
import { publicInfoStatuses, type PublicInfoStatus } from './publicInfoState.js';
import { nextPublicInfoStatus } from './publicInfoTransitions.js';

const decider = createProactiveDecider({ calendar: mainlandChinaCalendar() });
const types = publicInfoCommandSchema.options.map((o) => o.shape.type.value);

function commandOf(type: PublicInfoCommand['type'], on: string, flag: boolean): PublicInfoCommand {
  switch (type) {
    case 'FormInfo':
      return { type, itemId: 'I-1', agency: '市行政服务中心', title: '行政审批事项目录', category: flag ? 'normativeDocument' : 'other', formedOn: on };
    case 'ChangeInfo':
    case 'RepealInfo':
      return { type, on };
    case 'ReviewInfo':
      return flag ? { type, on, decision: 'publish' } : { type, on, decision: 'withhold', reason: 'withheldStateSecret' };
    case 'PublishInfo':
      return { type, on, channels: flag ? ['governmentWebsite'] : ['bulletinBoard', 'centerPortal'] };
    case 'RevokeInfo':
      return { type, on, reason: '内容有误' };
  }
}

const arbSteps = fc.array(fc.record({ pick: fc.nat(), gap: fc.integer({ min: 0, max: 10 }), flag: fc.boolean(), stray: fc.nat(), any: fc.integer({ min: 0, max: 4 }) }), { maxLength: 16 });

describe('publicInfoMachine and evolvePublicInfo agree (machine–reducer equality, property)', () => {
  it('over random histories, the machine takes an event exactly when evolve’s table does, and then both reach the same status and state', () => {
    const reached = new Set<PublicInfoStatus>();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), arbSteps, (start, steps) => {
        let state = decider.initialState;
        let snapshot = initialTransition(publicInfoMachine)[0];
        let on = addDays('2008-05-01', start);
        const seen: PublicInfoEvent[] = [];
        for (const step of steps) {
          on = addDays(on, step.gap);
          // Four times in five, the first type (from a random one on) the decider accepts, so histories get far; else any type.
          const tries = step.any === 0 ? 1 : types.length;
          let result = decider.decide(commandOf(types[step.pick % types.length] ?? 'FormInfo', on, step.flag), state);
          for (let k = 1; k < tries && result instanceof DomainError; k++) result = decider.decide(commandOf(types[(step.pick + k) % types.length] ?? 'FormInfo', on, step.flag), state);
          // Every event seen so far, offered again in the current status: the machine and the table agree on it.
          const stray = seen[step.stray % Math.max(seen.length, 1)];
          if (stray) expect(snapshot.can(stray), `${state.status} × ${stray.type}`).toBe(nextPublicInfoStatus(state, stray) !== undefined);
          if (result instanceof DomainError) continue;
          for (const event of result) {
            expect(snapshot.can(event), `${state.status} × ${event.type}`).toBe(true);
            state = decider.evolve(state, event);
            snapshot = transition(publicInfoMachine, snapshot, event)[0];
            expect(snapshot.value).toBe(state.status);
            expect(snapshot.context).toEqual({ ...state, status: snapshot.context.status });
            reached.add(state.status);
            seen.push(event);
          }
        }
      }),
      { numRuns: 300 },
    );
    expect([...reached].sort()).toEqual(publicInfoStatuses.filter((s) => s !== 'none').sort());
  });
});
