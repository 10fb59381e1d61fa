export {
  satisfactionRatings,
  ratingNames,
  ratingCountsSchema,
  SurveyIssued,
  SurveyFormsReturned,
  SurveyClosed,
  surveyEvents,
  type Rating,
  type RatingCounts,
  type SurveyEvent,
} from './surveyEvents.js';
export { surveyDecider, surveyCommandSchema, type SurveyCommand, type SurveyState } from './surveyDecider.js';
export { surveyMachine, surveyLifecycle, surveyStatuses, type SurveyStatus } from './surveyMachine.js';
export { surveyStats, satisfiedForms, satisfactionRate, returnRate, type SurveyStatsState, type SurveyTally } from './surveyStats.js';
