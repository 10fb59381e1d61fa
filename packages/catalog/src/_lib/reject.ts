import { DomainError } from '@banshi/core';
import type { CatalogErrorCode } from '../errors/index.js';
import { catalogRules, type CatalogRuleName } from '../rules/index.js';

/** A `DomainError` whose message ends with the basis of the rule that forbade the command. */
export function reject(code: CatalogErrorCode, message: string, rule: CatalogRuleName): DomainError {
  return new DomainError(code, message, { key: rule, basis: catalogRules[rule].basis });
}
