export { ApprovalConfigError, approvalErrorCodes, CalendarYearMissingError, rejection } from './approvalErrors.js';
export type { ApprovalErrorCode } from './approvalErrors.js';
