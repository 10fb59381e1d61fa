export { requestCommandSchema, parseRequestCommand, type RequestCommand, type RequestCommandType } from './requestCommands.js';
export { requestMachine, requestStatuses, type RequestStatus } from './requestMachine.js';
export { allows, requestTransitions } from './requestTransitions.js';
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
