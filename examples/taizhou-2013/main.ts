/**
 * Taizhou 2013, reproduced in memory: generate the year through the real deciders, replay the
 * log into every read model, and print the seed report's figures next to the replayed ones.
 * `pnpm demo` does the same into SQLite with report.html; this is the library-level version.
 * Run: `cd examples/taizhou-2013 && pnpm start [cases]`.
 */
import { centerProjection, centerReport, generateTaizhou2013, seedCheck } from '@banshi/cli';
import { foldProjection } from '@banshi/core';

const cases = Number(process.argv[2] ?? 500);
const { store, stats } = await generateTaizhou2013({ seed: 2013, cases });
console.log(`generated ${stats.events} events in ${stats.streams} streams (${stats.cases} approval cases)`);

const state = await foldProjection(store.readAll({ batchSize: 5000 }), centerProjection);
const report = centerReport(state, { year: 2013, agency: '台州市行政服务中心' });
for (const row of seedCheck(report)) console.log(`${row.ok ? '✓' : '✗'} ${row.figure}: report ${row.seed}, replayed ${row.replayed}`);
console.log(`approval: ${report.approval.decided} decided, ${report.approval.onTimeStatutoryRate} within the statutory limit, ${report.approval.onTimePromisedRate} within the promise`);
console.log(`hash chain: ${(await store.verify()).ok ? 'intact' : 'BROKEN'}`);
