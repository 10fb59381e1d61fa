/**
 * Taizhou 2013, reproduced in memory: generate the year through the real deciders, replay the
 * log into every read model, and print the seed report's figures next to the replayed ones, each
 * saying what kind of figure it is. `pnpm demo` does the same into SQLite with report.html.
 * Run: `cd examples/taizhou-2013 && pnpm start [cases]`.
 */
import { centerProjection, centerReport } from '@banshi/center-report';
import { foldProjection } from '@banshi/core';
import { figureKinds, generateTaizhou2013, seedCheck, taizhouCenter } from './src/index.js';

const cases = Number(process.argv[2] ?? 500);
const { store, stats } = await generateTaizhou2013({ seed: 2013, cases });
console.log(`generated ${stats.events} events in ${stats.streams} streams (${stats.cases} approval cases)`);

const state = await foldProjection(store.readAll({ batchSize: 5000 }), centerProjection);
const report = centerReport(state, { year: 2013, center: taizhouCenter });
for (const row of seedCheck(report, 'en')) console.log(`${row.ok ? '✓' : '✗'} ${figureKinds[row.kind].mark} ${row.kind} ${row.figure}: report ${row.seed}, replayed ${row.replayed}${row.expected === row.seed ? '' : ` (expected ${row.expected})`}`);
console.log(`approval (synthetic): ${report.approval.decided} decided, ${report.approval.onTimeStatutoryRate} within the statutory limit, ${report.approval.onTimePromisedRate} within the promise`);
console.log(`hash chain: ${(await store.verify()).ok ? 'intact' : 'BROKEN'}`);
