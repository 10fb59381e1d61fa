import type { Projection, StoredEvent } from '@banshi/core';
import type { ItemElements, ItemLevel } from '../item/itemElements.js';
import type { ItemEvent } from '../item/itemEvents.js';
import { cleanupDecisions, cleanupDecisionTypes, type CleanupDecision } from '../item/itemLifecycle.js';
import type { CampaignEvent } from './campaignEvents.js';

/**
 * The "four reductions" (四个减少) measures: items, time limits (promised and statutory
 * working days), steps (环节) and materials.
 *
 * @example
 * const t: ReductionTotals = { items: 1, promisedLimitDays: 5, statutoryLimitDays: 20, steps: 3, materials: 4 };
 */
export interface ReductionTotals {
  items: number;
  promisedLimitDays: number;
  statutoryLimitDays: number;
  steps: number;
  materials: number;
}

/**
 * One campaign's figures, all counted from events.
 *
 * @example
 * report.campaigns.get('tz-2013')?.decisions.cancelled; // 159
 */
export interface CampaignFigures {
  readonly campaignId: string;
  /** From `CampaignOpened`; `null` while only item decisions naming the campaign were seen. */
  name: string | null;
  level: ItemLevel | null;
  openedOn: string | null;
  closedOn: string | null;
  readonly decisions: Record<CleanupDecision, number>;
  /** The decided items as they stood just before the decision. */
  readonly before: ReductionTotals;
  /** The items still in the approval list after the decision (保留), with their elements after it. */
  readonly after: ReductionTotals;
  firstDecisionOn: string | null;
  lastDecisionOn: string | null;
}

type Measure = Omit<ReductionTotals, 'items'>;

/**
 * State of {@link cleanupReport}.
 *
 * @example
 * const state: CleanupReportState = await foldProjection(store.readAll(), cleanupReport);
 */
export interface CleanupReportState {
  readonly campaigns: Map<string, CampaignFigures>;
  /** Each item's current measures, so a decision knows the "before" side. */
  readonly items: Map<string, Measure>;
}

const zero = (): ReductionTotals => ({ items: 0, promisedLimitDays: 0, statutoryLimitDays: 0, steps: 0, materials: 0 });
const measure = (e: ItemElements): Measure => ({ promisedLimitDays: e.promisedLimitDays, statutoryLimitDays: e.statutoryLimitDays ?? 0, steps: e.steps.length, materials: e.materials.length });
const add = (t: ReductionTotals, m: Measure) => {
  t.items++;
  t.promisedLimitDays += m.promisedLimitDays;
  t.statutoryLimitDays += m.statutoryLimitDays;
  t.steps += m.steps;
  t.materials += m.materials;
};

function campaign(state: CleanupReportState, id: string): CampaignFigures {
  let c = state.campaigns.get(id);
  if (!c) {
    c = { campaignId: id, name: null, level: null, openedOn: null, closedOn: null, decisions: { cancelled: 0, delegated: 0, adjusted: 0, retained: 0 }, before: zero(), after: zero(), firstDecisionOn: null, lastDecisionOn: null };
    state.campaigns.set(id, c);
  }
  return c;
}

const types = ['ItemRegistered', 'ItemRevised', 'ItemCleanupDecided', 'CampaignOpened', 'CampaignClosed'] as const satisfies readonly (ItemEvent | CampaignEvent)['type'][];

/**
 * Per-campaign cleanup figures: decisions per kind, and the four reductions before vs after.
 * Totals are never stored in events; this reducer counts them. Use {@link reductionRate} and
 * {@link fourReductions} to read it.
 *
 * @example
 * const report = await foldProjection(store.readAll(), cleanupReport);
 * reductionRate(report.campaigns.get('tz-2013')!); // 329 / 897 = 0.3668
 */
