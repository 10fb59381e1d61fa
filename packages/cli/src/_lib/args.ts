import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../command.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs with strict checking, turning its errors into one-line `UsageError`s. */
export function parseOptions<O extends Options>(argv: readonly string[], options: O, allowPositionals = false): ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: boolean }>> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify.*$/s, '').trim());
  }
}

/** A required `--year`-style integer option; `hint`, when given, follows the error and says what to give instead. */
export function intOption(value: string | undefined, name: string, range: { min: number; max: number; hint?: string }): number {
  const then = range.hint === undefined ? '' : `: ${range.hint}`;
  if (value === undefined) throw new UsageError(`--${name} is required${then}`);
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"${then}`);
  const n = Number(value);
  if (n < range.min || n > range.max) throw new UsageError(`--${name} must be between ${range.min} and ${range.max}, got ${n}${then}`);
  return n;
}
