export {
  createProactiveDecider,
  evolvePublicInfo,
  initialPublicInfoState,
  publicInfoCommandSchema,
  type PublicInfoCommand,
  type PublicInfoState,
} from './proactiveDecider.js';
export { publicInfoMachine, publicInfoStatuses, type PublicInfoStatus } from './publicInfoMachine.js';
export { publicInfoTransitions } from './publicInfoTransitions.js';
