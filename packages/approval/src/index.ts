/**
 * @banshi/approval — administrative-licensing cases (办件) from receipt to the applicant's feedback: an xstate machine
 * that says which step may follow which, a fast decider that follows it, and the 行政许可法 timelines derived from the log.
 */
export { createApprovalDecider, isApprovalEvent, isApprovalStatus, itemLimitsOf, receiveTermsOf } from './decider/index.js';
export type { ApprovalDecider, ApprovalDeciderOptions, CatalogItemTerms, CaseState, ItemLimit, ItemLimits } from './decider/index.js';
export { approvalCommandSchema, parseApprovalCommand } from './commands/index.js';
export type { ApprovalCommand, ApprovalCommandOf, ApprovalCommandType } from './commands/index.js';
export {
  agentAuthorizationSchema,
  approvalEvents,
  approvalEventTypes,
  approvalRegistry,
  CaseAccepted,
  CaseDecided,
  CaseDecidedOnSpot,
  CaseDeemedAccepted,
  CaseReceived,
  CaseResubmitted,
  CaseReturned,
  CaseWithdrawn,
  CertificateDelivered,
  CertificateIssued,
  clockNames,
  completionRuleSchema,
  DeadlineWarned,
  EvaluationSubmitted,
  ExtensionGranted,
  FollowUpClosed,
  handlings,
  HearingHeld,
  HearingRequested,
  HearingRightLapsed,
  HearingRightNotified,
  HearingScheduled,
  IntakeRefused,
  poorRatings,
  RenewalDeemedGranted,
  ratings,
  ReviewAssigned,
  ReviewOpinionRecorded,
  SpecialProcedureEnded,
  SpecialProcedureStarted,
  SupplementNotified,
  SupplementReceived,
  warningLevels,
} from './events/index.js';
export type { AgentAuthorization, ApprovalEvent, ApprovalEventOf, ApprovalEventType, ClockName, CompletionRule, Handling, Rating, WarningLevel } from './events/index.js';
export {
  acceptsEventType,
  approvalGuards,
  approvalMachine,
  approvalStatuses,
  approvalTransitionTable,
  buildTransitionTable,
  createApprovalMachine,
  nextStatus,
  openStatuses,
} from './machine/index.js';
export type { ApprovalGuard, ApprovalMachine, ApprovalStatus, TableEdge, TransitionTable } from './machine/index.js';
export { applyEvent, caseDecisionLimit, clockLabels, decisionRules, describeDue, describeDueZh, dueDateOf, dueOf, emptyCaseData, reviewOutcome, stepLabels, warningKey, warningLabels } from './state/index.js';
export type { AgentParty, ApprovalEnv, ApprovalState, CaseClocks, CaseData, ClockFacts, HearingFacts, ReviewFacts, TimelineEntry } from './state/index.js';
export { configurableRules, licensingRules, resolveRules, ruleUnits, specialProcedures } from './rules/index.js';
export type { ConfigurableRuleKey, LicensingRule, LicensingRuleKey, ResolvedRules, RuleUnit, SpecialProcedure } from './rules/index.js';
export { ApprovalConfigError, approvalErrorCodes, CalendarYearMissingError } from './errors/index.js';
export type { ApprovalErrorCode } from './errors/index.js';
export { caseFlowOfYear, caseFlowProjection, caseSummaryOfYear, caseSummaryProjection, decisionEventOnTime, decisionEventTypes, decisionOnTime } from './projection/index.js';
export type { CaseFlow, CaseSummary, DepartmentVisits, MonthFigures, YearFigures } from './projection/index.js';
export { countVisit, decidedWithin, departmentOnTime, departmentRates, intakeOfYear, visitFigures, visitStats } from './projection/index.js';
export type { DepartmentFigures, DepartmentOnTimeState, VisitStatsState, VisitTally } from './projection/index.js';
