import { defineEvent, type EventOf } from '@banshi/core';
import { z } from 'zod';
import { businessDate, count, identifier, text } from '../../_lib/schemas.js';

/**
 * The satisfaction scale (好差评), best first, and whether each rating counts as satisfied.
 * Satisfaction rate = (非常满意 + 满意 + 基本满意) / forms returned.
 *
 * @example
 * satisfactionRatings.基本满意.satisfied; // true
 */
export const satisfactionRatings = {
  非常满意: { satisfied: true },
  满意: { satisfied: true },
  基本满意: { satisfied: true },
  不满意: { satisfied: false },
  非常不满意: { satisfied: false },
} as const;

/**
 * The rating names in scale order.
 *
 * @example
 * ratingNames[0]; // '非常满意'
 */
export const ratingNames = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const satisfies readonly (keyof typeof satisfactionRatings)[];
/**
 * One of {@link ratingNames}.
 *
 * @example
 * const r: Rating = '基本满意';
 */
export type Rating = (typeof ratingNames)[number];
/**
 * Forms returned per rating.
 *
 * @example
 * const r: RatingCounts = { 非常满意: 400, 满意: 146, 基本满意: 0, 不满意: 0, 非常不满意: 0 };
 */
export type RatingCounts = Record<Rating, number>;

/**
 * Forms returned per rating, every rating present.
 *
 * @example
 * ratingCountsSchema.parse({ 非常满意: 1, 满意: 0, 基本满意: 0, 不满意: 0, 非常不满意: 0 });
 */
export const ratingCountsSchema = z.strictObject({ 非常满意: count, 满意: count, 基本满意: count, 不满意: count, 非常不满意: count });

/**
 * A batch of survey forms (征求意见表) was issued by a node (`survey-<id>` stream).
 *
 * @example
 * { type: 'SurveyIssued', data: { surveyId: 'tz-2013-zb', node: 'center', subject: '招投标工作征求意见表', forms: 614, issuedOn: '2013-01-15' } }
 */
export const SurveyIssued = defineEvent('SurveyIssued', z.strictObject({ surveyId: identifier, node: identifier, subject: text, forms: count, issuedOn: businessDate }));
/**
 * Filled-in forms came back, counted per rating.
 *
 * @example
 * { type: 'SurveyFormsReturned', data: { surveyId: 'tz-2013-zb', ratings: { 非常满意: 300, 满意: 246, 基本满意: 0, 不满意: 0, 非常不满意: 0 }, returnedOn: '2013-11-30' } }
 */
export const SurveyFormsReturned = defineEvent('SurveyFormsReturned', z.strictObject({ surveyId: identifier, ratings: ratingCountsSchema, returnedOn: businessDate }));
/**
 * The batch closed; no more returns.
 *
 * @example
 * { type: 'SurveyClosed', data: { surveyId: 'tz-2013-zb', closedOn: '2013-12-31' } }
 */
export const SurveyClosed = defineEvent('SurveyClosed', z.strictObject({ surveyId: identifier, closedOn: businessDate }));

/**
 * The survey event definitions.
 *
 * @example
 * surveyEvents.length; // 3
 */
export const surveyEvents = [SurveyIssued, SurveyFormsReturned, SurveyClosed] as const;
/**
 * An event of a `survey-<id>` stream.
 *
 * @example
 * const e: SurveyEvent = { type: 'SurveyClosed', data: { surveyId: 's1', closedOn: '2013-12-31' } };
 */
export type SurveyEvent = EventOf<typeof surveyEvents>;
