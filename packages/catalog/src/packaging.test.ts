import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

it('test fixtures stay out of dist and out of the published files', () => {
  const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as { exclude: string[] };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] };
  expect(tsconfig.exclude).toContain('src/_test/**');
  expect(pkg.files).toContain('!src/_test/**');
  // Nothing the tests alone use sits where the build would pick it up.
  expect(readdirSync(join(root, 'src', '_lib')).filter((f) => /example|toLog|fixture/i.test(f))).toEqual([]);
});
