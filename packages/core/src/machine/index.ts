export { nextStatusIn, readTransitionTable } from './readTransitionTable.js';
export type { FlatMachineLike, MachineNodeLike, TableEdge, TransitionTable } from './readTransitionTable.js';
