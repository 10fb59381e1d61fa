import { CalendarError } from '@banshi/calendar';
import { AppendConditionError, BanshiError, ConcurrencyError, DocumentQueryError, DomainError, DuplicateEventIdError, StoreUnavailableError, ValidationError } from '@banshi/core';

/**
 * Every stable problem code `@banshi/http` itself writes. Errors of the packages below pass through
 * with their own codes (`CORE_CONCURRENCY`, `APPROVAL_…`); the table of every banshi code is in
 * `@banshi/core`'s README, the status of each in this package's README.
 *
 * @example
 * httpErrorCodes.includes('HTTP_FORBIDDEN'); // true
 */
export const httpErrorCodes = [
  'HTTP_BODY_NOT_JSON',
  'HTTP_BODY_NOT_UTF8',
  'HTTP_BAD_IF_MATCH',
  'HTTP_BAD_IDEMPOTENCY_KEY',
  'HTTP_BAD_POSITION',
  'HTTP_BAD_YEAR',
  'HTTP_BAD_CENTER',
  'HTTP_UNAUTHENTICATED',
  'HTTP_FORBIDDEN',
  'HTTP_TENANT_FORBIDDEN',
  'HTTP_CSRF',
  'HTTP_NOT_FOUND',
  'HTTP_TENANT_NOT_FOUND',
  'HTTP_BODY_TIMEOUT',
  'HTTP_BODY_TOO_LARGE',
  'HTTP_UNSUPPORTED_MEDIA_TYPE',
  'HTTP_VALIDATION',
  'HTTP_UNKNOWN_COMMAND',
  'HTTP_ID_MISMATCH',
  'HTTP_AGENT_AUTHORIZATION_REQUIRED',
  'HTTP_IDEMPOTENCY_KEY_REUSED',
  'HTTP_RATE_LIMITED',
  'HTTP_INTERNAL',
] as const;
/**
 * One of {@link httpErrorCodes}.
 *
 * @example
 * const code: HttpErrorCode = 'HTTP_NOT_FOUND';
 */
export type HttpErrorCode = (typeof httpErrorCodes)[number];

/**
 * An RFC 9457 problem document as this service writes it: `type`, `title`, `status`,
 * `detail`, plus the banshi error `code`, the domain `rule` (key and legal basis) when a rule
 * forbade the command, validation `issues`, and what to `reload` after a conflict.
 *
 * @example
 * const p: Problem = { type: 'https://banshi.dev/problems/http-forbidden', title: 'Forbidden', status: 403, code: 'HTTP_FORBIDDEN', detail: 'a clerk may not Extend' };
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly instance?: string;
  readonly rule?: { readonly key?: string; readonly basis: string };
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
  /** After a 409: the resource to GET again, and the version it is at now. */
  readonly reload?: { readonly href: string; readonly version: number };
  readonly [extension: string]: unknown;
}

/**
 * An error that already knows its HTTP status and problem code (403, 404, 408, 413, 429 …).
 * Route code throws it; the error handler writes it as problem+json.
 *
 * @example
 * throw new HttpProblem(403, 'HTTP_FORBIDDEN', 'a clerk may not approve an extension: ask the organ head (行政许可法 第四十二条第一款)');
 */
export class HttpProblem extends BanshiError {
  constructor(
    readonly status: number,
    code: HttpErrorCode,
    detail: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(code, detail);
  }
}

const titles: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * The problem-type URI of a code (stable, documented in the README's error table).
 *
 * @example
 * problemType('CORE_CONCURRENCY'); // 'https://banshi.dev/problems/core-concurrency'
 */
export function problemType(code: string): string {
  return `https://banshi.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * The rule of a `DomainError` as the problem document carries it: its key and legal basis.
 *
 * @example
 * ruleOf(new DomainError('APPROVAL_SUPPLEMENT_ALREADY_NOTIFIED', '…', { key: 'intake', basis: '行政许可法 第三十二条' })); // { key: 'intake', basis: '行政许可法 第三十二条' }
 */
export function ruleOf(err: DomainError): Problem['rule'] {
  return err.rule ? { key: err.rule.key, basis: err.rule.basis } : undefined;
}

/**
 * Maps any thrown value to a problem document. Domain refusals are 422 with the rule; a
 * version conflict is 409 with what to reload; bad input is 400/422; a store that is down is
 * 503; anything else is 500 with a detail that reveals nothing internal.
 *
 * @example
 * toProblem(new ConcurrencyError('case-1', 3, 4), '/t/tz/cases/1').status; // 409
 */
export function toProblem(err: unknown, instance?: string): Problem {
  const base = (status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem => ({
    type: problemType(code),
    title: titles[status] ?? 'Error',
    status,
    code,
    detail,
    ...(instance ? { instance } : {}),
    ...extra,
  });
  if (err instanceof HttpProblem) return base(err.status, err.code, err.message, { ...err.extra });
  if (err instanceof ConcurrencyError) {
    return base(409, err.code, `${err.stream} is at version ${err.actual}, not ${String(err.expected)}: nothing was written. GET it again, decide again, and send the command with If-Match: "${err.actual}".`, {
      ...(instance ? { reload: { href: instance.replace(/\/commands$/, ''), version: err.actual } } : {}),
    });
  }
  if (err instanceof AppendConditionError) {
    return base(409, err.code, `the catalog changed (an event of type ${err.type} was stored) each time this command was decided: nothing was written. Send it again.`);
  }
  if (err instanceof ValidationError) {
    return base(422, err.code, err.message, { issues: err.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })) });
  }
  if (err instanceof DomainError) {
    const rule = ruleOf(err);
    return base(422, err.code, err.message, rule ? { rule } : {});
  }
  if (err instanceof DocumentQueryError) return base(400, err.code, err.message);
  if (err instanceof DuplicateEventIdError) return base(409, err.code, err.message);
  if (err instanceof StoreUnavailableError) return base(503, err.code, 'the event store is unavailable: nothing was written. Retry in a moment.');
  if (err instanceof CalendarError) return base(422, err.code, err.message);
  if (err instanceof BanshiError) {
    // A typed banshi error the service did not expect from this route (e.g. a calendar year
    // without data): the input named something the engine cannot handle.
    return base(422, err.code, err.message);
  }
  return base(500, 'HTTP_INTERNAL', 'the service failed while handling the request; nothing more is disclosed here. The error was logged with this request id.');
}
