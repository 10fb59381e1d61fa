import { BanshiError } from '@banshi/core';

/**
 * Every stable error code of `@banshi/catalog`. Deciders return a core `DomainError` with one
 * of these codes (its message names the rule and its basis); `requireItemVersionOn` throws
 * {@link ItemNotInForceError}.
 *
 * @example
 * catalogErrorCodes.includes('ITEM_ALREADY_REGISTERED'); // true
 */
export const catalogErrorCodes = [
  'CATALOG_INVALID_COMMAND',
  'ITEM_NOT_REGISTERED',
  'ITEM_ALREADY_REGISTERED',
  'ITEM_NOT_IN_CATALOG',
  'ITEM_VERSION_OUT_OF_ORDER',
  'ITEM_LICENSING_WITHOUT_BASIS',
  'ITEM_PROMISE_EXCEEDS_STATUTE',
  'ITEM_HANDLING_MISMATCH',
  'ITEM_FEE_WITHOUT_BASIS',
  'ITEM_ALREADY_DECIDED_IN_CAMPAIGN',
  'ITEM_DELEGATION_NOT_LOWER',
  'ITEM_CODE_MISMATCH',
  'ITEM_NOT_IN_FORCE',
  'CAMPAIGN_NOT_OPENED',
  'CAMPAIGN_ALREADY_OPENED',
  'CAMPAIGN_CLOSED',
  'CAMPAIGN_DATE_ORDER',
  'AGENCY_NOT_SUBMITTED',
  'AGENCY_COMMAND_NOT_ALLOWED',
  'AGENCY_RETURN_WITHOUT_REASONS',
  'AGENCY_DELISTED',
  'SURVEY_NOT_ISSUED',
  'SURVEY_ALREADY_ISSUED',
  'SURVEY_RETURNS_EXCEED_ISSUED',
  'SURVEY_CLOSED',
  'DEAL_NOT_REGISTERED',
  'DEAL_ALREADY_REGISTERED',
  'DEAL_BUDGET_REQUIRED',
  'DEAL_AREA_REQUIRED',
  'DEAL_ALREADY_FINAL',
  'NOTICE_NOT_PUBLISHED',
  'NOTICE_ALREADY_PUBLISHED',
  'NOTICE_WITHDRAWN',
  'PUBLICITY_NOT_PUBLISHED',
  'PUBLICITY_ALREADY_RECORDED',
  'PUBLICATION_NOT_REGISTERED',
  'PUBLICATION_ALREADY_REGISTERED',
  'CENTER_NOT_ESTABLISHED',
  'CENTER_ALREADY_ESTABLISHED',
  'SUBCENTER_DUPLICATE',
  'SUBCENTER_UNKNOWN',
] as const;

/**
 * One of {@link catalogErrorCodes}.
 *
 * @example
 * if ((e as DomainError).code === ('ITEM_NOT_REGISTERED' satisfies CatalogErrorCode)) register();
 */
export type CatalogErrorCode = (typeof catalogErrorCodes)[number];

/**
 * No version of the item was in force on that date: it was registered later, or it had
 * been cancelled or delegated by then. Check the item code and the receipt date.
 *
 * @example
 * try { requireItemVersionOn(view, 'XK-001', '2012-01-01'); }
 * catch (e) { if (e instanceof ItemNotInForceError) console.log(e.code); } // 'ITEM_NOT_IN_FORCE'
 */
export class ItemNotInForceError extends BanshiError {
  constructor(
    readonly itemCode: string,
    readonly date: string,
  ) {
    super(
      'ITEM_NOT_IN_FORCE',
      `catalog item ${itemCode} was not in force on ${date}: it is unknown, registered later, or cancelled/delegated by then. Check the item code and the receipt date.`,
    );
  }
}
