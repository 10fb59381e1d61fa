import { channels, createEventRegistry, defineEvent, type EventOf } from '@banshi/core';
import { z } from 'zod';
import { specialProcedures } from '../rules/index.js';

/** A real date written yyyy-MM-dd (2013-02-30 is refused, not just a malformed string). */
const businessDate = z.iso.date();
const text = z.string().min(1);
const texts = z.array(text).min(1);
/** Payloads are strict: a key the schema does not name is refused, so what is validated is exactly what is hashed and stored. */
const payload = <S extends z.ZodRawShape>(shape: S) => z.object(shape).strict();

/**
 * How a case is handled, which picks its statutory decision limit: standard (第四十二条 20), joint
 * (联办, 第四十二条 45), preliminary review by a lower level (第四十三条 20), immediate (即办件, 第三十四条).
 *
 * @example
 * handlings.includes('joint'); // true
 */
export const handlings = ['standard', 'joint', 'preliminary', 'immediate'] as const;
/**
 * One of {@link handlings}.
 *
 * @example
 * const x: Handling = 'joint';
 */
export type Handling = (typeof handlings)[number];

/**
 * 好差评 ratings, best first; the last two are 差评 and open a follow-up.
 *
 * @example
 * ratings[0]; // '非常满意'
 */
export const ratings = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;
/**
 * One of {@link ratings}.
 *
 * @example
 * const x: Rating = '满意';
 */
export type Rating = (typeof ratings)[number];
/**
 * The ratings that count as 差评.
 *
 * @example
 * poorRatings.includes('不满意'); // true
 */
export const poorRatings: readonly Rating[] = ['不满意', '非常不满意'];

/**
 * Clocks a case runs: intake (第三十二条), statutory decision (法定时限), promised (承诺时限),
 * certificate delivery (第四十四条), 差评 follow-up, and a hearing's own two: the parties' request window
 * (`hearingRequest`, 5 working days, 第四十七条) and holding the hearing after a request (`hearing`, 20 working days, 第四十七条).
 *
 * @example
 * clockNames.includes('hearing'); // true
 */
export const clockNames = ['intake', 'statutory', 'promised', 'certificate', 'followUp', 'hearingRequest', 'hearing'] as const;
/**
 * One of {@link clockNames}.
 *
 * @example
 * const x: ClockName = 'statutory';
 */
export type ClockName = (typeof clockNames)[number];

/**
 * What a warning says about a clock: yellow (few working days left), red (overdue), or unknown — the due date falls
 * in a year the calendar has no data for and today is past the data too ("due date unknown: 2027 calendar not loaded").
 *
 * @example
 * warningLevels.includes('unknown'); // true
 */
export const warningLevels = ['yellow', 'red', 'unknown'] as const;
/**
 * One of {@link warningLevels}.
 *
 * @example
 * const x: WarningLevel = 'red';
 */
export type WarningLevel = (typeof warningLevels)[number];

/** Every step: its business date, its channel, and whether the applicant came in person. */
const step = { on: businessDate, channel: z.enum(channels), inPerson: z.boolean() };

/**
 * Joint-review completion rule as stored. The decider records only `all` (联合办理: every department decides its own
 * part, one rejection blocks the grant); `any` and `quorum` remain readable in logs written before, and fold as recorded.
 *
 * @example
 * completionRuleSchema.parse({ kind: 'all' });
 */
export const completionRuleSchema = z.discriminatedUnion('kind', [
  payload({ kind: z.literal('all') }),
  payload({ kind: z.literal('any') }),
  payload({ kind: z.literal('quorum'), n: z.number().int().min(1) }),
]);
/**
 * How a joint (联办/会签) review completes.
 *
 * @example
 * const rule: CompletionRule = { kind: 'quorum', n: 2 };
 */
export type CompletionRule = z.infer<typeof completionRuleSchema>;

/**
 * A written authorisation of an agent (授权委托书, 民法典 第一百六十五条): the document, its number, the matter
 * (代理事项), the day the principal signed it and the last day it is valid (期限).
 *
 * @example
 * agentAuthorizationSchema.parse({ document: '授权委托书', ref: 'WT-2013-001', matter: '建设工程规划许可', signedOn: '2013-11-01', validUntil: '2014-10-31' });
 */
