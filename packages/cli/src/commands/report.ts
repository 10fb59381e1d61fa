import { BanshiError, replayJsonl } from '@banshi/core';
import { annualReportProjection, disclosureRegistry, finishAnnualReport, formatReport, reportFormats, type ReportFormat } from '@banshi/disclosure';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { centerOption } from '../_lib/centerOption.js';
import { reportLang } from '../_lib/lang.js';
import { readLogFile } from '../_lib/logSource.js';
import { UsageError, type CliIO, type Command } from '../command.js';

const usage = `Usage:
  banshi report disclosure --log FILE.jsonl --year YYYY [--center FILE] [--agency NAME] [--format md|csv|json|html] [--out FILE] [--lang zh|en]
      the annual report on government-information disclosure, in the format of its year:
      2008–2018 the contents of 政府信息公开条例（2008） 第三十二条, 2019–2020 国办公开办函〔2019〕60号,
      2021 on 国办公开办函〔2021〕30号 (tables 二, 三, 四)
Options:
  --log FILE     a JSONL event log (written by "banshi export" or any banshi store)
  --year YYYY    the report year, 2008 or later (the 条例 came into force on 2008-05-01), e.g. 2013
  --center FILE  the center's organisation as JSON (see the @banshi/center-report README): its agency is
                 the default --agency; default BANSHI_CENTER, then "center" in banshi.config.json
  --agency NAME  count only this agency's requests and items, and name it in the title
  --format F     md (default), csv, json or html (a standalone page)
  --out FILE     write the report to FILE instead of standard output
  --lang zh|en   zh (default; or BANSHI_LANG, or "lang" in banshi.config.json): the statutory format is
                 Chinese, so en prints it unchanged and says so on standard error
  -h, --help     show this help
Examples:
  banshi report disclosure --log .banshi/taizhou-2013.jsonl --year 2013 --center .banshi/center.json
  banshi report disclosure --log log.jsonl --year 2013 --format html --out report.html --lang zh
Exit codes:
  0  success
  1  the data is bad: the log breaks a report check (the report says which), or the --center file is not a center configuration
  2  usage or environment: a bad command line, a missing or unreadable log file`;

interface ReportArgs {
  readonly log: string;
  readonly year: number;
  readonly agency?: string;
  readonly center?: string;
  readonly format: ReportFormat;
  readonly out?: string;
  readonly lang?: string;
}

const valueFlags = ['--log', '--year', '--center', '--agency', '--format', '--out', '--lang'] as const;
type ValueFlag = (typeof valueFlags)[number];

