/**
 * Every stable error code `@banshi/core` throws. Codes carry their package's prefix (`CORE_` here,
 * `APPROVAL_` in `@banshi/approval`, `STORE_SQLITE_` in `@banshi/store-sqlite` …); the table of every
 * code, its class and what to do is in this package's README.
 *
 * @example
 * coreErrorCodes.includes('CORE_CONCURRENCY'); // true
 */
export const coreErrorCodes = [
  'CORE_CONCURRENCY',
  'CORE_APPEND_CONDITION',
  'CORE_VALIDATION',
  'CORE_UNKNOWN_EVENT_TYPE',
  'CORE_DUPLICATE_EVENT_ID',
  'CORE_IDEMPOTENCY_CONFLICT',
  'CORE_INTEGRITY',
  'CORE_JSONL_LINE',
  'CORE_STORE_UNAVAILABLE',
  'CORE_DOCUMENT_QUERY',
  'CORE_DIAGRAM_UNKNOWN_STATE',
  'CORE_DIAGRAM_UNKNOWN_EDGE',
] as const;
/**
 * One of {@link coreErrorCodes}.
 *
 * @example
 * const code: CoreErrorCode = 'CORE_INTEGRITY';
 */
export type CoreErrorCode = (typeof coreErrorCodes)[number];

/**
 * Every banshi error has a stable `code` (for programs) and a message that names
 * the problem and says what to do (for people).
 *
 * @example
 * try { await store.append('case-1', events, { expectedVersion: 3 }); }
 * catch (e) { if (e instanceof ConcurrencyError) console.log(e.code, e.actual); }
 */
export class BanshiError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** What `expectedVersion` may be: a number, or a rule about the stream's existence. */
export type ExpectedVersion = number | 'no-stream' | 'stream-exists' | 'any';

/**
 * The stream is not at the version the caller expected: another writer got there first.
 * Reload the stream and decide again (`handle` does this for you).
 *
 * @example
 * new ConcurrencyError('case-1', 3, 4).message; // 'stream case-1 is at version 4, expected 3 …'
 */
export class ConcurrencyError extends BanshiError {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(
      'CORE_CONCURRENCY',
      `stream ${stream} is at version ${actual}, expected ${String(expected)}: another writer appended first. Reload the stream and decide again.`,
    );
  }
}

/**
 * An append's condition failed: an event of one of the condition's types was stored after the
 * position the caller had read up to. Nothing was written. Read the events after `after`, decide
 * again (the HTTP layer does this for the catalog a `Receive` takes its terms from).
 *
 * @example
 * new AppendConditionError('case-1', 41, 43, 'ItemRevised').message; // 'an event of type ItemRevised was stored at position 43 …'
 */
export class AppendConditionError extends BanshiError {
  constructor(
    readonly stream: string,
    readonly after: number,
    readonly position: number,
    readonly type: string,
  ) {
    super(
      'CORE_APPEND_CONDITION',
      `an event of type ${type} was stored at position ${position}, after position ${after} that the append to ${stream} was decided on: nothing was written. Read the events after ${after} and decide again.`,
    );
  }
}

/** One problem found while validating input. */
export interface ValidationIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Input failed validation (an event payload against its schema, an envelope, a stream id).
 * Nothing was written.
 *
 * @example
 * e.issues; // [{ path: ['data', 'itemCode'], message: 'Invalid input: expected string' }]
 */
export class ValidationError extends BanshiError {
  constructor(
    message: string,
    readonly issues: readonly ValidationIssue[] = [],
  ) {
    const detail = issues.length ? ': ' + issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'} — ${i.message}`).join('; ') : '';
    super('CORE_VALIDATION', `${message}${detail}. Nothing was written; fix the input and try again.`);
  }
}

/**
 * An event type the registry does not know. Register it with `defineEvent`, or read with
 * `{ unknownEvents: 'passthrough' }` to receive it untouched.
 *
 * @example
 * new UnknownEventTypeError('CaseTeleported', 'case-1', 3);
 */
export class UnknownEventTypeError extends BanshiError {
  constructor(
    readonly eventType: string,
    readonly stream?: string,
    readonly version?: number,
  ) {
    super(
      'CORE_UNKNOWN_EVENT_TYPE',
      `unknown event type "${eventType}"${stream ? ` in ${stream}@${String(version)}` : ''}: register it with defineEvent(), or read with { unknownEvents: 'passthrough' }.`,
    );
  }
}

