import { BanshiError, DomainError } from '@banshi/core';
import type { LicensingRule } from '../rules/index.js';

/**
 * Stable codes of the approval decider's rejections; each is raised with the rule (and article) that forbids the command.
 *
 * @example
 * approvalErrorCodes.includes('SUPPLEMENT_ALREADY_NOTIFIED'); // true
 */
export const approvalErrorCodes = [
  'STEP_NOT_ALLOWED',
  'CASE_ALREADY_RECEIVED',
  'DATE_BEFORE_PREVIOUS_STEP',
  'PROMISE_EXCEEDS_STATUTORY_LIMIT',
  'RENEWAL_TOO_LATE',
  'SUPPLEMENT_ALREADY_NOTIFIED',
  'INTAKE_PERIOD_EXPIRED',
  'NOT_AN_IMMEDIATE_ITEM',
  'NOT_ON_THE_SPOT',
  'REVIEW_ALREADY_ASSIGNED',
  'QUORUM_OUT_OF_RANGE',
  'DEPARTMENT_NOT_ASSIGNED',
  'OPINION_ALREADY_RECORDED',
  'REVIEW_NOT_CONCLUDED',
  'REVIEW_NOT_APPROVED',
  'DENIAL_NEEDS_REASONS',
  'EXTENSION_ALREADY_GRANTED',
  'EXTENSION_NEEDS_HEAD',
  'EXTENSION_AFTER_DUE_DATE',
  'EXTENSION_REASONS_NOT_TOLD',
  'CERTIFICATE_FOR_DENIAL',
] as const;
/**
 * One of {@link approvalErrorCodes}.
 *
 * @example
 * const code: ApprovalErrorCode = 'EXTENSION_NEEDS_HEAD';
 */
export type ApprovalErrorCode = (typeof approvalErrorCodes)[number];

/**
 * The `DomainError` the approval decider returns: a stable code, what to do, and the rule's basis.
 *
 * @example
 * rejection('SUPPLEMENT_ALREADY_NOTIFIED', '补正 already notified once; accept or refuse the application', licensingRules.intake)
 *   .message; // '补正 already notified once; accept or refuse the application — 行政许可法 第三十二条'
 */
export function rejection(code: ApprovalErrorCode, message: string, rule: LicensingRule): DomainError {
  return new DomainError(code, message, { key: rule.key, basis: rule.basis });
}

/**
 * A decider option is invalid (a configurable limit, an item's promised limit). Fix the configuration.
 *
 * @example
 * new ApprovalConfigError('rules.followUp must be an integer ≥ 0 working days, got -1').code; // 'APPROVAL_CONFIG'
 */
export class ApprovalConfigError extends BanshiError {
  constructor(message: string) {
    super('APPROVAL_CONFIG', `${message}. Fix the options passed to createApprovalDecider.`);
  }
}
