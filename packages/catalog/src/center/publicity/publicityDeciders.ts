import { DomainError, type Decider } from '@banshi/core';
import { z } from 'zod';
import { assertNever } from '../../_lib/assertNever.js';
import { parseCommand } from '../../_lib/parseCommand.js';
import { reject } from '../../_lib/reject.js';
import { businessDate, count, identifier, text } from '../../_lib/schemas.js';
import { printedKinds, publicityKinds, type PublicityEvent } from './publicityEvents.js';
import { nextPieceStatus, nextPublicationStatus, type PieceStatus, type PublicationStatus } from './publicityMachines.js';

/**
 * Commands of a `publicity-<id>` stream.
 *
 * @example
 * pieceCommandSchema.parse({ type: 'RecordAdoption', pieceId: 'jb-1', outlet: '台州政务信息', adoptedOn: '2013-03-05' });
 */
export const pieceCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('PublishReformPiece'), pieceId: identifier, kind: z.enum(publicityKinds), title: text, publishedOn: businessDate }),
  z.strictObject({ type: z.literal('RecordAdoption'), pieceId: identifier, outlet: text, adoptedOn: businessDate }),
]);
/**
 * A command of a `publicity-<id>` stream.
 *
 * @example
 * const c: PieceCommand = { type: 'RecordAdoption', pieceId: 'jb-1', outlet: '台州政务信息', adoptedOn: '2013-03-05' };
 */
export type PieceCommand = z.infer<typeof pieceCommandSchema>;
/**
 * What the piece decider knows.
 *
 * @example
 * foldDecider(pieceDecider, events).status; // 'adopted'
 */
export interface PieceState {
  readonly status: PieceStatus;
  readonly pieceId: string | null;
  readonly publishedOn: string | null;
}

/**
 * Decider of a `publicity-<id>` stream: publish a reform article or briefing issue, then record
 * its adoption by an outlet (once, on or after publication).
 *
 * @example
 * await handle(store, 'publicity-jb-1', { type: 'PublishReformPiece', pieceId: 'jb-1', kind: 'briefing', title: '审改工作简报第1期', publishedOn: '2013-02-20' }, pieceDecider);
 */
export const pieceDecider: Decider<PieceState, PieceCommand, Extract<PublicityEvent, { type: 'ReformPiecePublished' | 'ReformPieceAdopted' }>> = {
  initialState: { status: 'none', pieceId: null, publishedOn: null },
  decide(input, state) {
    const command = parseCommand(pieceCommandSchema, input);
    if (command instanceof DomainError) return command;
    const id = command.pieceId;
    const type = command.type === 'PublishReformPiece' ? 'ReformPiecePublished' : 'ReformPieceAdopted';
    if ((state.pieceId !== null && id !== state.pieceId) || nextPieceStatus(state.status, type) === undefined) {
      if (state.status === 'none' || (state.pieceId !== null && id !== state.pieceId)) return reject('CATALOG_PUBLICITY_NOT_PUBLISHED', `piece ${id} is not published on this stream: publish it first on publicity-${id}`, 'reformPublicity');
      return reject('CATALOG_PUBLICITY_ALREADY_RECORDED', `piece ${id} is already ${state.status}: a piece is published once and adopted once`, 'reformPublicity');
    }
    switch (command.type) {
      case 'PublishReformPiece': {
        const { type: _type, ...data } = command;
        return [{ type: 'ReformPiecePublished', data }];
      }
      case 'RecordAdoption':
        if (state.publishedOn !== null && command.adoptedOn < state.publishedOn) return reject('CATALOG_PUBLICITY_ALREADY_RECORDED', `piece ${id} was published on ${state.publishedOn}: it cannot be adopted before, on ${command.adoptedOn}`, 'reformPublicity');
        return [{ type: 'ReformPieceAdopted', data: { pieceId: id, outlet: command.outlet, adoptedOn: command.adoptedOn } }];
      default:
        return assertNever(command, 'publicity command');
    }
  },
  evolve(state, event) {
    const status = nextPieceStatus(state.status, event.type) ?? state.status;
    switch (event.type) {
      case 'ReformPiecePublished':
        return { status, pieceId: event.data.pieceId, publishedOn: event.data.publishedOn };
      case 'ReformPieceAdopted':
        return { ...state, status };
      default:
        return assertNever(event, 'publicity event');
    }
  },
};

