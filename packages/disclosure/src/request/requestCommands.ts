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
  z.object({
    type: z.literal('ReceiveRequest'),
    requestId: text,
    agency: text,
    applicant: z.object({ type: z.enum(applicantTypeKeys), name: z.string().max(200) }),
    channel: z.enum(Object.keys(receiptChannels) as [ReceiptChannel, ...ReceiptChannel[]]),
    submittedOn: date,
    signedOn: date.optional(),
    confirmedOn: date.optional(),
    description: z.string().max(4000),
  }),
  z.object({ type: z.literal('RequestSupplement'), on: date, dueOn: date, items: z.array(text).min(1) }),
  z.object({ type: z.literal('ReceiveSupplement'), on: date }),
  z.object({ type: z.literal('ConsultThirdParty'), on: date, thirdParty: text }),
  z.object({ type: z.literal('RecordThirdPartyReply'), on: date, consent: z.boolean() }),
  z.object({ type: z.literal('ExtendReply'), on: date, approvedBy: z.object({ id: text, role: text }), reason: text }),
  z.object({ type: z.literal('IssueFeeNotice'), on: date, amountYuan: z.number().positive(), payBy: date }),
  z.object({ type: z.literal('RecordFeePaid'), on: date }),
  z.object({ type: z.literal('Conclude'), on: date, outcome: z.enum(outcomeKeys) }),
  z.object({ type: z.literal('FileRemedy'), caseId: text, on: date, kind: z.enum(remedyKinds) }),
  z.object({ type: z.literal('DecideRemedy'), caseId: text, on: date, result: z.enum(reviewResultKeys) }),
  z.object({ type: z.literal('CheckDue'), today: date }),
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
