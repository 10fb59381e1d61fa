/** @banshi/cli — the `banshi` command as a library: `main(argv, io)` and its commands. */
export { main, nodeIO, version } from './main.js';
export { commands } from './commands/index.js';
export { cliErrorCodes, UsageError } from './command.js';
export type { CliIO, Command } from './command.js';
export { renderCenterHtml, renderCenterTerminal } from './render/centerReport.js';
export type { ReportAnnotations } from './render/centerReport.js';
