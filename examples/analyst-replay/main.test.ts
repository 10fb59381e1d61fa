import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('verifies a generated log and replays it into the disclosure report and the case summary', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const out = execFileSync(process.execPath, ['--conditions=banshi-source', '--import', 'tsx', join(here, 'main.ts')], { encoding: 'utf8', cwd: here });
  expect(out).toMatch(/^verified \d+ events in \d+ streams/);
  expect(out).toContain('disclosure: 998 items published proactively, table checks pass');
  expect(out).toContain('# 2013年政府信息公开工作年度报告');
  expect(out.match(/^2013-\d\d: \d+ received/gm)?.length).toBe(12);
});
