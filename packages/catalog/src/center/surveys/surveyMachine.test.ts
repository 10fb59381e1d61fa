import { describe } from 'vitest';
import { itFoldsLikeTheMachine } from '../../_test/machineAgreement.js';
import { surveyDecider } from './surveyDecider.js';
import type { SurveyEvent } from './surveyEvents.js';
import { surveyMachine, surveyStatuses, type SurveyStatus } from './surveyMachine.js';

const issued: SurveyEvent = { type: 'SurveyIssued', data: { surveyId: 's1', node: 'center', subject: '招投标工作征求意见表', forms: 10, issuedOn: '2013-01-15' } };
/** A real decider state in each status, built from events. */
const histories: Record<SurveyStatus, readonly SurveyEvent[]> = {
  none: [],
  open: [issued],
  closed: [issued, { type: 'SurveyClosed', data: { surveyId: 's1', closedOn: '2013-12-31' } }],
};

describe('surveyMachine', () => {
  itFoldsLikeTheMachine({ machine: surveyMachine, statuses: surveyStatuses, finals: ['closed'], decider: surveyDecider, histories });
});
