export { disclosureErrorCodes, InvalidDisclosureCommandError, InvalidReportOptionsError, ruleError, type DisclosureErrorCode } from './disclosureErrors.js';
