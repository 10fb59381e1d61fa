import type { Projection, StoredEvent } from '@banshi/core';
import type { PublicityEvent } from './publicityEvents.js';

/**
 * State of {@link publicityStats}.
 *
 * @example
 * const s: PublicityStatsState = await foldProjection(store.readAll(), publicityStats);
 */
export interface PublicityStatsState {
  readonly pieces: Map<string, { readonly kind: 'portalArticle' | 'briefing'; adoptedBy: string | null }>;
  readonly publications: Map<string, { readonly kind: 'handbook' | 'serviceGuide'; copies: number }>;
}

const types = ['ReformPiecePublished', 'ReformPieceAdopted', 'PublicationRegistered', 'CopiesPrinted'] as const satisfies readonly PublicityEvent['type'][];

/**
 * Reform publicity and printed publications: articles and briefing issues published, pieces
 * adopted per outlet, copies printed per kind. A plain reducer; read it with {@link publicityFigures}.
 *
 * @example
 * publicityFigures(await foldProjection(store.readAll(), publicityStats)).portalArticles; // 215
 */
export const publicityStats: Projection<PublicityStatsState> = {
  name: 'catalog.publicityStats',
  types,
  init: () => ({ pieces: new Map(), publications: new Map() }),
  apply(state, stored: StoredEvent) {
    const event = stored as unknown as PublicityEvent;
    switch (event.type) {
      case 'ReformPiecePublished':
        if (!state.pieces.has(event.data.pieceId)) state.pieces.set(event.data.pieceId, { kind: event.data.kind, adoptedBy: null });
        break;
      case 'ReformPieceAdopted': {
        const p = state.pieces.get(event.data.pieceId);
        if (p && p.adoptedBy === null) p.adoptedBy = event.data.outlet;
        break;
      }
      case 'PublicationRegistered':
        if (!state.publications.has(event.data.publicationId)) state.publications.set(event.data.publicationId, { kind: event.data.kind, copies: 0 });
        break;
      case 'CopiesPrinted': {
        const p = state.publications.get(event.data.publicationId);
        if (p) p.copies += event.data.copies;
        break;
      }
      default:
        break;
    }
    return state;
  },
  snapshot: (state) => structuredClone({ pieces: [...state.pieces], publications: [...state.publications] }),
  restore: (snapshot) => {
    const s = structuredClone(snapshot as { pieces: [string, { kind: 'portalArticle' | 'briefing'; adoptedBy: string | null }][]; publications: [string, { kind: 'handbook' | 'serviceGuide'; copies: number }][] });
    return { pieces: new Map(s.pieces), publications: new Map(s.publications) };
  },
};

/**
 * The figures: portal articles, briefing issues, pieces adopted per outlet, copies per kind.
 *
 * @example
 * publicityFigures(state); // { portalArticles: 215, briefings: 13, adopted: { 台州政务信息: 5 }, handbookCopies: 5300, serviceGuideCopies: 9640 }
 */
export function publicityFigures(state: PublicityStatsState): { portalArticles: number; briefings: number; adopted: Record<string, number>; handbookCopies: number; serviceGuideCopies: number } {
  let portalArticles = 0;
  let briefings = 0;
  const adopted: Record<string, number> = {};
  for (const p of state.pieces.values()) {
    if (p.kind === 'portalArticle') portalArticles++;
    else briefings++;
    if (p.adoptedBy !== null) adopted[p.adoptedBy] = (adopted[p.adoptedBy] ?? 0) + 1;
  }
  let handbookCopies = 0;
  let serviceGuideCopies = 0;
  for (const p of state.publications.values()) {
    if (p.kind === 'handbook') handbookCopies += p.copies;
    else serviceGuideCopies += p.copies;
  }
  return { portalArticles, briefings, adopted, handbookCopies, serviceGuideCopies };
}
