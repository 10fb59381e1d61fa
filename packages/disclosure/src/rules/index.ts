export { disclosureRules, otherRules, regulationsInForce, ruleSetFor, ruleSetIds, type RuleSet, type RuleSetId } from './disclosureRules.js';
export { receiptChannels, receiptDate, type ReceiptChannel, type ReceiptFacts } from './receiptDate.js';
export { citationInForce, citedDocuments, outcomeRules } from './outcomeRules.js';
export { costFee, informationProcessingFee, perPageFee, perRequestFee, perRequestFenFor, yuan, type CostFeeStandard } from './feeRules.js';
export { disclosureRuleRows, type DisclosureRuleRow } from './disclosureRuleRows.js';
