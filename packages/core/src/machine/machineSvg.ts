import { escapeHtml } from '../text/index.js';
import type { DiagramEdge, DiagramOptions, MachineDiagram } from './machineDiagram.js';
import { diagramEdgeKey, readMachineDiagram, resolveDiagramMarks } from './machineDiagram.js';
import type { FlatMachineLike } from './readTransitionTable.js';

const FONT = "system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";
const LABEL_SIZE = 13;
const ID_SIZE = 11;
const EDGE_SIZE = 11;
const LINE = 14;
const MARGIN = 24;
const TOP = 64;
const ROW = 170;
const GAP = 56;

/** A wide (CJK) character is drawn about one em wide, a Latin one about 0.6 em. */
function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? size : size * 0.6;
  return Math.ceil(w);
}

const num = (n: number): string => String(Math.round(n * 10) / 10);

interface Box {
  readonly state: string;
  readonly layer: number;
  readonly w: number;
  readonly h: number;
  x: number;
  readonly y: number;
}

function layersOf(d: MachineDiagram): Map<string, number> {
  const layer = new Map<string, number>();
  const queue: string[] = [];
  const start = d.initial ?? d.states[0];
  if (start !== undefined) {
    layer.set(start, 0);
    queue.push(start);
  }
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i] as string;
    for (const e of d.edges) {
      if (e.from === from && !layer.has(e.to)) {
        layer.set(e.to, (layer.get(from) ?? 0) + 1);
        queue.push(e.to);
      }
    }
  }
  let next = Math.max(-1, ...layer.values()) + 1;
  for (const s of d.states) if (!layer.has(s)) layer.set(s, next++);
  return layer;
}

/**
 * Renders a flat machine (or its {@link readMachineDiagram}) as a self-contained SVG document:
 * states in layers by distance from the initial state, arrows labelled with their events (and
 * named guards), transitions that stay in a state as a loop beside it, final states with a double
 * border. The current state and the path taken are highlighted. Styling is in presentation
 * attributes (no `<style>`, no script, no external font), so the SVG can be inlined in a page or
 * saved as a file. All text is escaped; states, edges and events carry `data-*` attributes.
 *
 * @example
 * const svg = machineToSvg(approvalMachine, { path: ['new', 'intake', 'review'], labels: { review: '审查' } });
 * svg.startsWith('<svg'); // true
 */
