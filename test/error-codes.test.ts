/**
 * The error-code scheme (issue #14), checked so it cannot drift:
 * - every package that throws exports its codes as `<camelName>ErrorCodes` (a list, or an object
 *   keyed by code), and every code is `<PREFIX>_<NAME>` where PREFIX is the package's name in
 *   upper snake case (`store-sqlite` → `STORE_SQLITE_`);
 * - every code-shaped string in a package's source is a listed code (its own, or another
 *   package's it checks for) or one of the few foreign codes named below (a driver's or the OS's);
 *   its own prefix means it is in its own list; a list holds no code its source never uses;
 * - no error is thrown with a bare, unprefixed code (`super('VALIDATION', …)`,
 *   `new HttpProblem(404, 'NOT_FOUND', …)`, `code: 'INTERNAL'`);
 * - `packages/core/README.md`'s table of error codes lists every code exactly once.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const packageNames = readdirSync(join(root, 'packages')).filter((n) => statSync(join(root, 'packages', n)).isDirectory()).sort();

/** Packages that throw no error of their own (their source may still name others' codes). */
const codeless = new Set(['testing']);

/** Code-shaped strings that are not banshi codes: a driver's, the OS's, or an environment variable. */
const foreign = [/^SQLITE_[A-Z]+$/, /^E[A-Z]+(_[A-Z]+)*$/, /^(DATABASE_URL|BANSHI_[A-Z_]+|NATS_URL)$/];

const prefixOf = (name: string) => name.toUpperCase().replace(/-/g, '_') + '_';
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const CODE_SHAPE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '_test') out.push(...sourceFiles(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/** The source without comments (doc examples may show a user's own codes). */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

async function listedCodes(name: string): Promise<readonly string[] | undefined> {
  const mod = (await import(`@banshi/${name}`)) as Record<string, unknown>;
  const list = mod[`${camel(name)}ErrorCodes`];
  if (list === undefined) return undefined;
  return Array.isArray(list) ? (list as string[]) : Object.keys(list as object);
}

describe('error codes carry their package prefix', () => {
  it('every package but the codeless ones exports <name>ErrorCodes, each code prefixed, no code twice', async () => {
    const seen = new Map<string, string>();
    for (const name of packageNames) {
      const codes = await listedCodes(name);
      if (codeless.has(name)) {
        expect(codes, `@banshi/${name} is declared codeless`).toBeUndefined();
        continue;
      }
      expect(codes, `@banshi/${name} must export ${camel(name)}ErrorCodes`).toBeDefined();
      expect(codes!.length).toBeGreaterThan(0);
      for (const c of codes!) {
        expect(c, `@banshi/${name}`).toMatch(CODE_SHAPE);
        expect(c.startsWith(prefixOf(name)), `${c} in @banshi/${name} must start with ${prefixOf(name)}`).toBe(true);
        expect(seen.get(c), `${c} listed twice`).toBeUndefined();
        seen.set(c, name);
      }
    }
    // Sanity: the walk saw the packages that matter.
    expect([...seen.values()]).toEqual(expect.arrayContaining(['core', 'approval', 'catalog', 'disclosure', 'calendar', 'http', 'sync', 'cli', 'store-sqlite', 'store-postgres', 'store-nats']));
  });

  it("every code-shaped string in a package's source is a listed code (or a named foreign one), and every listed code is used", async () => {
    const all = new Map<string, string>();
    const lists = new Map<string, readonly string[]>();
    for (const name of packageNames) {
      const codes = (await listedCodes(name)) ?? [];
      lists.set(name, codes);
      for (const c of codes) all.set(c, name);
    }
    const problems: string[] = [];
    for (const name of packageNames) {
      const own = new Set(lists.get(name));
      const used = new Set<string>();
      for (const file of sourceFiles(join(root, 'packages', name, 'src'))) {
        for (const m of code(file).matchAll(/['"`]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"`]/g)) {
          const c = m[1]!;
          used.add(c);
          if (foreign.some((re) => re.test(c))) continue;
          const rel = file.slice(root.length + 1);
          if (c.startsWith(prefixOf(name)) && !codeless.has(name) && !own.has(c)) problems.push(`${rel}: ${c} is not in ${camel(name)}ErrorCodes`);
          else if (!c.startsWith(prefixOf(name)) && !all.has(c)) problems.push(`${rel}: ${c} carries no known package prefix`);
        }
      }
      for (const c of own) if (!used.has(c)) problems.push(`${name}: ${c} is listed but never used in its source`);
    }
    expect(problems).toEqual([]);
  });

  it('no error is raised with a bare, unprefixed code', () => {
    const bare = /(?:\bsuper\(\s*|\bnew \w+(?:Error|Problem)\(\s*(?:\d+,\s*)?|\bcode(?:\s*:|\s*=|\s*\?\?)\s*)['"`]([A-Z][A-Z0-9]*)['"`]/g;
    const problems: string[] = [];
    for (const name of packageNames) {
      for (const file of sourceFiles(join(root, 'packages', name, 'src'))) {
        for (const m of code(file).matchAll(bare)) problems.push(`${file.slice(root.length + 1)}: ${m[0]}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("packages/core/README.md's table of every code", () => {
  it('lists every code of every package exactly once, under its package, and nothing else', async () => {
    const readme = readFileSync(join(root, 'packages/core/README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Every code of every package'));
    const rows = [...section.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \| `@banshi\/([a-z-]+)` \| [^|]+ \| .+ \|$/gm)].map((m) => ({ code: m[1]!, pkg: m[2]! }));
    const expected: { code: string; pkg: string }[] = [];
    for (const name of packageNames) for (const c of (await listedCodes(name)) ?? []) expected.push({ code: c, pkg: name });
    const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
    expect([...rows].sort(byCode)).toEqual(expected.sort(byCode));
  });
});

describe("each package README's errors table shows the codes the package throws (issue #17: a README kept old, unprefixed names)", () => {
  it('every row of a table with a `code` column names at least one code, and each is a listed code (or `PREFIX_*` of a package)', async () => {
    const all = new Set<string>();
    for (const name of packageNames) for (const c of (await listedCodes(name)) ?? []) all.add(c);
    const prefixes = packageNames.map(prefixOf);
    const problems: string[] = [];
    let tables = 0;
    for (const name of packageNames) {
      const file = `packages/${name}/README.md`;
      const lines = readFileSync(join(root, file), 'utf8').split('\n');
      for (let i = 0; i < lines.length; i++) {
        const col = (lines[i] ?? '').split('|').slice(1, -1).findIndex((c) => c.trim().toLowerCase() === 'code');
        if (!(lines[i] ?? '').startsWith('|') || col < 0 || !/^\|[-| :]+\|$/.test(lines[i + 1] ?? '')) continue;
        tables++;
        for (let j = i + 2; j < lines.length && (lines[j] ?? '').startsWith('|'); j++) {
          const cell = (lines[j] ?? '').split('|').slice(1, -1)[col] ?? '';
          if (/^\s*\d+\s*$/.test(cell)) continue; // an exit status (the CLI's table), not an error code
          const codes = [...cell.matchAll(/`([A-Z][A-Z0-9_]*\*?)`/g)].map((m) => m[1]!);
          if (codes.length === 0) problems.push(`${file}:${j + 1}: no code in the code column`);
          for (const c of codes) {
            const known = c.endsWith('*') ? prefixes.includes(c.slice(0, -1)) : all.has(c);
            if (!known) problems.push(`${file}:${j + 1}: ${c} is not a code any package lists`);
          }
        }
      }
    }
    expect(tables).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });
});
