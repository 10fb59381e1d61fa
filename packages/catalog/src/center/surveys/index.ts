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
export { applySurveyEvent, emptySurveyData, nextSurveyStatus, surveyGuards, surveyMachine, surveyTable, surveyStatuses, type SurveyData, type SurveyGuard, type SurveyStatus } from './surveyMachine.js';
export { surveyStats, satisfiedForms, satisfactionRate, returnRate, type SurveyStatsState, type SurveyTally } from './surveyStats.js';
