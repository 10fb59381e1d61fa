import { parseBusinessDate } from '@banshi/calendar';
import type { Projection, StoredEvent } from '@banshi/core';
import type { NodeEvent } from './nodeEvents.js';

/**
 * A sub-center as the registry view keeps it.
 *
 * @example
 * activeSubCenters(nodes, 'tz', '2013-12-31')[0]?.domain; // '港航'
 */
export interface SubCenter {
  readonly nodeId: string;
  readonly name: string;
  readonly domain: string;
  readonly openedOn: string;
  closedOn: string | null;
}

/**
 * A main center with its sub-centers in opening order.
 *
 * @example
 * nodes.centers.get('tz')?.subCenters.length; // 4
 */
export interface ServiceCenter {
  readonly centerId: string;
  readonly name: string;
  readonly establishedOn: string;
  readonly subCenters: SubCenter[];
}

/**
 * State of {@link centerNodes}: centers by id.
 *
 * @example
 * const nodes: CenterNodesState = await foldProjection(store.readAll(), centerNodes);
 */
export interface CenterNodesState {
  readonly centers: Map<string, ServiceCenter>;
}

const types = ['CenterEstablished', 'SubCenterOpened', 'SubCenterClosed'] as const satisfies readonly NodeEvent['type'][];

/**
 * The main center(s) and their sub-centers.
 *
 * @example
 * const nodes = await foldProjection(store.readAll(), centerNodes);
 * activeSubCenters(nodes, 'taizhou', '2013-12-31').map((s) => s.domain); // ['港航', '人力资源社会保障', '公安出入境', '公安车辆管理']
 */
export const centerNodes: Projection<CenterNodesState> = {
  name: 'catalog.centerNodes',
  types,
  init: () => ({ centers: new Map() }),
  apply(state, stored: StoredEvent) {
    const event = stored as unknown as NodeEvent;
    switch (event.type) {
      case 'CenterEstablished':
        state.centers.set(event.data.centerId, { centerId: event.data.centerId, name: event.data.name, establishedOn: event.data.establishedOn, subCenters: [] });
        break;
      case 'SubCenterOpened': {
        const d = event.data;
        state.centers.get(d.centerId)?.subCenters.push({ nodeId: d.nodeId, name: d.name, domain: d.domain, openedOn: d.openedOn, closedOn: null });
        break;
      }
      case 'SubCenterClosed': {
        const sub = state.centers.get(event.data.centerId)?.subCenters.find((s) => s.nodeId === event.data.nodeId);
        if (sub) sub.closedOn = event.data.closedOn;
        break;
      }
      default:
        break;
    }
    return state;
  },
  snapshot: (state) => structuredClone([...state.centers.values()]),
  restore: (snapshot) => ({ centers: new Map(structuredClone(snapshot as ServiceCenter[]).map((c) => [c.centerId, c])) }),
};

/**
 * The sub-centers of a center open on `date` (opened on or before it, not closed by then).
 * Throws `InvalidDateError` for a malformed date.
 *
 * @example
 * activeSubCenters(nodes, 'taizhou', '2013-12-31').length; // 4
 */
export function activeSubCenters(state: CenterNodesState, centerId: string, date: string): SubCenter[] {
  parseBusinessDate(date);
  const center = state.centers.get(centerId);
  if (!center) return [];
  return center.subCenters.filter((s) => s.openedOn <= date && (s.closedOn === null || s.closedOn > date));
}
