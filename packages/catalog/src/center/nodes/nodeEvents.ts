import { defineEvent, type EventOf } from '@banshi/core';
import { z } from 'zod';
import { businessDate, identifier, text } from '../../_lib/schemas.js';

/**
 * The main administrative service center was established (`center-<id>` stream).
 *
 * @example
 * { type: 'CenterEstablished', data: { centerId: 'taizhou', name: '台州市人民政府行政服务中心', establishedOn: '2013-01-01' } }
 */
export const CenterEstablished = defineEvent('CenterEstablished', z.strictObject({ centerId: identifier, name: text, establishedOn: businessDate }));
/**
 * A sub-center (分中心) joined the center; `nodeId` is what its events carry in `meta.node`.
 *
 * @example
 * { type: 'SubCenterOpened', data: { centerId: 'taizhou', nodeId: 'port', name: '港航分中心', domain: '港航', openedOn: '2013-01-01' } }
 */
export const SubCenterOpened = defineEvent('SubCenterOpened', z.strictObject({ centerId: identifier, nodeId: identifier, name: text, domain: text, openedOn: businessDate }));
/**
 * A sub-center closed.
 *
 * @example
 * { type: 'SubCenterClosed', data: { centerId: 'taizhou', nodeId: 'port', closedOn: '2015-06-30' } }
 */
export const SubCenterClosed = defineEvent('SubCenterClosed', z.strictObject({ centerId: identifier, nodeId: identifier, closedOn: businessDate }));

/**
 * The center-node event definitions.
 *
 * @example
 * nodeEvents.length; // 3
 */
export const nodeEvents = [CenterEstablished, SubCenterOpened, SubCenterClosed] as const;
/**
 * An event of a `center-<id>` stream.
 *
 * @example
 * const e: NodeEvent = { type: 'SubCenterClosed', data: { centerId: 'tz', nodeId: 'port', closedOn: '2015-06-30' } };
 */
export type NodeEvent = EventOf<typeof nodeEvents>;
