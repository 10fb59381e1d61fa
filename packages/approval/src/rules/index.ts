export { configurableRules, licensingRules, resolveRules, ruleUnits, specialProcedures } from './licensingRules.js';
export type { ConfigurableRuleKey, LicensingRule, LicensingRuleKey, ResolvedRules, RuleUnit, SpecialProcedure } from './licensingRules.js';
