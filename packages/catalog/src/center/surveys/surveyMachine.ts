import { nextStatusIn, readTransitionTable, type TransitionTable } from '@banshi/core';
import { assign, setup } from 'xstate';
import { assertNever } from '../../_lib/assertNever.js';
import { ratingNames, type SurveyEvent } from './surveyEvents.js';

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

/**
 * What the survey machine and decider fold from a batch's events: which batch, how many forms
 * were issued and how many came back.
 *
 * @example
 * const d: SurveyData = { surveyId: 's1', issued: 614, returned: 546 };
 */
export interface SurveyData {
  readonly surveyId: string | null;
  readonly issued: number;
  readonly returned: number;
}

/**
 * A batch before its first event.
 *
 * @example
 * emptySurveyData.issued; // 0
 */
export const emptySurveyData: SurveyData = { surveyId: null, issued: 0, returned: 0 };

const formsIn = (event: Extract<SurveyEvent, { type: 'SurveyFormsReturned' }>): number => ratingNames.reduce((n, r) => n + event.data.ratings[r], 0);

/**
 * Folds one event into the batch's data (the status is the machine's).
 *
 * @example
 * applySurveyEvent(emptySurveyData, { type: 'SurveyIssued', data: { surveyId: 's1', node: 'center', subject: '征求意见表', forms: 10, issuedOn: '2013-01-15' } }).issued; // 10
 */
export function applySurveyEvent(data: SurveyData, event: SurveyEvent): SurveyData {
  switch (event.type) {
    case 'SurveyIssued':
      return { surveyId: event.data.surveyId, issued: event.data.forms, returned: 0 };
    case 'SurveyFormsReturned':
      return { ...data, returned: data.returned + formsIn(event) };
    case 'SurveyClosed':
      return data;
    default:
      return assertNever(event, 'survey event');
  }
}

/**
 * The survey machine's named guards, shared with the decider: returns are recorded only while
 * they stay within the forms issued (the decider refuses the rest with
 * `CATALOG_SURVEY_RETURNS_EXCEED_ISSUED`, the machine does not take them).
 *
 * @example
 * surveyGuards.withinIssued({ surveyId: 's1', issued: 10, returned: 9 }, returned2); // false
 */
export const surveyGuards = {
  withinIssued: (data: SurveyData, event: SurveyEvent): boolean => event.type !== 'SurveyFormsReturned' || data.returned + formsIn(event) <= data.issued,
} as const;
/**
 * The name of one of {@link surveyGuards}.
 *
 * @example
 * const g: SurveyGuard = 'withinIssued';
 */
export type SurveyGuard = keyof typeof surveyGuards;

/**
 * The survey lifecycle as an xstate machine over the survey events (design §3): a batch is
 * issued, returns are recorded while it is open and within the forms issued, and it is closed
 * (final). Its context is the batch's {@link SurveyData}. The single source of truth for which
 * event may follow which status: the decider's `decide` and `evolve` read its table ({@link surveyTable}).
 *
 * @example
 * const [next] = transition(surveyMachine, surveyMachine.resolveState({ value: 'open', context: emptySurveyData }), { type: 'SurveyClosed', data: { surveyId: 's1', closedOn: '2013-12-31' } });
 * next.value; // 'closed'
 */
export const surveyMachine = setup({
  types: { context: {} as SurveyData, events: {} as SurveyEvent },
  guards: { withinIssued: ({ context, event }) => surveyGuards.withinIssued(context, event) },
  actions: { apply: assign(({ context, event }) => applySurveyEvent(context, event)) },
}).createMachine({
  id: 'survey',
  initial: 'none',
  context: emptySurveyData,
  states: {
    none: { on: { SurveyIssued: { target: 'open', actions: 'apply' } } },
    open: { on: { SurveyFormsReturned: { guard: 'withinIssued', actions: 'apply' }, SurveyClosed: { target: 'closed', actions: 'apply' } } },
    closed: { type: 'final' },
  },
});

/**
 * The transition table read off {@link surveyMachine} once at module load (core's `readTransitionTable`).
 *
 * @example
 * surveyTable.open.SurveyFormsReturned; // [{ target: 'open', guard: 'withinIssued' }]
 */
export const surveyTable: TransitionTable<SurveyStatus, SurveyEvent['type'], SurveyGuard> = readTransitionTable(surveyMachine, surveyStatuses, Object.keys(surveyGuards) as SurveyGuard[]);

/**
 * Where `event` leads from `status` per the machine (its guards judged on `data`), or `undefined` when the machine refuses it.
 *
 * @example
 * nextSurveyStatus('open', data, closed); // 'closed'
 */
export const nextSurveyStatus = (status: SurveyStatus, data: SurveyData, event: SurveyEvent): SurveyStatus | undefined =>
  nextStatusIn(surveyTable, status, event.type, (guard) => surveyGuards[guard](data, event));
