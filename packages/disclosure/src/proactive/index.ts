export {
  createProactiveDecider,
  evolvePublicInfo,
  initialPublicInfoState,
  publicInfoCommandSchema,
  publicInfoTransitions,
  type PublicInfoCommand,
  type PublicInfoState,
  type PublicInfoStatus,
} from './proactiveDecider.js';
