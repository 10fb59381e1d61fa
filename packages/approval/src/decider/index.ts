export { createApprovalDecider, isApprovalEvent, isApprovalStatus } from './createApprovalDecider.js';
export type { ApprovalDecider, ApprovalDeciderOptions, CaseState, ItemLimits } from './createApprovalDecider.js';
