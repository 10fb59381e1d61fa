/**
 * An analyst's replay: verify a JSONL log, then fold it into the disclosure annual report and
 * the approval case summary, streaming (constant memory). Without an argument it first writes
 * a small Taizhou 2013 log to a temp file. Run: `cd examples/analyst-replay && pnpm start [log.jsonl]`.
 */
import { caseSummaryProjection } from '@banshi/approval';
import { generateTaizhou2013 } from '@banshi/example-taizhou-2013';
import { exportJsonl, readJsonl, verifyJsonl } from '@banshi/core';
import { annualReportProjection, finishAnnualReport, formatReport } from '@banshi/disclosure';
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let file = process.argv[2];
if (!file) {
  const { store } = await generateTaizhou2013({ seed: 7, cases: 300 });
  let text = '';
  for await (const chunk of exportJsonl(store.readAll({ upcast: false }))) text += chunk;
  file = join(mkdtempSync(join(tmpdir(), 'banshi-analyst-')), 'taizhou-2013.jsonl');
  writeFileSync(file, text);
}
const open = () => createReadStream(file, { highWaterMark: 1 << 20 });

const verified = await verifyJsonl(open());
console.log(verified.ok ? `verified ${verified.events} events in ${verified.streams} streams` : `BROKEN at line ${verified.break.line}: ${verified.break.reason}`);
if (!verified.ok) process.exit(1);

// One pass, two read models: the events are streamed once and fed to both reducers.
const disclosure = annualReportProjection();
let report = disclosure.init();
let cases = caseSummaryProjection.init();
for await (const batch of readJsonl(open(), { unknownEvents: 'passthrough' }).batches()) {
  for (const e of batch) {
    report = disclosure.apply(report, e);
    cases = caseSummaryProjection.apply(cases, e);
  }
}
const annual = finishAnnualReport(report, { year: 2013 });
console.log(`disclosure: ${annual.proactiveActivity.published} items published proactively, table checks ${annual.ok ? 'pass' : 'FAIL'}`);
console.log(formatReport(annual, 'md').split('\n').slice(0, 6).join('\n'));
for (const [month, f] of Object.entries(cases.months).sort()) console.log(`${month}: ${f.received} received, ${f.decided} decided, ${f.onTimeStatutory} on time`);
