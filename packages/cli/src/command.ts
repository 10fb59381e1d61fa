/** What a command needs from the outside world; tests pass fakes. */
export interface CliIO {
  /** Lines of standard input (without the newline). */
  readonly stdinLines: () => AsyncIterable<string>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

/** One `banshi <name> …` sub-command. `run` returns the process exit code. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(argv: readonly string[], io: CliIO): Promise<number>;
}

/** A bad command line: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {
  readonly code = 'CLI_USAGE' as const;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
