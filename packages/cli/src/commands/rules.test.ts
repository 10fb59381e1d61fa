import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleRows, rulesMarkdown } from './rules.js';

describe('banshi rules', () => {
  it('lists every statutory limit of design §5 with its article', () => {
    const rows = ruleRows();
    const find = (basis: string, limit: string) => rows.find((r) => r.basis.startsWith(basis) && r.limit === limit);
    expect(find('行政许可法 第三十二条', '5')).toBeDefined();
    expect(find('行政许可法 第四十二条', '20')).toBeDefined();
    expect(find('行政许可法 第四十二条', '10')).toBeDefined();
    expect(find('行政许可法 第四十二条', '45')).toBeDefined();
    expect(find('行政许可法 第四十二条', '15')).toBeDefined();
    expect(find('行政许可法 第四十四条', '10')).toBeDefined();
    expect(find('政府信息公开条例（2019） 第三十三条', '20')).toBeDefined();
    expect(find('政府信息公开条例（2019） 第三十条', '7')).toBeDefined();
    expect(find('政府信息公开条例（2008） 第二十四条', '15')).toBeDefined();
    expect(find('政府信息公开条例（2019） 第二十六条', '20')).toBeDefined();
  });

  it('docs/rules.md is the current output (regenerate with: pnpm banshi rules > docs/rules.md)', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    expect(readFileSync(join(here, '../../../../docs/rules.md'), 'utf8')).toBe(rulesMarkdown());
  });
});
