export { clockLabels, describeDue, describeDueZh, emptyCaseData, reviewOutcome, stepLabels, warningKey, warningLabels } from './caseData.js';
export type { AgentParty, ApprovalEnv, ApprovalState, CaseClocks, CaseData, ClockFacts, HearingFacts, ReviewFacts, TimelineEntry } from './caseData.js';
export { caseDecisionLimit, decisionRules, dueDateOf, dueOf, limitOf } from './caseClocks.js';
export { applyEvent } from './applyEvent.js';
