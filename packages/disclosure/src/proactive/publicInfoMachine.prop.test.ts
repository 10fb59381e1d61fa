import { mainlandChinaCalendar } from '@banshi/calendar';
import { DomainError } from '@banshi/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { createProactiveDecider, publicInfoCommandSchema, type PublicInfoCommand } from './proactiveDecider.js';
import { publicInfoMachine, publicInfoStatuses, type PublicInfoStatus } from './publicInfoMachine.js';

const decider = createProactiveDecider({ calendar: mainlandChinaCalendar() });
const addDays = (d: string, n: number): string => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)) + n)).toISOString().slice(0, 10);
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

// Each step picks, four times in five, among the types the machine accepts now (so long histories get
// far: published, revoked, repealed), otherwise among all types (so refusals are checked too).
const arbSteps = fc.array(fc.record({ pick: fc.nat(), anyType: fc.integer({ min: 0, max: 4 }), gap: fc.integer({ min: 0, max: 10 }), flag: fc.boolean() }), { maxLength: 16 });

describe('publicInfoMachine and the proactive decider agree (property)', () => {
  it('folding the commands the decider accepts gives, at every step, the status transition() steps the machine to; what the machine refuses the decider refuses as not allowed', () => {
    const reached = new Set<PublicInfoStatus>();
    fc.assert(
      fc.property(arbSteps, (steps) => {
        let state = decider.initialState;
        let snapshot = initialTransition(publicInfoMachine)[0];
        let on = '2013-09-02';
        for (const step of steps) {
          on = addDays(on, step.gap);
          const current = snapshot;
          const candidates = step.anyType === 0 ? types : types.filter((t) => current.can(commandOf(t, on, step.flag)));
          const command = commandOf(candidates[step.pick % candidates.length] ?? 'FormInfo', on, step.flag); // repealed accepts nothing
          const result = decider.decide(command, state);
          if (!snapshot.can(command)) {
            expect(result, `${state.status} × ${command.type}`).toBeInstanceOf(DomainError);
            expect((result as DomainError).code).toBe('DISCLOSURE_NOT_ALLOWED');
            continue;
          }
          if (result instanceof DomainError) continue; // a rule (e.g. only 规章 are repealed), not the status, refused it
          state = result.reduce(decider.evolve, state);
          snapshot = transition(publicInfoMachine, snapshot, command)[0];
          expect(state.status, `after ${command.type}`).toBe(snapshot.value);
          reached.add(state.status);
        }
      }),
      { numRuns: 300 },
    );
    expect([...reached].sort()).toEqual(publicInfoStatuses.filter((s) => s !== 'none').sort());
  });
});