function parse(argv: readonly string[]): ReportArgs | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const [sub, ...rest] = argv;
  if (sub === undefined) throw new UsageError('missing report kind (disclosure); see banshi report --help');
  if (sub !== 'disclosure') throw new UsageError(`unknown report ${JSON.stringify(sub)} (expected disclosure); see banshi report --help`);
  const values = new Map<ValueFlag, string>();
  for (let i = 0; i < rest.length; i++) {
    const raw = rest[i] as string;
    const eq = raw.indexOf('=');
    const flag = (eq > 0 ? raw.slice(0, eq) : raw) as ValueFlag;
    if (!valueFlags.includes(flag)) throw new UsageError(`unknown option ${JSON.stringify(raw)}; see banshi report --help`);
    const value = eq > 0 ? raw.slice(eq + 1) : rest[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${flag} needs a value; see banshi report --help`);
    if (values.has(flag)) throw new UsageError(`${flag} is given twice`);
    values.set(flag, value);
  }
  const log = values.get('--log');
  if (log === undefined) throw new UsageError('missing --log FILE.jsonl');
  const yearText = values.get('--year');
  if (yearText === undefined) throw new UsageError('missing --year YYYY');
  if (!/^\d{4}$/.test(yearText)) throw new UsageError(`--year must be a four-digit year, got ${JSON.stringify(yearText)}`);
  const format = values.get('--format') ?? 'md';
  if (!(reportFormats as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${reportFormats.join(', ')}, got ${JSON.stringify(format)}`);
  const agency = values.get('--agency');
  const center = values.get('--center');
  const out = values.get('--out');
  const lang = values.get('--lang');
  return { log, year: Number(yearText), format: format as ReportFormat, ...(agency === undefined ? {} : { agency }), ...(center === undefined ? {} : { center }), ...(out === undefined ? {} : { out }), ...(lang === undefined ? {} : { lang }) };
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parse(argv);
  if (args === 'help') {
    io.stdout(usage + '\n');
    return 0;
  }
  const agency = args.agency ?? centerOption(args.center, io)?.config.agency;
  if (reportLang(args.lang, io) === 'en') io.stderr('banshi report: note: the disclosure annual report is the statutory format of its year, printed in Chinese; --lang en does not translate it\n');
  const chunks = readLogFile(resolve(io.cwd, args.log));
  const { state, summary } = await replayJsonl(chunks, annualReportProjection(), { registry: disclosureRegistry, unknownEvents: 'passthrough' });
  if (summary.torn) io.stderr(`banshi report: warning: the log ends in a torn line at byte ${summary.torn.byteOffset} (line ${summary.torn.line}); it was left out\n`);
  const report = finishAnnualReport(state, { year: args.year, ...(agency === undefined ? {} : { agency }) });
  if (agency !== undefined && ![...state.requests.values(), ...state.items.values()].some((x) => x.agency === agency)) {
    const known = [...new Set([...state.requests.values(), ...state.items.values()].map((x) => x.agency).filter((a): a is string => a !== null))];
    io.stderr(`banshi report: warning: no request or item of agency ${JSON.stringify(agency)} in the log (agencies in it: ${known.slice(0, 10).join(', ') || 'none'})\n`);
  }
  const text = formatReport(report, args.format);
  if (args.out === undefined) io.stdout(text);
  else {
    const path = resolve(io.cwd, args.out);
    writeFileSync(path, text);
    io.stdout(`wrote ${path}\n`);
  }
  if (!report.ok) {
    const failed = report.checks.filter((c) => !c.ok);
    io.stderr(`banshi report: the log breaks ${failed.length} report check(s): ${failed.map((c) => c.id).join(', ')} — see the report for details\n`);
    return 1;
  }
  return 0;
}

/**
 * `banshi report disclosure`: folds a JSONL log into the annual disclosure report
 * in the format of its year as Markdown, CSV, JSON or a standalone HTML page.
 *
 * @example
 * await reportCommand.run(['disclosure', '--log', '2013.jsonl', '--year', '2013', '--format', 'html', '--out', 'report.html'], io);
 */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Annual reports from an event log (disclosure: 政府信息公开工作年度报告)',
  usage: 'banshi report disclosure --log FILE.jsonl --year YYYY [--center FILE] [--agency NAME] [--format md|csv|json|html] [--out FILE] [--lang zh|en]',
  options: [
    ['--log FILE', 'a JSONL event log (written by "banshi export" or any banshi store)'],
    ['--year YYYY', 'the report year, e.g. 2013'],
    ['--center FILE', "the center's organisation as JSON (see the @banshi/center-report README); its agency is the default --agency; default BANSHI_CENTER, then \"center\" in banshi.config.json"],
    ['--agency NAME', 'count only this agency\'s requests and items, and name it in the title'],
    ['--format F', 'md (default), csv, json (the report object) or html (a standalone page)'],
    ['--out FILE', 'write the report to FILE instead of standard output'],
    ['--lang zh|en', 'zh (default; or BANSHI_LANG, or "lang" in banshi.config.json); the statutory format is Chinese, so en prints it unchanged and says so'],
  ],
  examples: ['banshi report disclosure --log .banshi/taizhou-2013.jsonl --year 2013', 'banshi report disclosure --log .banshi/taizhou-2013.jsonl --year 2013 --center .banshi/center.json', 'banshi report disclosure --log log.jsonl --year 2013 --format html --out report.html', 'banshi report disclosure --log log.jsonl --year 2013 --lang en'],
  dataError: 'the log is unreadable or breaks a report check (the report says which)',
  formats: ['md', 'csv', 'json', 'html'],
  async run(argv, io) {
    try {
      return await run(argv, io);
    } catch (e) {
      if (e instanceof UsageError) {
        io.stderr(`banshi report: ${e.message}\n`);
        return 2;
      }
      if (e instanceof BanshiError || (e instanceof Error && typeof (e as { code?: unknown }).code === 'string')) {
        io.stderr(`banshi report: [${(e as Error & { code: string }).code}] ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};
