export { requestCommandSchema, parseRequestCommand, type RequestCommand, type RequestCommandType } from './requestCommands.js';
export { allows, requestTransitions, type RequestStatus } from './requestTransitions.js';
export {
  createDisclosureDecider,
  evolveRequest,
  initialRequestState,
  replyClock,
  type DisclosureDecider,
  type DisclosureDeciderOptions,
  type OpenPause,
  type RequestState,
} from './requestDecider.js';
