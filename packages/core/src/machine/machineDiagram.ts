import { BanshiError } from '../errors/index.js';
import type { FlatMachineLike, MachineNodeLike } from './readTransitionTable.js';
import { readTransitionTable } from './readTransitionTable.js';

/**
 * One arrow of a process diagram: the machine takes `event` from `from` to `to` when the named
 * `guard` holds (`undefined`: always). A transition that stays in its state has `from === to`.
 *
 * @example
 * const e: DiagramEdge = { from: 'intake', event: 'CaseAccepted', to: 'review', guard: undefined };
 */
export interface DiagramEdge {
  readonly from: string;
  readonly event: string;
  readonly to: string;
  readonly guard: string | undefined;
}

/**
 * A flat machine's process as data: its states in document order, the initial and final ones,
 * and every edge of its transition table (read with {@link readTransitionTable}, so a diagram
 * cannot show an edge the machine does not take, nor miss one it does).
 *
 * @example
 * const d = readMachineDiagram(approvalMachine);
 * d.edges.filter((e) => e.from === 'intake').length; // 7
 */
export interface MachineDiagram {
  readonly id: string;
  readonly states: readonly string[];
  readonly initial: string | undefined;
  readonly finals: readonly string[];
  readonly edges: readonly DiagramEdge[];
}

/**
 * What to highlight and how to name things. `path` lists the states visited, in order; unless
 * `steps` names the edges taken exactly, every edge between two consecutive states of `path` is
 * drawn as taken. `current` defaults to the last state of `path`. `labels` gives a state a display
 * name (e.g. Chinese: `{ review: '审查' }`); the state's id is still shown beneath it.
 *
 * @example
 * const o: DiagramOptions = { path: ['new', 'intake', 'review'], labels: { review: '审查' } };
 */
export interface DiagramOptions {
  readonly current?: string | undefined;
  readonly path?: readonly string[] | undefined;
  readonly steps?: readonly { readonly from: string; readonly event: string }[] | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** Text for an edge's event (SVG only), e.g. Chinese step names; the `data-event` attribute keeps the event type. */
  readonly eventLabels?: Readonly<Record<string, string>> | undefined;
  /** Text for an edge's named guard (SVG only); the `data-guard` attribute keeps the guard's name. */
  readonly guardLabels?: Readonly<Record<string, string>> | undefined;
  /** Whether a labelled state shows its id beneath the label (default true; a page for readers of the labels' language hides it). */
  readonly stateIds?: boolean | undefined;
  readonly title?: string | undefined;
}

/**
 * A highlight names a state or edge the machine does not have. Nothing is drawn; pass states of
 * the machine (its `readMachineDiagram(m).states`) and edges it takes.
 *
 * @example
 * try { machineToSvg(m, { current: 'nowhere' }); } catch (e) { (e as DiagramError).code; } // 'CORE_DIAGRAM_UNKNOWN_STATE'
 */
export class DiagramError extends BanshiError {
  constructor(
    code: 'CORE_DIAGRAM_UNKNOWN_STATE' | 'CORE_DIAGRAM_UNKNOWN_EDGE',
    message: string,
    readonly machine: string,
  ) {
    super(code, message);
  }
}

function namedGuards(root: MachineNodeLike): string[] {
  const names = new Set<string>();
  for (const node of Object.values(root.states)) {
    for (const definitions of node.transitions.values()) {
      for (const { guard } of definitions) {
        if (typeof guard === 'string') names.add(guard);
        else if (typeof guard === 'object' && guard !== null && 'type' in guard && typeof guard.type === 'string') names.add(guard.type);
      }
    }
  }
  return [...names];
}

/**
 * Reads a flat xstate machine's process (states, initial, finals, edges) through
 * {@link readTransitionTable}; throws its `TypeError` for a machine shape a table cannot represent
 * (inline guards, nested states, `always`/`after`). Root-level handlers that change no state are
 * not part of the process and are not drawn.
 *
 * @example
 * readMachineDiagram(agencyMachine).edges[0]; // { from: 'none', event: 'SubmitAgency', to: 'submitted', guard: undefined }
 */
export function readMachineDiagram(machine: FlatMachineLike): MachineDiagram {
  const states = Object.keys(machine.root.states);
  const table = readTransitionTable<string, string, string>(machine, states, namedGuards(machine.root));
  const edges: DiagramEdge[] = [];
  for (const from of states) {
    for (const [event, candidates] of Object.entries(table[from] ?? {})) {
      for (const c of candidates ?? []) edges.push({ from, event, to: c.target, guard: c.guard });
    }
  }
  const initialNode = machine.root.initial?.target?.[0];
  const finals = states.filter((s) => machine.root.states[s]?.type === 'final');
  return { id: machine.id, states, initial: initialNode?.key, finals, edges };
}

interface Marks {
  readonly current: string | undefined;
  readonly visited: ReadonlySet<string>;
  readonly taken: ReadonlySet<string>;
}

