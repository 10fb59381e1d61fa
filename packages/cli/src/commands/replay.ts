import { caseSummaryOfYear, caseSummaryProjection } from '@banshi/approval';
import { annualReportProjection, finishAnnualReport, formatReport, reportFormats, type ReportFormat } from '@banshi/disclosure';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type Command } from '../command.js';
import { intOption, parseOptions } from '../_lib/args.js';
import { centerOption } from '../_lib/centerOption.js';
import { foldSource, sourceSpec } from '../_lib/eventSource.js';
import { centerProjection, centerReport } from '@banshi/center-report';
import { renderCenterHtml, renderCenterTerminal } from '../render/centerReport.js';
import { reportMessages } from '../render/messages.js';
import { langHelp, langOption, reportLang } from '../_lib/lang.js';

export const replayReports = ['center', 'disclosure', 'approval'] as const;
type ReplayReport = (typeof replayReports)[number];

/**
 * `banshi replay`: folds any log or store into a report. The analyst's command: the same log
 * gives the same report on any machine, any day.
 */
export const replayCommand: Command = {
  name: 'replay',
  summary: 'replay a JSONL log or a store into a report (center, disclosure, approval)',
  usage: 'banshi replay [--from <log>] --report center|disclosure|approval --year <yyyy> [--format …] [--center FILE] [--agency NAME] [--out FILE] [--lang zh|en]',
  options: [
    ['--from <log>', 'a file.jsonl, - (standard input), sqlite:path, postgres://…[?schema=…] or nats://host:4222/STREAM; default BANSHI_STORE, banshi.config.json, DATABASE_URL'],
    ['--report center', "every figure of the center's year: cases, on-time rates, cleanup, disclosure, intermediaries, surveys, trading (--format text|json|html)"],
    ['--report disclosure', 'the annual-report tables of 国办公开办函〔2021〕30号 (--format md|csv|json|html)'],
    ['--report approval', "the year's approval cases per month, steps per channel and visits per department (--format json)"],
    ['--year <yyyy>', 'the report year; every figure counts that year only'],
    ['--format <f>', 'see --report; json is the report object itself'],
    ['--center <file>', "center report: the center's organisation as JSON (name, agency, departments, sub-centers, trading categories; see the @banshi/center-report README); default BANSHI_CENTER, then \"center\" in banshi.config.json, else what the log says"],
    ['--agency <name>', 'the disclosing agency whose requests and items count (default: the --center file\'s agency)'],
    ['--out <file>', 'write the report there instead of standard output'],
    [langHelp[0], `${langHelp[1]}; the disclosure report is the statutory format, in Chinese whatever --lang says`],
  ],
  examples: [
    'banshi replay --from .banshi/taizhou-2013.jsonl --report center --year 2013',
    'banshi replay --from log.jsonl --report center --year 2014 --center center.json --format html --out report.html',
    'banshi replay --from sqlite:.banshi/taizhou-2013.db --report disclosure --year 2013 --format html --out disclosure.html',
    'cat log.jsonl | banshi replay --from - --report approval --year 2013',
    'banshi replay --from .banshi/taizhou-2013.jsonl --report center --year 2013 --lang en --format html --out report.en.html',
  ],
  dataError: 'the log breaks a check of the disclosure tables (the report says which), or an event cannot be read',
  formats: ['text', 'json', 'html', 'md', 'csv'],
  async run(argv, io) {
    const { values } = parseOptions(argv, {
      from: { type: 'string' },
      report: { type: 'string' },
      year: { type: 'string' },
      format: { type: 'string' },
      agency: { type: 'string' },
      center: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...langOption,
    });
    const lang = reportLang(values.lang, io);
    const spec = sourceSpec(values.from, io);
    const report = values.report as ReplayReport | undefined;
    if (!report || !replayReports.includes(report)) throw new UsageError(`--report must be one of ${replayReports.join(', ')}`);
    const year = intOption(values.year, 'year', { min: 2000, max: 2100 });
    if (values.center !== undefined && report !== 'center' && report !== 'disclosure') throw new UsageError('--center goes with --report center (or disclosure, for its agency)');
    const center = report === 'approval' ? undefined : centerOption(values.center, io);
    const agency = values.agency ?? center?.config.agency;
    const started = performance.now();
    let text: string;
    let ok = true;
    if (report === 'disclosure') {
      const format = (values.format ?? 'md') as ReportFormat;
      if (!reportFormats.includes(format)) throw new UsageError(`--format for the disclosure report must be one of ${reportFormats.join(', ')}`);
      const state = await foldSource(spec, annualReportProjection());
      const r = finishAnnualReport(state, { year, ...(agency ? { agency } : {}) });
      ok = r.ok;
      text = formatReport(r, format);
      if (lang === 'en') io.stderr('note: the disclosure annual report is the statutory format of its year, printed in Chinese; --lang en does not translate it\n');
    } else if (report === 'approval') {
      if (values.format !== undefined && values.format !== 'json') throw new UsageError('--format for the approval report must be json');
      const state = await foldSource(spec, caseSummaryProjection);
      text = JSON.stringify(caseSummaryOfYear(state, year), null, 2) + '\n';
    } else {
      const format = values.format ?? 'text';
      if (!['text', 'json', 'html'].includes(format)) throw new UsageError('--format for the center report must be text, json or html');
      const state = await foldSource(spec, centerProjection);
      const r = centerReport(state, { year, ...(values.agency ? { agency: values.agency } : {}), ...(center ? { center: center.config } : {}) });
      ok = r.disclosure.report.ok;
      const source = spec.kind === 'jsonl' ? (spec.path === '-' ? reportMessages[lang].stdin : values.from ?? spec.path) : values.from ?? spec.kind;
      text = format === 'json' ? JSON.stringify(r, null, 2) + '\n' : format === 'html' ? renderCenterHtml(r, source, reportMessages[lang].notChecked, {}, { lang }) : renderCenterTerminal(r, source, {}, { lang });
    }
    if (values.out) {
      writeFileSync(resolve(io.cwd, values.out), text);
      io.stderr(`wrote ${values.out} (${((performance.now() - started) / 1000).toFixed(2)} s)\n`);
    } else io.stdout(text);
    return ok ? 0 : 1;
  },
};
