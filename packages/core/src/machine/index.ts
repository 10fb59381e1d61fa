export { nextStatusIn, readTransitionTable } from './readTransitionTable.js';
export type { FlatMachineLike, MachineNodeLike, TableEdge, TransitionTable } from './readTransitionTable.js';
export { DiagramError, machineToMermaid, readMachineDiagram } from './machineDiagram.js';
export type { DiagramEdge, DiagramOptions, MachineDiagram } from './machineDiagram.js';
export { machineToSvg } from './machineSvg.js';
