import { describe, expect, it } from 'vitest';
import { initialTransition } from 'xstate';
import { publicInfoMachine } from './publicInfoMachine.js';
import { publicInfoStatuses } from './publicInfoState.js';
import { publicInfoTransitions } from './publicInfoTransitions.js';

describe('publicInfoMachine (design §3: the machine over events is the truth, evolve reads it)', () => {
  it('has one state per status and starts at none', () => {
    expect(Object.keys(publicInfoMachine.root.states)).toEqual([...publicInfoStatuses]);
    expect(initialTransition(publicInfoMachine)[0].value).toBe('none');
  });

  it('its table, with the named guards: the review picks cleared or withheld; only 规章 and 行政规范性文件 are repealed', () => {
    const table = Object.fromEntries(
      publicInfoStatuses.map((s) => [s, Object.fromEntries(Object.entries(publicInfoTransitions[s]).map(([t, edges]) => [t, edges?.map((e) => (e.guard ? `${e.target} if ${e.guard}` : e.target))]))]),
    );
    expect(table).toEqual({
      none: { PublicInfoFormed: ['formed'] },
      formed: { PublicInfoReviewed: ['cleared if reviewPublishes', 'withheld'], PublicInfoFormed: ['formed'] },
      cleared: { PublicInfoPublished: ['published'], PublicInfoFormed: ['formed'] },
      withheld: { PublicInfoFormed: ['formed'], PublicInfoRepealed: ['repealed if repealable'] },
      published: { PublicInfoPublished: ['published'], PublicInfoRevoked: ['revoked'], PublicInfoFormed: ['formed'], PublicInfoRepealed: ['repealed if repealable'] },
      revoked: { PublicInfoFormed: ['formed'], PublicInfoRepealed: ['repealed if repealable'] },
      repealed: {},
    });
  });
});
