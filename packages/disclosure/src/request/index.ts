export { requestCommandSchema, parseRequestCommand, type RequestCommand, type RequestCommandType } from './requestCommands.js';
export { requestMachine } from './requestMachine.js';
export { requestGuards, type RequestGuard } from './requestGuards.js';
export { applyRequestEvent, initialRequestState, requestStatuses, type OpenPause, type RequestState, type RequestStatus } from './requestState.js';
export { evolveRequest, nextRequestStatus, requestTransitions } from './requestTransitions.js';
export { createDisclosureDecider, replyClock, type DisclosureDecider, type DisclosureDeciderOptions } from './requestDecider.js';
