export { CenterEstablished, SubCenterOpened, SubCenterClosed, nodeEvents, type NodeEvent } from './nodeEvents.js';
export { nodeDecider, nodeCommandSchema, type NodeCommand, type NodeRegistryState } from './nodeDecider.js';
export { centerNodes, activeSubCenters, type CenterNodesState, type ServiceCenter, type SubCenter } from './centerNodes.js';
