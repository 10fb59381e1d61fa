import type { Projection, StoredEvent } from '@banshi/core';
import type { AgencyEvent, AgencyInfo } from './agencyEvents.js';
import type { AgencyStatus } from './agencyMachine.js';

/**
 * One agency as the register keeps it.
 *
 * @example
 * reg.agencies.get('ag-1')?.status; // 'published'
 */
export interface RegisteredAgency {
  readonly agencyId: string;
  status: Exclude<AgencyStatus, 'none'>;
  info: AgencyInfo;
  publishedOn: string | null;
  approved: boolean;
  returned: boolean;
  published: boolean;
}

/**
 * Counts of distinct agencies that ever reached each stage; `delisted` counts agencies off
 * the register now. By the lifecycle, published ≤ approved ≤ submitted.
 *
 * @example
 * reg.counts; // { submitted: 108, approved: 59, returned: 0, published: 59, delisted: 0 }
 */
export interface RegisterCounts {
  submitted: number;
  approved: number;
  returned: number;
  published: number;
  delisted: number;
}

/**
 * State of {@link intermediaryRegister}.
 *
 * @example
 * const reg: IntermediaryRegisterState = await foldProjection(store.readAll(), intermediaryRegister);
 */
export interface IntermediaryRegisterState {
  readonly counts: RegisterCounts;
  readonly agencies: Map<string, RegisteredAgency>;
}

const types = ['AgencySubmitted', 'AgencyApproved', 'AgencyReturned', 'AgencyPublished', 'AgencyUpdated', 'AgencyDelisted'] as const satisfies readonly AgencyEvent['type'][];

/**
 * The intermediary-agency register (中介机构): stage counts and every agency's latest information.
 * Read the published list with {@link publishedAgencies}.
 *
 * @example
 * const reg = await foldProjection(store.readAll(), intermediaryRegister);
 * reg.counts; // { submitted: 108, approved: 59, returned: 0, published: 59, delisted: 0 }
 */
export const intermediaryRegister: Projection<IntermediaryRegisterState> = {
  name: 'catalog.intermediaryRegister',
  types,
  init: () => ({ counts: { submitted: 0, approved: 0, returned: 0, published: 0, delisted: 0 }, agencies: new Map() }),
  apply(state, stored: StoredEvent) {
    const event = stored as unknown as AgencyEvent;
    const { counts, agencies } = state;
    switch (event.type) {
      case 'AgencySubmitted': {
        const a = agencies.get(event.data.agencyId);
        if (a) {
          a.status = 'submitted';
          a.info = event.data.info;
        } else {
          counts.submitted++;
          agencies.set(event.data.agencyId, { agencyId: event.data.agencyId, status: 'submitted', info: event.data.info, publishedOn: null, approved: false, returned: false, published: false });
        }
        break;
      }
      case 'AgencyApproved': {
        const a = agencies.get(event.data.agencyId);
        if (!a) break;
        a.status = 'approved';
        if (!a.approved) counts.approved++;
        a.approved = true;
        break;
      }
      case 'AgencyReturned': {
        const a = agencies.get(event.data.agencyId);
        if (!a) break;
        a.status = 'returned';
        if (!a.returned) counts.returned++;
        a.returned = true;
        break;
      }
      case 'AgencyPublished': {
        const a = agencies.get(event.data.agencyId);
        if (!a) break;
        a.status = 'published';
        a.publishedOn = event.data.publishedOn;
        if (!a.published) counts.published++;
        a.published = true;
        break;
      }
      case 'AgencyUpdated': {
        const a = agencies.get(event.data.agencyId);
        if (a) a.info = event.data.info;
        break;
      }
      case 'AgencyDelisted': {
        const a = agencies.get(event.data.agencyId);
        if (!a || a.status === 'delisted') break;
        a.status = 'delisted';
        counts.delisted++;
        break;
      }
      default:
        break;
    }
    return state;
  },
  snapshot: (state) => structuredClone({ counts: state.counts, agencies: [...state.agencies.values()] }),
  restore: (snapshot) => {
    const s = structuredClone(snapshot as { counts: RegisterCounts; agencies: RegisteredAgency[] });
    return { counts: s.counts, agencies: new Map(s.agencies.map((a) => [a.agencyId, a])) };
  },
};

/**
 * The agencies on public display now (published, not delisted), by publication date then id.
 *
 * @example
 * publishedAgencies(reg).map((a) => a.info.name);
 */
export function publishedAgencies(state: IntermediaryRegisterState): RegisteredAgency[] {
  return [...state.agencies.values()]
    .filter((a) => a.status === 'published')
    .sort((a, b) => ((a.publishedOn as string) < (b.publishedOn as string) ? -1 : (a.publishedOn as string) > (b.publishedOn as string) ? 1 : a.agencyId < b.agencyId ? -1 : 1));
}