export const agentAuthorizationSchema = payload({ document: text, ref: text, matter: text, signedOn: businessDate, validUntil: businessDate });
/**
 * An agent's written authorisation as a case records it.
 *
 * @example
 * const a: AgentAuthorization = { document: '授权委托书', ref: 'WT-1', matter: '规划许可', signedOn: '2013-11-01', validUntil: '2014-10-31' };
 */
export type AgentAuthorization = z.infer<typeof agentAuthorizationSchema>;

/**
 * 收件: an application (or a renewal) arrives, from the applicant or an agent (代办).
 *
 * @example
 * approvalRegistry.validate(CaseReceived.type, event.data); // throws ValidationError if the payload does not match
 */
export const CaseReceived = defineEvent(
  'CaseReceived',
  payload({
    caseId: text,
    itemCode: text,
    department: text,
    applicant: payload({ name: text, kind: z.enum(['person', 'organization']), id: text.optional() }),
    /** 代办: the agent, its account or party id, and its written authorisation (optional: logs written before kept the name only). */
    agent: payload({ name: text, id: text.optional(), authorization: agentAuthorizationSchema.optional() }).nullable(),
    materials: z.array(text),
    handling: z.enum(handlings),
    /** 承诺时限 in working days (≤ the statutory limit). */
    promisedLimit: z.number().int().min(0),
    /** 到现场次数 the item requires (from the catalog version in force on the receipt date); `null` when unknown. */
    requiredVisits: z.number().int().min(0).nullable(),
    node: text,
    renewal: payload({ licenceNo: text, expiresOn: businessDate }).nullable(),
    /**
     * A statutory limit another law sets for this item (行政许可法 第四十二条: 法律、法规另有规定的，依照其规定), from the
     * catalog version in force on receipt: working days, the extension that law allows (0: none) and its basis.
     * Absent: the limits of 第四十二条.
     */
    statutoryLimit: payload({ days: z.number().int().min(1), extensionDays: z.number().int().min(0), basis: text }).optional(),
    ...step,
  }),
  // Schema 2 added `requiredVisits`; schema-1 events did not record it.
  { schema: 2, upcasters: { 1: (d) => ({ ...(d as object), requiredVisits: null }) } },
);
/**
 * 一次性告知补正: everything missing, told once.
 *
 * @example
 * approvalRegistry.validate(SupplementNotified.type, event.data); // throws ValidationError if the payload does not match
 */
export const SupplementNotified = defineEvent('SupplementNotified', payload({ missing: texts, ...step }));
/**
 * The supplement arrived; intake starts again.
 *
 * @example
 * approvalRegistry.validate(SupplementReceived.type, event.data); // throws ValidationError if the payload does not match
 */
export const SupplementReceived = defineEvent(
  'SupplementReceived',
  payload({
    materials: texts,
    /**
     * A local rule the deployment configured (行政许可法 第三十二条 has none): no intake decision within `days` working
     * days of the supplement deems the case accepted. `null`: no such rule. Schema 2 added it (schema 1 upcast to `null`).
     */
    deemedAcceptance: payload({ days: z.number().int().min(1), basis: text }).nullable(),
    ...step,
  }),
  { schema: 2, upcasters: { 1: (d) => ({ ...(d as object), deemedAcceptance: null }) } },
);
/**
 * 受理.
 *
 * @example
 * approvalRegistry.validate(CaseAccepted.type, event.data); // throws ValidationError if the payload does not match
 */
export const CaseAccepted = defineEvent('CaseAccepted', payload({ ...step }));
/**
 * 不予受理, with reasons and the competent agency.
 *
 * @example
 * approvalRegistry.validate(IntakeRefused.type, event.data); // throws ValidationError if the payload does not match
 */
export const IntakeRefused = defineEvent('IntakeRefused', payload({ reasons: texts, competentAgency: text, ...step }));
/**
 * No intake decision within the limit: deemed accepted from `from` (the receipt date). Appended by the due check.
 *
 * @example
 * approvalRegistry.validate(CaseDeemedAccepted.type, event.data); // throws ValidationError if the payload does not match
 */
export const CaseDeemedAccepted = defineEvent('CaseDeemedAccepted', payload({ from: businessDate, basis: text, ...step }));
/**
 * A renewal not decided by the time the licence expired is deemed granted (行政许可法 第五十条第二款: 逾期未作决定的，视为准予延续).
 * Appended by the due check on the first day after `expiresOn`; `from` is that day.
 *
 * @example
 * approvalRegistry.validate(RenewalDeemedGranted.type, { licenceNo: 'L-1', expiresOn: '2013-10-31', from: '2013-11-01', basis: '行政许可法 第五十条第二款', on: '2013-11-01', channel: 'system', inPerson: false });
 */
