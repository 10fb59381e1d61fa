import { centerId, centerName, taizhouNodes } from '../org/taizhouOrg.js';
import { head, type PlanContext } from './tasks.js';

/** The main center and its four sub-centers (seed §二.3). */
export function planNodes(ctx: PlanContext): void {
  const day = ctx.on('01-04');
  ctx.tasks.push({ day, minute: 1, stream: `center-${centerId}`, kind: 'node', command: { type: 'EstablishCenter', centerId, name: centerName, establishedOn: day }, channel: 'system', actor: head, node: 'tz-center' });
  taizhouNodes.forEach((n, i) => {
    if (n.domain === null) return;
    ctx.tasks.push({ day, minute: 2 + i, stream: `center-${centerId}`, kind: 'node', command: { type: 'OpenSubCenter', centerId, nodeId: n.nodeId, name: n.name, domain: n.domain, openedOn: day }, channel: 'system', actor: head, node: 'tz-center' });
  });
}
