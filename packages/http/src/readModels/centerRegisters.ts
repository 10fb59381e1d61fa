import { ratingNames, satisfactionRatings, type RatingCounts } from '@banshi/catalog';
import type { Projection, StoredEvent } from '@banshi/core';

/**
 * One node of the service network (便民服务联网协作): the main center or a sub-center, and what its
 * log shows — the events it wrote, the last business day it wrote one, and its cases per year.
 *
 * @example
 * const n: NetworkNode = { nodeId: 'tz-sub-port', name: '港航分中心', domain: '港航', kind: 'subCenter', openedOn: '2013-01-04', closedOn: null, events: 120, lastOn: '2013-12-30', years: { '2013': { received: 20, decided: 18 } } };
 */
export interface NetworkNode {
  readonly nodeId: string;
  name: string;
  domain: string | null;
  kind: 'center' | 'subCenter' | 'unregistered';
  openedOn: string | null;
  closedOn: string | null;
  /** Events in the log that this node wrote (`meta.node`). */
  events: number;
  /** The latest business day of those events. */
  lastOn: string | null;
  readonly years: Record<string, { received: number; decided: number }>;
}

/**
 * State of {@link serviceNetwork}: the nodes by id, and the node of every case (to count its decision where it was received).
 *
 * @example
 * (await foldProjection(store.readAll(), serviceNetwork)).nodes.get('tz-center')?.events;
 */