export const RenewalDeemedGranted = defineEvent('RenewalDeemedGranted', payload({ licenceNo: text, expiresOn: businessDate, from: businessDate, basis: text, ...step }));
/**
 * 即办件 decided on the spot: accepted and granted the same day.
 *
 * @example
 * approvalRegistry.validate(CaseDecidedOnSpot.type, event.data); // throws ValidationError if the payload does not match
 */
export const CaseDecidedOnSpot = defineEvent('CaseDecidedOnSpot', payload({ ...step }));
/**
 * Review by one department, or jointly by several (联办/会签) with a completion rule.
 *
 * @example
 * approvalRegistry.validate(ReviewAssigned.type, event.data); // throws ValidationError if the payload does not match
 */
export const ReviewAssigned = defineEvent('ReviewAssigned', payload({ departments: texts, rule: completionRuleSchema, ...step }));
/**
 * One department's opinion.
 *
 * @example
 * approvalRegistry.validate(ReviewOpinionRecorded.type, event.data); // throws ValidationError if the payload does not match
 */
export const ReviewOpinionRecorded = defineEvent(
  'ReviewOpinionRecorded',
  payload({ department: text, opinion: z.enum(['approve', 'reject']), comment: z.string(), ...step }),
);
/**
 * 退回 to an earlier step with reasons; the clock keeps running.
 *
 * @example
 * approvalRegistry.validate(CaseReturned.type, event.data); // throws ValidationError if the payload does not match
 */
export const CaseReturned = defineEvent('CaseReturned', payload({ to: z.enum(['window', 'applicant']), reasons: texts, ...step }));
/**
 * The returned case is back, corrected; review starts over (opinions cleared).
 *
 * @example
 * approvalRegistry.validate(CaseResubmitted.type, event.data); // throws ValidationError if the payload does not match
 */
export const CaseResubmitted = defineEvent('CaseResubmitted', payload({ note: z.string(), ...step }));
/**
 * 第四十五条 special procedure begins; the written notice of its expected duration is part of the event.
 *
 * @example
 * approvalRegistry.validate(SpecialProcedureStarted.type, event.data); // throws ValidationError if the payload does not match
 */
export const SpecialProcedureStarted = defineEvent(
  'SpecialProcedureStarted',
  payload({
    procedure: z.enum(specialProcedures),
    expectedWorkingDays: z.number().int().min(1),
    notice: text,
    /** 专家评审: an advisory vote of `quorum` out of `members` (schema 2; schema 1 upcast to `null`). */
    panel: payload({ members: z.number().int().min(1), quorum: z.number().int().min(1) }).nullable(),
    ...step,
  }),
  { schema: 2, upcasters: { 1: (d) => ({ ...(d as object), panel: null }) } },
);
/**
 * The special procedure ended; the decision clock runs again.
 *
 * @example
 * approvalRegistry.validate(SpecialProcedureEnded.type, event.data); // throws ValidationError if the payload does not match
 */
export const SpecialProcedureEnded = defineEvent(
  'SpecialProcedureEnded',
  payload({
    result: z.string(),
    /** An expert panel's vote — advice only, it does not decide (schema 2; schema 1 upcast to `null`). */
    advice: payload({ members: z.number().int().min(1), quorum: z.number().int().min(1), approve: z.number().int().min(0), reject: z.number().int().min(0), favourable: z.boolean() }).nullable(),
    ...step,
  }),
  { schema: 2, upcasters: { 1: (d) => ({ ...(d as object), advice: null }) } },
);
/**
 * 第四十七条: the organ tells the applicant and the interested parties (利害关系人) of their right to a hearing, because the
 * licence directly concerns a major interest between the applicant and others (`interest`). The decision clocks pause
 * (第四十五条) and the parties' 5-working-day request window starts.
 *
 * @example
 * approvalRegistry.validate(HearingRightNotified.type, { parties: ['某公司', '相邻住户张三'], interest: '相邻采光', on: '2013-09-23', channel: 'mail', inPerson: false });
 */
