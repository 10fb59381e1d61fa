import { BanshiError } from '@banshi/core';
import { createInterface } from 'node:readline';
import { UsageError, type CliIO, type Command } from './command.js';
import { commands as defaultCommands } from './commands/index.js';

/** The CLI's own version (kept in step with package.json by the release). */
export const version = '0.1.0';

function help(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'banshi — event-sourced approval workflows for government service halls',
    '',
    'Usage: banshi <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "banshi <command> --help" for a command\'s options.',
    '',
  ].join('\n');
}

/** An error message as one short line: newlines folded, any run of 80+ characters cut (a 50 MB argument is not echoed back). */
export function oneLine(message: string): string {
  return message
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\S{80,}/g, (run) => `${run.slice(0, 40)}…(${run.length.toLocaleString('en-US')} characters)`)
    .slice(0, 2000);
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code:
 * 0 success, 1 a domain or data error, 2 a usage error.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), nodeIO());
 */
export async function main(argv: readonly string[], io: CliIO, commands: readonly Command[] = defaultCommands): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help(commands));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(version + '\n');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(oneLine(`banshi: unknown command "${name}". Run "banshi --help" to list the commands.`) + '\n');
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${oneLine(`banshi ${command.name}: ${err.message}`)}\n`);
      return 2;
    }
    if (err instanceof BanshiError || (err instanceof Error && typeof (err as { code?: unknown }).code === 'string')) {
      io.stderr(`${oneLine(`banshi ${command.name}: [${(err as Error & { code: string }).code}] ${err.message}`)}\n`);
      return 1;
    }
    throw err;
  }
}

/** The real process's standard streams. */
export function nodeIO(): CliIO {
  return {
    stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
  };
}
