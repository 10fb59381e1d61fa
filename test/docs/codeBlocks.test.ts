/**
 * Docs that run as written (issue 19): every fenced block of README.md and docs/ is checked by
 * what it is. TypeScript is type-checked against the workspace with the strict base config; JSON
 * is parsed; every `banshi …` line names a real command and only options that command lists in
 * its --help; every `pnpm <script>` names a script of the root package.json. Output samples
 * (no language, or text/mermaid) are the only blocks not executed, and a block without a language
 * that holds banshi commands is checked as shell.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { commands } from '@banshi/cli';
import { describe, expect, it } from 'vitest';
import { codeBlocks, type CodeBlock } from '../_lib/markdownBlocks.js';

const root = resolve(import.meta.dirname, '../..');
const docs = ['README.md', ...readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];
const blocks = docs.flatMap((d) => codeBlocks(join(root, d), d));
const rootScripts = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
const pnpmBuiltins = ['install', 'add', 'exec', 'dlx', 'run', 'test', 'build', 'typecheck', 'lint'];

const isShell = (b: CodeBlock) => ['sh', 'bash', 'shell', 'console'].includes(b.lang) || (b.lang === '' && /^\s*(pnpm |npx |banshi )/m.test(b.text));
const label = (b: CodeBlock) => `${b.doc}:${b.line}`;

/** Splits one shell line into words, honouring single and double quotes. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** The `banshi …` invocations of a shell block, as argument lists after `banshi`. */
function banshiCalls(text: string): string[][] {
  const calls: string[][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s#\s.*$/, '').trim();
    for (const part of line.split(/&&|\|/)) {
      const w = words(part.trim());
      const at = w.findIndex((x, i) => x === 'banshi' && (i === 0 || w[i - 1] === 'pnpm' || w[i - 1] === 'npx' || /^[A-Z_]+=/.test(w[i - 1] ?? '')));
      if (at >= 0) calls.push(w.slice(at + 1).filter((x) => x !== '>' && !x.startsWith('>')));
    }
  }
  return calls;
}

describe('code blocks of README.md and docs/', () => {
  it('are found, and every one is of a kind this test checks', () => {
    expect(blocks.length).toBeGreaterThan(10);
    const unchecked = blocks.filter((b) => !isShell(b) && !['ts', 'typescript', 'js', 'json', 'mermaid', 'text', ''].includes(b.lang));
    expect(unchecked.map(label)).toEqual([]);
  });

  it('TypeScript blocks type-check against the workspace (strict, exactOptionalPropertyTypes)', async () => {
    const ts = blocks.filter((b) => b.lang === 'ts' || b.lang === 'typescript');
    expect(ts.length).toBeGreaterThan(0);
    const dir = join(root, 'test/docs/.blocks');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const names = ts.map((b) => {
      const name = `${b.doc.replace(/[^A-Za-z0-9]+/g, '_')}_${b.line}.ts`;
      // Each block is its own module; `export {}` keeps top-level names apart.
      writeFileSync(join(dir, name), `${b.text}\nexport {};\n`);
      return name;
    });
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../../tsconfig.base.json', compilerOptions: { noEmit: true, types: ['node'], noUnusedLocals: false, declaration: false, declarationMap: false, sourceMap: false }, files: names }));
    try {
      await promisify(execFile)(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { cwd: root, maxBuffer: 16 << 20 });
    } catch (err) {
      const out = String((err as { stdout?: string }).stdout ?? err);
      // Name the doc and line of each error instead of the generated file.
      const mapped = out.replace(/([A-Za-z0-9_]+)_(\d+)\.ts\((\d+),(\d+)\)/g, (_m, doc: string, line: string, l: string) => `${ts.find((b) => b.line === Number(line) && b.doc.replace(/[^A-Za-z0-9]+/g, '_') === doc)?.doc ?? doc}:${Number(line) + Number(l)}`);
      expect.fail(`a TypeScript block of the docs does not compile:\n${mapped}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('JSON blocks parse', () => {
    for (const b of blocks.filter((x) => x.lang === 'json')) expect(() => JSON.parse(b.text), label(b)).not.toThrow();
  });

  it('every banshi command line names a real command and only options its --help lists', () => {
    const calls = blocks.filter(isShell).flatMap((b) => banshiCalls(b.text).map((argv) => ({ b, argv })));
    expect(calls.length).toBeGreaterThan(5);
    for (const { b, argv } of calls) {
      const [name, ...rest] = argv;
      const command = commands.find((c) => c.name === name);
      expect(command, `${label(b)}: banshi ${argv.join(' ')}`).toBeDefined();
      const listed = new Set((command?.options ?? []).flatMap(([flags]) => [...flags.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0])));
      for (const flag of rest.filter((w) => /^--[a-z]/.test(w)).map((w) => w.split('=')[0] as string)) expect(listed.has(flag) || flag === '--help', `${label(b)}: banshi ${name} ${flag} is not in its --help`).toBe(true);
    }
  });

  it('every pnpm line runs a script of the root package.json or a pnpm command', () => {
    for (const b of blocks.filter(isShell)) {
      for (const line of b.text.split('\n')) {
        for (const m of line.matchAll(/(?:^|&&\s*|\s)(?:npx -y pnpm@[\d.]+|pnpm)\s+([a-z][\w:-]*)/g)) {
          const script = m[1] as string;
          expect(rootScripts.includes(script) || pnpmBuiltins.includes(script), `${label(b)}: pnpm ${script}`).toBe(true);
        }
      }
    }
  });

  it('the getting-started files for a project outside this repository are complete', () => {
    const files = blocks.filter((b) => b.doc === join('docs', 'getting-started.md') && b.file !== undefined).map((b) => b.file);
    expect(files).toEqual(['tsconfig.json', 'src/main.ts', 'main.js']);
    expect(relative(root, join(root, 'docs/getting-started.md'))).toBe('docs/getting-started.md');
  });
});