export const HearingRightNotified = defineEvent('HearingRightNotified', payload({ parties: texts, interest: text, ...step }));
/**
 * A notified party asks for a hearing within the window (第四十七条); the organ's 20-working-day clock to hold it starts.
 *
 * @example
 * approvalRegistry.validate(HearingRequested.type, { party: '相邻住户张三', on: '2013-09-25', channel: 'window', inPerson: true });
 */
export const HearingRequested = defineEvent('HearingRequested', payload({ party: text, ...step }));
/**
 * The notice of the hearing's time and place (第四十八条第一款第一项), sent on `on`, at least 7 working days before
 * `hearingOn`; `presider` is not one of the reviewing staff (第三项). `announcement`: the public notice (第四十六条, or 必要时
 * for a requested hearing); `null` when none. Sent again to reschedule.
 *
 * @example
 * approvalRegistry.validate(HearingScheduled.type, { hearingOn: '2013-10-15', place: '中心三楼听证室', presider: '法制科 李某', announcement: null, on: '2013-09-26', channel: 'mail', inPerson: false });
 */
export const HearingScheduled = defineEvent('HearingScheduled', payload({ hearingOn: businessDate, place: text, presider: text, announcement: text.nullable(), ...step }));
/**
 * The hearing was held on the notified day; `record` names the 听证笔录 and `signedBy` the participants who confirmed it
 * (第四十八条第一款第五项). The decision clocks run again; the decision is made on the record (第四十八条第二款).
 *
 * @example
 * approvalRegistry.validate(HearingHeld.type, { record: 'TZ-听证-2013-04', signedBy: ['某公司', '相邻住户张三'], on: '2013-10-15', channel: 'window', inPerson: true });
 */
export const HearingHeld = defineEvent('HearingHeld', payload({ record: text, signedBy: texts, ...step }));
/**
 * No party asked for a hearing within the 5 working days (第四十七条): the right has lapsed and the decision clocks run
 * again from `from`, the day after the window. Appended by the due check.
 *
 * @example
 * approvalRegistry.validate(HearingRightLapsed.type, { from: '2013-10-08', basis: '行政许可法 第四十七条第一款、第八十二条', on: '2013-10-09', channel: 'system', inPerson: false });
 */
export const HearingRightLapsed = defineEvent('HearingRightLapsed', payload({ from: businessDate, basis: text, ...step }));
/**
 * 第四十二条 extension, granted once by a head, reasons told to the applicant. `days` comes from the rules table.
 *
 * @example
 * approvalRegistry.validate(ExtensionGranted.type, event.data); // throws ValidationError if the payload does not match
 */
export const ExtensionGranted = defineEvent(
  'ExtensionGranted',
  payload({ days: z.number().int().min(1), reasons: texts, approvedBy: payload({ id: text, role: text }), applicantToldOn: businessDate, ...step }),
);
/**
 * 准予 / 不予 decision; a denial carries reasons and remedies. The due dates at decision time are recorded for read
 * models (see `decisionOnTime`); a due date the calendar could not give (a year without data) is `null` and
 * `missingYear` names the year. Schema 2 added `missingYear` and allowed the `null`s (schema 1 upcast with `missingYear: null`).
 *
 * @example
 * approvalRegistry.validate(CaseDecided.type, event.data); // throws ValidationError if the payload does not match
 */
export const CaseDecided = defineEvent(
  'CaseDecided',
  payload({
    outcome: z.enum(['grant', 'deny']),
    reasons: z.array(text),
    remedies: z.array(text),
    statutoryDueDate: businessDate.nullable(),
    promisedDueDate: businessDate.nullable(),
    missingYear: z.number().int().nullable(),
    /** The 听证笔录 the decision is based on (第四十八条第二款), when a hearing was held; absent otherwise. */
    hearingRecord: text.optional(),
    ...step,
  }),
  { schema: 2, upcasters: { 1: (d) => ({ ...(d as object), missingYear: null }) } },
);
/**
 * Certificate issued.
 *
 * @example
 * approvalRegistry.validate(CertificateIssued.type, event.data); // throws ValidationError if the payload does not match
 */
export const CertificateIssued = defineEvent('CertificateIssued', payload({ certificateNo: text, ...step }));
/**
 * Certificate delivered to the applicant.
 *
 * @example
 * approvalRegistry.validate(CertificateDelivered.type, event.data); // throws ValidationError if the payload does not match
 */
