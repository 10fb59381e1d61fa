export { createApprovalDecider, isApprovalEvent, isApprovalStatus } from './createApprovalDecider.js';
export type { ApprovalDecider, ApprovalDeciderOptions, CaseState, ItemLimit, ItemLimits } from './createApprovalDecider.js';
export { itemLimitsOf, receiveTermsOf } from './catalogTerms.js';
export type { CatalogItemTerms } from './catalogTerms.js';
