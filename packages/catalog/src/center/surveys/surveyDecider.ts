import { DomainError, type Decider } from '@banshi/core';
import { z } from 'zod';
import { assertNever } from '../../_lib/assertNever.js';
import { parseCommand } from '../../_lib/parseCommand.js';
import { reject } from '../../_lib/reject.js';
import { businessDate, count, identifier, text } from '../../_lib/schemas.js';
import { ratingNames, type RatingCounts, type SurveyEvent } from './surveyEvents.js';
import { applySurveyEvent, emptySurveyData, nextSurveyStatus, surveyTable, type SurveyData, type SurveyStatus } from './surveyMachine.js';

/**
 * Commands of a `survey-<id>` stream. Ratings left out of `RecordSurveyReturns` count as 0.
 *
 * @example
 * surveyCommandSchema.parse({ type: 'RecordSurveyReturns', surveyId: 's1', ratings: { 满意: 10 }, returnedOn: '2013-05-02' });
 */
export const surveyCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('IssueSurvey'), surveyId: identifier, node: identifier, subject: text, forms: count.min(1), issuedOn: businessDate }),
  z.strictObject({
    type: z.literal('RecordSurveyReturns'),
    surveyId: identifier,
    ratings: z.strictObject({ 非常满意: count.optional(), 满意: count.optional(), 基本满意: count.optional(), 不满意: count.optional(), 非常不满意: count.optional() }),
    returnedOn: businessDate,
  }),
  z.strictObject({ type: z.literal('CloseSurvey'), surveyId: identifier, closedOn: businessDate }),
]);
/**
 * A command of a `survey-<id>` stream.
 *
 * @example
 * const c: SurveyCommand = { type: 'CloseSurvey', surveyId: 's1', closedOn: '2013-12-31' };
 */
export type SurveyCommand = z.infer<typeof surveyCommandSchema>;

/**
 * What the survey decider knows.
 *
 * @example
 * foldDecider(surveyDecider, events); // { status: 'open', surveyId: 's1', issued: 614, returned: 546 }
 */
export interface SurveyState extends SurveyData {
  readonly status: SurveyStatus;
}

const eventOf = { IssueSurvey: 'SurveyIssued', RecordSurveyReturns: 'SurveyFormsReturned', CloseSurvey: 'SurveyClosed' } as const satisfies Record<SurveyCommand['type'], SurveyEvent['type']>;

/**
 * Decider of a `survey-<id>` stream: issue a batch of forms, record returns (never more than
 * issued), close it.
 *
 * @example
 * await handle(store, 'survey-tz-2013-zb', { type: 'IssueSurvey', surveyId: 'tz-2013-zb', node: 'center', subject: '招投标工作征求意见表', forms: 614, issuedOn: '2013-01-15' }, surveyDecider);
 */
export const surveyDecider: Decider<SurveyState, SurveyCommand, SurveyEvent> = {
  initialState: { status: 'none', ...emptySurveyData },
  decide(input, state) {
    const command = parseCommand(surveyCommandSchema, input);
    if (command instanceof DomainError) return command;
    const id = command.surveyId;
    if (state.surveyId !== null && id !== state.surveyId) {
      return reject('CATALOG_SURVEY_NOT_ISSUED', `this stream holds survey ${state.surveyId}, not ${id}: send it to survey-${id}`, 'surveyReturnsWithinIssued');
    }
    if (surveyTable[state.status][eventOf[command.type]] === undefined) {
      if (command.type === 'IssueSurvey') return reject('CATALOG_SURVEY_ALREADY_ISSUED', `survey ${id} was already issued: issue further forms as a new batch`, 'surveyReturnsWithinIssued');
      if (state.status === 'none') return reject('CATALOG_SURVEY_NOT_ISSUED', `survey ${id} was never issued: send IssueSurvey first`, 'surveyReturnsWithinIssued');
      return reject('CATALOG_SURVEY_CLOSED', `survey ${id} is closed: record late forms in a new batch`, 'surveyClosed');
    }
    switch (command.type) {
      case 'IssueSurvey':
        return [{ type: 'SurveyIssued', data: { surveyId: id, node: command.node, subject: command.subject, forms: command.forms, issuedOn: command.issuedOn } }];
      case 'RecordSurveyReturns': {
        const ratings = {} as RatingCounts;
        let total = 0;
        for (const r of ratingNames) total += ratings[r] = command.ratings[r] ?? 0;
        if (total === 0) return new DomainError('CATALOG_INVALID_COMMAND', `RecordSurveyReturns for survey ${id} counts no forms: give at least one rating count. Nothing was written`);
        const returned: SurveyEvent = { type: 'SurveyFormsReturned', data: { surveyId: id, ratings, returnedOn: command.returnedOn } };
        if (nextSurveyStatus(state.status, state, returned) === undefined) {
          return reject(
            'CATALOG_SURVEY_RETURNS_EXCEED_ISSUED',
            `survey ${id} issued ${state.issued} forms and ${state.returned} came back already; ${total} more would exceed what was issued: check the counts`,
            'surveyReturnsWithinIssued',
          );
        }
        return [returned];
      }
      case 'CloseSurvey':
        return [{ type: 'SurveyClosed', data: { surveyId: id, closedOn: command.closedOn } }];
      default:
        return assertNever(command, 'survey command');
    }
  },
  evolve(state, event) {
    // As the machine does: an event it does not take changes nothing (a fold is total, never throws).
    const status = nextSurveyStatus(state.status, state, event);
    return status === undefined ? state : { ...applySurveyEvent(state, event), status };
  },
};