const edgeKey = (from: string, event: string, to: string): string => JSON.stringify([from, event, to]);

function resolveMarks(d: MachineDiagram, options: DiagramOptions): Marks {
  const known = new Set(d.states);
  const check = (state: string, role: string): string => {
    if (!known.has(state)) {
      throw new DiagramError('CORE_DIAGRAM_UNKNOWN_STATE', `machine ${d.id} has no state "${state}" (given as ${role}); its states are ${d.states.join(', ')}`, d.id);
    }
    return state;
  };
  const path = (options.path ?? []).map((s, i) => check(s, `path[${String(i)}]`));
  const current = options.current !== undefined ? check(options.current, 'current') : path.at(-1);
  const taken = new Set<string>();
  if (options.steps !== undefined) {
    for (const [i, step] of options.steps.entries()) {
      const matches = d.edges.filter((e) => e.from === step.from && e.event === step.event);
      if (matches.length === 0) {
        throw new DiagramError('CORE_DIAGRAM_UNKNOWN_EDGE', `machine ${d.id} takes no ${step.event} from ${step.from} (steps[${String(i)}]); pass edges of the machine`, d.id);
      }
      for (const e of matches) taken.add(edgeKey(e.from, e.event, e.to));
    }
  } else {
    for (let i = 1; i < path.length; i++) {
      for (const e of d.edges) if (e.from === path[i - 1] && e.to === path[i]) taken.add(edgeKey(e.from, e.event, e.to));
    }
  }
  const visited = new Set(path);
  for (const step of options.steps ?? []) visited.add(step.from);
  for (const e of d.edges) if (taken.has(edgeKey(e.from, e.event, e.to))) visited.add(e.to);
  return { current, visited, taken };
}

const MERMAID_ID = /^[A-Za-z][A-Za-z0-9_]*$/;
const MERMAID_RESERVED = new Set(['state', 'note', 'class', 'classDef', 'direction', 'end', 'as', 'left', 'right', 'of']);

/** Mermaid's own entity codes (`#35;`), so quotes, `;`, `#` and `%` inside a label cannot end it. */
function mermaidText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/["#;%<>{}:|\\]/g, (c) => `#${String(c.codePointAt(0))};`);
}

const edgeLabel = (e: DiagramEdge): string => (e.guard === undefined ? e.event : `${e.event} [${e.guard}]`);

/**
 * Renders a flat machine (or its {@link readMachineDiagram}) as Mermaid `stateDiagram-v2` text:
 * one line per edge, `[*]` arrows for the initial and final states, and `current` / `visited`
 * classes for the highlight (Mermaid styles states, not the arrows of a state diagram, so the
 * path shows as its visited states).
 *
 * @example
 * machineToMermaid(agencyMachine, { current: 'approved' });
 * // 'stateDiagram-v2\n  …\n  none --> submitted : SubmitAgency\n  …\n  class approved current\n'
 */
export function machineToMermaid(machine: FlatMachineLike | MachineDiagram, options: DiagramOptions = {}): string {
  const d = 'root' in machine ? readMachineDiagram(machine) : machine;
  const marks = resolveMarks(d, options);
  const ids = new Map(d.states.map((s, i) => [s, MERMAID_ID.test(s) && !MERMAID_RESERVED.has(s) ? s : `s${String(i)}`]));
  const id = (s: string): string => ids.get(s) ?? s;
  const lines = ['stateDiagram-v2'];
  if (options.title !== undefined) lines.push(`  %% ${mermaidText(options.title)}`);
  lines.push(`  %% drawn from the xstate machine ${mermaidText(d.id)} by @banshi/core readMachineDiagram; regenerate, do not edit`);
  for (const s of d.states) {
    const label = options.labels?.[s];
    if (label !== undefined) lines.push(`  state "${mermaidText(`${label} (${s})`)}" as ${id(s)}`);
    else if (id(s) !== s) lines.push(`  state "${mermaidText(s)}" as ${id(s)}`);
  }
  if (d.initial !== undefined) lines.push(`  [*] --> ${id(d.initial)}`);
  for (const e of d.edges) lines.push(`  ${id(e.from)} --> ${id(e.to)} : ${mermaidText(edgeLabel(e))}`);
  for (const s of d.finals) lines.push(`  ${id(s)} --> [*]`);
  const visited = d.states.filter((s) => marks.visited.has(s) && s !== marks.current);
  if (visited.length > 0) lines.push('  classDef visited fill:#dbeafe,stroke:#1d4ed8,stroke-width:2px', `  class ${visited.map(id).join(',')} visited`);
  if (marks.current !== undefined) lines.push('  classDef current fill:#fde68a,stroke:#b45309,stroke-width:3px', `  class ${id(marks.current)} current`);
  return lines.join('\n') + '\n';
}

export { edgeKey as diagramEdgeKey, resolveMarks as resolveDiagramMarks };
export type { Marks as DiagramMarks };
