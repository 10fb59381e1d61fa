import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('prints the events, a rejected command with its prefixed code, an idempotent repeat and the final state', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const out = execFileSync(process.execPath, ['--conditions=banshi-source', '--import', 'tsx', join(here, 'main.ts')], { encoding: 'utf8', cwd: here });
  expect(out).toContain('rejected: QUICKSTART_NOT_RECEIVED: cannot accept an application that is approved');
  // Every code it prints carries its owner's prefix, as banshi's own codes carry their package's (issue #14).
  const codes = [...out.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g)].map((m) => m[0]);
  expect(codes.length).toBeGreaterThan(0);
  for (const code of codes) expect(code).toMatch(/^QUICKSTART_/);
  expect(out).toContain('repeated cmd-2 was a duplicate: true');
  expect(out.match(/^ {2}#\d+ case-TZ-2013-000001 v\d /gm)).toHaveLength(3);
  expect(out).toContain('"status":"approved"');
  expect(out).toContain('hash chain: verified');
});
