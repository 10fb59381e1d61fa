import { isBusinessDate, type BusinessDate } from '@banshi/calendar';
import { InvalidDisclosureCommandError } from '../errors/index.js';
import { ruleSetFor } from './disclosureRules.js';

/**
 * How a request reached the agency, and which day counts as its receipt (条例 2019 第三十一条):
 * in person — the day it was handed in; registered post — the day the agency signed for it;
 * ordinary post, internet or fax — the day both sides confirmed it.
 *
 * @example
 * receiptChannels.registeredPost.receivedOn; // 'signedOn'
 */
export const receiptChannels = {
  inPerson: { label: '当面提交', receivedOn: 'submittedOn' },
  registeredPost: { label: '邮寄（需签收）', receivedOn: 'signedOn' },
  ordinaryPost: { label: '平常信函', receivedOn: 'confirmedOn' },
  internet: { label: '互联网渠道', receivedOn: 'confirmedOn' },
  fax: { label: '传真', receivedOn: 'confirmedOn' },
} as const;

/**
 * One of the keys of {@link receiptChannels}.
 *
 * @example
 * const ch: ReceiptChannel = 'registeredPost';
 */
export type ReceiptChannel = keyof typeof receiptChannels;

/**
 * The dates known about a request's arrival.
 *
 * @example
 * receiptDate({ channel: 'registeredPost', submittedOn: '2020-02-26', signedOn: '2020-03-02' } satisfies ReceiptFacts);
 */
export interface ReceiptFacts {
  readonly channel: ReceiptChannel;
  readonly submittedOn: BusinessDate;
  readonly signedOn?: BusinessDate;
  readonly confirmedOn?: BusinessDate;
}

/**
 * The receipt date of a request by its channel, with the article that fixes it. Throws
 * `InvalidDisclosureCommandError` when the date the channel needs is missing or malformed.
 *
 * @example
 * receiptDate({ channel: 'internet', submittedOn: '2020-03-01', confirmedOn: '2020-03-02' });
 * // { receivedOn: '2020-03-02', basis: '政府信息公开条例（2019） 第三十一条' }
 */
export function receiptDate(facts: ReceiptFacts): { readonly receivedOn: BusinessDate; readonly basis: string } {
  const rule = receiptChannels[facts.channel] as (typeof receiptChannels)[ReceiptChannel] | undefined;
  if (!rule) throw new InvalidDisclosureCommandError('ReceiveRequest', [`channel must be one of ${Object.keys(receiptChannels).join(', ')}, got ${JSON.stringify(facts.channel)}`]);
  const receivedOn = facts[rule.receivedOn];
  if (!isBusinessDate(receivedOn)) {
    throw new InvalidDisclosureCommandError('ReceiveRequest', [`a request by ${facts.channel} (${rule.label}) needs ${rule.receivedOn} as yyyy-MM-dd, got ${JSON.stringify(receivedOn ?? null)}`]);
  }
  if (receivedOn < facts.submittedOn) throw new InvalidDisclosureCommandError('ReceiveRequest', [`${rule.receivedOn} ${receivedOn} is before submittedOn ${facts.submittedOn}`]);
  return { receivedOn, basis: ruleSetFor(receivedOn).receiptDate.basis };
}
