import { setup } from 'xstate';
import { lifecycleTable } from '../../_lib/lifecycleTable.js';
import type { SurveyCommand } from './surveyDecider.js';
import type { SurveyEvent } from './surveyEvents.js';

/**
 * A survey batch's statuses: none (never issued) → open → closed.
 *
 * @example
 * surveyStatuses.includes('closed'); // true
 */
export const surveyStatuses = ['none', 'open', 'closed'] as const;
/**
 * One of {@link surveyStatuses}.
 *
 * @example
 * const s: SurveyStatus = 'open';
 */
export type SurveyStatus = (typeof surveyStatuses)[number];

const record = (event: SurveyEvent['type']) => ({ type: 'record', params: { event } }) as const;

/**
 * The survey lifecycle as an xstate machine over the survey commands (design §3): issue a batch,
 * record returns while it is open, close it (final). The single source of truth for which command
 * a batch accepts in which status, where it leads and which event it records (the `record`
 * action); used only through xstate's pure `transition`.
 *
 * @example
 * const [next] = transition(surveyMachine, surveyMachine.resolveState({ value: 'open' }), { type: 'CloseSurvey', surveyId: 's1', closedOn: '2013-12-31' });
 * next.value; // 'closed'
 */
export const surveyMachine = setup({
  types: { events: {} as SurveyCommand },
  actions: { record: (_, _params: { event: SurveyEvent['type'] }) => undefined },
}).createMachine({
  id: 'survey',
  initial: 'none',
  states: {
    none: { on: { IssueSurvey: { target: 'open', actions: record('SurveyIssued') } } },
    open: {
      on: {
        RecordSurveyReturns: { target: 'open', actions: record('SurveyFormsReturned') },
        CloseSurvey: { target: 'closed', actions: record('SurveyClosed') },
      },
    },
    closed: { type: 'final' },
  },
});

/**
 * Which command each survey status accepts, read off {@link surveyMachine} once at module load;
 * the survey decider checks it.
 *
 * @example
 * surveyLifecycle.open; // ['RecordSurveyReturns', 'CloseSurvey']
 */
export const surveyLifecycle = lifecycleTable(surveyMachine, surveyStatuses);