/**
 * Commands of a `publication-<id>` stream.
 *
 * @example
 * publicationCommandSchema.parse({ type: 'PrintCopies', publicationId: 'sc-xk', copies: 2000, printedOn: '2013-03-01' });
 */
export const publicationCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('RegisterPublication'), publicationId: identifier, kind: z.enum(printedKinds), title: text, registeredOn: businessDate }),
  z.strictObject({ type: z.literal('PrintCopies'), publicationId: identifier, copies: count.min(1), printedOn: businessDate }),
]);
/**
 * A command of a `publication-<id>` stream.
 *
 * @example
 * const c: PublicationCommand = { type: 'PrintCopies', publicationId: 'sc-xk', copies: 2000, printedOn: '2013-03-01' };
 */
export type PublicationCommand = z.infer<typeof publicationCommandSchema>;
/**
 * What the publication decider knows.
 *
 * @example
 * foldDecider(publicationDecider, events).copies; // 5300
 */
export interface PublicationState {
  readonly status: PublicationStatus;
  readonly publicationId: string | null;
  readonly copies: number;
}

/**
 * Decider of a `publication-<id>` stream: register a handbook or service guide, then record each
 * print run.
 *
 * @example
 * await handle(store, 'publication-sc-xk', { type: 'RegisterPublication', publicationId: 'sc-xk', kind: 'handbook', title: '行政审批窗口许可服务手册', registeredOn: '2013-01-10' }, publicationDecider);
 */
export const publicationDecider: Decider<PublicationState, PublicationCommand, Extract<PublicityEvent, { type: 'PublicationRegistered' | 'CopiesPrinted' }>> = {
  initialState: { status: 'none', publicationId: null, copies: 0 },
  decide(input, state) {
    const command = parseCommand(publicationCommandSchema, input);
    if (command instanceof DomainError) return command;
    const id = command.publicationId;
    const type = command.type === 'RegisterPublication' ? 'PublicationRegistered' : 'CopiesPrinted';
    if (state.publicationId !== null && id !== state.publicationId) return reject('CATALOG_PUBLICATION_NOT_REGISTERED', `this stream holds publication ${state.publicationId}, not ${id}: send it to publication-${id}`, 'printedPublications');
    if (nextPublicationStatus(state.status, type) === undefined) {
      if (state.status === 'none') return reject('CATALOG_PUBLICATION_NOT_REGISTERED', `publication ${id} is not registered: send RegisterPublication first`, 'printedPublications');
      return reject('CATALOG_PUBLICATION_ALREADY_REGISTERED', `publication ${id} is already registered: record print runs with PrintCopies`, 'printedPublications');
    }
    switch (command.type) {
      case 'RegisterPublication': {
        const { type: _type, ...data } = command;
        return [{ type: 'PublicationRegistered', data }];
      }
      case 'PrintCopies':
        return [{ type: 'CopiesPrinted', data: { publicationId: id, copies: command.copies, printedOn: command.printedOn } }];
      default:
        return assertNever(command, 'publication command');
    }
  },
  evolve(state, event) {
    const status = nextPublicationStatus(state.status, event.type) ?? state.status;
    switch (event.type) {
      case 'PublicationRegistered':
        return { status, publicationId: event.data.publicationId, copies: 0 };
      case 'CopiesPrinted':
        return { ...state, status, copies: state.copies + event.data.copies };
      default:
        return assertNever(event, 'publication event');
    }
  },
};
