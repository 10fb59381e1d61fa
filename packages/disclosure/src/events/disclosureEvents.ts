import { isBusinessDate } from '@banshi/calendar';
import { createEventRegistry, defineEvent, type EventOf } from '@banshi/core';
import { z } from 'zod';
import { applicantTypeKeys, outcomeKeys, proactiveCategories, publicationChannels, reviewResultKeys, type ProactiveCategory, type PublicationChannel } from '../labels/index.js';
import { receiptChannels, ruleSetIds, type ReceiptChannel } from '../rules/index.js';

const date = z.string().refine(isBusinessDate, { message: 'expected a business date yyyy-MM-dd' });
const text = z.string().min(1).max(2000);
const actor = z.object({ id: text, role: text });

/** Kinds of legal remedy against a disclosure decision: the three blocks of table 四. */
export const remedyKinds = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
/** One of {@link remedyKinds}. */
export type RemedyKind = (typeof remedyKinds)[number];

const applicantSchema = z.object({ type: z.enum(applicantTypeKeys), name: z.string().max(200) });

/** A request for disclosure (依申请公开) was received; `receivedOn` follows 条例 第三十一条. */
export const DisclosureRequestReceived = defineEvent(
  'DisclosureRequestReceived',
  z.object({
    requestId: text,
    agency: text,
    applicant: applicantSchema,
    channel: z.enum(Object.keys(receiptChannels) as [ReceiptChannel, ...ReceiptChannel[]]),
    submittedOn: date,
    receivedOn: date,
    ruleSet: z.enum(ruleSetIds),
    description: z.string().max(4000),
  }),
);
/** The one supplement notice (补正) was sent; the applicant has until `dueOn`. */
export const DisclosureSupplementRequested = defineEvent('DisclosureSupplementRequested', z.object({ on: date, dueOn: date, items: z.array(text).min(1) }));
/** The supplement arrived: the reply clock restarts from `on`. */
export const DisclosureSupplementReceived = defineEvent('DisclosureSupplementReceived', z.object({ on: date }));
/** A third party was consulted; its time is not counted in the reply clock. `replyDueOn` is null when the text sets no limit. */
export const DisclosureThirdPartyConsulted = defineEvent('DisclosureThirdPartyConsulted', z.object({ on: date, thirdParty: text, replyDueOn: date.nullable() }));
/** The third party answered (or its time ran out: `lapsed`). */
export const DisclosureThirdPartyReplied = defineEvent('DisclosureThirdPartyReplied', z.object({ on: date, consent: z.boolean().nullable(), lapsed: z.boolean() }));
/** The reply period was extended once, approved by the office head. */
export const DisclosureReplyExtended = defineEvent('DisclosureReplyExtended', z.object({ on: date, days: z.number().int().positive(), approvedBy: actor, reason: text, dueDate: date }));
/** A fee notice (信息处理费) was sent; the reply clock waits for payment. */
export const DisclosureFeeNoticeIssued = defineEvent('DisclosureFeeNoticeIssued', z.object({ on: date, amountYuan: z.number().nonnegative(), payBy: date }));
/** The fee was paid. */
export const DisclosureFeePaid = defineEvent('DisclosureFeePaid', z.object({ on: date }));
/** The due check found the reply close to its due date (recorded once per due date). */
export const DisclosureReplyDueSoon = defineEvent('DisclosureReplyDueSoon', z.object({ on: date, dueDate: date, left: z.number().int() }));
/** The due check found the reply overdue (recorded once per due date). */
export const DisclosureReplyOverdue = defineEvent('DisclosureReplyOverdue', z.object({ on: date, dueDate: date }));
/** The request ended in exactly one of the 21 outcome rows of table 三. */
export const DisclosureRequestConcluded = defineEvent(
  'DisclosureRequestConcluded',
  z.object({ on: date, outcome: z.enum(outcomeKeys), basis: text, dueDate: date.nullable(), late: z.boolean() }),
);
/** An administrative review or a lawsuit was filed against the handling of the request. */
export const DisclosureRemedyFiled = defineEvent('DisclosureRemedyFiled', z.object({ caseId: text, on: date, kind: z.enum(remedyKinds) }));
/** The review or lawsuit was decided. */
export const DisclosureRemedyDecided = defineEvent('DisclosureRemedyDecided', z.object({ caseId: text, on: date, result: z.enum(reviewResultKeys) }));

