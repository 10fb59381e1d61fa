export { CopiesPrinted, printedKinds, PublicationRegistered, publicityEvents, publicityKinds, ReformPieceAdopted, ReformPiecePublished, type PublicityEvent } from './publicityEvents.js';
export {
  nextPieceStatus,
  nextPublicationStatus,
  pieceMachine,
  pieceStatuses,
  pieceTable,
  publicationMachine,
  publicationStatuses,
  publicationTable,
  type PieceStatus,
  type PublicationStatus,
} from './publicityMachines.js';
export { pieceCommandSchema, pieceDecider, publicationCommandSchema, publicationDecider, type PieceCommand, type PieceState, type PublicationCommand, type PublicationState } from './publicityDeciders.js';
export { publicityFigures, publicityStats, type PublicityStatsState } from './publicityStats.js';
