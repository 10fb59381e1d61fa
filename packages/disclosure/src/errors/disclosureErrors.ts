import { BanshiError, DomainError, type RuleRef } from '@banshi/core';

/**
 * Stable codes of every error this package returns or throws, with what the caller should do.
 *
 * @example
 * disclosureErrorCodes.DISCLOSURE_EXTENSION_ALREADY_GRANTED; // 'the reply period may be extended only once …'
 */
export const disclosureErrorCodes = {
  DISCLOSURE_INVALID_COMMAND: 'the command is malformed (missing field, bad date, unknown value): fix it and send it again',
  DISCLOSURE_NOT_ALLOWED: 'the command does not fit the request or item in its current state: check the state first',
  DISCLOSURE_ALREADY_RECEIVED: 'a request with this stream already exists: use a new request id',
  DISCLOSURE_SUPPLEMENT_ALREADY_NOTIFIED: 'the supplement notice may be sent only once: decide with what the applicant supplied',
  DISCLOSURE_SUPPLEMENT_NOTICE_LATE: 'the supplement notice is past its statutory limit: reply to the request as it stands',
  DISCLOSURE_EXTENSION_ALREADY_GRANTED: 'the reply period may be extended only once: reply within the extended period',
  DISCLOSURE_EXTENSION_AFTER_DUE: 'an extension must be approved before the due date: reply now',
  DISCLOSURE_EXTENSION_NOT_HEAD: 'only the head of the disclosure office may approve an extension: have the office head approve it',
  DISCLOSURE_DATE_BEFORE_RECEIPT: 'the date is before the request was received: check the date',
  DISCLOSURE_DATE_OUT_OF_ORDER: 'the date is before an earlier step of the same request: check the date',
  DISCLOSURE_WITHHOLD_REASON_REQUIRED: 'withholding needs a legal reason: give one of the withhold reasons',
  DISCLOSURE_INVALID_REPORT_OPTIONS: 'the report options are malformed: give a four-digit year and a format of md, csv, json or html',
  DISCLOSURE_BEFORE_REGULATIONS: 'the 条例 came into force on 2008-05-01: a request received (or an item formed) before that day is not handled under it',
  DISCLOSURE_NOT_IN_ERA: 'the text in force on the receipt date has no such rule: use what that era provides (see disclosureRules and outcomeRules)',
  DISCLOSURE_EXTENSION_TOO_LONG: 'an extension is a number of working days up to the era maximum: announce a shorter extension',
  DISCLOSURE_FEE_WITHOUT_BASIS: 'no fee may be charged without a legal basis in force on the receipt date: reply without a fee',
  DISCLOSURE_NOT_AUTHORIZED: 'the authenticated actor may not take this decision: have the office head do it',
  DISCLOSURE_UNKNOWN_CASE: 'no administrative review or lawsuit with this case id was filed on this request: file it first',
} as const;

/**
 * One of the keys of {@link disclosureErrorCodes}.
 *
 * @example
 * const code: DisclosureErrorCode = 'DISCLOSURE_NOT_ALLOWED';
 */
export type DisclosureErrorCode = keyof typeof disclosureErrorCodes;

/**
 * A disclosure command that cannot be read: a missing field, a date that is not `yyyy-MM-dd`,
 * an unknown applicant type. Nothing was decided; fix the command and send it again.
 *
 * @example
 * new InvalidDisclosureCommandError('ReceiveRequest', ['receivedOn: expected yyyy-MM-dd']).code; // 'DISCLOSURE_INVALID_COMMAND'
 */
export class InvalidDisclosureCommandError extends DomainError {
  constructor(
    readonly command: string,
    readonly issues: readonly string[],
  ) {
    super('DISCLOSURE_INVALID_COMMAND', `${command} is malformed: ${issues.join('; ')}. Nothing was decided; fix the command and send it again.`);
  }
}

/**
 * `annualReport` or `formatReport` was called with options it cannot use.
 *
 * @example
 * new InvalidReportOptionsError('year must be a four-digit integer, got 13').code; // 'DISCLOSURE_INVALID_REPORT_OPTIONS'
 */
export class InvalidReportOptionsError extends BanshiError {
  constructor(reason: string) {
    super('DISCLOSURE_INVALID_REPORT_OPTIONS', `invalid report options: ${reason}. Give { year: 2013 } (a four-digit year) and a format of md, csv, json or html.`);
  }
}

/**
 * A rule of the 条例 forbids the command: `rule` names it with its article.
 *
 * @example
 * ruleError('DISCLOSURE_EXTENSION_ALREADY_GRANTED', 'the reply period was already extended', { key: 'replyExtension', basis: '政府信息公开条例（2019） 第三十三条' });
 */
export function ruleError(code: DisclosureErrorCode, message: string, rule?: RuleRef): DomainError {
  return new DomainError(code, `${message}: ${disclosureErrorCodes[code]}`, rule);
}
