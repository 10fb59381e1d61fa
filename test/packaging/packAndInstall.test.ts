/**
 * What a team outside this repository gets: every publishable package is packed with pnpm (which
 * applies `publishConfig` and turns `workspace:*` into versions), the tarballs are installed into
 * a fresh project with plain npm (third-party dependencies come from the registry), and the
 * getting-started files of docs/getting-started.md run there as JavaScript and as strict
 * TypeScript (NodeNext, `skipLibCheck: false`) against a zod 4.x other than the workspace's. Each
 * tarball also passes publint and @arethetypeswrong/cli, and the installed `banshi` runs its demo.
 * Slow (it compiles better-sqlite3 from source): one file, generous timeouts, nothing unbounded.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBlocks } from '../_lib/markdownBlocks.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const minutes = (n: number) => n * 60_000;
/** A zod 4.x that is not the workspace's pin: the peer range must hold for it. */
const otherZod = '4.1.9';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  exports?: Record<string, Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  engines?: Record<string, string>;
  repository?: { url: string; directory: string };
  keywords?: string[];
  license?: string;
}

const publishable = ['packages', 'examples']
  .flatMap((dir) => readdirSync(join(root, dir)).map((d) => join(root, dir, d)))
  .filter((d) => existsSync(join(d, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest }))
  .filter((p) => p.manifest.private !== true);

let work = '';
let project = '';
const tarballs = new Map<string, string>();

async function sh(cmd: string, args: readonly string[], cwd: string, timeout = minutes(10)): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(cmd, [...args], { cwd, timeout, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', npm_config_update_notifier: 'false' } });
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'banshi-pack-'));
  project = join(work, 'project');
  mkdirSync(join(work, 'tarballs'));
  // Packs what `pnpm build` wrote; an up-to-date build costs a few seconds.
  await sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], root);
  for (const { dir, manifest } of publishable) {
    const { stdout } = await sh('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', join(work, 'tarballs')], dir);
    const tgz = stdout.trim().split('\n').reverse().find((l) => l.endsWith('.tgz'));
    if (!tgz) throw new Error(`pnpm pack printed no tarball for ${manifest.name}:\n${stdout}`);
    tarballs.set(manifest.name, resolve(dir, tgz.trim()));
  }
  // A fresh project: only the tarballs, a different zod 4.x, and @types/node for the TypeScript run.
  mkdirSync(join(project, 'src'), { recursive: true });
  const dependencies = Object.fromEntries([...tarballs].map(([name, tgz]) => [name, `file:${tgz}`]));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'outside-project', private: true, type: 'module', dependencies: { ...dependencies, zod: otherZod, '@types/node': '^20.19.0' } }, null, 2));
  for (const block of codeBlocks(join(root, 'docs/getting-started.md'), 'docs/getting-started.md')) {
    if (block.file === undefined) continue;
    mkdirSync(dirname(join(project, block.file)), { recursive: true });
    writeFileSync(join(project, block.file), block.text);
  }
  await sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel', 'error'], project, minutes(12));
}, minutes(30));

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed packages', () => {
  it('are every non-private workspace package, the Taizhou fixture that `banshi demo` needs included', () => {
    expect([...tarballs.keys()].sort()).toContain('@banshi/example-taizhou-2013');
    expect(tarballs.size).toBeGreaterThanOrEqual(14);
    const cli = publishable.find((p) => p.manifest.name === '@banshi/cli')?.manifest;
    for (const dep of Object.keys(cli?.dependencies ?? {})) expect(publishable.map((p) => p.manifest.name).concat(dep.startsWith('@banshi/') ? [] : [dep])).toContain(dep);
  });

  it('ship a LICENSE, no build info and no workspace-only export condition or workspace: range', async () => {
    for (const [name, tgz] of tarballs) {
      const files = (await sh('tar', ['tzf', tgz], work)).stdout.split('\n');
      expect(files, name).toContain('package/LICENSE');
      expect(files.filter((f) => /tsbuildinfo|\.test\.(ts|js)$/.test(f)), name).toEqual([]);
      const shipped = JSON.parse((await sh('tar', ['xzf', tgz, '-O', 'package/package.json'], work)).stdout) as Manifest;
      expect(JSON.stringify(shipped.exports), name).not.toContain('banshi-source');
      expect(JSON.stringify(shipped), name).not.toContain('workspace:');
      expect(shipped.license, name).toBe('MIT');
      expect(shipped.engines?.node, name).toBe('>=20.19');
      expect(shipped.repository?.directory, name).toBeTruthy();
      expect(shipped.keywords?.length, name).toBeGreaterThan(0);
      // A library whose types carry zod's takes the consumer's zod (issue 19: TS2739 on another 4.x).
      expect(shipped.dependencies?.['zod'], name).toBeUndefined();
      for (const [dep, range] of Object.entries(shipped.dependencies ?? {})) if (!dep.startsWith('@banshi/')) expect(range, `${name} → ${dep}`).toMatch(/^\^/);
    }
  });

  it('pass publint (errors, warnings and suggestions)', async () => {
    for (const [name, tgz] of tarballs) {
      const bytes = readFileSync(tgz);
      const { messages, pkg } = await publint({ pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }, level: 'suggestion' });
      expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`), name).toEqual([]);
    }
  });

  it('pass @arethetypeswrong/cli for ESM consumers (node16 from ESM, bundler)', async () => {
    for (const [, tgz] of tarballs) await sh(join(root, 'node_modules/.bin/attw'), [tgz, '--profile', 'esm-only', '--format', 'ascii'], work, minutes(2));
  }, minutes(8));
});

describe('a fresh npm project with the tarballs', () => {
  it('runs docs/getting-started.md as strict TypeScript (NodeNext, skipLibCheck false) on another zod 4.x', async () => {
    expect(JSON.parse(readFileSync(join(project, 'node_modules/zod/package.json'), 'utf8')).version).toBe(otherZod);
    expect(JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8')).compilerOptions).toMatchObject({ strict: true, skipLibCheck: false, module: 'NodeNext' });
    await sh(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], project, minutes(5));
    const { stdout } = await sh(process.execPath, ['dist/main.js'], project);
    expect(stdout).toBe('收件\nreview 2013-10-18\n');
  }, minutes(6));

  it('runs docs/getting-started.md as plain JavaScript', async () => {
    const { stdout } = await sh(process.execPath, ['main.js'], project);
    expect(stdout).toBe('review 2013-10-18\n');
  }, minutes(2));

  it('runs the installed banshi: bare help exits 0, and the demo reproduces the seed figures', async () => {
    const bin = join(project, 'node_modules/.bin/banshi');
    expect((await sh(bin, [], project)).stdout).toContain('Usage: banshi <command>');
    const { stdout } = await sh(bin, ['demo', '--cases', '200', '--dir', join(project, 'demo'), '--quiet'], project);
    // Chinese is the default language of every report (--lang zh|en).
    expect(stdout).toMatch(/哈希链 已校验：[\d,]+ 个流中的 [\d,]+ 条事件，每条链完整/);
    expect(existsSync(join(project, 'demo/report.html'))).toBe(true);
  }, minutes(6));
});
