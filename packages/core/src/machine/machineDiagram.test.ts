import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { DiagramError, machineToMermaid, readMachineDiagram } from './machineDiagram.js';
import { machineToSvg } from './machineSvg.js';
import { readTransitionTable } from './readTransitionTable.js';

type Status = 'draft' | 'review' | 'published' | 'withdrawn';
type Ev = { type: 'Submitted' } | { type: 'Returned' } | { type: 'Approved' } | { type: 'Edited' } | { type: 'Withdrawn' };
const statuses: readonly Status[] = ['draft', 'review', 'published', 'withdrawn'];

const machine = setup({ types: { events: {} as Ev }, guards: { complete: () => true, editable: () => true } }).createMachine({
  id: 'item',
  initial: 'draft',
  states: {
    draft: { on: { Submitted: { target: 'review', guard: 'complete' }, Edited: { guard: 'editable' }, Withdrawn: 'withdrawn' } },
    review: { on: { Approved: 'published', Returned: 'draft', Edited: 'review' } },
    published: { on: { Withdrawn: 'withdrawn' } },
    withdrawn: { type: 'final' },
  },
});

/** The (from, event, to, guard) rows a Mermaid text draws. */
function mermaidEdges(text: string): string[] {
  return [...text.matchAll(/^ {2}(\w+) --> (\w+) : (\w+)(?: \[(\w+)\])?$/gm)].map((m) => [m[1], m[3], m[2], m[4] ?? '-'].join(' '));
}

/** The (from, event, to, guard) rows an SVG draws, from its data attributes. */
function svgEdges(svg: string): string[] {
  const rows: string[] = [];
  for (const g of svg.matchAll(/<g class="banshi-edge[^"]*" data-from="([^"]+)" data-to="([^"]+)"[^>]*>([\s\S]*?)<\/g>/g)) {
    for (const t of (g[3] ?? '').matchAll(/data-event="([^"]+)"(?: data-guard="([^"]+)")?/g)) rows.push([g[1], t[1], g[2], t[2] ?? '-'].join(' '));
  }
  return rows;
}

const tableEdges = (): string[] => {
  const table = readTransitionTable<Status, Ev['type'], 'complete' | 'editable'>(machine, statuses, ['complete', 'editable']);
  return statuses.flatMap((from) => Object.entries(table[from]).flatMap(([event, edges]) => (edges ?? []).map((e) => [from, event, e.target, e.guard ?? '-'].join(' '))));
};

describe('readMachineDiagram', () => {
  it('reads states, initial, finals and exactly the transition table’s edges', () => {
    const d = readMachineDiagram(machine);
    expect(d).toMatchObject({ id: 'item', states: statuses, initial: 'draft', finals: ['withdrawn'] });
    expect(d.edges.map((e) => [e.from, e.event, e.to, e.guard ?? '-'].join(' ')).sort()).toEqual(tableEdges().sort());
    expect(d.edges).toContainEqual({ from: 'draft', event: 'Edited', to: 'draft', guard: 'editable' });
  });

  it('the Mermaid and SVG renderings draw the same edges as the table', () => {
    expect(mermaidEdges(machineToMermaid(machine)).sort()).toEqual(tableEdges().sort());
    expect(svgEdges(machineToSvg(machine)).sort()).toEqual(tableEdges().sort());
  });

  it('refuses a machine shape a table cannot represent (an inline guard)', () => {
    const inline = setup({ types: { events: {} as { type: 'Go' } } }).createMachine({ id: 'i', initial: 'a', states: { a: { on: { Go: { target: 'a', guard: () => true } } } } });
    expect(() => machineToSvg(inline)).toThrow(/only named guards/);
  });
});

