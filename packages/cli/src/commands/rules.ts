import { licensingRules } from '@banshi/approval';
import { catalogRules } from '@banshi/catalog';
import { disclosureRules } from '@banshi/disclosure';
import type { Command } from '../command.js';
import { parseOptions } from '../_lib/args.js';

interface RuleRow {
  readonly area: string;
  readonly key: string;
  readonly limit: string;
  readonly unit: string;
  readonly basis: string;
  readonly summary: string;
}

const cell = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));

/** Every statutory number banshi enforces, with its article, read from the packages' rules tables. */
export function ruleRows(): RuleRow[] {
  const rows: RuleRow[] = [];
  for (const r of Object.values(licensingRules)) rows.push({ area: '行政许可 (@banshi/approval)', key: r.key, limit: cell(r.limit), unit: r.unit, basis: r.basis, summary: r.summary });
  for (const set of Object.values(disclosureRules)) {
    for (const [key, v] of Object.entries(set)) {
      if (typeof v !== 'object' || v === null || !('basis' in v)) continue;
      const r = v as { limit?: number | null; unit?: string; basis: string; counted?: boolean };
      rows.push({ area: `政府信息公开 ${set.id} (@banshi/disclosure)`, key, limit: cell(r.limit), unit: r.counted === false ? `${r.unit ?? ''} (not counted in the reply clock)` : cell(r.unit), basis: r.basis, summary: `${set.title}，${set.inForceFrom} 起` });
    }
  }
  for (const [key, v] of Object.entries(catalogRules)) {
    const r = v as { limit?: number | null; unit?: string; basis: string };
    rows.push({ area: '事项目录 (@banshi/catalog)', key, limit: cell(r.limit), unit: cell(r.unit), basis: r.basis, summary: '' });
  }
  return rows;
}

/** The rules table as Markdown (docs/rules.md is this output; a test keeps them equal). */
export function rulesMarkdown(): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '# The rules table',
    '',
    'Every statutory number banshi enforces, with the article it comes from. Generated from the',
    'packages\' rules tables by `pnpm banshi rules`; code never repeats a bare number, so searching an',
    'article number here and in the source finds every place it is applied.',
    '',
    '| area | rule | limit | unit | basis | meaning |',
    '|---|---|---|---|---|---|',
    ...ruleRows().map((r) => `| ${esc(r.area)} | \`${r.key}\` | ${r.limit} | ${esc(r.unit)} | ${esc(r.basis)} | ${esc(r.summary)} |`),
    '',
    'Working days are counted with the State Council calendar of `@banshi/calendar` (行政许可法 第八十二条):',
    'the N-th working day after the start date, the start date not counted.',
    '',
  ].join('\n');
}

/** `banshi rules`: prints the rules table. */
export const rulesCommand: Command = {
  name: 'rules',
  summary: 'print every statutory limit with its article (Markdown)',
  usage: 'banshi rules',
  async run(argv, io) {
    const { values } = parseOptions(argv, { help: { type: 'boolean', short: 'h' } });
    if (values.help) return (io.stdout(this.usage + '\n'), 0);
    io.stdout(rulesMarkdown());
    return 0;
  },
};
