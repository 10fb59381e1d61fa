import { approvalMachine } from '@banshi/approval';
import { agencyMachine, campaignMachine, dealMachine, itemMachine, noticeMachine, pieceMachine, publicationMachine, surveyMachine } from '@banshi/catalog';
import { machineToMermaid, machineToSvg, readMachineDiagram, type FlatMachineLike } from '@banshi/core';
import { publicInfoMachine, requestMachine } from '@banshi/disclosure';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseOptions } from '../_lib/args.js';
import { outputFormat } from '../_lib/output.js';
import { UsageError, type Command } from '../command.js';

/** Every machine `banshi diagram` draws: its name on the command line, what it is, and the machine itself. */
export const diagramMachines: readonly { readonly name: string; readonly summary: string; readonly machine: () => FlatMachineLike }[] = [
  { name: 'approval', summary: 'an approval case, 行政许可 办件 (@banshi/approval)', machine: () => approvalMachine },
  { name: 'disclosure-request', summary: 'a disclosure request, 依申请公开 (@banshi/disclosure)', machine: () => requestMachine },
  { name: 'proactive-item', summary: 'a proactively disclosed item, 主动公开 with 保密审查 (@banshi/disclosure)', machine: () => publicInfoMachine },
  { name: 'catalog-item', summary: 'an approval item in the catalog, 事项目录 (@banshi/catalog)', machine: () => itemMachine },
  { name: 'intermediary', summary: 'an intermediary agency in the register, 中介机构 (@banshi/catalog)', machine: () => agencyMachine },
  { name: 'campaign', summary: 'a cleanup campaign, 事项清理 (@banshi/catalog)', machine: () => campaignMachine },
  { name: 'deal', summary: 'a public-resource trading deal, 公共资源交易 (@banshi/catalog)', machine: () => dealMachine },
  { name: 'survey', summary: 'a satisfaction survey, 满意度调查 (@banshi/catalog)', machine: () => surveyMachine },
  { name: 'trading-notice', summary: 'a trading announcement, 交易公告 (@banshi/catalog)', machine: () => noticeMachine },
  { name: 'publicity-piece', summary: 'a reform article or briefing, 宣传稿件 (@banshi/catalog)', machine: () => pieceMachine },
  { name: 'publication', summary: 'a printed handbook or service guide, 办事指南 (@banshi/catalog)', machine: () => publicationMachine },
];

const width = Math.max(...diagramMachines.map((m) => m.name.length));
const usage = `Usage:
  banshi diagram <machine> [--format mermaid|svg] [--out FILE] [--path S1,S2,…] [--current STATE]
      draws a lifecycle from its xstate machine (never by hand, so it cannot drift from the code)
Machines:
${diagramMachines.map((m) => `  ${m.name.padEnd(width)}  ${m.summary}`).join('\n')}
Options:
  --format F       mermaid (default; stateDiagram-v2 text) or svg (a self-contained picture)
  --out FILE       write the diagram to FILE instead of standard output
  --path S1,S2,…   highlight the states visited, in order, and the arrows between them
  --current STATE  highlight the current state (default: the last state of --path)
  -h, --help       show this help
Exit codes: 0 ok, 1 a state in --path or --current that the machine does not have, 2 bad command line.`;

/**
 * `banshi diagram`: a machine's process as Mermaid text or SVG, read off the xstate machine with
 * `@banshi/core`'s `machineToMermaid` / `machineToSvg`.
 *
 * @example
 * await diagramCommand.run(['approval', '--format', 'svg', '--out', 'approval.svg'], io);
 */
export const diagramCommand: Command = {
  name: 'diagram',
  summary: 'draw a lifecycle from its xstate machine (Mermaid or SVG)',
  usage: `banshi diagram <machine> [--format mermaid|svg|json] [--out FILE] [--path S1,S2,…] [--current STATE]\nMachines:\n${diagramMachines.map((m) => `  ${m.name.padEnd(width)}  ${m.summary}`).join('\n')}`,
  options: [
    ['--format F', 'mermaid (default; stateDiagram-v2 text), svg (a self-contained picture) or json (banshi.diagram/1: { machine, id, states, initial, finals, edges })'],
    ['--out FILE', 'write the diagram to FILE instead of standard output'],
    ['--path S1,S2,…', 'highlight the states visited, in order, and the arrows between them'],
    ['--current STATE', 'highlight the current state (default: the last state of --path)'],
  ],
  examples: ['banshi diagram approval', 'banshi diagram approval --format svg --path received,review,decided --out approval.svg', 'banshi diagram campaign --format json'],
  dataError: 'a state in --path or --current that the machine does not have',
  formats: ['mermaid', 'svg', 'json'],
  async run(argv, io) {
    const { values, positionals } = parseOptions(
      argv,
      { format: { type: 'string' }, out: { type: 'string' }, path: { type: 'string' }, current: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      true,
    );
    if (values.help) return (io.stdout(usage + '\n'), 0);
    const [name, ...extra] = positionals;
    if (name === undefined) throw new UsageError(`missing machine; one of ${diagramMachines.map((m) => m.name).join(', ')}`);
    if (extra.length > 0) throw new UsageError(`one machine at a time, got also ${extra.join(' ')}`);
    const entry = diagramMachines.find((m) => m.name === name);
    if (entry === undefined) throw new UsageError(`unknown machine ${JSON.stringify(name)}; one of ${diagramMachines.map((m) => m.name).join(', ')}`);
    const format = outputFormat(this, values.format);
    const path = values.path?.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const options = { ...(path === undefined ? {} : { path }), ...(values.current === undefined ? {} : { current: values.current }) };
    const text =
      format === 'json'
        ? JSON.stringify({ format: 'banshi.diagram/1', machine: entry.name, ...readMachineDiagram(entry.machine()) }, null, 2) + '\n'
        : format === 'svg'
          ? machineToSvg(entry.machine(), options)
          : machineToMermaid(entry.machine(), options);
    if (values.out === undefined) io.stdout(text);
    else {
      const file = resolve(io.cwd, values.out);
      writeFileSync(file, text);
      io.stdout(`wrote ${file}\n`);
    }
    return 0;
  },
};
