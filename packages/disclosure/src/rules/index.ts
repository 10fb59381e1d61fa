export { disclosureRules, otherRules, ruleSetFor, ruleSetIds, type RuleSet, type RuleSetId } from './disclosureRules.js';
export { receiptChannels, receiptDate, type ReceiptChannel, type ReceiptFacts } from './receiptDate.js';
