export { catalogRules, type CatalogRuleName } from './catalogRules.js';
