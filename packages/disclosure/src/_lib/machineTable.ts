import type { AnyStateMachine, EventFromLogic } from 'xstate';

/**
 * For each status, the event types a flat machine handles there and the statuses each may lead to
 * (its own status for a targetless transition), in the machine's document order, read off the
 * state nodes once so deciders look up a small object instead of running the machine. Throws when
 * the machine is not a flat machine over exactly `statuses` (nested states, eventless or delayed
 * transitions, a target outside the top level), so a derived table can never silently drift.
 */
export function machineTable<M extends AnyStateMachine, S extends string>(
  machine: M,
  statuses: readonly S[],
): { readonly [K in S]: Readonly<Partial<Record<EventFromLogic<M>['type'], readonly S[]>>> } {
  const nodes = machine.root.states;
  const extra = Object.keys(nodes).filter((key) => !(statuses as readonly string[]).includes(key));
  if (extra.length > 0) throw new TypeError(`machine ${machine.id} has states that are not statuses: ${extra.join(', ')}`);
  const table = {} as Record<S, Partial<Record<string, readonly S[]>>>;
  for (const status of statuses) {
    const node = nodes[status];
    if (node === undefined) throw new TypeError(`machine ${machine.id} has no state for status ${status}`);
    if (Object.keys(node.states).length > 0 || node.always !== undefined || node.after.length > 0) {
      throw new TypeError(`machine ${machine.id}: state ${status} must be flat, without always/after transitions`);
    }
    const row: Partial<Record<string, readonly S[]>> = {};
    for (const [type, definitions] of node.transitions) {
      const targets: S[] = [];
      for (const definition of definitions) {
        const target = definition.target === undefined ? [node] : definition.target;
        for (const t of target) {
          if (t.parent !== machine.root) throw new TypeError(`machine ${machine.id}: ${status} × ${type} targets ${t.id}, not a status`);
          if (!targets.includes(t.key as S)) targets.push(t.key as S);
        }
      }
      row[type] = targets;
    }
    table[status] = row;
  }
  return table as { readonly [K in S]: Readonly<Partial<Record<EventFromLogic<M>['type'], readonly S[]>>> };
}
