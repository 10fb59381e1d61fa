import { describe, expect, it } from 'vitest';
import { itAgreesWithMachine } from '../../_test/machineAgreement.js';
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

  itAgreesWithMachine({ machine: surveyMachine, statuses: surveyStatuses, lifecycle: surveyLifecycle, decider: surveyDecider, histories, commands });
});