export const cleanupReport: Projection<CleanupReportState> = {
  name: 'catalog.cleanupReport',
  types,
  init: () => ({ campaigns: new Map(), items: new Map() }),
  apply(state, stored: StoredEvent) {
    const event = stored as unknown as ItemEvent | CampaignEvent;
    switch (event.type) {
      case 'ItemRegistered':
      case 'ItemRevised':
        state.items.set(event.data.code, measure(event.data.elements));
        break;
      case 'ItemCleanupDecided': {
        const d = event.data;
        const c = campaign(state, d.campaignId);
        const before = state.items.get(d.code) ?? { promisedLimitDays: 0, statutoryLimitDays: 0, steps: 0, materials: 0 };
        c.decisions[d.decision]++;
        add(c.before, before);
        const after = d.elements ? measure(d.elements) : before;
        if (!cleanupDecisions[d.decision].reduces) add(c.after, after);
        state.items.set(d.code, after);
        if (c.firstDecisionOn === null || d.decidedOn < c.firstDecisionOn) c.firstDecisionOn = d.decidedOn;
        if (c.lastDecisionOn === null || d.decidedOn > c.lastDecisionOn) c.lastDecisionOn = d.decidedOn;
        break;
      }
      case 'CampaignOpened': {
        const c = campaign(state, event.data.campaignId);
        c.name = event.data.name;
        c.level = event.data.level;
        c.openedOn = event.data.openedOn;
        break;
      }
      case 'CampaignClosed':
        campaign(state, event.data.campaignId).closedOn = event.data.closedOn;
        break;
      default:
        break;
    }
    return state;
  },
  snapshot: (state) => structuredClone({ campaigns: [...state.campaigns.values()], items: [...state.items.entries()] }),
  restore: (snapshot) => {
    const s = structuredClone(snapshot as { campaigns: CampaignFigures[]; items: [string, Measure][] });
    return { campaigns: new Map(s.campaigns.map((c) => [c.campaignId, c])), items: new Map(s.items) };
  },
};

/**
 * Items decided in the campaign (the denominator of the reduction rate).
 *
 * @example
 * decidedItems(figures); // 897
 */
export function decidedItems(figures: CampaignFigures): number {
  let n = 0;
  for (const d of cleanupDecisionTypes) n += figures.decisions[d];
  return n;
}

/**
 * Items cancelled, delegated or adjusted (the numerator of the reduction rate).
 *
 * @example
 * reducedItems(figures); // 159 + 64 + 106 = 329
 */
export function reducedItems(figures: CampaignFigures): number {
  let n = 0;
  for (const d of cleanupDecisionTypes) if (cleanupDecisions[d].reduces) n += figures.decisions[d];
  return n;
}

/**
 * Reduction rate (削减率) = (cancelled + delegated + adjusted) / total, in [0, 1]; 0 when no
 * item was decided. Unrounded: round only when formatting (`formatPercent`).
 *
 * @example
 * reductionRate(figures); // 0.36677814938684503 for 329 / 897
 */
export function reductionRate(figures: CampaignFigures): number {
  const total = decidedItems(figures);
  return total === 0 ? 0 : reducedItems(figures) / total;
}

/**
 * One measure of the four reductions.
 *
 * @example
 * fourReductions(figures).steps; // { before: 18, after: 5, reduction: 13 }
 */
export interface ReductionLine {
  readonly before: number;
  readonly after: number;
  /** before − after */
  readonly reduction: number;
}

/**
 * The four reductions of a campaign: items, time limits (promised and statutory working days),
 * steps and materials — before vs after.
 *
 * @example
 * fourReductions(figures).items; // { before: 897, after: 568, reduction: 329 }
 */
export function fourReductions(figures: CampaignFigures): Record<keyof ReductionTotals, ReductionLine> {
  const line = (k: keyof ReductionTotals): ReductionLine => ({ before: figures.before[k], after: figures.after[k], reduction: figures.before[k] - figures.after[k] });
  return { items: line('items'), promisedLimitDays: line('promisedLimitDays'), statutoryLimitDays: line('statutoryLimitDays'), steps: line('steps'), materials: line('materials') };
}

/**
 * Whether every decision naming the campaign fell while it was open (opened, and dated between
 * `openedOn` and `closedOn`). Item streams cannot see campaign streams, so the report checks it.
 *
 * @example
 * decisionsWithinCampaign(figures); // true
 */
export function decisionsWithinCampaign(figures: CampaignFigures): boolean {
  if (figures.firstDecisionOn === null) return true;
  if (figures.openedOn === null || figures.firstDecisionOn < figures.openedOn) return false;
  return figures.closedOn === null || (figures.lastDecisionOn as string) <= figures.closedOn;
}
