import { BanshiError, DomainError } from '@banshi/core';
import type { LicensingRule } from '../rules/index.js';

/**
 * Stable codes of the approval decider's rejections; each is raised with the rule (and article) that forbids the command.
 *
 * @example
 * approvalErrorCodes.includes('APPROVAL_SUPPLEMENT_ALREADY_NOTIFIED'); // true
 */
export const approvalErrorCodes = [
  'APPROVAL_STEP_NOT_ALLOWED',
  'APPROVAL_CASE_ALREADY_RECEIVED',
  'APPROVAL_DATE_BEFORE_PREVIOUS_STEP',
  'APPROVAL_PROMISE_EXCEEDS_STATUTORY_LIMIT',
  'APPROVAL_RENEWAL_TOO_LATE',
  'APPROVAL_AGENT_NOT_AUTHORIZED',
  'APPROVAL_RENEWAL_DEEMED_GRANTED',
  'APPROVAL_SUPPLEMENT_ALREADY_NOTIFIED',
  'APPROVAL_INTAKE_PERIOD_EXPIRED',
  'APPROVAL_NOT_AN_IMMEDIATE_ITEM',
  'APPROVAL_NOT_ON_THE_SPOT',
  'APPROVAL_REVIEW_ALREADY_ASSIGNED',
  'APPROVAL_DEPARTMENT_NOT_ASSIGNED',
  'APPROVAL_OPINION_ALREADY_RECORDED',
  'APPROVAL_REVIEW_NOT_CONCLUDED',
  'APPROVAL_REVIEW_NOT_APPROVED',
  'APPROVAL_DENIAL_NEEDS_REASONS',
  'APPROVAL_EXTENSION_ALREADY_GRANTED',
  'APPROVAL_EXTENSION_NEEDS_HEAD',
  'APPROVAL_EXTENSION_NEEDS_GOVERNMENT_HEAD',
  'APPROVAL_NO_EXTENSION',
  'APPROVAL_AUTHORITY_FROM_BODY',
  'APPROVAL_EXTENSION_AFTER_DUE_DATE',
  'APPROVAL_EXTENSION_REASONS_NOT_TOLD',
  'APPROVAL_CERTIFICATE_FOR_DENIAL',
  'APPROVAL_CALENDAR_YEAR_MISSING',
  'APPROVAL_PANEL_INVALID',
  'APPROVAL_CONFIG',
  'APPROVAL_HEARING_ALREADY_HELD',
  'APPROVAL_HEARING_PARTY_NOT_NOTIFIED',
  'APPROVAL_HEARING_REQUEST_TOO_LATE',
  'APPROVAL_HEARING_NEEDS_ANNOUNCEMENT',
  'APPROVAL_HEARING_NOTICE_TOO_SHORT',
  'APPROVAL_HEARING_TOO_LATE',
  'APPROVAL_HEARING_NOT_AS_NOTIFIED',
  'APPROVAL_HEARING_PENDING',
  'APPROVAL_HEARING_HAS_ITS_OWN_STEPS',
] as const;
/**
 * One of {@link approvalErrorCodes}.
 *
 * @example
 * const code: ApprovalErrorCode = 'APPROVAL_EXTENSION_NEEDS_HEAD';
 */
export type ApprovalErrorCode = (typeof approvalErrorCodes)[number];

/**
 * The `DomainError` the approval decider returns: a stable code, what to do, and the rule's basis.
 *
 * @example
 * rejection('APPROVAL_SUPPLEMENT_ALREADY_NOTIFIED', '补正 already notified once; accept or refuse the application', licensingRules.intake)
 *   .message; // '补正 already notified once; accept or refuse the application — 行政许可法 第三十二条'
 */
export function rejection(code: ApprovalErrorCode, message: string, rule: LicensingRule): DomainError {
  return new DomainError(code, message, { key: rule.key, basis: rule.basis });
}

/**
 * A step needs a date the calendar cannot give: its limit runs into a year whose State Council notice is not loaded.
 * Only steps whose lawfulness depends on that date are refused (a 补正 notice or a refusal that may come after the
 * intake period, an extension that may come after the due date); receiving, accepting and deciding are recorded with
 * an unknown due date instead. Nothing is written. Load the year, then send the command again.
 *
 * @example
 * const e = new CalendarYearMissingError(2027, 'an extension on 2027-01-05', licensingRules.extension);
 * e.code; // 'APPROVAL_CALENDAR_YEAR_MISSING'
 * e.year; // 2027
 */
export class CalendarYearMissingError extends DomainError {
  constructor(
    readonly year: number,
    what: string,
    rule: LicensingRule,
  ) {
    super(
      'APPROVAL_CALENDAR_YEAR_MISSING',
      `${what} needs the ${year} working-day calendar, which is not loaded: load the State Council's notice for ${year} ` +
        `(banshi calendar add-year ${year}.json --to <store>, or calendar.withYears([...]) in code), then send the command again; nothing was written`,
      { key: rule.key, basis: rule.basis },
    );
  }
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
