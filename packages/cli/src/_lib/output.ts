import { UsageError, type CliIO, type Command } from '../command.js';

/**
 * The `--format` a command prints: the value given, checked against the command's `formats`, else
 * its first (default) format.
 *
 * @example
 * outputFormat(verifyCommand, values.format); // 'text' | 'json'
 */
export function outputFormat(command: Pick<Command, 'name' | 'formats'>, value: string | undefined): string {
  const formats = command.formats ?? ['text'];
  if (value === undefined) return formats[0] as string;
  if (!formats.includes(value)) throw new UsageError(`--format for ${command.name} must be one of ${formats.join(', ')}, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Prints one JSON document whose first key names its stable shape, `banshi.<command>/1` (documented
 * in the @banshi/cli README); a new shape gets a new number, never a silent change.
 *
 * @example
 * printJson(io, 'verify', { ok: true, events: 12, streams: 3, break: null });
 */
export function printJson(io: CliIO, command: string, body: Record<string, unknown>): void {
  io.stdout(JSON.stringify({ format: `banshi.${command}/1`, ...body }, null, 2) + '\n');
}

/** The `--format` option every command takes. */
export const formatOption = { format: { type: 'string' } } as const;
