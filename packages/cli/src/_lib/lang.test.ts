import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command.js';
import { commands } from '../commands/index.js';
import { renderHelp } from '../help.js';
import { reportLang } from './lang.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function io(env: Record<string, string>, config?: unknown): CliIO {
  const cwd = mkdtempSync(join(tmpdir(), 'banshi-lang-'));
  dirs.push(cwd);
  if (config !== undefined) writeFileSync(join(cwd, 'banshi.config.json'), JSON.stringify(config));
  return { stdinLines: async function* () {}, stdout: () => undefined, stderr: () => undefined, cwd, env };
}

describe('the language of a report: --lang, then BANSHI_LANG, then banshi.config.json, then zh', () => {
  it('takes the first one given', () => {
    expect(reportLang(undefined, io({}))).toBe('zh');
    expect(reportLang(undefined, io({}, { lang: 'en' }))).toBe('en');
    expect(reportLang(undefined, io({ BANSHI_LANG: 'zh' }, { lang: 'en' }))).toBe('zh');
    expect(reportLang(undefined, io({ BANSHI_LANG: 'en' }, { lang: 'zh' }))).toBe('en');
    expect(reportLang('zh', io({ BANSHI_LANG: 'en' }, { lang: 'en' }))).toBe('zh');
    expect(reportLang('en', io({}))).toBe('en');
  });

  it('refuses any other value, naming where it came from, even when a later source would be fine', () => {
    expect(() => reportLang('fr', io({ BANSHI_LANG: 'en' }))).toThrow('--lang must be zh or en');
    expect(() => reportLang(undefined, io({ BANSHI_LANG: 'EN' }, { lang: 'en' }))).toThrow('BANSHI_LANG must be zh or en');
    expect(() => reportLang(undefined, io({}, { lang: 1 }))).toThrow(/"lang" in .*banshi\.config\.json must be zh or en \(the report's language\), got 1/);
    // A config file that only names a store leaves the language at its default.
    expect(reportLang(undefined, io({}, { store: 'sqlite:hall.db' }))).toBe('zh');
  });
});

describe('every command that prints a report lists --lang in its help, with an example', () => {
  it.each(['demo', 'replay', 'report'])('banshi %s --help', (name) => {
    const command = commands.find((c) => c.name === name);
    if (!command) throw new Error(`no command ${name}`);
    const help = renderHelp(command);
    expect(help).toMatch(/--lang zh\|en +.*(zh|Chinese)/);
    expect(command.examples?.some((e) => / --lang (en|zh)\b/.test(e))).toBe(true);
    expect(help).toContain('2  usage or environment');
  });
});
