/**
 * The parts of an xstate v5 state node a transition table is read from. Structural, so core
 * needs no xstate dependency; an xstate `StateMachine` fits it as is.
 */
export interface MachineNodeLike {
  readonly key: string;
  readonly id: string;
  readonly parent?: MachineNodeLike | undefined;
  readonly states: Readonly<Record<string, MachineNodeLike>>;
  /** `'final'` for a final state (read by the diagrams only). */
  readonly type?: string | undefined;
  /** The root's initial transition (read by the diagrams only). */
  readonly initial?: { readonly target?: readonly MachineNodeLike[] | undefined } | undefined;
  readonly always?: readonly unknown[] | undefined;
  readonly after: readonly unknown[];
  readonly transitions: ReadonlyMap<string, readonly { readonly target?: readonly MachineNodeLike[] | undefined; readonly guard?: unknown }[]>;
}

/**
 * A flat xstate machine: a root whose child states are the lifecycle's statuses.
 *
 * @example
 * const m: FlatMachineLike = setup({}).createMachine({ id: 'item', initial: 'draft', states: { draft: {} } });
 */
export interface FlatMachineLike {
  readonly id: string;
  readonly root: MachineNodeLike;
}

/**
 * One candidate transition read off the machine: where it goes and the named guard it needs
 * (`undefined`: none).
 *
 * @example
 * const e: TableEdge<'intake' | 'review', 'notYetNotified'> = { target: 'review', guard: undefined };
 */
export interface TableEdge<S extends string, G extends string = never> {
  readonly target: S;
  readonly guard: G | undefined;
}

/**
 * For each status and event type, the machine's candidate transitions in document order
 * (the first whose guard holds wins, as in xstate).
 *
 * @example
 * table.intake.CaseAccepted; // [{ target: 'review', guard: undefined }]
 */
export type TransitionTable<S extends string, T extends string, G extends string = never> = {
  readonly [K in S]: Readonly<Partial<Record<T, readonly TableEdge<S, G>[]>>>;
};

function guardName<G extends string>(guard: unknown, guards: readonly G[], where: string): G | undefined {
  if (guard === undefined) return undefined;
  const name =
    typeof guard === 'string' ? guard : typeof guard === 'object' && guard !== null && 'type' in guard && typeof guard.type === 'string' ? guard.type : undefined;
  if (name === undefined || !(guards as readonly string[]).includes(name)) {
    throw new TypeError(`${where}: only named guards (${guards.join(', ') || 'none declared'}) can be read into a transition table; name the guard and share it with evolve`);
  }
  return name as G;
}

/**
 * Reads a lifecycle's transition table off a flat xstate machine once, so a fast `evolve` or
 * `decide` looks up a small object and follows exactly the machine's rules (design §3: the
 * machine is the truth, the fast path reads it). Throws a `TypeError` when the machine has a
 * shape the table cannot represent: states that are not `statuses` (or a status with no state),
 * nested states, eventless (`always`) or delayed (`after`) transitions, several targets, a target
 * below the top level, or a guard that is not one of the named `guards`.
 *
 * @example
 * const table = readTransitionTable<ItemStatus, ItemEventType, ItemGuard>(itemMachine, itemStatuses, Object.keys(itemGuards));
 * table.draft.ItemPublished; // [{ target: 'published', guard: undefined }]
 */
export function readTransitionTable<S extends string, T extends string, G extends string = never>(
  machine: FlatMachineLike,
  statuses: readonly S[],
  guards: readonly G[] = [],
): TransitionTable<S, T, G> {
  const nodes = machine.root.states;
  const extra = Object.keys(nodes).filter((key) => !(statuses as readonly string[]).includes(key));
  if (extra.length > 0) throw new TypeError(`machine ${machine.id} has states that are not statuses: ${extra.join(', ')}`);
  const table = {} as Record<S, Partial<Record<T, TableEdge<S, G>[]>>>;
  for (const status of statuses) {
    const node = Object.hasOwn(nodes, status) ? nodes[status] : undefined;
    if (node === undefined) throw new TypeError(`machine ${machine.id} has no state for status ${status}`);
    if (Object.keys(node.states).length > 0 || (node.always !== undefined && node.always.length > 0) || node.after.length > 0) {
      throw new TypeError(`machine ${machine.id}: state ${status} must be flat, without always/after transitions`);
    }
    const row: Partial<Record<T, TableEdge<S, G>[]>> = {};
    for (const [eventType, definitions] of node.transitions) {
      row[eventType as T] = definitions.map((d) => {
        const where = `machine ${machine.id}: ${status} on ${eventType}`;
        if (d.target !== undefined && d.target.length > 1) throw new TypeError(`${where}: one target only`);
        const target = d.target?.[0] ?? node;
        if (target.parent !== machine.root || !(statuses as readonly string[]).includes(target.key)) {
          throw new TypeError(`${where}: target ${target.id} is not a top-level status`);
        }
        return { target: target.key as S, guard: guardName(d.guard, guards, where) };
      });
    }
    table[status] = row;
  }
  return table;
}

/**
 * The status an event leads to from `status`, judging each candidate's named guard with
 * `holds`, or `undefined` when the machine does not take the event there.
 *
 * @example
 * nextStatusIn(table, 'intake', 'SupplementNotified', (g) => approvalGuards[g](data, event)); // 'awaitingSupplement'
 */
export function nextStatusIn<S extends string, T extends string, G extends string>(
  table: TransitionTable<S, T, G>,
  status: S,
  eventType: T,
  holds: (guard: G) => boolean,
): S | undefined {
  const edges = table[status][eventType];
  if (edges === undefined) return undefined;
  for (const edge of edges) if (edge.guard === undefined || holds(edge.guard)) return edge.target;
  return undefined;
}
