import { isLang, langs, type Lang } from '@banshi/core';
import { UsageError, type CliIO } from '../command.js';
import { readConfigFile } from './configFile.js';

/** The `--lang` option of every command that prints a report. */
export const langOption = { lang: { type: 'string' } } as const;

/** The line `--help` shows for `--lang`. */
export const langHelp = ['--lang zh|en', 'the language of the report: zh (default) or en; or BANSHI_LANG, or "lang" in banshi.config.json'] as const;

/**
 * The language a report prints in: `--lang`, else `BANSHI_LANG`, else `"lang"` in
 * `banshi.config.json`, else Chinese. A value that is not `zh` or `en` is a `UsageError` naming where
 * it came from.
 *
 * @example
 * reportLang(values.lang, { ...io, env: { BANSHI_LANG: 'en' } }); // 'en'
 */
export function reportLang(flag: string | undefined, io: CliIO): Lang {
  const pick = (value: unknown, origin: string): Lang => {
    if (isLang(value)) return value;
    throw new UsageError(`${origin} must be ${langs.join(' or ')} (the report's language), got ${JSON.stringify(value)}`);
  };
  if (flag !== undefined) return pick(flag, '--lang');
  const env = io.env?.['BANSHI_LANG'];
  if (env) return pick(env, 'BANSHI_LANG');
  const config = readConfigFile(io);
  if (config?.values['lang'] !== undefined) return pick(config.values['lang'], `"lang" in ${config.path}`);
  return 'zh';
}
