import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('reproduces every seed figure in memory and keeps the hash chain intact', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const out = execFileSync(process.execPath, ['--conditions=banshi-source', '--import', 'tsx', join(here, 'main.ts'), '200'], { encoding: 'utf8', cwd: here });
  expect(out).toMatch(/^generated \d+ events in \d+ streams \(200 approval cases\)/);
  expect(out).not.toContain('✗');
  expect(out.match(/^✓ /gm)).toHaveLength(38);
  expect(out).toContain('✓ ● folded reduction rate: report 36.7%, replayed 36.7%');
  expect(out).toContain('✓ ◐ reconstructed procurement savings rate: report 16%, replayed 17.4% (expected 17.4%)');
  expect(out).toContain('✓ ○ vacuous disclosure requests received: report 0, replayed 0');
  expect(out).toContain('hash chain: intact');
});
