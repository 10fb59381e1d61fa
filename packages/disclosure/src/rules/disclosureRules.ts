import type { BusinessDate } from '@banshi/calendar';
import { ruleError } from '../errors/index.js';

/**
 * The two texts of the Regulations on Open Government Information (政府信息公开条例), one rule
 * set per era. Every statutory number of this package lives here with its article; `null` means
 * that text has no such rule. Nothing is shared between the eras: a request is judged only by
 * the set of the text in force on its receipt date ({@link ruleSetFor}).
 *
 * Readings of our own (the text is silent) say so in `note`.
 *
 * @example
 * disclosureRules['2019'].reply.limit; // 20 — 政府信息公开条例（2019） 第三十三条
 * disclosureRules['2008'].abandonment; // null: 2008 第二十一条（四） only says to tell the applicant what to change
 */
export const disclosureRules = {
  '2008': {
    id: '2008',
    title: '中华人民共和国政府信息公开条例（2007年国务院令第492号，2008-05-01施行）',
    decree: '国务院令第492号',
    inForceFrom: '2008-05-01',
    inForceBasis: '政府信息公开条例（2008） 第三十八条',
    reply: { limit: 15, unit: 'workingDays', basis: '政府信息公开条例（2008） 第二十四条' },
    /** 第二十四条: 延长答复的期限最长不得超过15个工作日, with the office head's consent, the applicant told. */
    replyExtension: { limit: 15, unit: 'workingDays', times: 1, approver: 'officeHead', basis: '政府信息公开条例（2008） 第二十四条' },
    /** 第二十一条（四）: 申请内容不明确的，应当告知申请人作出更改、补充 — no limit for the notice, no deadline for the applicant. */
    supplementNotice: { limit: null, unit: 'workingDays', basis: '政府信息公开条例（2008） 第二十一条（四）' },
    supplementRestartsClock: { basis: '政府信息公开条例（2008） 第二十一条（四）', note: 'own reading: the 2008 text is silent; the reply period runs from the amended request' },
    /** The 2008 text ends no request for silence after a 补正 notice. */
    abandonment: null,
    thirdPartyConsultation: { limit: null, unit: 'workingDays', counted: false, basis: '政府信息公开条例（2008） 第二十三条、第二十四条' },
    /** Joint information (2019 第三十四条) has no counterpart in the 2008 text. */
    jointInformation: null,
    /** Bulk or repeated requests (2019 第三十五条) have no counterpart in the 2008 text. */
    excessiveRequests: null,
    receiptDate: { basis: '政府信息公开条例（2008） 第二十四条', note: 'own reading: the 2008 text counts from 收到申请之日 and sets no rule per channel' },
    fees: {
      kind: 'costRecovery',
      basis: '政府信息公开条例（2008） 第二十七条',
      items: '检索、复制、邮寄等成本费用 — against the fee standard the price and finance departments publish (发改价格〔2008〕1828号)',
      waiver: { approver: 'officeHead', basis: '政府信息公开条例（2008） 第二十八条' },
    },
    proactive: { limit: 20, unit: 'workingDays', basis: '政府信息公开条例（2008） 第十八条' },
    annualReport: { basis: '政府信息公开条例（2008） 第三十二条' },
  },
  '2019': {
    id: '2019',
    title: '中华人民共和国政府信息公开条例（2019年国务院令第711号修订，2019-05-15施行）',
    decree: '国务院令第711号',
    inForceFrom: '2019-05-15',
    inForceBasis: '政府信息公开条例（2019） 第五十六条',
    reply: { limit: 20, unit: 'workingDays', basis: '政府信息公开条例（2019） 第三十三条' },
    replyExtension: { limit: 20, unit: 'workingDays', times: 1, approver: 'officeHead', basis: '政府信息公开条例（2019） 第三十三条' },
    supplementNotice: { limit: 7, unit: 'workingDays', basis: '政府信息公开条例（2019） 第三十条' },
    supplementRestartsClock: { basis: '政府信息公开条例（2019） 第三十条', note: '答复期限自行政机关收到补正的申请之日起计算' },
    /** 第三十条: 申请人无正当理由逾期不补正的，视为放弃申请. */
    abandonment: { basis: '政府信息公开条例（2019） 第三十条' },
    thirdPartyConsultation: { limit: 15, unit: 'workingDays', counted: false, basis: '政府信息公开条例（2019） 第三十二条、第三十三条' },
    /** 第三十四条: 由多个行政机关共同制作 — the lead organ consults the others, 15 working days, silence is consent, not counted. */
    jointInformation: { limit: 15, unit: 'workingDays', counted: false, silence: 'consent', basis: '政府信息公开条例（2019） 第三十四条' },
    /** 第三十五条: 数量、频次明显超过合理范围 — refuse (不予处理) or set a reasonable later reply date, with reasons. */
    excessiveRequests: { basis: '政府信息公开条例（2019） 第三十五条' },
    receiptDate: { basis: '政府信息公开条例（2019） 第三十一条' },
    fees: {
      kind: 'informationProcessing',
      basis: '政府信息公开条例（2019） 第四十二条',
      items: '不收取费用；数量、频次明显超过合理范围的，可以收取信息处理费 (国办函〔2020〕109号, from 2021-01-01)',
      waiver: null,
    },
    proactive: { limit: 20, unit: 'workingDays', basis: '政府信息公开条例（2019） 第二十六条' },
    annualReport: { basis: '政府信息公开条例（2019） 第五十条' },
  },
} as const;

