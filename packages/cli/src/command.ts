/** What a command needs from the outside world; tests pass fakes. */
export interface CliIO {
  /** Lines of standard input (without the newline). */
  readonly stdinLines: () => AsyncIterable<string>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** The environment (`BANSHI_STORE`, `DATABASE_URL`); omitted, nothing is read from it. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Standard input as bytes, for `--from -`; omitted, `--from -` is a usage error. */
  readonly stdin?: () => AsyncIterable<Uint8Array>;
}

/** One `banshi <name> …` sub-command. `run` returns the process exit code (see {@link exitCodes}). */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** The synopsis: one or more lines, each starting with `banshi <name>`. */
  readonly usage: string;
  /** Every option with its meaning, as `[flags, text]`; `-h, --help` is added by the help. */
  readonly options?: readonly (readonly [string, string])[];
  /** Command lines a user can copy. */
  readonly examples?: readonly string[];
  /** What exit code 1 means for this command (the data is bad: how). */
  readonly dataError?: string;
  /** `--format` values this command prints (the first is the default). */
  readonly formats?: readonly string[];
  run(argv: readonly string[], io: CliIO): Promise<number>;
}

/**
 * The one exit-code table of every `banshi` command.
 *
 * @example
 * process.exitCode = exitCodes.usage; // 2
 */
export const exitCodes = {
  ok: 0,
  /** The data is bad: a broken chain, a failed report check, a refused proof, an invalid log line. */
  data: 1,
  /** Usage or environment: a bad command line, a missing file, an unreachable database. */
  usage: 2,
} as const;

/**
 * Every stable error code `@banshi/cli` itself prints (errors of the packages below keep their own
 * codes; the table of every banshi code is in `@banshi/core`'s README).
 *
 * @example
 * cliErrorCodes.includes('CLI_USAGE'); // true
 */
export const cliErrorCodes = ['CLI_USAGE', 'CLI_ENVIRONMENT', 'CLI_WRITE', 'CLI_LOCKED'] as const;

/** A bad command line or environment (missing file, unreachable store): one line on stderr, exit code 2. */
export class UsageError extends Error {
  readonly code = 'CLI_USAGE' as const;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