/**
 * An event id that already exists with different content, or a batch that mixes stored
 * and new ids. Event ids are global: generate fresh ones (omit `id`) for new events.
 *
 * @example
 * new DuplicateEventIdError('V1StGXR8_Z5jdHi6B-myT', 'id is already stored in case-2');
 */
export class DuplicateEventIdError extends BanshiError {
  constructor(
    readonly eventId: string,
    reason: string,
  ) {
    super('CORE_DUPLICATE_EVENT_ID', `event id ${eventId}: ${reason}. Nothing was written; use a fresh id for a new event, or resend the identical batch.`);
  }
}

/**
 * A command id (an HTTP `Idempotency-Key`) that was used before for a different command, or by
 * a different actor, on the same stream. Replaying the first result would hide that the second
 * command was never carried out, so `handle()` refuses it and writes nothing.
 *
 * @example
 * new IdempotencyConflictError('case-1', 'k-1', 'command');
 */
export class IdempotencyConflictError extends BanshiError {
  constructor(
    readonly stream: string,
    readonly commandId: string,
    /** What differs from the first use: the command itself, or who sent it. */
    readonly differs: 'command' | 'actor',
  ) {
    super(
      'CORE_IDEMPOTENCY_CONFLICT',
      `command id ${JSON.stringify(commandId.slice(0, 80))} was already used on ${stream} ${differs === 'command' ? 'for a different command' : 'by another actor'}: nothing was written. Send the identical command to get its first result, or use a fresh id for a new command.`,
    );
  }
}

/**
 * The rule a `DomainError` cites: its key in the package's rules table and its legal basis.
 *
 * @example
 * const r: RuleRef = { key: 'intake', basis: '行政许可法 第三十二条' };
 */
export interface RuleRef {
  readonly key: string;
  readonly basis: string;
}

/**
 * A rule of the domain forbade a command. `rule` names it: its key in the package's rules table
 * and its legal basis (the message ends with the basis too, for people).
 *
 * @example
 * new DomainError('APPROVAL_SUPPLEMENT_ALREADY_NOTIFIED', '补正 already notified once', { key: 'intake', basis: '行政许可法 第三十二条' });
 */
export class DomainError extends BanshiError {
  constructor(
    code: string,
    message: string,
    readonly rule?: RuleRef,
  ) {
    super(code, rule ? `${message} — ${rule.basis}` : message);
  }
}

/**
 * The hash chain or the order of a log is broken at `stream`@`version`.
 *
 * @example
 * new IntegrityError({ stream: 'case-1', version: 2, reason: 'hash mismatch', expected: 'ab…', found: 'cd…' });
 */
export class IntegrityError extends BanshiError {
  constructor(readonly breakAt: IntegrityBreak) {
    super(
      'CORE_INTEGRITY',
      `log integrity broken at ${breakAt.stream}@${breakAt.version}${breakAt.line !== undefined ? ` (line ${breakAt.line})` : ''}: ${breakAt.reason}${
        breakAt.expected !== undefined ? ` (expected ${breakAt.expected}, found ${breakAt.found ?? '—'})` : ''
      }. The data was not written; restore the log from a good copy or re-export it from its source.`,
    );
  }
}

/** Where and why a log's integrity check failed. */
export interface IntegrityBreak {
  readonly stream: string;
  readonly version: number;
  readonly position?: number;
  readonly line?: number;
  readonly eventId?: string;
  readonly reason: string;
  readonly expected?: string;
  readonly found?: string;
}

/**
 * A JSONL log line that cannot be read. `line` is 1-based, `byteOffset` is where the line
 * starts. Nothing from the log was imported.
 *
 * @example
 * new JsonlLineError(12, 4096, 'Unexpected token } in JSON');
 */
export class JsonlLineError extends BanshiError {
  constructor(
    readonly line: number,
    readonly byteOffset: number,
    readonly reason: string,
    /** What the failure left behind, e.g. "Nothing was imported" (said only by the commands that write). */
    consequence?: string,
  ) {
    super('CORE_JSONL_LINE', `line ${line}${byteOffset >= 0 ? ` (byte ${byteOffset})` : ''} of the log is not a valid event: ${reason}. ${consequence ? `${consequence}; repair` : 'Repair'} or remove that line.`);
  }
}

/**
 * The store was used after `close()`, or the underlying database is unusable.
 *
 * @example
 * new StoreUnavailableError('memory store is closed');
 */
export class StoreUnavailableError extends BanshiError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CORE_STORE_UNAVAILABLE', message, options);
  }
}
