import { DomainError, type Decider } from '@banshi/core';
import { z } from 'zod';
import { assertNever } from '../_lib/assertNever.js';
import { parseCommand } from '../_lib/parseCommand.js';
import { reject } from '../_lib/reject.js';
import { businessDate, identifier, text } from '../_lib/schemas.js';
import { agencyInfoSchema, type AgencyEvent } from './agencyEvents.js';
import { agencyTable, nextAgencyStatus, type AgencyStatus } from './agencyMachine.js';

/**
 * Commands of an `agency-<id>` stream. `SubmitAgency` also resubmits after a return.
 *
 * @example
 * agencyCommandSchema.parse({ type: 'PublishAgency', agencyId: 'ag-001', publishedOn: '2013-11-01' });
 */
export const agencyCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('SubmitAgency'), agencyId: identifier, info: agencyInfoSchema, submittedOn: businessDate }),
  /** `reviewer`, when sent, must be the signed-in actor: the event records `ctx.actor.id`, never the body (design §7). */
  z.strictObject({ type: z.literal('ApproveAgency'), agencyId: identifier, reviewer: text.optional(), approvedOn: businessDate }),
  z.strictObject({ type: z.literal('ReturnAgency'), agencyId: identifier, reasons: z.array(z.string()), returnedOn: businessDate }),
  z.strictObject({ type: z.literal('PublishAgency'), agencyId: identifier, publishedOn: businessDate }),
  z.strictObject({ type: z.literal('UpdateAgency'), agencyId: identifier, info: agencyInfoSchema, updatedOn: businessDate }),
  z.strictObject({ type: z.literal('DelistAgency'), agencyId: identifier, reason: text, delistedOn: businessDate }),
]);
/**
 * A command of an `agency-<id>` stream.
 *
 * @example
 * const c: AgencyCommand = { type: 'PublishAgency', agencyId: 'ag-1', publishedOn: '2013-11-01' };
 */
export type AgencyCommand = z.infer<typeof agencyCommandSchema>;

/**
 * What the agency decider knows.
 *
 * @example
 * foldDecider(agencyDecider, events).status; // 'approved'
 */
export interface AgencyState {
  readonly status: AgencyStatus;
  readonly agencyId: string | null;
}

const eventOf = {
  SubmitAgency: 'AgencySubmitted',
  ApproveAgency: 'AgencyApproved',
  ReturnAgency: 'AgencyReturned',
  PublishAgency: 'AgencyPublished',
  UpdateAgency: 'AgencyUpdated',
  DelistAgency: 'AgencyDelisted',
} as const satisfies Record<AgencyCommand['type'], AgencyEvent['type']>;

/** The commands whose events the machine takes from `status`. */
const allowedCommands = (status: AgencyStatus): string[] => Object.entries(eventOf).filter(([, e]) => agencyTable[status][e] !== undefined).map(([c]) => c);

function notAllowed(state: AgencyState, command: AgencyCommand): DomainError {
  const id = command.agencyId;
  switch (state.status) {
    case 'none':
      return reject('CATALOG_AGENCY_NOT_SUBMITTED', `agency ${id} has submitted nothing yet: send SubmitAgency first`, 'agencyReviewBeforePublication');
    case 'delisted':
      return reject('CATALOG_AGENCY_DELISTED', `agency ${id} was delisted: submit anew under a new agency id`, 'agencyDelistingFinal');
    case 'submitted':
    case 'returned':
    case 'approved':
    case 'published':
      return reject(
        'CATALOG_AGENCY_COMMAND_NOT_ALLOWED',
        `agency ${id} is ${state.status}; ${command.type} is not allowed now (the register now takes: ${allowedCommands(state.status).join(', ')})`,
        'agencyReviewBeforePublication',
      );
    default:
      return assertNever(state.status, 'agency status');
  }
}

/**
 * Decider of an `agency-<id>` stream: submission, review (approve / return with reasons),
 * publication (公示), updates and delisting.
 *
 * @example
 * await handle(store, 'agency-ag-001', { type: 'SubmitAgency', agencyId: 'ag-001', info, submittedOn: '2013-10-08' }, agencyDecider);
 */
export const agencyDecider: Decider<AgencyState, AgencyCommand, AgencyEvent> = {
  initialState: { status: 'none', agencyId: null },
  decide(input, state, ctx) {
    const command = parseCommand(agencyCommandSchema, input);
    if (command instanceof DomainError) return command;
    if (nextAgencyStatus(state.status, eventOf[command.type]) === undefined) return notAllowed(state, command);
    if (state.agencyId !== null && command.agencyId !== state.agencyId) {
      return reject('CATALOG_AGENCY_COMMAND_NOT_ALLOWED', `this stream holds agency ${state.agencyId}, not ${command.agencyId}: send it to agency-${command.agencyId}`, 'agencyReviewBeforePublication');
    }
    const agencyId = command.agencyId;
    switch (command.type) {
      case 'SubmitAgency':
        return [{ type: 'AgencySubmitted', data: { agencyId, info: command.info, submittedOn: command.submittedOn } }];
      case 'ApproveAgency': {
        // Authority comes from the authenticated actor, never from the command body (design §7).
        const actor = ctx?.actor;
        if (actor === undefined) {
          return reject('CATALOG_AGENCY_REVIEWER_UNKNOWN', `approving agency ${agencyId} records who reviewed it, and no one is signed in: pass the reviewer as meta.actor to handle() (a reviewer named in the command body is not taken)`, 'agencyReviewerIsActor');
        }
        if (command.reviewer !== undefined && command.reviewer !== actor.id) {
          return reject('CATALOG_AGENCY_REVIEWER_NOT_ACTOR', `the command names reviewer ${command.reviewer}, but ${actor.id} is signed in: an approval records the signed-in actor; drop the reviewer field or sign in as ${command.reviewer}`, 'agencyReviewerIsActor');
        }
        return [{ type: 'AgencyApproved', data: { agencyId, reviewer: actor.id, approvedOn: command.approvedOn } }];
      }
      case 'ReturnAgency': {
        const reasons = command.reasons.map((r) => r.trim()).filter((r) => r.length > 0);
        if (reasons.length === 0) return reject('CATALOG_AGENCY_RETURN_WITHOUT_REASONS', `returning agency ${agencyId} needs at least one reason it can act on`, 'agencyReturnWithReasons');
        return [{ type: 'AgencyReturned', data: { agencyId, reasons, returnedOn: command.returnedOn } }];
      }
      case 'PublishAgency':
        return [{ type: 'AgencyPublished', data: { agencyId, publishedOn: command.publishedOn } }];
      case 'UpdateAgency':
        return [{ type: 'AgencyUpdated', data: { agencyId, info: command.info, updatedOn: command.updatedOn } }];
      case 'DelistAgency':
        return [{ type: 'AgencyDelisted', data: { agencyId, reason: command.reason, delistedOn: command.delistedOn } }];
      default:
        return assertNever(command, 'agency command');
    }
  },
  evolve(state, event) {
    // As the machine does: an event it does not take changes nothing (a fold is total, never throws).
    const status = nextAgencyStatus(state.status, event.type);
    if (status === undefined) return state;
    switch (event.type) {
      case 'AgencySubmitted':
        return { status, agencyId: event.data.agencyId };
      case 'AgencyApproved':
      case 'AgencyReturned':
      case 'AgencyPublished':
      case 'AgencyUpdated':
      case 'AgencyDelisted':
        return { ...state, status };
      default:
        return assertNever(event, 'agency event');
    }
  },
};
