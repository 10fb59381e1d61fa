/**
 * Process diagrams on the pages: the machine itself drawn by `@banshi/core` (`machineToSvg`, read
 * off the xstate machine, so it cannot drift), with the states this case, request or agency went
 * through and its current state highlighted.
 */
import { machineToSvg, readMachineDiagram, type FlatMachineLike } from '@banshi/core';
import { html, trusted, type Markup } from '../html.js';
import { guardLabels } from '../labels.js';

/**
 * The states a target went through: the machine's edges followed event by event from its initial
 * state, ending in `final` (a guarded fork is decided by what comes after). Consecutive repeats
 * (self-transitions) are collapsed. Null when the events do not walk the machine.
 *
 * @example
 * statesThrough(agencyMachine, ['AgencySubmitted', 'AgencyApproved'], 'approved'); // ['none', 'submitted', 'approved']
 */
export function statesThrough(machine: FlatMachineLike, eventTypes: readonly string[], final: string): string[] | null {
  const d = readMachineDiagram(machine);
  const dead = new Set<string>();
  const walk = (state: string, i: number): string[] | null => {
    if (i === eventTypes.length) return state === final ? [state] : null;
    const key = `${state}#${i}`;
    if (dead.has(key)) return null;
    for (const e of d.edges) {
      if (e.from !== state || e.event !== eventTypes[i]) continue;
      const rest = walk(e.to, i + 1);
      if (rest) return [state, ...rest];
    }
    dead.add(key);
    return null;
  };
  if (d.initial === undefined) return null;
  const states = walk(d.initial, 0);
  return states ? states.filter((s, i) => i === 0 || s !== states[i - 1]) : null;
}

/**
 * The diagram section of a page: the SVG with the path and current state, and the path in words
 * for screen readers.
 *
 * @example
 * diagramSection(approvalMachine, ['CaseReceived'], 'intake', caseStatusLabels, stepLabels, '审批流程');
 */
export function diagramSection(machine: FlatMachineLike, eventTypes: readonly string[], current: string, labels: Readonly<Record<string, string>>, eventLabels: Readonly<Record<string, string>>, title: string): Markup {
  const path = statesThrough(machine, eventTypes, current);
  // Chinese only: states, steps and guards by their labels, the machine's ids kept in data attributes.
  const svg = machineToSvg(machine, { ...(path ? { path } : { current }), labels, eventLabels, guardLabels, stateIds: false, title });
  const words = (path ?? [current]).map((s) => labels[s] ?? s).join(' → ');
  return html`<section class="card diagram" aria-labelledby="diagram-h"><h2 id="diagram-h">${title}</h2>
<p class="muted">由状态机自动绘制；蓝色为已经过的环节，黄色为当前环节。已经过：<span data-testid="diagram-path">${words}</span></p>
<div class="svg" tabindex="0" aria-label="${title}（可横向滚动）">${trusted(svg)}</div></section>`;
}
