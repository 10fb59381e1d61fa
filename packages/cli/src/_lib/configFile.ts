import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, type CliIO } from '../command.js';

/**
 * `banshi.config.json` of the working directory as an object, with its path; `undefined` when there
 * is none. A file that is not a JSON object is a `UsageError` that shows the shape to write.
 *
 * @example
 * readConfigFile(io)?.values['lang']; // 'en'
 */
export function readConfigFile(io: Pick<CliIO, 'cwd'>): { readonly path: string; readonly values: Readonly<Record<string, unknown>> } | undefined {
  const path = join(io.cwd, 'banshi.config.json');
  if (!existsSync(path)) return undefined;
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`${path} is not JSON (${(err as Error).message}); write an object such as {"store": "sqlite:hall.db", "lang": "zh"}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new UsageError(`${path} must hold one JSON object such as {"store": "sqlite:hall.db", "lang": "zh"}`);
  return { path, values: config as Record<string, unknown> };
}
