import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { publicInfoCommandSchema, type PublicInfoCommand } from './proactiveDecider.js';
import { publicInfoMachine, publicInfoStatuses, type PublicInfoStatus } from './publicInfoMachine.js';
import { publicInfoTransitions } from './publicInfoTransitions.js';

/** Every command type, in each shape the machine routes differently (the review's decision). */
const samples: readonly PublicInfoCommand[] = [
  { type: 'FormInfo', itemId: 'I-1', agency: '市行政服务中心', title: '行政审批事项目录', category: 'normativeDocument', formedOn: '2013-09-02' },
  { type: 'ChangeInfo', on: '2013-10-08' },
  { type: 'ReviewInfo', on: '2013-09-05', decision: 'publish' },
  { type: 'ReviewInfo', on: '2013-09-05', decision: 'withhold', reason: 'withheldStateSecret' },
  { type: 'PublishInfo', on: '2013-09-30', channels: ['governmentWebsite'] },
  { type: 'RevokeInfo', on: '2013-12-01', reason: '内容有误' },
  { type: 'RepealInfo', on: '2014-01-02' },
];
const types = [...new Set(samples.map((c) => c.type))];

describe('publicInfoMachine (design §3: the machine says which command each status allows)', () => {
  it('has one state per status, starts at none, and has a sample for every command type', () => {
    expect(Object.keys(publicInfoMachine.root.states)).toEqual([...publicInfoStatuses]);
    expect(initialTransition(publicInfoMachine)[0].value).toBe('none');
    expect([...types].sort()).toEqual(publicInfoCommandSchema.options.map((o) => o.shape.type.value).sort());
  });

  for (const status of publicInfoStatuses) {
    it(`in ${status}: publicInfoTransitions lists exactly the types transition() accepts and every status they reach`, () => {
      const snapshot = publicInfoMachine.resolveState({ value: status });
      for (const type of types) {
        const reached: PublicInfoStatus[] = [];
        for (const command of samples.filter((c) => c.type === type)) {
          const [next] = transition(publicInfoMachine, snapshot, command);
          if (snapshot.can(command)) reached.push(next.value);
          else expect(next.value, `${status} × ${type}`).toBe(status);
        }
        expect([...(publicInfoTransitions[status][type] ?? [])].sort(), `${status} × ${type}`).toEqual([...new Set(reached)].sort());
      }
    });
  }

  it('the review decision picks cleared or withheld; a repealed item accepts nothing', () => {
    const formed = publicInfoMachine.resolveState({ value: 'formed' });
    expect(transition(publicInfoMachine, formed, { type: 'ReviewInfo', on: '2013-09-05', decision: 'publish' })[0].value).toBe('cleared');
    expect(transition(publicInfoMachine, formed, { type: 'ReviewInfo', on: '2013-09-05', decision: 'withhold', reason: 'withheldStateSecret' })[0].value).toBe('withheld');
    const repealed = publicInfoMachine.resolveState({ value: 'repealed' });
    expect(samples.some((c) => repealed.can(c))).toBe(false);
  });

  it('derives the same table the package published before the machine (no behaviour change)', () => {
    expect(publicInfoTransitions).toEqual({
      none: { FormInfo: ['formed'] },
      formed: { ReviewInfo: ['cleared', 'withheld'], ChangeInfo: ['formed'] },
      cleared: { PublishInfo: ['published'], ChangeInfo: ['formed'] },
      withheld: { ChangeInfo: ['formed'], RepealInfo: ['repealed'] },
      published: { PublishInfo: ['published'], RevokeInfo: ['revoked'], ChangeInfo: ['formed'], RepealInfo: ['repealed'] },
      revoked: { ChangeInfo: ['formed'], RepealInfo: ['repealed'] },
      repealed: {},
    });
  });
});