describe('machineToMermaid', () => {
  it('writes a stateDiagram-v2 with [*] arrows and highlight classes', () => {
    const text = machineToMermaid(machine, { path: ['draft', 'review', 'published'] });
    expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(text).toContain('  [*] --> draft\n');
    expect(text).toContain('  withdrawn --> [*]\n');
    expect(text).toContain('  class draft,review visited\n');
    expect(text).toContain('  class published current\n');
  });

  it('escapes labels with Mermaid entity codes, keeps CJK, and renames ids Mermaid reserves', () => {
    const m = setup({ types: { events: {} as { type: 'Go' } } }).createMachine({ id: 'x', initial: 'state', states: { state: { on: { Go: 'end' } }, end: { type: 'final' } } });
    const text = machineToMermaid(m, { labels: { state: '受理"; click x call alert(1) %%', end: '办结 #1' }, title: 'a;b' });
    expect(text).toContain('  state "受理#34;#59; click x call alert(1) #37;#37; (state)" as s0\n');
    expect(text).toContain('  state "办结 #35;1 (end)" as s1\n');
    expect(text).toContain('  s0 --> s1 : Go\n');
    expect(text).toContain('  %% a#59;b\n');
    for (const line of text.split('\n').filter((l) => !l.startsWith('  %%'))) {
      expect(line.replace(/#\d+;/g, '')).not.toMatch(/[;%]/);
      expect(line.split('"').length).toBeLessThanOrEqual(3);
    }
  });
});

describe('machineToSvg', () => {
  it('is one self-contained SVG: no script, no style sheet, no external reference', () => {
    const svg = machineToSvg(machine);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).not.toMatch(/<script|<style|href=|@import|url\((?!#banshi-item-arrow)/);
    expect(svg.match(/<g class="banshi-state/g)).toHaveLength(4);
  });

  it('escapes every label with escapeHtml, CJK text kept as is', () => {
    const svg = machineToSvg(machine, { labels: { draft: '草稿<script>alert("x")</script>', review: '审查 & 核准' }, title: '事项 "A" <b>' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('草稿&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(svg).toContain('审查 &amp; 核准');
    expect(svg).toContain('事项 &quot;A&quot; &lt;b&gt;');
    // A wide label gets a wider box than the same number of Latin letters.
    const width = (s: string, state: string): number => Number(new RegExp(`data-state="${state}"[\\s\\S]*?width="([\\d.]+)"`).exec(s)?.[1]);
    const cjk = machineToSvg(machine, { labels: { draft: '行政许可事项受理登记' } });
    const latin = machineToSvg(machine, { labels: { draft: 'abcdefghij' } });
    expect(width(cjk, 'draft')).toBeGreaterThan(width(latin, 'draft'));
  });

  it('draws events and guards by their labels and can leave the state ids out, keeping the ids in data attributes', () => {
    const labels = { draft: '草稿', review: '审查', published: '已发布', withdrawn: '已撤回' };
    const svg = machineToSvg(machine, { labels, eventLabels: { Submitted: '提交', Edited: '修改' }, guardLabels: { complete: '材料齐全' }, stateIds: false, title: '事项' });
    const text = [...svg.matchAll(/<(?:text|tspan|title)[^>]*>([^<]*)(?=<)/g)].map((m) => m[1]).join(' ');
    expect(text).toContain('提交 [材料齐全]');
    expect(text).toContain('修改');
    expect(text).not.toMatch(/\b(draft|review|Submitted|complete)\b/);
    expect(svgEdges(svg).sort()).toEqual(tableEdges().sort());
    // By default a labelled state still shows its id beneath the label.
    expect(machineToSvg(machine, { labels })).toMatch(/>draft</);
  });

  it('highlights the current state, the visited states and the edges between consecutive path states', () => {
    const svg = machineToSvg(machine, { path: ['draft', 'review', 'draft', 'review', 'published'] });
    expect([...svg.matchAll(/data-state="(\w+)" data-current="true"/g)].map((m) => m[1])).toEqual(['published']);
    expect([...svg.matchAll(/data-state="(\w+)"[^>]*data-visited="true"/g)].map((m) => m[1])).toEqual(['draft', 'review', 'published']);
    expect([...svg.matchAll(/data-from="(\w+)" data-to="(\w+)" data-taken="true"/g)].map((m) => `${m[1] ?? ''}>${m[2] ?? ''}`).sort()).toEqual(['draft>review', 'review>draft', 'review>published']);
    expect(svg).toContain('aria-current="step"');
  });

  it('steps name the edges taken exactly, self-transitions included', () => {
    const svg = machineToSvg(machine, { steps: [{ from: 'draft', event: 'Edited' }, { from: 'draft', event: 'Submitted' }], current: 'review' });
    expect([...svg.matchAll(/data-from="(\w+)" data-to="(\w+)" data-taken="true"/g)].map((m) => `${m[1] ?? ''}>${m[2] ?? ''}`).sort()).toEqual(['draft>draft', 'draft>review']);
    expect(svg).not.toMatch(/data-state="published"[^>]*data-visited/);
  });

  it('refuses a highlight the machine does not have, with a typed error', () => {
    expect(() => machineToSvg(machine, { current: 'archived' })).toThrow(DiagramError);
    expect(() => machineToSvg(machine, { path: ['draft', 'nowhere'] })).toThrow(/no state "nowhere" \(given as path\[1\]\); its states are draft, review, published, withdrawn/);
    try {
      machineToMermaid(machine, { steps: [{ from: 'published', event: 'Approved' }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DiagramError);
      expect((e as DiagramError).code).toBe('CORE_DIAGRAM_UNKNOWN_EDGE');
    }
  });
});
