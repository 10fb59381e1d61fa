import { isBusinessDate } from '@banshi/calendar';
import { z } from 'zod';
import { applicantTypeKeys, outcomeKeys, reviewResultKeys } from '../labels/index.js';
import { remedyKinds } from '../events/index.js';
import { receiptChannels, type ReceiptChannel } from '../rules/index.js';
import { InvalidDisclosureCommandError } from '../errors/index.js';

const date = z.string().refine(isBusinessDate, { message: 'expected a business date yyyy-MM-dd' });
const text = z.string().min(1).max(2000);

/**
 * zod schemas of the request commands, one per `type`.
 *
 * @example
 * requestCommandSchema.parse({ type: 'ReceiveSupplement', on: '2020-03-10' });
 */
export const requestCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('ReceiveRequest'),
    requestId: text,
    agency: text,
    applicant: z.strictObject({ type: z.enum(applicantTypeKeys), name: z.string().max(200) }),
    channel: z.enum(Object.keys(receiptChannels) as [ReceiptChannel, ...ReceiptChannel[]]),
    submittedOn: date,
    signedOn: date.optional(),
    confirmedOn: date.optional(),
    description: z.string().max(4000),
  }),
  /** `dueOn`: the applicant's deadline (2019 第三十条); the 2008 text sets none (第二十一条（四）), so omit it there. */
  z.strictObject({ type: z.literal('RequestSupplement'), on: date, dueOn: date.optional(), items: z.array(text).min(1) }),
  z.strictObject({ type: z.literal('ReceiveSupplement'), on: date }),
  z.strictObject({ type: z.literal('ConsultThirdParty'), on: date, thirdParty: text }),
  z.strictObject({ type: z.literal('RecordThirdPartyReply'), on: date, consent: z.boolean() }),
  /** 2019 第三十四条: information made jointly with other organs; the lead organ consults them. */
  z.strictObject({ type: z.literal('ConsultOrgans'), on: date, organs: z.array(text).min(1) }),
  z.strictObject({ type: z.literal('RecordOrgansReply'), on: date, consent: z.boolean() }),
  /** `days`: working days announced to the applicant, at most the era's maximum. The approver is the authenticated actor. */
  z.strictObject({ type: z.literal('ExtendReply'), on: date, days: z.number().int().positive(), reason: text }),
  /** 2019 第三十五条: bulk or repeated requests — a later reply date the organ sets, with its reasons. */
  z.strictObject({ type: z.literal('DeferReply'), on: date, until: date, reasons: text }),
  /** 2019 era, from 2021-01-01: 信息处理费 by count (按件) or by pages (按量), 国办函〔2020〕109号. */
  z.strictObject({
    type: z.literal('IssueFeeNotice'),
    on: date,
    charge: z.discriminatedUnion('method', [
      z.strictObject({ method: z.literal('perRequest'), monthlyCount: z.number().int().positive(), pieces: z.number().int().positive() }),
      z.strictObject({ method: z.literal('perPage'), pages: z.number().int().positive() }),
    ]),
  }),
  z.strictObject({ type: z.literal('RecordFeePaid'), on: date }),
  /** 2008 era: the cost of search, copies and postage (第二十七条), charged with the information provided. */
  z.strictObject({ type: z.literal('ChargeCostFee'), on: date, search: z.boolean(), pages: z.number().int().nonnegative(), postageFen: z.number().int().nonnegative() }),
  /** 2008 era: the cost fee waived for a citizen in hardship (第二十八条), approved by the authenticated office head. */
  z.strictObject({ type: z.literal('WaiveFee'), on: date, search: z.boolean(), pages: z.number().int().nonnegative(), postageFen: z.number().int().nonnegative(), reason: text }),
  z.strictObject({ type: z.literal('Conclude'), on: date, outcome: z.enum(outcomeKeys) }),
  z.strictObject({ type: z.literal('FileRemedy'), caseId: text, on: date, kind: z.enum(remedyKinds) }),
  z.strictObject({ type: z.literal('DecideRemedy'), caseId: text, on: date, result: z.enum(reviewResultKeys) }),
  z.strictObject({ type: z.literal('CheckDue'), today: date }),
]);

/**
 * A command on a disclosure request.
 *
 * @example
 * const c: RequestCommand = { type: 'CheckDue', today: '2020-03-31' };
 */
export type RequestCommand = z.infer<typeof requestCommandSchema>;
/**
 * One of the `type`s of {@link RequestCommand}.
 *
 * @example
 * const t: RequestCommandType = 'ExtendReply';
 */
export type RequestCommandType = RequestCommand['type'];

/**
 * Parses a command or throws `InvalidDisclosureCommandError` listing every problem.
 *
 * @example
 * parseRequestCommand({ type: 'CheckDue', today: '2020-02-30' }); // throws InvalidDisclosureCommandError
 */
export function parseRequestCommand(command: unknown): RequestCommand {
  const r = requestCommandSchema.safeParse(command);
  if (r.success) return r.data;
  const name = typeof command === 'object' && command !== null && typeof (command as { type?: unknown }).type === 'string' ? (command as { type: string }).type : 'command';
  throw new InvalidDisclosureCommandError(name, r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
}
