import { approvalTransitionTable } from '@banshi/approval';
import { agencyTable } from '@banshi/catalog';
import { requestTransitions } from '@banshi/disclosure';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { diagramMachines } from './diagram.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['diagram', ...argv], { stdinLines: async function* () {}, stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir });
  return { code, out, err };
}
const dir = mkdtempSync(join(tmpdir(), 'banshi-diagram-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `from event to [guard]` rows, from Mermaid text. */
const mermaidEdges = (text: string): string[] =>
  [...text.matchAll(/^ {2}(\w+) --> (\w+) : (\w+)(?: \[(\w+)\])?$/gm)].map((m) => [m[1], m[3], m[2], m[4]].filter((x) => x !== undefined).join(' '));
/** The same rows from an SVG's data attributes. */
const svgEdges = (svg: string): string[] =>
  [...svg.matchAll(/<g class="banshi-edge[^"]*" data-from="([^"]+)" data-to="([^"]+)"[^>]*>([\s\S]*?)<\/g>/g)].flatMap((g) =>
    [...(g[3] ?? '').matchAll(/data-event="([^"]+)"(?: data-guard="([^"]+)")?/g)].map((t) => [g[1], t[1], g[2], t[2]].filter((x) => x !== undefined).join(' ')),
  );

/** The rows of the tables the deciders and `evolve` read. */
const tableRows = (table: Readonly<Record<string, Readonly<Record<string, readonly { target: string; guard?: string | undefined }[] | undefined>>>>): string[] =>
  Object.entries(table).flatMap(([from, row]) => Object.entries(row).flatMap(([event, edges]) => (edges ?? []).map((e) => [from, event, e.target, e.guard].filter((x) => x !== undefined).join(' '))));
const approvalRows = tableRows(approvalTransitionTable);
const requestRows = tableRows(requestTransitions);
const agencyRows = tableRows(agencyTable);

describe('banshi diagram: the diagram cannot drift from the machine', () => {
  it.each([
    ['approval', approvalRows],
    ['disclosure-request', requestRows],
    ['intermediary', agencyRows],
  ])('%s: the Mermaid and SVG edges are exactly the transition table’s', async (name, rows) => {
    const mermaid = await run(name, '--format', 'mermaid');
    const svg = await run(name, '--format', 'svg');
    expect([mermaid.code, svg.code]).toEqual([0, 0]);
    expect(mermaidEdges(mermaid.out).sort()).toEqual([...rows].sort());
    expect(svgEdges(svg.out).sort()).toEqual([...rows].sort());
  });

  it('draws every listed machine in both formats', async () => {
    for (const { name } of diagramMachines) {
      const mermaid = await run(name);
      const svg = await run(name, '--format', 'svg');
      expect([name, mermaid.code, svg.code, mermaid.err, svg.err]).toEqual([name, 0, 0, '', '']);
      expect(mermaidEdges(mermaid.out).sort()).toEqual(svgEdges(svg.out).sort());
      expect(mermaidEdges(mermaid.out).length).toBeGreaterThan(0);
    }
  });
});

describe('banshi diagram: options and exit codes', () => {
  it('--help lists every machine and the exit codes (0)', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    for (const { name } of diagramMachines) expect(out).toContain(`\n    ${name} `);
    expect(out).toContain('Exit codes:\n  0  success\n  1  the data is bad: a state in --path');
  });

  it('--out writes the file; --path highlights the states visited and the current one', async () => {
    const file = join(dir, 'approval.svg');
    const { code, out } = await run('approval', '--format', 'svg', '--out', file, '--path', 'new,intake,review');
    expect(code).toBe(0);
    expect(out).toBe(`wrote ${file}\n`);
    const svg = readFileSync(file, 'utf8');
    expect([...svg.matchAll(/data-state="(\w+)" data-current="true"/g)].map((m) => m[1])).toEqual(['review']);
    expect([...svg.matchAll(/data-from="(\w+)" data-to="(\w+)" data-taken="true"/g)].map((m) => `${m[1] ?? ''}>${m[2] ?? ''}`)).toEqual(['new>intake', 'intake>review']);
  });

  it('docs/diagrams.md and docs/diagrams/approval.svg are the current output', async () => {
    const docs = join(dirname(fileURLToPath(import.meta.url)), '../../../../docs');
    const intermediary = await run('intermediary', '--path', 'none,submitted,returned,submitted,approved,published');
    expect(readFileSync(join(docs, 'diagrams.md'), 'utf8')).toContain('```mermaid\n' + intermediary.out + '```\n');
    const approval = await run('approval', '--format', 'svg', '--path', 'new,intake,review,decided');
    expect(readFileSync(join(docs, 'diagrams/approval.svg'), 'utf8')).toBe(approval.out);
  });

  it('exit 1 for a state the machine does not have, exit 2 for a bad command line', async () => {
    const unknownState = await run('approval', '--current', 'archived');
    expect(unknownState.code).toBe(1);
    expect(unknownState.err).toMatch(/\[CORE_DIAGRAM_UNKNOWN_STATE\] machine approval has no state "archived"/);
    expect((await run()).code).toBe(2);
    const unknownMachine = await run('workflow');
    expect(unknownMachine.code).toBe(2);
    expect(unknownMachine.err).toMatch(/unknown machine "workflow"; one of approval, disclosure-request/);
    expect((await run('approval', '--format', 'png')).code).toBe(2);
    expect((await run('approval', '--colour', 'red')).code).toBe(2);
  });
});
