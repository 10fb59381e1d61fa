import { caseSummaryOfYear, caseSummaryProjection } from '@banshi/approval';
import { annualReportProjection, finishAnnualReport, formatReport, reportFormats, type ReportFormat } from '@banshi/disclosure';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type Command } from '../command.js';
import { intOption, parseOptions } from '../_lib/args.js';
import { foldSource, parseSourceSpec } from '../_lib/eventSource.js';
import { centerProjection, centerReport } from '@banshi/center-report';
import { renderCenterHtml, renderCenterTerminal } from '../render/centerReport.js';

export const replayReports = ['center', 'disclosure', 'approval'] as const;
type ReplayReport = (typeof replayReports)[number];

/**
 * `banshi replay`: folds any log or store into a report. The analyst's command: the same log
 * gives the same report on any machine, any day.
 */
export const replayCommand: Command = {
  name: 'replay',
  summary: 'replay a JSONL log or a store into a report (center, disclosure, approval)',
  usage: [
    'banshi replay --from <file.jsonl | sqlite:path | postgres://…> --report <center|disclosure|approval> --year <yyyy> [--format …] [--agency NAME] [--out FILE]',
    '  center      every figure of the center\'s year: cases, on-time rates, cleanup, disclosure, intermediaries, surveys, trading (--format text|json|html)',
    '  disclosure  the annual-report tables of 国办公开办函〔2021〕30号 (--format md|csv|json|html)',
    '  approval    the year\'s approval cases per month, steps per channel and visits per department (--format json)',
  ].join('\n'),
  async run(argv, io) {
    const { values } = parseOptions(argv, {
      from: { type: 'string' },
      report: { type: 'string' },
      year: { type: 'string' },
      format: { type: 'string' },
      agency: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return (io.stdout(this.usage + '\n'), 0);
    const spec = parseSourceSpec(values.from);
    const report = values.report as ReplayReport | undefined;
    if (!report || !replayReports.includes(report)) throw new UsageError(`--report must be one of ${replayReports.join(', ')}`);
    const year = intOption(values.year, 'year', { min: 2000, max: 2100 });
    const started = performance.now();
    let text: string;
    let ok = true;
    if (report === 'disclosure') {
      const format = (values.format ?? 'md') as ReportFormat;
      if (!reportFormats.includes(format)) throw new UsageError(`--format for the disclosure report must be one of ${reportFormats.join(', ')}`);
      const state = await foldSource(spec, annualReportProjection());
      const r = finishAnnualReport(state, { year, ...(values.agency ? { agency: values.agency } : {}) });
      ok = r.ok;
      text = formatReport(r, format);
    } else if (report === 'approval') {
      if (values.format !== undefined && values.format !== 'json') throw new UsageError('--format for the approval report must be json');
      const state = await foldSource(spec, caseSummaryProjection);
      text = JSON.stringify(caseSummaryOfYear(state, year), null, 2) + '\n';
    } else {
      const format = values.format ?? 'text';
      if (!['text', 'json', 'html'].includes(format)) throw new UsageError('--format for the center report must be text, json or html');
      const state = await foldSource(spec, centerProjection);
      const r = centerReport(state, { year, ...(values.agency ? { agency: values.agency } : {}) });
      ok = r.disclosure.report.ok;
      const source = values.from as string;
      text = format === 'json' ? JSON.stringify(r, null, 2) + '\n' : format === 'html' ? renderCenterHtml(r, source, 'not checked by replay (run banshi verify)') : renderCenterTerminal(r, source);
    }
    if (values.out) {
      writeFileSync(resolve(io.cwd, values.out), text);
      io.stderr(`wrote ${values.out} (${((performance.now() - started) / 1000).toFixed(2)} s)\n`);
    } else io.stdout(text);
    return ok ? 0 : 1;
  },
};