const categoryKeys = Object.keys(proactiveCategories) as [ProactiveCategory, ...ProactiveCategory[]];
const channelKeys = Object.keys(publicationChannels) as [PublicationChannel, ...PublicationChannel[]];
const withholdReasons = outcomeKeys.filter((k) => k.startsWith('withheld')) as [string, ...string[]];

/** Information to disclose proactively was formed (or changed): it must be published by `publishBy`. */
export const PublicInfoFormed = defineEvent(
  'PublicInfoFormed',
  z.object({
    itemId: text,
    agency: text,
    title: text,
    category: z.enum(categoryKeys),
    change: z.enum(['formed', 'changed']),
    formedOn: date,
    publishBy: date,
    ruleSet: z.enum(ruleSetIds),
    /** Decisions this item reports (行政许可 / 行政处罚 / 行政强制), else 0. */
    decisions: z.number().int().nonnegative(),
    /** Fees collected (行政事业性收费), in 万元, else 0. */
    feeAmountWan: z.number().nonnegative(),
  }),
);
/** The confidentiality review (保密审查) cleared the item, or withheld it with a legal reason. */
export const PublicInfoReviewed = defineEvent(
  'PublicInfoReviewed',
  z.object({ on: date, decision: z.enum(['publish', 'withhold']), reason: z.enum(withholdReasons).nullable(), basis: z.string().max(200) }),
);
/** The item was published on one or more channels; `late` when after `dueOn`. */
export const PublicInfoPublished = defineEvent('PublicInfoPublished', z.object({ on: date, channels: z.array(z.enum(channelKeys)).min(1), dueOn: date, late: z.boolean() }));
/** A publication was revoked (撤回). */
export const PublicInfoRevoked = defineEvent('PublicInfoRevoked', z.object({ on: date, reason: text }));
/** A 规章 or 行政规范性文件 was repealed (废止). */
export const PublicInfoRepealed = defineEvent('PublicInfoRepealed', z.object({ on: date }));

/**
 * Every event type of this package, request events first.
 *
 * @example
 * disclosureEvents.map((d) => d.type); // ['DisclosureRequestReceived', …, 'PublicInfoRepealed']
 */
export const disclosureEvents = [
  DisclosureRequestReceived,
  DisclosureSupplementRequested,
  DisclosureSupplementReceived,
  DisclosureThirdPartyConsulted,
  DisclosureThirdPartyReplied,
  DisclosureReplyExtended,
  DisclosureFeeNoticeIssued,
  DisclosureFeePaid,
  DisclosureReplyDueSoon,
  DisclosureReplyOverdue,
  DisclosureRequestConcluded,
  DisclosureRemedyFiled,
  DisclosureRemedyDecided,
  PublicInfoFormed,
  PublicInfoReviewed,
  PublicInfoPublished,
  PublicInfoRevoked,
  PublicInfoRepealed,
] as const;

/**
 * The registry of {@link disclosureEvents}: give it to a store so payloads are validated on append.
 *
 * @example
 * const store = createMemoryStore({ registry: disclosureRegistry });
 */
export const disclosureRegistry = createEventRegistry(disclosureEvents);

type AllEvents = EventOf<typeof disclosureEvents>;
/** Events of a disclosure request stream (`disclosure-<requestId>`). */
export type RequestEvent = Exclude<AllEvents, { type: `PublicInfo${string}` }>;
/** Events of a proactive-disclosure item stream (`publicinfo-<itemId>`). */
export type PublicInfoEvent = Extract<AllEvents, { type: `PublicInfo${string}` }>;
/** Any event of this package. */
export type DisclosureEvent = AllEvents;

/**
 * The stream of a request or an item.
 *
 * @example
 * requestStream('TZ-2013-0001'); // 'disclosure-TZ-2013-0001'
 */
export const requestStream = (requestId: string): string => `disclosure-${requestId}`;
/**
 * The stream of a proactive-disclosure item.
 *
 * @example
 * publicInfoStream('877'); // 'publicinfo-877'
 */
export const publicInfoStream = (itemId: string): string => `publicinfo-${itemId}`;
