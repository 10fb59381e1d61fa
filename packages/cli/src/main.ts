import { BanshiError } from '@banshi/core';
import { createInterface } from 'node:readline';
import { exitCodes, UsageError, type CliIO, type Command } from './command.js';
import { renderHelp, renderOverview } from './help.js';
import { commands as defaultCommands } from './commands/index.js';

/** The CLI's own version (kept in step with package.json by the release). */
export const version = '0.1.0';

/** An error message as one short line: newlines folded, any run of 80+ characters cut (a 50 MB argument is not echoed back). */
export function oneLine(message: string): string {
  return message
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\S{80,}/g, (run) => `${run.slice(0, 40)}…(${run.length.toLocaleString('en-US')} characters)`)
    .slice(0, 2000);
}

/**
 * Runs the CLI with `argv` (without `node` and the script) and returns the exit code:
 * 0 success, 1 the data is bad, 2 usage or environment ({@link exitCodes}).
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), nodeIO());
 */
export async function main(argv: readonly string[], io: CliIO, commands: readonly Command[] = defaultCommands): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(renderOverview(commands));
    return exitCodes.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(version + '\n');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(oneLine(`banshi: unknown command "${name}". Run "banshi --help" to list the commands.`) + '\n');
    return exitCodes.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(renderHelp(command));
    return exitCodes.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${oneLine(`banshi ${command.name}: ${err.message}`)}\n`);
      return exitCodes.usage;
    }
    if (isEnvironmentError(err)) {
      io.stderr(`${oneLine(`banshi ${command.name}: [${(err as { code?: string }).code ?? 'CLI_ENVIRONMENT'}] ${(err as Error).message || String(err)} — check the path, the server and its address`)}\n`);
      return exitCodes.usage;
    }
    if (err instanceof BanshiError || (err instanceof Error && typeof (err as { code?: unknown }).code === 'string')) {
      io.stderr(`${oneLine(`banshi ${command.name}: [${(err as Error & { code: string }).code}] ${err.message}`)}\n`);
      return exitCodes.data;
    }
    throw err;
  }
}

/**
 * An error of the machine rather than the data: a system call that failed (ENOENT, EACCES,
 * ECONNREFUSED, ENOTFOUND, ETIMEDOUT…), PostgreSQL refusing the connection (SQLSTATE classes 08,
 * 28, 3D), or a connection that could not be made at all. Exit code 2, like a usage error.
 */
export function isEnvironmentError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (/^E[A-Z0-9_]{2,}$/.test(code) || /^(08|28|3D)[0-9A-Z]{3}$/.test(code))) return true;
  if (err instanceof AggregateError) return err.errors.some(isEnvironmentError);
  return /ECONNREFUSED|ENOTFOUND|connection refused|CONNECTION_REFUSED/i.test(String((err as { message?: unknown }).message ?? ''));
}

/** The real process's standard streams. */
export function nodeIO(): CliIO {
  return {
    stdinLines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    stdin: () => process.stdin,
  };
}
