export { createProactiveDecider, publicInfoCommandSchema, type PublicInfoCommand } from './proactiveDecider.js';
export { publicInfoGuards, type PublicInfoGuard } from './publicInfoGuards.js';
export { publicInfoMachine } from './publicInfoMachine.js';
export { applyPublicInfoEvent, initialPublicInfoState, publicInfoStatuses, type PublicInfoState, type PublicInfoStatus } from './publicInfoState.js';
export { evolvePublicInfo, nextPublicInfoStatus, publicInfoTransitions } from './publicInfoTransitions.js';
