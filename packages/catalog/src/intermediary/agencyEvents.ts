import { defineEvent, type EventOf } from '@banshi/core';
import { z } from 'zod';
import { businessDate, count, identifier, text } from '../_lib/schemas.js';

/**
 * What an intermediary agency (中介机构) reports: basic information, business scope,
 * promised limit (working days), fees and contact (seed report 二.2).
 *
 * @example
 * agencyInfoSchema.parse({ name: '台州某测绘有限公司', basicInfo: '乙级测绘资质', scope: ['工程测量'], promisedLimitDays: 7,
 *   fees: [{ service: '工程测量', standard: '按浙价服〔2013〕规定' }], contact: { person: '王工', phone: '0576-88000000' } });
 */
export const agencyInfoSchema = z.strictObject({
  name: text,
  basicInfo: text,
  scope: z.array(text).min(1, { message: 'list at least one business-scope entry' }),
  promisedLimitDays: count,
  fees: z.array(z.strictObject({ service: text, standard: text })),
  contact: z.strictObject({ person: text, phone: text, address: text.optional() }),
});
/**
 * See {@link agencyInfoSchema}.
 *
 * @example
 * const info: AgencyInfo = agencyInfoSchema.parse(form);
 */
export type AgencyInfo = z.infer<typeof agencyInfoSchema>;

/**
 * An agency submitted (or, after a return, resubmitted) its information (`agency-<id>` stream).
 *
 * @example
 * { type: 'AgencySubmitted', data: { agencyId: 'ag-001', info, submittedOn: '2013-10-08' } }
 */
export const AgencySubmitted = defineEvent('AgencySubmitted', z.strictObject({ agencyId: identifier, info: agencyInfoSchema, submittedOn: businessDate }));
/**
 * The center's review approved the submission.
 *
 * @example
 * { type: 'AgencyApproved', data: { agencyId: 'ag-001', reviewer: 'zhang', approvedOn: '2013-10-15' } }
 */
export const AgencyApproved = defineEvent('AgencyApproved', z.strictObject({ agencyId: identifier, reviewer: text, approvedOn: businessDate }));
/**
 * The review returned the submission with reasons.
 *
 * @example
 * { type: 'AgencyReturned', data: { agencyId: 'ag-001', reasons: ['资质证书过期'], returnedOn: '2013-10-15' } }
 */
export const AgencyReturned = defineEvent('AgencyReturned', z.strictObject({ agencyId: identifier, reasons: z.array(text).min(1), returnedOn: businessDate }));
/**
 * The approved agency was published (公示) on the intermediary-service network.
 *
 * @example
 * { type: 'AgencyPublished', data: { agencyId: 'ag-001', publishedOn: '2013-11-01' } }
 */
export const AgencyPublished = defineEvent('AgencyPublished', z.strictObject({ agencyId: identifier, publishedOn: businessDate }));
/**
 * A published agency updated its information.
 *
 * @example
 * { type: 'AgencyUpdated', data: { agencyId: 'ag-001', info, updatedOn: '2013-12-01' } }
 */
export const AgencyUpdated = defineEvent('AgencyUpdated', z.strictObject({ agencyId: identifier, info: agencyInfoSchema, updatedOn: businessDate }));
/**
 * The agency was taken off the register.
 *
 * @example
 * { type: 'AgencyDelisted', data: { agencyId: 'ag-001', reason: '停业', delistedOn: '2013-12-20' } }
 */
export const AgencyDelisted = defineEvent('AgencyDelisted', z.strictObject({ agencyId: identifier, reason: text, delistedOn: businessDate }));

/**
 * The intermediary-agency event definitions.
 *
 * @example
 * agencyEvents.length; // 6
 */
export const agencyEvents = [AgencySubmitted, AgencyApproved, AgencyReturned, AgencyPublished, AgencyUpdated, AgencyDelisted] as const;
/**
 * An event of an `agency-<id>` stream.
 *
 * @example
 * const e: AgencyEvent = { type: 'AgencyPublished', data: { agencyId: 'ag-1', publishedOn: '2013-11-01' } };
 */
export type AgencyEvent = EventOf<typeof agencyEvents>;
