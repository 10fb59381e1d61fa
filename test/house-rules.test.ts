/**
 * One house, each room with its own job (issue #14): structural rules over every package's
 * source, so a second copy of a helper or a stray `export *` fails here instead of drifting back.
 * Test files and test fixtures (`src/_test/`) are not source.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const packageNames = readdirSync(join(root, 'packages')).filter((n) => statSync(join(root, 'packages', n)).isDirectory()).sort();

function files(dir: string, keep: (name: string) => boolean = (n) => n.endsWith('.ts') && !n.endsWith('.test.ts'), skip: readonly string[] = ['_test', 'node_modules']): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(entry.name)) out.push(...files(path, keep, skip));
    } else if (keep(entry.name)) out.push(path);
  }
  return out;
}

/** Every package's and example's source file, as [path relative to the repo, text without comments]. */
const sources: readonly (readonly [string, string])[] = [...packageNames.map((n) => join(root, 'packages', n, 'src')), ...readdirSync(join(root, 'examples')).map((n) => join(root, 'examples', n, 'src'))]
  .flatMap((dir) => files(dir))
  .map((file) => [
    file.slice(root.length + 1),
    readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, ''),
  ]);

/** Files matching `pattern`, other than those `allowed` (path prefixes). */
function offenders(pattern: RegExp, allowed: readonly string[]): string[] {
  return sources.filter(([path, text]) => pattern.test(text) && !allowed.some((a) => path.startsWith(a))).map(([path]) => path);
}

