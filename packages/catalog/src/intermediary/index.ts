export {
  agencyInfoSchema,
  AgencySubmitted,
  AgencyApproved,
  AgencyReturned,
  AgencyPublished,
  AgencyUpdated,
  AgencyDelisted,
  agencyEvents,
  type AgencyInfo,
  type AgencyEvent,
} from './agencyEvents.js';
export { agencyDecider, agencyCommandSchema, type AgencyCommand, type AgencyState } from './agencyDecider.js';
export { agencyMachine, agencyTable, nextAgencyStatus, agencyStatuses, type AgencyStatus } from './agencyMachine.js';
export { intermediaryRegister, publishedAgencies, type IntermediaryRegisterState, type RegisteredAgency, type RegisterCounts } from './intermediaryRegister.js';
