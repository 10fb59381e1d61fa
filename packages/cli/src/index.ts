/** @banshi/cli — the `banshi` command as a library: `main(argv, io)` and its commands. */
export { main, nodeIO, version } from './main.js';
export { commands } from './commands/index.js';
export { UsageError } from './command.js';
export type { CliIO, Command } from './command.js';
export { generateTaizhou2013, taizhouRegistry } from './demo/taizhou2013.js';
export type { GenerationStats, TaizhouOptions } from './demo/taizhou2013.js';
export { centerProjection, centerReport } from './demo/centerReport.js';
export type { CenterReport, CenterState } from './demo/centerReport.js';
export { renderCenterHtml, renderCenterTerminal, seedCheck } from './demo/renderCenter.js';
export type { SeedCheckRow } from './demo/renderCenter.js';
export { seedFigures, taizhouNodes } from './demo/taizhouOrg.js';
