import { licensingRules } from '@banshi/approval';
import { holidayYearFormat } from '@banshi/calendar';
import { catalogRules } from '@banshi/catalog';
import { annualReportFormats, disclosureRuleRows } from '@banshi/disclosure';
import type { Command } from '../command.js';
import { parseOptions } from '../_lib/args.js';
import { formatOption, outputFormat, printJson } from '../_lib/output.js';

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
  for (const r of disclosureRuleRows()) rows.push({ area: `政府信息公开 ${r.era} (@banshi/disclosure)`, key: r.key, limit: r.limit, unit: r.unit, basis: r.basis, summary: r.meaning });
  for (const f of Object.values(annualReportFormats)) {
    rows.push({ area: '政府信息公开 annual report (@banshi/disclosure)', key: `reportFormat.${f.id}`, limit: `${f.firstYear}–${f.lastYear ?? ''}`, unit: 'report years', basis: f.document, summary: 'the format of the annual report for these years' });
  }
  for (const [key, v] of Object.entries(catalogRules)) {
    const r = v as { limit?: number | null; unit?: string; basis: string };
    rows.push({ area: '事项目录 (@banshi/catalog)', key, limit: cell(r.limit), unit: cell(r.unit), basis: r.basis, summary: '' });
  }
  return rows;
}

/** How the calendar's data is added and what a limit that runs past it reads (the approval and calendar owners keep this true). */
const calendarSections = [
  '## Calendar years a center adds itself',
  '',
  'The built-in data covers the State Council notices 2007–2026. When the notice for the next year is published, a',
  `center writes it as one JSON file in the format \`${holidayYearFormat}\` and adds it to its store; no release is needed.`,
  '',
  '```json',
  '{',
  `  "format": "${holidayYearFormat}",`,
  '  "year": 2027,',
  '  "notices": [{ "number": "国办发明电〔2026〕N号", "title": "国务院办公厅关于2027年部分节假日安排的通知", "url": "https://www.gov.cn/…", "issued": "2026-11-…" }],',
  '  "holidays": [',
  '    { "name": "元旦", "off": ["2027-01-01", "2027-01-03"], "work": [] },',
  '    { "name": "春节", "off": ["…", "…"], "work": ["… (a Saturday or Sunday worked, 调休上班)"] }',
  '  ]',
  '}',
  '```',
  '',
  '- `off` is an inclusive span of days off with the holiday\'s name; `work` lists the weekend days worked; `notice` (an',
  '  index into `notices`, default 0) says which notice set the holiday; `sample: true` marks illustrative data.',
  '- `banshi calendar add-year 2027.json --to sqlite:center.db` (or `postgres://…`) checks the file and appends it to the',
  '  store\'s `calendar-cn` stream as a `CalendarYearAdded` event. It refuses a file that leaves a year uncovered (add the',
  '  years in order), sets a day twice or a make-up day on a weekday, contradicts a loaded year, or changes a loaded year',
  '  without the notice that changed it. `--dry-run` checks only; `--replace` corrects a year added by mistake.',
  '- A mid-year change (2015-09-03, 2019 Labour Day, 2020 Spring Festival) is the same file with the new notice added to',
  '  `notices` and the changed holiday citing it.',
  '- Every deployment reads its years from its own log: services call `loadCalendar(store)` at start-up, sync carries the',
  '  stream to sub-centers, an export carries it to an analyst (`banshi calendar … --from log.jsonl`). The calendar',
  '  version (a hash of the effective days) changes with the data; events record the version that produced their dates.',
  '- A next year\'s notice may set days of the December before (the 2008, 2012 and 2019 notices did): the last days of',
  '  the last loaded year are provisional until then, and `add-year` lists the days it changes.',
  '',
  '## A limit that runs past the calendar\'s data',
  '',
  'A fold never throws on missing calendar data. A clock whose due date falls in a year without data reads',
  '**"due date unknown: 2027 calendar not loaded"** (`dueDate: null`, `missingYear: 2027`), a state of its own in',
  'readings (`used`, `left` and the level still read while today is inside the data), warnings (`DeadlineWarned` with',
  '`level: \'unknown\'` once today is past the data) and reports (`dueDateUnknown`). Receiving, accepting and deciding are',
  'recorded (`calendarGapRecorded`); a 补正 notice, a refusal or an extension whose lawfulness depends on the missing date',
  'is refused with `APPROVAL_CALENDAR_YEAR_MISSING`, naming the year and how to add it, and writes nothing',
  '(`calendarGapRefused`). Loading the year and replaying fills the dates in, exactly as if the data had been there.',
  '',
  'Worked example (with the clearly marked sample file `docs/calendar/2027.sample.json`, not the State Council notice):',
  '',
  '| step | with data through 2026 | after `add-year 2027.json` and a replay |',
  '|---|---|---|',
  '| received 2026-12-28 | intake (5 working days, 第三十二条): due date unknown: 2027 calendar not loaded | due 2027-01-05 |',
  '| due check 2026-12-31 | `DeadlineWarned` intake yellow, 2 left, due date unknown (2027) | — |',
  '| accepted 2026-12-30 | statutory (20, 第四十二条) and promised (8) clocks: due date unknown (2027) | promised due 2027-01-12, statutory due 2027-01-28 |',
  '| or instead: 补正 notice on 2027-01-06 | refused: `APPROVAL_CALENDAR_YEAR_MISSING` (2027), nothing written | judged: the intake period ended 2027-01-05, the case is deemed accepted from 2026-12-28 |',
  '',
]

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
    ...calendarSections,
  ].join('\n');
}

/** `banshi rules`: prints the rules table. */
export const rulesCommand: Command = {
  name: 'rules',
  summary: 'print every statutory limit with its article (Markdown)',
  usage: 'banshi rules [--format md|json]',
  options: [['--format md|json', 'Markdown (default; docs/rules.md is this output) or banshi.rules/1: { rules: [{ area, key, limit, unit, basis, summary }] }']],
  examples: ['banshi rules > docs/rules.md', 'banshi rules --format json'],
  dataError: 'never (the table is built into the packages)',
  formats: ['md', 'json'],
  async run(argv, io) {
    const { values } = parseOptions(argv, { help: { type: 'boolean', short: 'h' }, ...formatOption });
    if (outputFormat(this, values.format) === 'json') printJson(io, 'rules', { rules: ruleRows() });
    else io.stdout(rulesMarkdown());
    return 0;
  },
};
