export { approvalGuards } from './approvalGuards.js';
export type { ApprovalGuard } from './approvalGuards.js';
export { approvalStatuses, createApprovalMachine, openStatuses } from './approvalMachine.js';
export type { ApprovalStatus } from './approvalMachine.js';
export { acceptsEventType, approvalMachine, approvalTransitionTable, buildTransitionTable, nextStatus } from './transitionTable.js';
export type { ApprovalMachine, TableEdge, TransitionTable } from './transitionTable.js';