export function machineToSvg(machine: FlatMachineLike | MachineDiagram, options: DiagramOptions = {}): string {
  const edgeText = (e: DiagramEdge): string => {
    const event = options.eventLabels?.[e.event] ?? e.event;
    return e.guard === undefined ? event : `${event} [${options.guardLabels?.[e.guard] ?? e.guard}]`;
  };
  const d = 'root' in machine ? readMachineDiagram(machine) : machine;
  const marks = resolveDiagramMarks(d, options);
  const slug = d.id.replace(/[^A-Za-z0-9_-]/g, '_');
  const arrow = `banshi-${slug}-arrow`;
  const arrowTaken = `banshi-${slug}-arrow-taken`;
  const layer = layersOf(d);
  const loops = new Map<string, DiagramEdge[]>();
  const pairs = new Map<string, { from: string; to: string; edges: DiagramEdge[] }>();
  for (const e of d.edges) {
    if (e.from === e.to) {
      loops.set(e.from, [...(loops.get(e.from) ?? []), e]);
      continue;
    }
    const key = JSON.stringify([e.from, e.to]);
    const pair = pairs.get(key) ?? { from: e.from, to: e.to, edges: [] };
    pair.edges.push(e);
    pairs.set(key, pair);
  }

  // Boxes: sized to their text, ordered in each layer by where their predecessors sit.
  const rows: Box[][] = [];
  for (const s of d.states) {
    const label = options.labels?.[s];
    const idLine = label !== undefined && options.stateIds !== false;
    const w = Math.max(88, textWidth(label ?? s, LABEL_SIZE) + 28, idLine ? textWidth(s, ID_SIZE) + 28 : 0);
    const l = layer.get(s) ?? 0;
    (rows[l] ??= []).push({ state: s, layer: l, w, h: idLine ? 44 : 32, x: 0, y: TOP + l * ROW });
  }
  const loopWidth = (s: string): number => {
    const list = loops.get(s);
    return list === undefined ? 0 : 40 + Math.max(...list.map((e) => textWidth(edgeText(e), EDGE_SIZE)));
  };
  const center = new Map<string, number>();
  const rowWidths: number[] = [];
  for (const row of rows) {
    if (row === undefined) continue;
    const score = (b: Box): number => {
      const xs = d.edges.filter((e) => e.to === b.state && (layer.get(e.from) ?? 0) < b.layer).map((e) => center.get(e.from) ?? 0);
      return xs.length === 0 ? Number.POSITIVE_INFINITY : xs.reduce((a, x) => a + x, 0) / xs.length;
    };
    const scored = row.map((b, i) => ({ b, i, s: score(b) }));
    scored.sort((p, q) => (p.s === q.s ? p.i - q.i : p.s - q.s));
    row.splice(0, row.length, ...scored.map((p) => p.b));
    let x = 0;
    for (const b of row) {
      b.x = x;
      center.set(b.state, x + b.w / 2);
      x += b.w + loopWidth(b.state) + GAP;
    }
    rowWidths.push(x - GAP);
  }
  const width = Math.max(320, ...rowWidths) + 2 * MARGIN + 60;
  const boxes = new Map<string, Box>();
  for (const row of rows) {
    if (row === undefined) continue;
    const last = row.at(-1) as Box;
    const used = last.x + last.w + loopWidth(last.state);
    const shift = MARGIN + (width - 2 * MARGIN - 60 - used) / 2;
    for (const b of row) {
      b.x += shift;
      boxes.set(b.state, b);
    }
  }
  const height = TOP + (rows.length - 1) * ROW + 44 + MARGIN + 24;

  const out: string[] = [];
  const title = options.title ?? `${d.id} — drawn from its xstate machine`;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="banshi-diagram" data-machine="${escapeHtml(d.id)}" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" role="img" aria-labelledby="banshi-${slug}-title" font-family="${escapeHtml(FONT)}">`,
    `<title id="banshi-${slug}-title">${escapeHtml(title)}</title>`,
    '<defs>',
    `<marker id="${arrow}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#64748b"/></marker>`,
    `<marker id="${arrowTaken}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1d4ed8"/></marker>`,
    '</defs>',
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="22" font-size="13" font-weight="600" fill="#0f172a">${escapeHtml(title)}</text>`,
  );

  const initial = d.initial === undefined ? undefined : boxes.get(d.initial);
  if (initial !== undefined) {
    const cx = initial.x + initial.w / 2;
    out.push(
      `<g class="banshi-initial"><circle cx="${num(cx)}" cy="${num(initial.y - 30)}" r="6" fill="#0f172a"/>`,
      `<path d="M${num(cx)},${num(initial.y - 24)} L${num(cx)},${num(initial.y - 2)}" stroke="#64748b" stroke-width="1.2" fill="none" marker-end="url(#${arrow})"/></g>`,
    );
  }

  const textBlock = (x: number, y: number, anchor: 'middle' | 'start', edges: readonly DiagramEdge[], taken: boolean): string => {
    const top = y - ((edges.length - 1) * LINE) / 2 + 4;
    const spans = edges
      .map(
        (e, i) =>
          `<tspan x="${num(x)}" y="${num(top + i * LINE)}" data-event="${escapeHtml(e.event)}"${e.guard === undefined ? '' : ` data-guard="${escapeHtml(e.guard)}"`}>${escapeHtml(edgeText(e))}</tspan>`,
      )
      .join('');
    return `<text text-anchor="${anchor}" font-size="${EDGE_SIZE}" fill="${taken ? '#1d4ed8' : '#334155'}"${taken ? ' font-weight="600"' : ''} stroke="#ffffff" stroke-width="3" paint-order="stroke">${spans}</text>`;
  };
  const isTaken = (edges: readonly DiagramEdge[]): boolean => edges.some((e) => marks.taken.has(diagramEdgeKey(e.from, e.event, e.to)));
  const stroke = (taken: boolean): string =>
    taken ? `stroke="#1d4ed8" stroke-width="2.5" fill="none" marker-end="url(#${arrowTaken})"` : `stroke="#94a3b8" stroke-width="1.2" fill="none" marker-end="url(#${arrow})"`;

  // Ports: the arrows leaving or entering one side of a box are spread along it, ordered by
  // where their other end sits, so they do not all meet in one point.
  type Side = 'top' | 'bottom';
  const sideOf = (a: Box, b: Box): [Side, Side] => (b.layer > a.layer ? ['bottom', 'top'] : b.layer < a.layer ? ['top', 'bottom'] : ['top', 'top']);
  const ports = new Map<string, { key: string; other: number }[]>();
  const pairList = [...pairs.values()];
  for (const { from, to } of pairList) {
    const a = boxes.get(from) as Box;
    const b = boxes.get(to) as Box;
    const [sa, sb] = sideOf(a, b);
    const key = JSON.stringify([from, to]);
    (ports.get(`${from}|${sa}`) ?? ports.set(`${from}|${sa}`, []).get(`${from}|${sa}`))?.push({ key: `${key}|out`, other: b.x + b.w / 2 });
    (ports.get(`${to}|${sb}`) ?? ports.set(`${to}|${sb}`, []).get(`${to}|${sb}`))?.push({ key: `${key}|in`, other: a.x + a.w / 2 });
  }
  const portX = new Map<string, number>();
  for (const [where, list] of ports) {
    const b = boxes.get(where.slice(0, where.lastIndexOf('|'))) as Box;
    list.sort((p, q) => p.other - q.other);
    list.forEach((p, i) => portX.set(p.key, b.x + (b.w * (i + 1)) / (list.length + 1)));
  }

  // Labels go where they overlap no box and no label already placed, sliding along their arrow.
  type Rect = { x: number; y: number; w: number; h: number };
  const placed: Rect[] = [...boxes.values()].map((b) => ({ x: b.x - 4, y: b.y - 4, w: b.w + loopWidth(b.state) + 8, h: b.h + 8 }));
  const overlaps = (r: Rect): boolean => placed.some((q) => r.x < q.x + q.w && q.x < r.x + r.w && r.y < q.y + q.h && q.y < r.y + r.h);
  const at = (t: number, p0: [number, number], c: [number, number], p2: [number, number]): [number, number] => {
    const u = 1 - t;
    return [u * u * p0[0] + 2 * u * t * c[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * c[1] + t * t * p2[1]];
  };

  for (const { from, to, edges } of pairList) {
    const a = boxes.get(from) as Box;
    const b = boxes.get(to) as Box;
    const key = JSON.stringify([from, to]);
    const [sa, sb] = sideOf(a, b);
    const start: [number, number] = [portX.get(`${key}|out`) ?? a.x + a.w / 2, sa === 'bottom' ? a.y + a.h : a.y];
    const end: [number, number] = [portX.get(`${key}|in`) ?? b.x + b.w / 2, sb === 'bottom' ? b.y + b.h : b.y];
    const control: [number, number] =
      b.layer > a.layer
        ? [(start[0] + end[0]) / 2, (start[1] + end[1]) / 2]
        : b.layer < a.layer
          ? [(start[0] + end[0]) / 2 + 64, (start[1] + end[1]) / 2]
          : [(start[0] + end[0]) / 2, a.y - 52];
    const w = Math.max(...edges.map((e) => textWidth(edgeText(e), EDGE_SIZE))) + 6;
    const h = edges.length * LINE + 2;
    let mid = at(0.5, start, control, end);
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.15, 0.85]) {
      const p = at(t, start, control, end);
      if (!overlaps({ x: p[0] - w / 2, y: p[1] - h / 2, w, h })) {
        mid = p;
        break;
      }
    }
    placed.push({ x: mid[0] - w / 2, y: mid[1] - h / 2, w, h });
    const taken = isTaken(edges);
    out.push(
      `<g class="banshi-edge${taken ? ' taken' : ''}" data-from="${escapeHtml(from)}" data-to="${escapeHtml(to)}"${taken ? ' data-taken="true"' : ''}>`,
      `<path d="M${num(start[0])},${num(start[1])} Q${num(control[0])},${num(control[1])} ${num(end[0])},${num(end[1])}" ${stroke(taken)}/>`,
      textBlock(mid[0], mid[1], 'middle', edges, taken),
      '</g>',
    );
  }

  for (const [state, edges] of loops) {
    const b = boxes.get(state) as Box;
    const x = b.x + b.w;
    const cy = b.y + b.h / 2;
    const taken = isTaken(edges);
    out.push(
      `<g class="banshi-edge banshi-loop${taken ? ' taken' : ''}" data-from="${escapeHtml(state)}" data-to="${escapeHtml(state)}"${taken ? ' data-taken="true"' : ''}>`,
      `<path d="M${num(x)},${num(cy - 7)} C${num(x + 30)},${num(cy - 26)} ${num(x + 30)},${num(cy + 26)} ${num(x + 1)},${num(cy + 7)}" ${stroke(taken)}/>`,
      textBlock(x + 34, cy, 'start', edges, taken),
      '</g>',
    );
  }

  for (const state of d.states) {
    const b = boxes.get(state) as Box;
    const current = marks.current === state;
    const visited = marks.visited.has(state);
    const [fill, line, lw] = current ? ['#fde68a', '#b45309', 3] : visited ? ['#dbeafe', '#1d4ed8', 2] : ['#ffffff', '#475569', 1.2];
    const label = options.labels?.[state];
    const cx = b.x + b.w / 2;
    out.push(
      `<g class="banshi-state${current ? ' current' : ''}${visited ? ' visited' : ''}" data-state="${escapeHtml(state)}"${current ? ' data-current="true" aria-current="step"' : ''}${visited ? ' data-visited="true"' : ''}>`,
      `<title>${escapeHtml(label === undefined ? state : options.stateIds === false ? label : `${label} (${state})`)}</title>`,
      `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.w)}" height="${num(b.h)}" rx="8" fill="${fill}" stroke="${line}" stroke-width="${String(lw)}"/>`,
    );
    if (d.finals.includes(state)) out.push(`<rect x="${num(b.x + 3)}" y="${num(b.y + 3)}" width="${num(b.w - 6)}" height="${num(b.h - 6)}" rx="6" fill="none" stroke="${line}" stroke-width="1"/>`);
    if (label === undefined || options.stateIds === false) {
      out.push(`<text x="${num(cx)}" y="${num(b.y + 21)}" text-anchor="middle" font-size="${LABEL_SIZE}" fill="#0f172a">${escapeHtml(label ?? state)}</text>`);
    } else {
      out.push(
        `<text x="${num(cx)}" y="${num(b.y + 19)}" text-anchor="middle" font-size="${LABEL_SIZE}" fill="#0f172a">${escapeHtml(label)}</text>`,
        `<text x="${num(cx)}" y="${num(b.y + 35)}" text-anchor="middle" font-size="${ID_SIZE}" fill="#64748b">${escapeHtml(state)}</text>`,
      );
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
