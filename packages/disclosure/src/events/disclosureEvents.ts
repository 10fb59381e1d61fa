import { isBusinessDate } from '@banshi/calendar';
import { createEventRegistry, defineEvent, type EventOf } from '@banshi/core';
import { z } from 'zod';
import { applicantTypeKeys, outcomeKeys, proactiveCategories, publicationChannels, reviewResultKeys, type ProactiveCategory, type PublicationChannel } from '../labels/index.js';
import { receiptChannels, ruleSetIds, type ReceiptChannel } from '../rules/index.js';

const date = z.string().refine(isBusinessDate, { message: 'expected a business date yyyy-MM-dd' });
const text = z.string().min(1).max(2000);
const actor = z.strictObject({ id: text, role: text });

/**
 * Kinds of legal remedy against a disclosure decision: the three blocks of table 四.
 *
 * @example
 * remedyKinds[0]; // 'review'
 */
export const remedyKinds = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
/**
 * One of {@link remedyKinds}.
 *
 * @example
 * const kind: RemedyKind = 'litigationAfterReview';
 */
export type RemedyKind = (typeof remedyKinds)[number];

const applicantSchema = z.strictObject({ type: z.enum(applicantTypeKeys), name: z.string().max(200) });

/**
 * A request for disclosure (依申请公开) was received; `receivedOn` follows 条例 第三十一条.
 *
 * @example
 * disclosureRegistry.validate('DisclosureRequestReceived', { requestId: 'R-1', agency: '市行政服务中心', applicant: { type: 'naturalPerson', name: '张三' }, channel: 'inPerson', submittedOn: '2020-03-02', receivedOn: '2020-03-02', ruleSet: '2019', description: '…' });
 */
