export { approvalCommandSchema, parseApprovalCommand } from './approvalCommands.js';
export type { ApprovalCommand, ApprovalCommandOf, ApprovalCommandType } from './approvalCommands.js';
