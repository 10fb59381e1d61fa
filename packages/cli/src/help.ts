import type { Command } from './command.js';

const table = (rows: readonly (readonly [string, string])[]): string[] => {
  const width = Math.min(34, Math.max(...rows.map(([k]) => k.length)));
  return rows.map(([k, v]) => (k.length > width ? `  ${k}\n  ${' '.repeat(width)}  ${v}` : `  ${k.padEnd(width)}  ${v}`));
};

/**
 * The exit-code lines every `--help` ends with; `dataError` says what 1 means for the command.
 *
 * @example
 * exitCodeLines('a hash chain is broken'); // ['Exit codes:', '  0  success', …]
 */
export function exitCodeLines(dataError = 'the data is bad (a report check fails, an event is invalid)'): string[] {
  return [
    'Exit codes:',
    '  0  success',
    `  1  the data is bad: ${dataError}`,
    '  2  usage or environment: a bad command line, a missing file, an unreachable database or server',
  ];
}

/**
 * A command's `--help`: synopsis, options, examples and the exit codes, in one layout for every
 * command.
 *
 * @example
 * io.stdout(renderHelp(verifyCommand));
 */
export function renderHelp(command: Command): string {
  const options = [...(command.options ?? []), ['-h, --help', 'show this help'] as const];
  return [
    `banshi ${command.name} — ${command.summary}`,
    '',
    'Usage:',
    ...command.usage.split('\n').map((l) => `  ${l}`),
    '',
    'Options:',
    ...table(options),
    ...(command.examples?.length ? ['', 'Examples:', ...command.examples.map((e) => `  ${e}`)] : []),
    '',
    ...exitCodeLines(command.dataError),
    '',
  ].join('\n');
}

/**
 * `banshi` alone or `banshi --help`: every command with its summary, and the exit codes.
 *
 * @example
 * io.stdout(renderOverview(commands));
 */
export function renderOverview(commands: readonly Command[]): string {
  return [
    'banshi — event-sourced approval workflows for government service halls',
    '',
    'Usage: banshi <command> [options]',
    '',
    'Commands:',
    ...table(commands.map((c) => [c.name, c.summary] as const)),
    '',
    'Where a command reads a log or store, --from takes a file.jsonl, - (a JSONL log on standard input),',
    'sqlite:path, postgres://… or nats://host:4222/STREAM; without --from it uses BANSHI_STORE, then',
    '"store" in ./banshi.config.json, then DATABASE_URL. --format json prints the stable JSON shape',
    'documented in the @banshi/cli README.',
    '',
    ...exitCodeLines(),
    '',
    'Run "banshi <command> --help" for a command\'s options and examples.',
    '',
  ].join('\n');
}
