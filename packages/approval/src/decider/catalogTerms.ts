import type { Handling } from '../events/index.js';
import type { ItemLimit, ItemLimits } from './createApprovalDecider.js';

/**
 * What a catalog item version (`@banshi/catalog`'s `ItemElements`, matched by shape) says about a case's limits: its
 * handling (即办件 / 承诺件), promised limit and required visits, and — when another law sets a statutory limit other than
 * 第四十二条's — that limit with its basis (`statutoryLimitBasis`).
 *
 * @example
 * const terms: CatalogItemTerms = { handling: '承诺件', promisedLimitDays: 12, requiredVisits: 1, statutoryLimitDays: 30, statutoryLimitBasis: { law: '某条例', article: '第十二条' } };
 */
export interface CatalogItemTerms {
  readonly handling: '即办件' | '承诺件';
  readonly promisedLimitDays: number;
  readonly requiredVisits: number;
  readonly statutoryLimitDays: number | null;
  readonly statutoryLimitBasis?: { readonly law: string; readonly article: string } | undefined;
}

/**
 * The `Receive` fields a catalog item version in force on the receipt date gives (the one path from the catalog to a
 * case): `handling`, `promisedLimit`, `requiredVisits` and, when the version names another law's limit and its basis
 * (行政许可法 第四十二条: 法律、法规另有规定的，依照其规定), `statutoryLimit`. That law's extension is not in the catalog, so none
 * is given (the decider then allows none; rule `itemStatutoryLimit`). A version without a basis follows 第四十二条.
 *
 * @example
 * const v = requireItemVersionOn(catalog, 'XK-30', '2013-09-16');
 * await handle(store, 'case-1', { ...receive, ...receiveTermsOf(v.elements) }, approval);
 */
export function receiveTermsOf(elements: CatalogItemTerms): {
  readonly handling: Handling;
  readonly promisedLimit: number;
  readonly requiredVisits: number;
  readonly statutoryLimit?: { readonly days: number; readonly law: string; readonly article: string };
} {
  const handling: Handling = elements.handling === '即办件' ? 'immediate' : 'standard';
  const base = { handling, promisedLimit: elements.promisedLimitDays, requiredVisits: elements.requiredVisits };
  const basis = elements.statutoryLimitBasis;
  return basis && elements.statutoryLimitDays !== null ? { ...base, statutoryLimit: { days: elements.statutoryLimitDays, law: basis.law, article: basis.article } } : base;
}

/**
 * The decider's `itemLimits` from catalog item versions (each item's version in force on the day the decider is built
 * for), through {@link receiveTermsOf}: for a deployment that builds its decider from a fixed catalog.
 *
 * @example
 * const approval = createApprovalDecider({ itemLimits: itemLimitsOf([{ code: 'XK-30', elements: v.elements }]) });
 */
export function itemLimitsOf(versions: Iterable<{ readonly code: string; readonly elements: CatalogItemTerms }>): ItemLimits {
  const out: Record<string, ItemLimit> = {};
  for (const { code, elements } of versions) {
    const t = receiveTermsOf(elements);
    out[code] = { handling: t.handling, promised: t.promisedLimit, requiredVisits: t.requiredVisits, ...(t.statutoryLimit ? { statutory: t.statutoryLimit } : {}) };
  }
  return out;
}
