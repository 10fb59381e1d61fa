import { nextStatusIn, readTransitionTable } from '@banshi/core';
import { setup } from 'xstate';
import type { PublicityEvent } from './publicityEvents.js';

type PieceEvent = Extract<PublicityEvent, { type: 'ReformPiecePublished' | 'ReformPieceAdopted' }>;
type PublicationEvent = Extract<PublicityEvent, { type: 'PublicationRegistered' | 'CopiesPrinted' }>;

/**
 * A reform piece's statuses: none → published → adopted (by an outlet; final).
 *
 * @example
 * pieceStatuses; // ['none', 'published', 'adopted']
 */
export const pieceStatuses = ['none', 'published', 'adopted'] as const;
/**
 * One of {@link pieceStatuses}.
 *
 * @example
 * const s: PieceStatus = 'adopted';
 */
export type PieceStatus = (typeof pieceStatuses)[number];

/**
 * The reform piece lifecycle over its events; `decide` and `evolve` read its table.
 *
 * @example
 * pieceTable.published.ReformPieceAdopted?.[0]?.target; // 'adopted'
 */
export const pieceMachine = setup({ types: { events: {} as PieceEvent } }).createMachine({
  id: 'reformPiece',
  initial: 'none',
  states: { none: { on: { ReformPiecePublished: 'published' } }, published: { on: { ReformPieceAdopted: 'adopted' } }, adopted: { type: 'final' } },
});
/**
 * The table read off {@link pieceMachine}.
 *
 * @example
 * pieceTable.none.ReformPiecePublished?.[0]?.target; // 'published'
 */
export const pieceTable = readTransitionTable<PieceStatus, PieceEvent['type']>(pieceMachine, pieceStatuses);

/**
 * A printed publication's statuses: none → registered (print runs stay there).
 *
 * @example
 * publicationStatuses; // ['none', 'registered']
 */
export const publicationStatuses = ['none', 'registered'] as const;
/**
 * One of {@link publicationStatuses}.
 *
 * @example
 * const s: PublicationStatus = 'registered';
 */
export type PublicationStatus = (typeof publicationStatuses)[number];

/**
 * The printed-publication lifecycle over its events.
 *
 * @example
 * publicationTable.registered.CopiesPrinted?.[0]?.target; // 'registered'
 */
export const publicationMachine = setup({ types: { events: {} as PublicationEvent } }).createMachine({
  id: 'publication',
  initial: 'none',
  states: { none: { on: { PublicationRegistered: 'registered' } }, registered: { on: { CopiesPrinted: 'registered' } } },
});
/**
 * The table read off {@link publicationMachine}.
 *
 * @example
 * publicationTable.none.PublicationRegistered?.[0]?.target; // 'registered'
 */
export const publicationTable = readTransitionTable<PublicationStatus, PublicationEvent['type']>(publicationMachine, publicationStatuses);

/**
 * Where a piece event leads, per the machine (`undefined`: refused).
 *
 * @example
 * nextPieceStatus('none', 'ReformPiecePublished'); // 'published'
 */
export const nextPieceStatus = (status: PieceStatus, type: PieceEvent['type']): PieceStatus | undefined => nextStatusIn(pieceTable, status, type, () => true);
/**
 * Where a publication event leads, per the machine (`undefined`: refused).
 *
 * @example
 * nextPublicationStatus('registered', 'CopiesPrinted'); // 'registered'
 */
export const nextPublicationStatus = (status: PublicationStatus, type: PublicationEvent['type']): PublicationStatus | undefined => nextStatusIn(publicationTable, status, type, () => true);
