export { applyEvent, decisionRules, dueDateOf, emptyCaseData, limitOf, reviewOutcome, stepLabels, warningKey } from './caseState.js';
export type { ApprovalEnv, ApprovalState, CaseClocks, CaseData, ClockFacts, ReviewFacts, TimelineEntry } from './caseState.js';