describe('house rules (issue #14)', () => {
  it('the walk sees the source', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.some(([p]) => p === 'packages/core/src/index.ts')).toBe(true);
  });

  it('every index.ts names its exports (no export *)', () => {
    const stars = sources.filter(([p, text]) => p.endsWith('index.ts') && /^\s*export \*/m.test(text)).map(([p]) => p);
    expect(stars).toEqual([]);
  });

  it("Shanghai dates and calendar-day arithmetic come from @banshi/calendar (toShanghaiDate, addDays), not a hand-rolled +8 h or Date.UTC day step", () => {
    // A UTC+8 offset in milliseconds, or a Date turned back into a yyyy-MM-dd / yyyy by slicing its ISO form.
    expect(offenders(/\b8\s*\*\s*(?:3_?600_?000|60\s*\*\s*60\s*\*\s*1_?000)\b|\b28_?800_?000\b/, ['packages/calendar/'])).toEqual([]);
    expect(offenders(/toISOString\(\)\.slice\(0,\s*(?:4|7|10)\)/, ['packages/calendar/', 'packages/testing/'])).toEqual([]);
  });

  it('one HTML escaper (core escapeHtml), one CSV writer (core csvField / csvRow)', () => {
    expect(offenders(/['"]&(?:amp|lt|gt|quot);['"]/, ['packages/core/src/text/'])).toEqual([]);
    expect(offenders(/replace(?:All)?\((?:\/"\/g|'"'),\s*'""'\)/, ['packages/core/src/text/'])).toEqual([]);
  });

  it('one mutex (core/adapter createSerializer), one transition-table reader (core readTransitionTable), sha256HexNode defined in core/node', () => {
    expect(offenders(/\bclass \w*(?:Mutex|Semaphore|Serializer)\b|function \w*(?:[mM]utex|[sS]erializer)\w*\(/, ['packages/core/src/store/serializer.ts'])).toEqual([]);
    expect(offenders(/function readTransitionTable\b/, ['packages/core/src/machine/'])).toEqual([]);
    expect(offenders(/(?:const|function) sha256HexNode\b/, ['packages/core/src/node/'])).toEqual([]);
  });

  it("core's adapter kit lives at @banshi/core/adapter, not in the main entry", () => {
    const main = sources.find(([p]) => p === 'packages/core/src/index.ts')![1];
    for (const name of ['prepareAppend', 'classifyIds', 'createSerializer', 'defaultNewId']) expect(main).not.toMatch(new RegExp(`\\b${name}\\b`));
    const adapter = sources.find(([p]) => p === 'packages/core/src/adapter.ts')![1];
    for (const name of ['prepareAppend', 'classifyIds', 'createSerializer']) expect(adapter).toMatch(new RegExp(`\\b${name}\\b`));
    const manifest = JSON.parse(readFileSync(join(root, 'packages/core/package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(Object.keys(manifest.exports)).toContain('./adapter');
  });

  it('test fixtures (src/_test) stay out of what is built and published', () => {
    for (const name of packageNames) {
      const dir = join(root, 'packages', name);
      if (!existsSync(join(dir, 'src', '_test'))) continue;
      const tsconfig = readFileSync(join(dir, 'tsconfig.json'), 'utf8');
      expect(tsconfig, `${name}/tsconfig.json`).toContain('src/_test/**');
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { files?: string[] };
      expect(manifest.files, `${name}/package.json files`).toContain('!src/_test/**');
      // After a build, nothing of the fixtures is in dist.
      expect(files(join(dir, 'dist'), () => true, []).filter((f) => f.includes('_test') || /exampleElements/.test(f))).toEqual([]);
    }
    // And no shipped source imports a fixture.
    expect(offenders(/from '(?:\.{1,2}\/)+(?:[\w-]+\/)*_test\//, [])).toEqual([]);
  });

  /**
   * `cli/src` holds no domain logic (issue #14: the CLI is a thin shell over package APIs). The rule, checked on every
   * non-test file under packages/cli/src:
   * 1. it reaches other banshi packages only through their public entry points — an import specifier that is a key of
   *    the package's `exports` (`@banshi/core`, `@banshi/core/node`, …), never a relative path out of packages/cli nor
   *    a `/src/` or `/dist/` path;
   * 2. it defines no read model, decider, machine or event: no `Projection`/`Decider` object, no `decide`/`evolve`/
   *    `apply(state, …)` member, no `defineEvent`, no xstate machine. It may run a package's projection, through the
   *    one fold helper `foldSource` (`_lib/eventSource.ts`): no command folds by hand (`….init()` / `….apply(state, e)`);
   * 3. it does no calendar or deadline arithmetic of its own: no `Date.UTC`, no `set…Date`, no day in milliseconds, no
   *    `isWorkingDay` (a loop over it is a hand-rolled `addWorkingDays`) — dates come from `@banshi/calendar`;
   * 4. it keeps no rules table: no `basis:` written as an article (第…条) — statutory limits live in their domain package
   *    (the CLI's `rules` command reads them from there; prose that cites an article in help text is not a rule).
   */
  it('packages/cli/src holds no domain logic: package APIs only, no folds, deciders, date arithmetic or rules tables of its own', () => {
    const cli = sources.filter(([p]) => p.startsWith('packages/cli/src/'));
    expect(cli.length).toBeGreaterThan(20);
    const exportsOf = (pkg: string): string[] => {
      const dir = [...packageNames.map((n) => join(root, 'packages', n)), ...readdirSync(join(root, 'examples')).map((n) => join(root, 'examples', n))].find((d) => {
        const m = join(d, 'package.json');
        return existsSync(m) && (JSON.parse(readFileSync(m, 'utf8')) as { name?: string }).name === pkg;
      });
      if (!dir) return [];
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> | string };
      return typeof manifest.exports === 'object' ? Object.keys(manifest.exports).map((k) => (k === '.' ? pkg : `${pkg}/${k.replace(/^\.\//, '')}`)) : [pkg];
    };
    const problems: string[] = [];
    for (const [path, text] of cli) {
      for (const m of text.matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)) {
        const spec = (m[1] ?? m[2]) as string;
        if (spec.startsWith('.')) {
          const depth = path.split('/').length - 3; // packages/cli/<file> is depth 0 inside packages/cli
          if ((spec.match(/\.\.\//g) ?? []).length > depth) problems.push(`${path}: imports ${spec}, outside packages/cli`);
        } else if (spec.startsWith('@banshi/')) {
          const pkg = spec.split('/').slice(0, 2).join('/');
          if (!exportsOf(pkg).includes(spec)) problems.push(`${path}: imports ${spec}, not an entry point ${pkg} exports`);
        }
      }
      const rules: [RegExp, string][] = [
        [/\b(?:Projection|Decider)\s*<[^>]*>\s*=\s*\{|\bsatisfies\s+(?:Projection|Decider)\b|:\s*(?:Projection|Decider)<[^>]*>\s*=\s*\{/, 'defines a projection or decider'],
        [/^\s*(?:decide|evolve)\s*\(|^\s*apply\s*\(\s*state\b/m, 'defines decide / evolve / apply'],
        [/\bdefineEvent\s*\(|\bcreateMachine\s*\(|from 'xstate'/, 'defines an event or a machine'],
        [/\bDate\.UTC\s*\(|\.set(?:UTC)?Date\s*\(|\b86_?400_?000\b|\b864e5\b|24\s*\*\s*60\s*\*\s*60\s*\*\s*1_?000|\bisWorkingDay\s*\(/, 'does date or working-day arithmetic'],
        [/\bbasis\s*:\s*['"`][^'"`]*第[^'"`]*条/, 'writes a rule with its article (a rules table)'],
      ];
      for (const [re, what] of rules) if (re.test(text)) problems.push(`${path}: ${what}`);
      if (path !== 'packages/cli/src/_lib/eventSource.ts' && /\.apply\(\s*state\s*,|\b\w+(?:Projection|projection)\.init\(\)/.test(text)) problems.push(`${path}: folds a projection by hand (use foldSource)`);
    }
    expect(problems).toEqual([]);
  });
});
