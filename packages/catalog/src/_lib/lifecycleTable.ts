import type { AnyStateMachine, EventFromLogic } from 'xstate';

/**
 * For each status, the command types a lifecycle machine accepts there (guards aside), in the
 * machine's document order, read off its state nodes once so deciders check a small array instead
 * of running the machine. Throws when the machine is not a flat machine over exactly `statuses`
 * (nested states, eventless or delayed transitions), so the table can never silently drift.
 */
export function lifecycleTable<M extends AnyStateMachine, S extends string>(machine: M, statuses: readonly S[]): { readonly [K in S]: readonly EventFromLogic<M>['type'][] } {
  const nodes = machine.root.states;
  const extra = Object.keys(nodes).filter((key) => !(statuses as readonly string[]).includes(key));
  if (extra.length > 0) throw new TypeError(`machine ${machine.id} has states that are not statuses: ${extra.join(', ')}`);
  const table = {} as Record<S, readonly EventFromLogic<M>['type'][]>;
  for (const status of statuses) {
    const node = nodes[status];
    if (node === undefined) throw new TypeError(`machine ${machine.id} has no state for status ${status}`);
    if (Object.keys(node.states).length > 0 || node.always !== undefined || node.after.length > 0) {
      throw new TypeError(`machine ${machine.id}: state ${status} must be flat, without always/after transitions`);
    }
    table[status] = [...node.transitions.keys()] as EventFromLogic<M>['type'][];
  }
  return table;
}
