import { channels, ValidationError } from '@banshi/core';
import { z } from 'zod';
import { handlings, ratings } from '../events/index.js';
import { specialProcedures } from '../rules/index.js';

/** A real date written yyyy-MM-dd (2013-02-30 is refused). */
const businessDate = z.iso.date();
const text = z.string().min(1);
const texts = z.array(text).min(1);
/** Every step command: the business date, the channel, and (default: channel is `window`) whether the applicant is there in person. */
const step = { on: businessDate, channel: z.enum(channels), inPerson: z.boolean().optional() };

const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.object({ type: z.literal(type), ...step, ...shape }).strict();

/**
 * The zod schema of every approval command (a discriminated union on `type`), for validation at the edge.
 *
 * @example
 * approvalCommandSchema.safeParse({ type: 'Accept', on: '2013-09-16', channel: 'window' }).success; // true
 */
export const approvalCommandSchema = z.discriminatedUnion('type', [
  command('Receive', {
    caseId: text,
    itemCode: text,
    department: text,
    /** `id`: the applicant's own account or party id, when known (the party on whose behalf an agent files). */
    applicant: z.object({ name: text, kind: z.enum(['person', 'organization']), id: text.optional() }).strict(),
    /**
     * 代办/委托代理 (行政许可法 第二十九条第二款): who files (`id`: the agent's account or party id) and the written
     * authorisation (民法典 第一百六十五条: 授权委托书 naming the agent, the matter, the powers and the term).
     */
    agent: z
      .object({
        name: text,
        id: text.optional(),
        authorization: z.object({ document: text, ref: text, matter: text, signedOn: businessDate, validUntil: businessDate }).strict().optional(),
      })
      .strict()
      .optional(),
    materials: z.array(text),
    handling: z.enum(handlings).optional(),
    promisedLimit: z.number().int().min(0).optional(),
    requiredVisits: z.number().int().min(0).optional(),
    node: text,
    renewal: z.object({ licenceNo: text, expiresOn: businessDate }).strict().optional(),
    /** The item's own statutory limit from the catalog version in force (第四十二条 法律、法规另有规定的): fill it with `receiveTermsOf`. */
    statutoryLimit: z.object({ days: z.number().int().min(1), extensionDays: z.number().int().min(0).optional(), law: text, article: text }).strict().optional(),
  }),
  command('NotifySupplement', { missing: texts }),
  command('ReceiveSupplement', { materials: texts }),
  command('Accept', {}),
  command('RefuseIntake', { reasons: texts, competentAgency: text }),
  command('DecideOnSpot', {}),
  // Every department decides its own part (联合办理): one rejection blocks the grant. No "any"/"quorum" rule here —
  // an n-of-m vote belongs to an expert panel (StartSpecialProcedure panel), whose advice does not decide.
  command('AssignReview', { departments: texts.refine((d) => new Set(d).size === d.length, 'departments must be distinct') }),
  command('RecordOpinion', { department: text, opinion: z.enum(['approve', 'reject']), comment: z.string().optional() }),
  command('Return', { to: z.enum(['window', 'applicant']), reasons: texts }),
  command('Resubmit', { note: z.string().optional() }),
  command('StartSpecialProcedure', {
    procedure: z.enum(specialProcedures),
    expectedWorkingDays: z.number().int().min(1),
    notice: text,
    /** 专家评审 only: an advisory vote of `quorum` out of `members`. */
    panel: z.object({ members: z.number().int().min(1), quorum: z.number().int().min(1) }).strict().optional(),
  }),
  command('EndSpecialProcedure', { result: z.string().optional(), votes: z.object({ approve: z.number().int().min(0), reject: z.number().int().min(0) }).strict().optional() }),
  // 行政许可法 第四十六–四十八条: hearings. The organ tells the parties of the right (第四十七条); a party asks within 5
  // working days; the organ sends the notice of time and place ≥ 7 working days ahead (第四十八条) and holds it within 20
  // working days of the request; the record (听证笔录) is what the decision rests on. ScheduleHearing without a request is a
  // hearing the organ holds itself (第四十六条) and needs its public announcement.
  command('NotifyHearingRight', { parties: texts.refine((p) => new Set(p).size === p.length, 'parties must be distinct'), interest: text }),
  command('RequestHearing', { party: text }),
  command('ScheduleHearing', { hearingOn: businessDate, place: text, presider: text, announcement: text.optional() }),
  command('HoldHearing', { record: text, signedBy: texts }),
  // Who approves is the authenticated actor (meta.actor, handle() passes it to decide), never a field of this body.
  command('Extend', { reasons: texts, applicantToldOn: businessDate }),
  command('Decide', { outcome: z.enum(['grant', 'deny']), reasons: z.array(text).optional(), remedies: z.array(text).optional() }),
  command('IssueCertificate', { certificateNo: text }),
  command('DeliverCertificate', {}),
  command('Evaluate', { rating: z.enum(ratings), comment: z.string().optional() }),
  command('CloseFollowUp', { rectification: text }),
  command('Withdraw', { reason: z.string().optional() }),
  z.object({ type: z.literal('CheckDue'), on: businessDate }).strict(),
]);

/**
 * An approval command. Every step carries its business date `on` and channel so `decide` stays pure;
 * `CheckDue` runs the due check as a command.
 *
 * @example
 * const c: ApprovalCommand = { type: 'NotifySupplement', on: '2013-09-17', channel: 'window', missing: ['营业执照副本'] };
 */
export type ApprovalCommand = z.input<typeof approvalCommandSchema>;
/**
 * One command type name.
 *
 * @example
 * const t: ApprovalCommandType = 'Extend';
 */
export type ApprovalCommandType = ApprovalCommand['type'];
/**
 * The command of type `T`.
 *
 * @example
 * const c: ApprovalCommandOf<'Accept'> = { type: 'Accept', on: '2013-09-16', channel: 'window' };
 */
export type ApprovalCommandOf<T extends ApprovalCommandType> = Extract<ApprovalCommand, { type: T }>;

/**
 * Validates untrusted input (a form, a request body, a CLI argument) as an approval command. Throws core's
 * `ValidationError` listing every problem; nothing is decided or written.
 *
 * @example
 * const cmd = parseApprovalCommand(JSON.parse(body));
 * await handle(store, `case-${id}`, cmd, decider);
 */
export function parseApprovalCommand(input: unknown): ApprovalCommand {
  const result = approvalCommandSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    'approval command is invalid',
    result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
  );
}
