import { parseBusinessDate } from '@banshi/calendar';
import type { Projection, StoredEvent } from '@banshi/core';
import { ItemNotInForceError } from '../errors/index.js';
import { standardKinds, type ItemElements, type StandardKind } from './itemElements.js';
import type { ItemEvent } from './itemEvents.js';
import { cleanupDecisions, type CleanupDecision, type ItemStatus } from './itemLifecycle.js';

/**
 * One dated version of an item; `elements: null` means the item left the catalog that day.
 *
 * @example
 * view.items.get('XK-001')?.versions[0]?.effectiveFrom; // '2013-01-01'
 */
export interface CatalogItemVersion {
  readonly effectiveFrom: string;
  readonly elements: ItemElements | null;
}

/**
 * One item as the catalog view keeps it.
 *
 * @example
 * view.items.get('XK-001')?.status; // 'retained'
 */
export interface CatalogItem {
  readonly code: string;
  status: ItemStatus;
  standards: StandardKind[];
  /** Versions in effective-date order (the decider guarantees the order). */
  readonly versions: CatalogItemVersion[];
  readonly decisions: { readonly campaignId: string; readonly decision: CleanupDecision; readonly decidedOn: string }[];
}

/**
 * State of {@link catalogView}: every item by code.
 *
 * @example
 * const view: CatalogViewState = await foldProjection(store.readAll(), catalogView);
 */
export interface CatalogViewState {
  readonly items: Map<string, CatalogItem>;
}

/**
 * The elements of an item in force on a date, as {@link itemVersionOn} returns them.
 *
 * @example
 * const v: ItemVersion | undefined = itemVersionOn(view, 'XK-001', '2013-09-16');
 */
export interface ItemVersion {
  readonly code: string;
  /** 1-based index of this version in the item's history. */
  readonly version: number;
  readonly effectiveFrom: string;
  readonly elements: ItemElements;
}

const types = ['ItemRegistered', 'ItemRevised', 'ItemStandardPublished', 'ItemCleanupDecided'] as const satisfies readonly ItemEvent['type'][];

/**
 * Read model of the catalog: every item with its dated versions, standards and decisions.
 * A plain reducer (no machines, no zod); snapshots as JSON.
 *
 * @example
 * const view = await foldProjection(store.readAll(), catalogView);
 * itemVersionOn(view, 'XK-001', '2013-09-16')?.elements.promisedLimitDays; // 5
 */
export const catalogView: Projection<CatalogViewState> = {
  name: 'catalog.catalogView',
  types,
  init: () => ({ items: new Map() }),
  apply(state, stored: StoredEvent) {
    const event = stored as unknown as ItemEvent;
    switch (event.type) {
      case 'ItemRegistered': {
        const d = event.data;
        state.items.set(d.code, { code: d.code, status: 'registered', standards: [], versions: [{ effectiveFrom: d.effectiveFrom, elements: d.elements }], decisions: [] });
        break;
      }
      case 'ItemRevised': {
        const item = state.items.get(event.data.code);
        item?.versions.push({ effectiveFrom: event.data.effectiveFrom, elements: event.data.elements });
        break;
      }
      case 'ItemStandardPublished': {
        const item = state.items.get(event.data.code);
        if (!item) break;
        if (!item.standards.includes(event.data.standard)) item.standards.push(event.data.standard);
        if (item.status === 'registered' && item.standards.length === standardKinds.length) item.status = 'standardized';
        break;
      }
      case 'ItemCleanupDecided': {
        const d = event.data;
        const item = state.items.get(d.code);
        if (!item) break;
        item.status = d.decision;
        item.decisions.push({ campaignId: d.campaignId, decision: d.decision, decidedOn: d.decidedOn });
        if (!cleanupDecisions[d.decision].remainsInForce) item.versions.push({ effectiveFrom: d.decidedOn, elements: null });
        else if (d.elements) item.versions.push({ effectiveFrom: d.decidedOn, elements: d.elements });
        break;
      }
      default:
        break;
    }
    return state;
  },
  snapshot: (state) => structuredClone([...state.items.values()]),
  restore: (snapshot) => ({ items: new Map(structuredClone(snapshot as CatalogItem[]).map((i) => [i.code, i])) }),
};

/**
 * The item's elements in force on `date` (a receipt date, `yyyy-MM-dd`): the latest version
 * that took effect on or before it, or `undefined` when the item is unknown, not yet
 * registered, or cancelled/delegated by then. Throws `InvalidDateError` for a malformed date.
 * O(log versions).
 *
 * @example
 * const v = itemVersionOn(view, 'XK-001', '2013-09-16');
 * if (v) caseLimit = v.elements.promisedLimitDays, visits = v.elements.requiredVisits;
 */
export function itemVersionOn(state: CatalogViewState, itemCode: string, date: string): ItemVersion | undefined {
  parseBusinessDate(date);
  const item = state.items.get(itemCode);
  if (!item) return undefined;
  const { versions } = item;
  let lo = 0;
  let hi = versions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((versions[mid] as CatalogItemVersion).effectiveFrom <= date) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const v = versions[found];
  if (!v?.elements) return undefined;
  return { code: item.code, version: found + 1, effectiveFrom: v.effectiveFrom, elements: v.elements };
}

/**
 * Like {@link itemVersionOn}, but throws {@link ItemNotInForceError} instead of returning `undefined`.
 *
 * @example
 * const { elements } = requireItemVersionOn(view, 'XK-001', '2013-09-16');
 */
export function requireItemVersionOn(state: CatalogViewState, itemCode: string, date: string): ItemVersion {
  const v = itemVersionOn(state, itemCode, date);
  if (!v) throw new ItemNotInForceError(itemCode, date);
  return v;
}

const inCatalog = (s: ItemStatus): boolean => s === 'registered' || s === 'standardized' || cleanupDecisions[s].remainsInForce;

/**
 * Standardization progress of one department (实施部门).
 *
 * @example
 * departmentStandardization(view)[0]; // { department: '市商务局', items: 12, standardized: 12, complete: true }
 */
export interface DepartmentStandardization {
  readonly department: string;
  /** Items of the department still in this catalog. */
  readonly items: number;
  /** Of those, items with all four standards published. */
  readonly standardized: number;
  /** True when every item of the department is standardized (the seed's "基本完成了编制工作"). */
  readonly complete: boolean;
}

/**
 * Standardization per department, over the items still in the catalog (not cancelled or
 * delegated), grouped by each item's latest department; sorted by department.
 *
 * @example
 * departmentStandardization(view).filter((d) => d.complete).length; // 22 for Taizhou 2013
 */
export function departmentStandardization(state: CatalogViewState): DepartmentStandardization[] {
  const byDept = new Map<string, { items: number; standardized: number }>();
  for (const item of state.items.values()) {
    if (!inCatalog(item.status)) continue;
    let elements: ItemElements | null = null;
    for (let i = item.versions.length - 1; i >= 0 && !elements; i--) elements = (item.versions[i] as CatalogItemVersion).elements;
    if (!elements) continue;
    const row = byDept.get(elements.department) ?? { items: 0, standardized: 0 };
    row.items++;
    if (item.standards.length === standardKinds.length) row.standardized++;
    byDept.set(elements.department, row);
  }
  return [...byDept.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([department, r]) => ({ department, items: r.items, standardized: r.standardized, complete: r.items > 0 && r.standardized === r.items }));
}