export const DisclosureRequestReceived = defineEvent(
  'DisclosureRequestReceived',
  z.strictObject({
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
/**
 * The one supplement notice (补正) was sent; the applicant has until `dueOn` (2019 第三十条), or no
 * deadline at all (`null`: 2008 第二十一条（四）).
 *
 * @example
 * ({ type: 'DisclosureSupplementRequested', data: { on: '2020-03-05', dueOn: '2020-03-20', items: ['文号'] } });
 */
export const DisclosureSupplementRequested = defineEvent('DisclosureSupplementRequested', z.strictObject({ on: date, dueOn: date.nullable(), items: z.array(text).min(1), basis: z.string().max(200).optional() }));
/**
 * The supplement arrived: the reply clock restarts from `on`.
 *
 * @example
 * ({ type: 'DisclosureSupplementReceived', data: { on: '2020-03-10' } });
 */
export const DisclosureSupplementReceived = defineEvent('DisclosureSupplementReceived', z.strictObject({ on: date }));
/**
 * A third party was consulted; its time is not counted in the reply clock. `replyDueOn` is null when the text sets no limit.
 *
 * @example
 * ({ type: 'DisclosureThirdPartyConsulted', data: { on: '2020-03-05', thirdParty: '某公司', replyDueOn: '2020-03-26' } });
 */
export const DisclosureThirdPartyConsulted = defineEvent('DisclosureThirdPartyConsulted', z.strictObject({ on: date, thirdParty: text, replyDueOn: date.nullable() }));
/**
 * The third party answered (or its time ran out: `lapsed`).
 *
 * @example
 * ({ type: 'DisclosureThirdPartyReplied', data: { on: '2020-03-20', consent: false, lapsed: false } });
 */
export const DisclosureThirdPartyReplied = defineEvent('DisclosureThirdPartyReplied', z.strictObject({ on: date, consent: z.boolean().nullable(), lapsed: z.boolean() }));
/**
 * The lead organ consulted the organs that made the information with it (2019 第三十四条): they
 * answer by `replyDueOn`; silence is consent; the time is not counted.
 *
 * @example
 * ({ type: 'DisclosureOrgansConsulted', data: { on: '2021-03-05', organs: ['市财政局'], replyDueOn: '2021-03-26' } });
 */
export const DisclosureOrgansConsulted = defineEvent('DisclosureOrgansConsulted', z.strictObject({ on: date, organs: z.array(text).min(1), replyDueOn: date }));
/**
 * The consulted organs answered, or their time ran out (`lapsed`, which 第三十四条 counts as consent).
 *
 * @example
 * ({ type: 'DisclosureOrgansReplied', data: { on: '2021-03-26', consent: true, lapsed: true } });
 */
export const DisclosureOrgansReplied = defineEvent('DisclosureOrgansReplied', z.strictObject({ on: date, consent: z.boolean(), lapsed: z.boolean() }));
/**
 * Bulk or repeated requests (2019 第三十五条): the organ set a later reply date and told the applicant why.
 *
 * @example
 * ({ type: 'DisclosureReplyDeferred', data: { on: '2021-03-20', until: '2021-06-30', reasons: '一个月内申请120件', basis: '政府信息公开条例（2019） 第三十五条' } });
 */
export const DisclosureReplyDeferred = defineEvent('DisclosureReplyDeferred', z.strictObject({ on: date, until: date, reasons: text, basis: text }));
/**
 * The reply period was extended once, approved by the office head.
 *
 * @example
 * ({ type: 'DisclosureReplyExtended', data: { on: '2020-03-27', days: 20, approvedBy: { id: 'u-9', role: 'officeHead' }, reason: '信息量大', dueDate: '2020-04-27' } });
 */
export const DisclosureReplyExtended = defineEvent('DisclosureReplyExtended', z.strictObject({ on: date, days: z.number().int().positive(), approvedBy: actor, reason: text, dueDate: date }));
/**
 * A fee notice (信息处理费) was sent; the reply clock waits for payment.
 *
 * @example
 * ({ type: 'DisclosureFeeNoticeIssued', data: { on: '2021-03-05', method: 'perPage', quantity: { pages: 40 }, amountFen: 10000, payBy: '2021-04-02', basis: '国办函〔2020〕109号 第五条' } });
 */
export const DisclosureFeeNoticeIssued = defineEvent(
  'DisclosureFeeNoticeIssued',
  z.strictObject({
    on: date,
    method: z.enum(['perRequest', 'perPage']),
    /** perRequest: the applicant's count for the month and the pieces of this request; perPage: the pages. */
    quantity: z.strictObject({ monthlyCount: z.number().int().positive().optional(), pieces: z.number().int().positive().optional(), pages: z.number().int().positive().optional() }),
    amountFen: z.number().int().positive(),
    payBy: date,
    basis: text,
  }),
);
/**
 * A 2008-era cost fee (检索、复制、邮寄, 第二十七条) charged with the information, against a published standard.
 *
 * @example
 * ({ type: 'DisclosureCostFeeCharged', data: { on: '2013-10-08', search: true, pages: 12, postageFen: 1200, amountFen: 1940, standard: '闽价费〔2008〕472号', basis: '政府信息公开条例（2008） 第二十七条' } });
 */
export const DisclosureCostFeeCharged = defineEvent(
  'DisclosureCostFeeCharged',
  z.strictObject({ on: date, search: z.boolean(), pages: z.number().int().nonnegative(), postageFen: z.number().int().nonnegative(), amountFen: z.number().int().positive(), standard: text, basis: text }),
);
/**
 * A 2008-era cost fee waived for a citizen in hardship (第二十八条), approved by the office head.
 *
 * @example
 * ({ type: 'DisclosureFeeWaived', data: { on: '2013-10-08', amountFen: 1940, approvedBy: { id: 'u-9', role: 'officeHead' }, reason: '低保对象', standard: '闽价费〔2008〕472号', basis: '政府信息公开条例（2008） 第二十八条' } });
 */
export const DisclosureFeeWaived = defineEvent(
  'DisclosureFeeWaived',
  z.strictObject({ on: date, amountFen: z.number().int().positive(), approvedBy: actor, reason: text, standard: text, basis: text }),
);
/**
 * The fee was paid.
 *
 * @example
 * ({ type: 'DisclosureFeePaid', data: { on: '2021-03-20' } });
 */
export const DisclosureFeePaid = defineEvent('DisclosureFeePaid', z.strictObject({ on: date }));
/**
 * The due check found the reply close to its due date (recorded once per due date).
 *
 * @example
 * ({ type: 'DisclosureReplyDueSoon', data: { on: '2020-03-26', dueDate: '2020-03-30', left: 2 } });
 */
export const DisclosureReplyDueSoon = defineEvent('DisclosureReplyDueSoon', z.strictObject({ on: date, dueDate: date, left: z.number().int() }));
/**
 * The due check found the reply overdue (recorded once per due date).
 *
 * @example
 * ({ type: 'DisclosureReplyOverdue', data: { on: '2020-03-31', dueDate: '2020-03-30' } });
 */
export const DisclosureReplyOverdue = defineEvent('DisclosureReplyOverdue', z.strictObject({ on: date, dueDate: date }));
/**
 * The request ended in exactly one of the 21 outcome rows of table 三.
 *
 * @example
 * ({ type: 'DisclosureRequestConcluded', data: { on: '2020-03-30', outcome: 'granted', basis: '政府信息公开条例（2019） 第三十六条', dueDate: '2020-03-30', late: false } });
 */
export const DisclosureRequestConcluded = defineEvent(
  'DisclosureRequestConcluded',
  z.strictObject({ on: date, outcome: z.enum(outcomeKeys), basis: text, dueDate: date.nullable(), late: z.boolean() }),
);
/**
 * An administrative review or a lawsuit was filed against the handling of the request.
 *
 * @example
 * ({ type: 'DisclosureRemedyFiled', data: { caseId: 'FY-1', on: '2020-04-20', kind: 'review' } });
 */
export const DisclosureRemedyFiled = defineEvent('DisclosureRemedyFiled', z.strictObject({ caseId: text, on: date, kind: z.enum(remedyKinds) }));
/**
 * The review or lawsuit was decided.
 *
 * @example
 * ({ type: 'DisclosureRemedyDecided', data: { caseId: 'FY-1', on: '2020-06-01', result: 'corrected' } });
 */
export const DisclosureRemedyDecided = defineEvent('DisclosureRemedyDecided', z.strictObject({ caseId: text, on: date, result: z.enum(reviewResultKeys) }));

const categoryKeys = Object.keys(proactiveCategories) as [ProactiveCategory, ...ProactiveCategory[]];
const channelKeys = Object.keys(publicationChannels) as [PublicationChannel, ...PublicationChannel[]];
const withholdReasons = outcomeKeys.filter((k) => k.startsWith('withheld')) as [string, ...string[]];

/**
 * Information to disclose proactively was formed (or changed): it must be published by `publishBy`.
 *
 * @example
 * PublicInfoFormed.data.parse(event.data).publishBy; // '2013-09-30'
 */
export const PublicInfoFormed = defineEvent(
  'PublicInfoFormed',
  z.strictObject({
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
/**
 * The confidentiality review (保密审查) cleared the item, or withheld it with a legal reason.
 *
 * @example
 * ({ type: 'PublicInfoReviewed', data: { on: '2013-09-05', decision: 'withhold', reason: 'withheldProcessInfo', basis: '政府信息公开条例（2019） 第十六条' } });
 */
export const PublicInfoReviewed = defineEvent(
  'PublicInfoReviewed',
  z.strictObject({ on: date, decision: z.enum(['publish', 'withhold']), reason: z.enum(withholdReasons).nullable(), basis: z.string().max(200) }),
);
/**
 * The item was published on one or more channels; `late` when after `dueOn`.
 *
 * @example
 * ({ type: 'PublicInfoPublished', data: { on: '2013-10-08', channels: ['governmentWebsite'], dueOn: '2013-09-30', late: true } });
 */
export const PublicInfoPublished = defineEvent('PublicInfoPublished', z.strictObject({ on: date, channels: z.array(z.enum(channelKeys)).min(1), dueOn: date, late: z.boolean() }));
/**
 * A publication was revoked (撤回).
 *
 * @example
 * ({ type: 'PublicInfoRevoked', data: { on: '2013-12-01', reason: '内容有误' } });
 */
export const PublicInfoRevoked = defineEvent('PublicInfoRevoked', z.strictObject({ on: date, reason: text }));
/**
 * A 规章 or 行政规范性文件 was repealed (废止).
 *
 * @example
 * ({ type: 'PublicInfoRepealed', data: { on: '2013-12-01' } });
 */
export const PublicInfoRepealed = defineEvent('PublicInfoRepealed', z.strictObject({ on: date }));

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
  DisclosureOrgansConsulted,
  DisclosureOrgansReplied,
  DisclosureReplyExtended,
  DisclosureReplyDeferred,
  DisclosureFeeNoticeIssued,
  DisclosureFeePaid,
  DisclosureCostFeeCharged,
  DisclosureFeeWaived,
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
/**
 * Events of a disclosure request stream (`disclosure-<requestId>`).
 *
 * @example
 * const e: RequestEvent = { type: 'DisclosureSupplementReceived', data: { on: '2020-03-10' } };
 */
export type RequestEvent = Exclude<AllEvents, { type: `PublicInfo${string}` }>;
/**
 * Events of a proactive-disclosure item stream (`publicinfo-<itemId>`).
 *
 * @example
 * const e: PublicInfoEvent = { type: 'PublicInfoRepealed', data: { on: '2013-12-01' } };
 */
export type PublicInfoEvent = Extract<AllEvents, { type: `PublicInfo${string}` }>;
/**
 * Any event of this package.
 *
 * @example
 * const e: DisclosureEvent = { type: 'DisclosureFeePaid', data: { on: '2021-03-20' } };
 */
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
