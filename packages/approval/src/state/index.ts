export { describeDue, emptyCaseData, reviewOutcome, stepLabels, warningKey } from './caseData.js';
export type { ApprovalEnv, ApprovalState, CaseClocks, CaseData, ClockFacts, HearingFacts, ReviewFacts, TimelineEntry } from './caseData.js';
export { caseDecisionLimit, decisionRules, dueDateOf, dueOf, limitOf } from './caseClocks.js';
export { applyEvent } from './applyEvent.js';