export interface ServiceNetworkState {
  readonly nodes: Map<string, NetworkNode>;
  readonly caseNode: Map<string, string>;
  /** The node id of the main center (`CenterEstablished` written there), once known. */
  center: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An event's business day: its `on`, else its own …On date (issuedOn, publishedOn, …), else the day it occurred. */
const dayOf = (e: StoredEvent): string => {
  const d = e.data as Record<string, unknown>;
  if (typeof d.on === 'string' && DATE.test(d.on)) return d.on;
  for (const [k, v] of Object.entries(d)) if (k.endsWith('On') && typeof v === 'string' && DATE.test(v)) return v;
  return e.meta.occurredAt.slice(0, 10);
};

const nodeOf = (state: ServiceNetworkState, id: string): NetworkNode => {
  let n = state.nodes.get(id);
  if (!n) state.nodes.set(id, (n = { nodeId: id, name: id, domain: null, kind: 'unregistered', openedOn: null, closedOn: null, events: 0, lastOn: null, years: {} }));
  return n;
};
const yearOf = (n: NetworkNode, day: string) => (n.years[day.slice(0, 4)] ??= { received: 0, decided: 0 });

/**
 * The service network as the log shows it (行政服务中心和四个分中心审批数据互连互通, seed §二.3): the center
 * and its sub-centers from the node registry (`CenterEstablished`, `SubCenterOpened`, `SubCenterClosed`),
 * and for every node the events it wrote and its cases received and decided per year (a case counts
 * at the node that received it). No personal data.
 *
 * @example
 * const network = liveFold(store, serviceNetwork);
 * [...(await network.read()).nodes.values()].map((n) => n.name);
 */
export const serviceNetwork: Projection<ServiceNetworkState> = {
  name: 'http.serviceNetwork',
  init: () => ({ nodes: new Map(), caseNode: new Map(), center: null }),
  apply(state, e) {
    const d = e.data as Record<string, unknown>;
    const day = dayOf(e);
    const writer = nodeOf(state, e.meta.node);
    writer.events++;
    if (writer.lastOn === null || day > writer.lastOn) writer.lastOn = day;
    switch (e.type) {
      case 'CenterEstablished': {
        const n = nodeOf(state, e.meta.node);
        Object.assign(n, { name: String(d.name), kind: 'center', openedOn: String(d.establishedOn) });
        state.center = n.nodeId;
        break;
      }
      case 'SubCenterOpened':
        Object.assign(nodeOf(state, String(d.nodeId)), { name: String(d.name), domain: String(d.domain), kind: 'subCenter', openedOn: String(d.openedOn), closedOn: null });
        break;
      case 'SubCenterClosed':
        nodeOf(state, String(d.nodeId)).closedOn = String(d.closedOn);
        break;
      case 'CaseReceived': {
        const node = typeof d.node === 'string' ? d.node : e.meta.node;
        state.caseNode.set(e.stream, node);
        yearOf(nodeOf(state, node), day).received++;
        break;
      }
      case 'CaseDecided':
      case 'CaseDecidedOnSpot':
      case 'RenewalDeemedGranted': {
        const node = state.caseNode.get(e.stream);
        if (node !== undefined) yearOf(nodeOf(state, node), day).decided++;
        break;
      }
      default:
        break;
    }
    return state;
  },
};

/**
 * One batch of satisfaction survey forms (征求意见表 / 满意度测评) and what came back.
 *
 * @example
 * const b: SurveyBatch = { surveyId: 'tz-2013-zb', node: 'tz-center', subject: '招投标工作征求意见表', forms: 614, issuedOn: '2013-01-07', returns: [], returned: 0, ratings: { 非常满意: 0, 满意: 0, 基本满意: 0, 不满意: 0, 非常不满意: 0 }, closedOn: null };
 */
export interface SurveyBatch {
  readonly surveyId: string;
  readonly node: string;
  readonly subject: string;
  readonly forms: number;
  readonly issuedOn: string;
  readonly returns: { readonly returnedOn: string; readonly forms: number }[];
  returned: number;
  readonly ratings: RatingCounts;
  closedOn: string | null;
}

/**
 * The survey board: every batch with its returns by day and rating, keyed by survey id. Read the
 * rates with {@link surveyRates}.
 *
 * @example
 * const surveys = liveFold(store, surveyBoard);
 */
export const surveyBoard: Projection<Map<string, SurveyBatch>> = {
  name: 'http.surveyBoard',
  types: ['SurveyIssued', 'SurveyFormsReturned', 'SurveyClosed'],
  init: () => new Map(),
  apply(state, e) {
    const d = e.data as Record<string, unknown>;
    const id = String(d.surveyId);
    switch (e.type) {
      case 'SurveyIssued':
        state.set(id, { surveyId: id, node: String(d.node), subject: String(d.subject), forms: Number(d.forms), issuedOn: String(d.issuedOn), returns: [], returned: 0, ratings: { 非常满意: 0, 满意: 0, 基本满意: 0, 不满意: 0, 非常不满意: 0 }, closedOn: null });
        break;
      case 'SurveyFormsReturned': {
        const b = state.get(id);
        if (!b) break;
        const r = d.ratings as RatingCounts;
        let n = 0;
        for (const name of ratingNames) {
          b.ratings[name] += r[name];
          n += r[name];
        }
        b.returned += n;
        b.returns.push({ returnedOn: String(d.returnedOn), forms: n });
        break;
      }
      case 'SurveyClosed': {
        const b = state.get(id);
        if (b) b.closedOn = String(d.closedOn);
        break;
      }
      default:
        break;
    }
    return state;
  },
};

/**
 * Forms returned that count as satisfied, and the return and satisfaction rates as exact fractions
 * (`null` when nothing was issued or returned).
 *
 * @example
 * surveyRates({ forms: 614, returned: 546, ratings: { 非常满意: 546, 满意: 0, 基本满意: 0, 不满意: 0, 非常不满意: 0 } }); // { satisfied: 546, returnRate: [546, 614], satisfactionRate: [546, 546] }
 */
export function surveyRates(b: Pick<SurveyBatch, 'forms' | 'returned' | 'ratings'>): { satisfied: number; returnRate: [number, number] | null; satisfactionRate: [number, number] | null } {
  let satisfied = 0;
  for (const name of ratingNames) if (satisfactionRatings[name].satisfied) satisfied += b.ratings[name];
  return { satisfied, returnRate: b.forms === 0 ? null : [b.returned, b.forms], satisfactionRate: b.returned === 0 ? null : [satisfied, b.returned] };
}

/**
 * What the center published about its reform and printed for applicants (审改宣传, 服务手册, 服务指南; seed §一.(1), §二.5).
 *
 * @example
 * const p: PublicityBoard = { pieces: new Map(), publications: new Map() };
 */
export interface PublicityBoard {
  readonly pieces: Map<string, { readonly pieceId: string; readonly kind: 'portalArticle' | 'briefing'; readonly title: string; readonly publishedOn: string; adopted: { readonly outlet: string; readonly adoptedOn: string } | null }>;
  readonly publications: Map<string, { readonly publicationId: string; readonly kind: 'handbook' | 'serviceGuide'; readonly title: string; readonly registeredOn: string; copies: number; readonly prints: { readonly copies: number; readonly printedOn: string }[] }>;
}

/**
 * The publicity board: reform articles and briefing issues with the outlet that adopted each, and
 * printed handbooks and service guides with their print runs.
 *
 * @example
 * const publicity = liveFold(store, publicityBoard);
 */
export const publicityBoard: Projection<PublicityBoard> = {
  name: 'http.publicityBoard',
  types: ['ReformPiecePublished', 'ReformPieceAdopted', 'PublicationRegistered', 'CopiesPrinted'],
  init: () => ({ pieces: new Map(), publications: new Map() }),
  apply(state, e) {
    const d = e.data as Record<string, unknown>;
    switch (e.type) {
      case 'ReformPiecePublished': {
        const id = String(d.pieceId);
        if (!state.pieces.has(id)) state.pieces.set(id, { pieceId: id, kind: d.kind as 'portalArticle' | 'briefing', title: String(d.title), publishedOn: String(d.publishedOn), adopted: null });
        break;
      }
      case 'ReformPieceAdopted': {
        const p = state.pieces.get(String(d.pieceId));
        if (p && p.adopted === null) p.adopted = { outlet: String(d.outlet), adoptedOn: String(d.adoptedOn) };
        break;
      }
      case 'PublicationRegistered': {
        const id = String(d.publicationId);
        if (!state.publications.has(id)) state.publications.set(id, { publicationId: id, kind: d.kind as 'handbook' | 'serviceGuide', title: String(d.title), registeredOn: String(d.registeredOn), copies: 0, prints: [] });
        break;
      }
      case 'CopiesPrinted': {
        const p = state.publications.get(String(d.publicationId));
        if (p) {
          p.copies += Number(d.copies);
          p.prints.push({ copies: Number(d.copies), printedOn: String(d.printedOn) });
        }
        break;
      }
      default:
        break;
    }
    return state;
  },
};
