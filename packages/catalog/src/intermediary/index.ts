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
export { agencyDecider, agencyCommandSchema, agencyLifecycle, type AgencyCommand, type AgencyState, type AgencyStatus } from './agencyDecider.js';
export { intermediaryRegister, publishedAgencies, type IntermediaryRegisterState, type RegisteredAgency, type RegisterCounts } from './intermediaryRegister.js';