/**
 * `'2008'` or `'2019'`: which text of the 条例 governs a request or an item.
 *
 * @example
 * const id: RuleSetId = '2008';
 */
export type RuleSetId = keyof typeof disclosureRules;
/**
 * One rule set of {@link disclosureRules}.
 *
 * @example
 * const set: RuleSet = ruleSetFor('2013-09-02'); set.reply.limit; // 15
 */
export type RuleSet = (typeof disclosureRules)[RuleSetId];

/**
 * The rule sets in force order.
 *
 * @example
 * ruleSetIds; // ['2008', '2019']
 */
export const ruleSetIds = ['2008', '2019'] as const satisfies readonly RuleSetId[];

/**
 * Rules that belong to no single text: the report formats live in `reportFormats`.
 *
 * @example
 * otherRules.firstInForce; // '2008-05-01'
 */
export const otherRules = {
  firstInForce: disclosureRules['2008'].inForceFrom,
} as const;

/**
 * Whether the 条例 was in force on `date` (from 2008-05-01).
 *
 * @example
 * regulationsInForce('2008-04-30'); // false
 */
export function regulationsInForce(date: BusinessDate): boolean {
  return date >= disclosureRules['2008'].inForceFrom;
}

/**
 * The rule set that governs a request received (or an item formed) on `date`: the 2008 text
 * from 2008-05-01, the 2019 text from 2019-05-15. Before 2008-05-01 no 条例 was in force: throws
 * a `DomainError` with code `DISCLOSURE_BEFORE_REGULATIONS`.
 *
 * @example
 * ruleSetFor('2019-05-14').id; // '2008'
 * ruleSetFor('2019-05-15').reply.limit; // 20
 */
export function ruleSetFor(date: BusinessDate): RuleSet {
  if (!regulationsInForce(date)) {
    throw ruleError('DISCLOSURE_BEFORE_REGULATIONS', `${date} is before the 条例 came into force on ${disclosureRules['2008'].inForceFrom}`, {
      key: 'inForceFrom',
      basis: `${disclosureRules['2008'].inForceBasis}（${disclosureRules['2008'].decree}）`,
    });
  }
  return date >= disclosureRules['2019'].inForceFrom ? disclosureRules['2019'] : disclosureRules['2008'];
}
