import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('the ten-line embedding sample of docs/getting-started.md runs on SQLite', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'banshi-embed-'));
  try {
    const out = execFileSync(process.execPath, ['--conditions=banshi-source', '--import', 'tsx', join(here, 'embed.ts'), join(dir, 'hall.db')], { encoding: 'utf8', cwd: here });
    expect(out).toMatch(/^review /);
    expect(out).toContain('"statutory":{"clock":"statutory","start":"2013-09-16","limit":20');
    expect(out).toContain('"dueDate":"2013-10-18"');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
