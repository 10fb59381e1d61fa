import { CenterConfigError, parseCenterConfig, type CenterConfig } from '@banshi/center-report';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError, type CliIO } from '../command.js';
import { readConfigFile } from './configFile.js';

/**
 * The center configuration of a report (`@banshi/center-report`'s `CenterConfig`), from the first
 * of: `--center FILE`, `BANSHI_CENTER` (a file), the `center` key of `banshi.config.json` (a file
 * relative to it, or the configuration itself); `undefined` when none is given. A missing file is
 * a `UsageError`; a file that is not a center configuration is `CENTER_REPORT_CONFIG_INVALID`.
 *
 * @example
 * const center = centerOption(values.center, io);
 * centerReport(state, { year, ...(center ? { center: center.config } : {}) });
 */
export function centerOption(flag: string | undefined, io: CliIO): { readonly config: CenterConfig; readonly origin: string } | undefined {
  if (flag !== undefined) return fromFile(resolve(io.cwd, flag), '--center');
  const env = io.env?.['BANSHI_CENTER'];
  if (env) return fromFile(resolve(io.cwd, env), 'BANSHI_CENTER');
  const file = readConfigFile(io);
  const value = file?.values['center'];
  if (file === undefined || value === undefined) return undefined;
  if (typeof value === 'string') return fromFile(resolve(dirname(file.path), value), `${file.path} "center"`);
  return { config: parseCenterConfig(value, `${file.path} "center"`), origin: file.path };
}

function fromFile(path: string, origin: string): { config: CenterConfig; origin: string } {
  if (!existsSync(path)) throw new UsageError(`${origin}: no file ${path}; give a center configuration such as center.json (see "Reports for any center" in the @banshi/center-report README)`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CenterConfigError([{ field: '(root)', message: `not JSON (${(err as Error).message})` }], path);
  }
  return { config: parseCenterConfig(json, path), origin };
}
