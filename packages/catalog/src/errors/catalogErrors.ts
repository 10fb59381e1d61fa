import { BanshiError } from '@banshi/core';

/**
 * Every stable error code of `@banshi/catalog`. Deciders return a core `DomainError` with one
 * of these codes (its message names the rule and its basis); `requireItemVersionOn` throws
 * {@link ItemNotInForceError}.
 *
 * @example
 * catalogErrorCodes.includes('CATALOG_ITEM_ALREADY_REGISTERED'); // true
 */
export const catalogErrorCodes = [
  'CATALOG_INVALID_COMMAND',
  'CATALOG_ITEM_NOT_REGISTERED',
  'CATALOG_ITEM_ALREADY_REGISTERED',
  'CATALOG_ITEM_NOT_IN_CATALOG',
  'CATALOG_ITEM_VERSION_OUT_OF_ORDER',
  'CATALOG_ITEM_LICENSING_WITHOUT_BASIS',
  'CATALOG_ITEM_PROMISE_EXCEEDS_STATUTE',
  'CATALOG_ITEM_HANDLING_MISMATCH',
  'CATALOG_ITEM_FEE_WITHOUT_BASIS',
  'CATALOG_ITEM_ALREADY_DECIDED_IN_CAMPAIGN',
  'CATALOG_ITEM_DELEGATION_NOT_LOWER',
  'CATALOG_ITEM_CODE_MISMATCH',
  'CATALOG_ITEM_NOT_IN_FORCE',
  'CATALOG_CAMPAIGN_NOT_OPENED',
  'CATALOG_CAMPAIGN_ALREADY_OPENED',
  'CATALOG_CAMPAIGN_CLOSED',
  'CATALOG_CAMPAIGN_DATE_ORDER',
  'CATALOG_AGENCY_NOT_SUBMITTED',
  'CATALOG_AGENCY_COMMAND_NOT_ALLOWED',
  'CATALOG_AGENCY_RETURN_WITHOUT_REASONS',
  'CATALOG_AGENCY_REVIEWER_UNKNOWN',
  'CATALOG_AGENCY_REVIEWER_NOT_ACTOR',
  'CATALOG_AGENCY_DELISTED',
  'CATALOG_SURVEY_NOT_ISSUED',
  'CATALOG_SURVEY_ALREADY_ISSUED',
  'CATALOG_SURVEY_RETURNS_EXCEED_ISSUED',
  'CATALOG_SURVEY_CLOSED',
  'CATALOG_DEAL_NOT_REGISTERED',
  'CATALOG_DEAL_ALREADY_REGISTERED',
  'CATALOG_DEAL_BUDGET_REQUIRED',
  'CATALOG_DEAL_AREA_REQUIRED',
  'CATALOG_DEAL_ALREADY_FINAL',
  'CATALOG_NOTICE_NOT_PUBLISHED',
  'CATALOG_NOTICE_ALREADY_PUBLISHED',
  'CATALOG_NOTICE_WITHDRAWN',
  'CATALOG_PUBLICITY_NOT_PUBLISHED',
  'CATALOG_PUBLICITY_ALREADY_RECORDED',
  'CATALOG_PUBLICATION_NOT_REGISTERED',
  'CATALOG_PUBLICATION_ALREADY_REGISTERED',
  'CATALOG_CENTER_NOT_ESTABLISHED',
  'CATALOG_CENTER_ALREADY_ESTABLISHED',
  'CATALOG_SUBCENTER_DUPLICATE',
  'CATALOG_SUBCENTER_UNKNOWN',
] as const;

/**
 * One of {@link catalogErrorCodes}.
 *
 * @example
 * if ((e as DomainError).code === ('CATALOG_ITEM_NOT_REGISTERED' satisfies CatalogErrorCode)) register();
 */
export type CatalogErrorCode = (typeof catalogErrorCodes)[number];

/**
 * No version of the item was in force on that date: it was registered later, or it had
 * been cancelled or delegated by then. Check the item code and the receipt date.
 *
 * @example
 * try { requireItemVersionOn(view, 'XK-001', '2012-01-01'); }
 * catch (e) { if (e instanceof ItemNotInForceError) console.log(e.code); } // 'CATALOG_ITEM_NOT_IN_FORCE'
 */
export class ItemNotInForceError extends BanshiError {
  constructor(
    readonly itemCode: string,
    readonly date: string,
  ) {
    super(
      'CATALOG_ITEM_NOT_IN_FORCE',
      `catalog item ${itemCode} was not in force on ${date}: it is unknown, registered later, or cancelled/delegated by then. Check the item code and the receipt date.`,
    );
  }
}
