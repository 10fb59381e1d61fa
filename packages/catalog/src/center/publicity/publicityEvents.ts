import { defineEvent, type EventOf } from '@banshi/core';
import { z } from 'zod';
import { businessDate, count, identifier, text } from '../../_lib/schemas.js';

/**
 * What the center publishes about its reform (审改宣传): articles on its portal (审改信息) and
 * issues of its briefing (审改工作简报).
 *
 * @example
 * publicityKinds; // ['portalArticle', 'briefing']
 */
export const publicityKinds = ['portalArticle', 'briefing'] as const;

/**
 * A reform article or briefing issue was published (`publicity-<id>` stream).
 *
 * @example
 * { type: 'ReformPiecePublished', data: { pieceId: 'jb-2013-01', kind: 'briefing', title: '审改工作简报第1期', publishedOn: '2013-02-20' } }
 */
export const ReformPiecePublished = defineEvent('ReformPiecePublished', z.strictObject({ pieceId: identifier, kind: z.enum(publicityKinds), title: text, publishedOn: businessDate }));
/**
 * A published piece was adopted and printed by an outlet (录用刊登), e.g. 《台州政务信息》.
 *
 * @example
 * { type: 'ReformPieceAdopted', data: { pieceId: 'jb-2013-01', outlet: '台州政务信息', adoptedOn: '2013-03-05' } }
 */
export const ReformPieceAdopted = defineEvent('ReformPieceAdopted', z.strictObject({ pieceId: identifier, outlet: text, adoptedOn: businessDate }));

/**
 * A printed publication for applicants: a handbook (服务手册) or a service guide (服务指南), kept on a
 * `publication-<id>` stream.
 *
 * @example
 * printedKinds; // ['handbook', 'serviceGuide']
 */
export const printedKinds = ['handbook', 'serviceGuide'] as const;
/**
 * A publication was registered.
 *
 * @example
 * { type: 'PublicationRegistered', data: { publicationId: 'sc-xk', kind: 'handbook', title: '行政审批窗口许可服务手册', registeredOn: '2013-01-10' } }
 */
export const PublicationRegistered = defineEvent('PublicationRegistered', z.strictObject({ publicationId: identifier, kind: z.enum(printedKinds), title: text, registeredOn: businessDate }));
/**
 * Copies were printed (印发) or put out at the windows (提供取阅).
 *
 * @example
 * { type: 'CopiesPrinted', data: { publicationId: 'sc-xk', copies: 2000, printedOn: '2013-03-01' } }
 */
export const CopiesPrinted = defineEvent('CopiesPrinted', z.strictObject({ publicationId: identifier, copies: count.min(1), printedOn: businessDate }));

/**
 * The reform-publicity and printed-publication event definitions.
 *
 * @example
 * publicityEvents.length; // 4
 */
export const publicityEvents = [ReformPiecePublished, ReformPieceAdopted, PublicationRegistered, CopiesPrinted] as const;
/**
 * An event of a `publicity-<id>` or `publication-<id>` stream.
 *
 * @example
 * const e: PublicityEvent = { type: 'CopiesPrinted', data: { publicationId: 'p', copies: 100, printedOn: '2013-03-01' } };
 */
export type PublicityEvent = EventOf<typeof publicityEvents>;
