import { DomainError, foldDecider } from '@banshi/core';
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { surveyDecider, type SurveyCommand } from './surveyDecider.js';
import type { SurveyEvent } from './surveyEvents.js';
import { surveyLifecycle, surveyMachine, surveyStatuses, type SurveyStatus } from './surveyMachine.js';

const issued: SurveyEvent = { type: 'SurveyIssued', data: { surveyId: 's1', node: 'center', subject: '招投标工作征求意见表', forms: 10, issuedOn: '2013-01-15' } };
/** A real decider state in each status, built from events. */
const histories: Record<SurveyStatus, readonly SurveyEvent[]> = {
  none: [],
  open: [issued],
  closed: [issued, { type: 'SurveyClosed', data: { surveyId: 's1', closedOn: '2013-12-31' } }],
};
const commands: readonly SurveyCommand[] = [
  { type: 'IssueSurvey', surveyId: 's1', node: 'center', subject: '招投标工作征求意见表', forms: 10, issuedOn: '2013-01-15' },
  { type: 'RecordSurveyReturns', surveyId: 's1', ratings: { 满意: 4 }, returnedOn: '2013-02-01' },
  { type: 'CloseSurvey', surveyId: 's1', closedOn: '2013-12-31' },
];

describe('surveyMachine', () => {
  it('covers every status, and a closed batch is final', () => {
    expect(Object.keys(surveyMachine.root.states).sort()).toEqual([...surveyStatuses].sort());
    expect(surveyMachine.root.states.closed?.type).toBe('final');
    expect(surveyLifecycle.closed).toEqual([]);
  });

  for (const status of surveyStatuses) {
    it(`in ${status}: the table allows exactly what transition() accepts, and the decider agrees on the event and the next status`, () => {
      const state = foldDecider(surveyDecider, histories[status]);
      expect(state.status).toBe(status);
      for (const command of commands) {
        const [next, actions] = transition(surveyMachine, surveyMachine.resolveState({ value: status }), command);
        const allowed = surveyLifecycle[status].includes(command.type);
        expect(actions.length > 0, `${status} × ${command.type}`).toBe(allowed);
        const result = surveyDecider.decide(command, state);
        if (!allowed) {
          expect(next.value).toBe(status);
          expect(result).toBeInstanceOf(DomainError);
          continue;
        }
        if (result instanceof DomainError) throw new Error(`${status} × ${command.type}: ${result.message}`);
        expect(actions.map((a) => (a.params as { event: string }).event)).toEqual(result.map((e) => e.type));
        expect(next.value, `${status} × ${command.type}`).toBe(foldDecider(surveyDecider, [...histories[status], ...result]).status);
      }
    });
  }
});