export const CertificateDelivered = defineEvent('CertificateDelivered', payload({ ...step }));
/**
 * 好差评: the applicant's evaluation.
 *
 * @example
 * approvalRegistry.validate(EvaluationSubmitted.type, event.data); // throws ValidationError if the payload does not match
 */
export const EvaluationSubmitted = defineEvent('EvaluationSubmitted', payload({ rating: z.enum(ratings), comment: z.string(), ...step }));
/**
 * The 差评 follow-up closed with a rectification record.
 *
 * @example
 * approvalRegistry.validate(FollowUpClosed.type, event.data); // throws ValidationError if the payload does not match
 */
export const FollowUpClosed = defineEvent('FollowUpClosed', payload({ rectification: text, ...step }));
/**
 * Withdrawn by the applicant.
 *
 * @example
 * approvalRegistry.validate(CaseWithdrawn.type, event.data); // throws ValidationError if the payload does not match
 */
export const CaseWithdrawn = defineEvent('CaseWithdrawn', payload({ reason: z.string(), ...step }));
/**
 * A clock reached yellow (warning) or red (overdue), or its due date cannot be known yet (`unknown`: the calendar lacks
 * `missingYear` and today is past its data). Appended by the due check, once per clock, level and due date (or missing
 * year). `dueDate` / `left` are `null` when the data cannot give them. Schema 2 added `unknown`, `missingYear` and the
 * `null`s (schema 1 upcast with `missingYear: null`).
 *
 * @example
 * approvalRegistry.validate(DeadlineWarned.type, event.data); // throws ValidationError if the payload does not match
 */
export const DeadlineWarned = defineEvent(
  'DeadlineWarned',
  payload({
    clock: z.enum(clockNames),
    level: z.enum(warningLevels),
    dueDate: businessDate.nullable(),
    left: z.number().int().nullable(),
    missingYear: z.number().int().nullable(),
    basis: text,
    ...step,
  }),
  { schema: 2, upcasters: { 1: (d) => ({ ...(d as object), missingYear: null }) } },
);

/**
 * Every approval event definition, for registries and docs.
 *
 * @example
 * const store = createMemoryStore({ registry: createEventRegistry(approvalEvents) });
 */
export const approvalEvents = [
  CaseReceived,
  SupplementNotified,
  SupplementReceived,
  CaseAccepted,
  IntakeRefused,
  CaseDeemedAccepted,
  CaseDecidedOnSpot,
  ReviewAssigned,
  ReviewOpinionRecorded,
  CaseReturned,
  CaseResubmitted,
  SpecialProcedureStarted,
  SpecialProcedureEnded,
  ExtensionGranted,
  CaseDecided,
  CertificateIssued,
  CertificateDelivered,
  EvaluationSubmitted,
  FollowUpClosed,
  CaseWithdrawn,
  DeadlineWarned,
  RenewalDeemedGranted,
  HearingRightNotified,
  HearingRequested,
  HearingScheduled,
  HearingHeld,
  HearingRightLapsed,
] as const;

/**
 * The registry of {@link approvalEvents}: pass it to a store so payloads are validated on append.
 *
 * @example
 * const store = createMemoryStore({ registry: approvalRegistry });
 */
export const approvalRegistry = createEventRegistry(approvalEvents);

/**
 * The union of approval events as a decider sees them (`{ type, data }`).
 *
 * @example
 * const e: ApprovalEvent = { type: 'CaseAccepted', data: { on: '2013-09-16', channel: 'window', inPerson: true } };
 */
export type ApprovalEvent = EventOf<typeof approvalEvents>;
/**
 * One approval event type name.
 *
 * @example
 * const t: ApprovalEventType = 'CaseDecided';
 */
export type ApprovalEventType = ApprovalEvent['type'];
/**
 * The approval event of type `T`.
 *
 * @example
 * const e: ApprovalEventOf<'CaseAccepted'> = { type: 'CaseAccepted', data: { on: '2013-09-16', channel: 'window', inPerson: true } };
 */
export type ApprovalEventOf<T extends ApprovalEventType> = Extract<ApprovalEvent, { readonly type: T }>;

/**
 * Every approval event type name.
 *
 * @example
 * approvalEventTypes.includes('CaseDecided'); // true
 */
export const approvalEventTypes: readonly ApprovalEventType[] = approvalEvents.map((d) => d.type);
