export { ApprovalConfigError, approvalErrorCodes, rejection } from './approvalErrors.js';
export type { ApprovalErrorCode } from './approvalErrors.js';
