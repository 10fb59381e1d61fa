import { isBusinessDate, type BusinessDate } from '@banshi/calendar';
import { InvalidDisclosureCommandError } from '../errors/index.js';
import { disclosureRules, ruleSetFor, type RuleSetId } from './disclosureRules.js';

/**
 * How a request reached the agency, and which day counts as its receipt in each era.
 *
 * - 2019 text, 第三十一条: in person — the day it was handed in; registered post — the day the agency
 *   signed for it; ordinary post, internet or fax — the day both sides confirmed it.
 * - 2008 text, 第二十四条 (自收到申请之日): the day the request reached the agency — handed in, signed
 *   for or logged (`signedOn`) for post, submitted for internet and fax. The text sets no rule per
 *   channel; this reading is ours.
 *
 * @example
 * receiptChannels.ordinaryPost.receivedOn; // { '2008': 'signedOn', '2019': 'confirmedOn' }
 */
export const receiptChannels = {
  inPerson: { label: '当面提交', receivedOn: { '2008': 'submittedOn', '2019': 'submittedOn' } },
  registeredPost: { label: '邮寄（需签收）', receivedOn: { '2008': 'signedOn', '2019': 'signedOn' } },
  ordinaryPost: { label: '平常信函', receivedOn: { '2008': 'signedOn', '2019': 'confirmedOn' } },
  internet: { label: '互联网渠道', receivedOn: { '2008': 'submittedOn', '2019': 'confirmedOn' } },
  fax: { label: '传真', receivedOn: { '2008': 'submittedOn', '2019': 'confirmedOn' } },
} as const satisfies Record<string, { label: string; receivedOn: Record<RuleSetId, 'submittedOn' | 'signedOn' | 'confirmedOn'> }>;

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
 * The receipt date of a request, the era that governs it, and the article that fixed the date. A
 * request that reached the agency (2008 rule) before 2019-05-15 was received under the 2008 text;
 * from that day the 2019 text's 第三十一条 decides. Throws `InvalidDisclosureCommandError` when the
 * date a channel needs is missing or malformed, and a `DISCLOSURE_BEFORE_REGULATIONS` error for a
 * request received before 2008-05-01, when no 条例 was in force.
 *
 * @example
 * receiptDate({ channel: 'internet', submittedOn: '2020-03-01', confirmedOn: '2020-03-02' });
 * // { receivedOn: '2020-03-02', ruleSet: '2019', basis: '政府信息公开条例（2019） 第三十一条' }
 */
export function receiptDate(facts: ReceiptFacts): { readonly receivedOn: BusinessDate; readonly ruleSet: RuleSetId; readonly basis: string } {
  const rule = receiptChannels[facts.channel] as (typeof receiptChannels)[ReceiptChannel] | undefined;
  if (!rule) throw new InvalidDisclosureCommandError('ReceiveRequest', [`channel must be one of ${Object.keys(receiptChannels).join(', ')}, got ${JSON.stringify(facts.channel)}`]);
  const dateOf = (era: RuleSetId): BusinessDate | undefined => {
    const d = facts[rule.receivedOn[era]];
    if (d !== undefined && !isBusinessDate(d)) throw new InvalidDisclosureCommandError('ReceiveRequest', [`${rule.receivedOn[era]} must be yyyy-MM-dd, got ${JSON.stringify(d)}`]);
    if (d !== undefined && d < facts.submittedOn) throw new InvalidDisclosureCommandError('ReceiveRequest', [`${rule.receivedOn[era]} ${d} is before submittedOn ${facts.submittedOn}`]);
    return d;
  };
  const arrived = dateOf('2008');
  if (arrived !== undefined && arrived < disclosureRules['2019'].inForceFrom) {
    const set = ruleSetFor(arrived); // throws before 2008-05-01
    return { receivedOn: arrived, ruleSet: set.id, basis: set.receiptDate.basis };
  }
  const received = dateOf('2019');
  if (received === undefined || received < disclosureRules['2019'].inForceFrom) {
    const need = received === undefined ? rule.receivedOn['2019'] : rule.receivedOn['2008'];
    throw new InvalidDisclosureCommandError('ReceiveRequest', [
      `a request by ${facts.channel} (${rule.label}) needs ${need} as yyyy-MM-dd: ${received === undefined ? `from ${disclosureRules['2019'].inForceFrom} the receipt date is that day (${disclosureRules['2019'].receiptDate.basis})` : `a request that reached the agency before ${disclosureRules['2019'].inForceFrom} is received on the day it arrived (${disclosureRules['2008'].receiptDate.basis})`}`,
    ]);
  }
  return { receivedOn: received, ruleSet: '2019', basis: disclosureRules['2019'].receiptDate.basis };
}
