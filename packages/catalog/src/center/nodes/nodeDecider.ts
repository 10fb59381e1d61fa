import { DomainError, type Decider } from '@banshi/core';
import { z } from 'zod';
import { assertNever } from '../../_lib/assertNever.js';
import { parseCommand } from '../../_lib/parseCommand.js';
import { reject } from '../../_lib/reject.js';
import { businessDate, identifier, text } from '../../_lib/schemas.js';
import type { NodeEvent } from './nodeEvents.js';

/**
 * Commands of a `center-<id>` stream (the node registry).
 *
 * @example
 * nodeCommandSchema.parse({ type: 'CloseSubCenter', centerId: 'taizhou', nodeId: 'port', closedOn: '2015-06-30' });
 */
export const nodeCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('EstablishCenter'), centerId: identifier, name: text, establishedOn: businessDate }),
  z.strictObject({ type: z.literal('OpenSubCenter'), centerId: identifier, nodeId: identifier, name: text, domain: text, openedOn: businessDate }),
  z.strictObject({ type: z.literal('CloseSubCenter'), centerId: identifier, nodeId: identifier, closedOn: businessDate }),
]);
/**
 * A command of a `center-<id>` stream.
 *
 * @example
 * const c: NodeCommand = { type: 'EstablishCenter', centerId: 'tz', name: '台州市行政服务中心', establishedOn: '2013-01-01' };
 */
export type NodeCommand = z.infer<typeof nodeCommandSchema>;

/**
 * What the node-registry decider knows.
 *
 * @example
 * foldDecider(nodeDecider, events).subCenters; // { port: true }
 */
export interface NodeRegistryState {
  readonly centerId: string | null;
  /** Sub-center ids ever opened, and whether each is still open. */
  readonly subCenters: Readonly<Record<string, boolean>>;
}

/**
 * Decider of a `center-<id>` stream: the main center and its sub-centers (分中心).
 *
 * @example
 * await handle(store, 'center-taizhou', { type: 'OpenSubCenter', centerId: 'taizhou', nodeId: 'port', name: '港航分中心', domain: '港航', openedOn: '2013-01-01' }, nodeDecider);
 */
export const nodeDecider: Decider<NodeRegistryState, NodeCommand, NodeEvent> = {
  initialState: { centerId: null, subCenters: {} },
  decide(input, state) {
    const command = parseCommand(nodeCommandSchema, input);
    if (command instanceof DomainError) return command;
    if (command.type === 'EstablishCenter') {
      if (state.centerId !== null) return reject('CATALOG_CENTER_ALREADY_ESTABLISHED', `center ${state.centerId} is already established: one main center per stream`, 'centerNodes');
      return [{ type: 'CenterEstablished', data: { centerId: command.centerId, name: command.name, establishedOn: command.establishedOn } }];
    }
    if (state.centerId === null) return reject('CATALOG_CENTER_NOT_ESTABLISHED', `center ${command.centerId} is not established: send EstablishCenter first`, 'centerNodes');
    if (command.centerId !== state.centerId) return reject('CATALOG_CENTER_NOT_ESTABLISHED', `this stream holds center ${state.centerId}, not ${command.centerId}: send it to center-${command.centerId}`, 'centerNodes');
    switch (command.type) {
      case 'OpenSubCenter':
        if (Object.hasOwn(state.subCenters, command.nodeId)) return reject('CATALOG_SUBCENTER_DUPLICATE', `sub-center ${command.nodeId} already exists: choose another node id`, 'centerNodes');
        return [{ type: 'SubCenterOpened', data: { centerId: command.centerId, nodeId: command.nodeId, name: command.name, domain: command.domain, openedOn: command.openedOn } }];
      case 'CloseSubCenter':
        if (state.subCenters[command.nodeId] !== true) return reject('CATALOG_SUBCENTER_UNKNOWN', `no open sub-center ${command.nodeId} in center ${state.centerId}: check the node id`, 'centerNodes');
        return [{ type: 'SubCenterClosed', data: { centerId: command.centerId, nodeId: command.nodeId, closedOn: command.closedOn } }];
      default:
        return assertNever(command, 'node command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'CenterEstablished':
        return { ...state, centerId: event.data.centerId };
      case 'SubCenterOpened':
        return { ...state, subCenters: { ...state.subCenters, [event.data.nodeId]: true } };
      case 'SubCenterClosed':
        return { ...state, subCenters: { ...state.subCenters, [event.data.nodeId]: false } };
      default:
        return assertNever(event, 'node event');
    }
  },
};
