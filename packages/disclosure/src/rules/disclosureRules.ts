import type { BusinessDate } from '@banshi/calendar';

/**
 * Both texts of the Regulations on Open Government Information (政府信息公开条例) in one
 * table. Every statutory number of this package lives here with its article; `null` means
 * that text sets no such limit.
 *
 * @example
 * disclosureRules['2019'].reply.limit; // 20 — 政府信息公开条例（2019） 第三十三条
 */
export const disclosureRules = {
  '2008': {
    id: '2008',
    title: '中华人民共和国政府信息公开条例（2007年国务院令第492号，2008-05-01施行）',
    inForceFrom: '2008-05-01',
    reply: { limit: 15, unit: 'workingDays', basis: '政府信息公开条例（2008） 第二十四条' },
    replyExtension: { limit: 15, unit: 'workingDays', times: 1, approver: 'officeHead', basis: '政府信息公开条例（2008） 第二十四条' },
    supplementNotice: { limit: null, unit: 'workingDays', basis: '政府信息公开条例（2008） 第二十一条' },
    supplementRestartsClock: { basis: '政府信息公开条例（2008） 第二十一条' },
    thirdPartyConsultation: { limit: null, unit: 'workingDays', counted: false, basis: '政府信息公开条例（2008） 第二十三条、第二十四条' },
    receiptDate: { basis: '政府信息公开条例（2008） 第二十四条' },
    proactive: { limit: 20, unit: 'workingDays', basis: '政府信息公开条例（2008） 第十八条' },
  },
  '2019': {
    id: '2019',
    title: '中华人民共和国政府信息公开条例（2019年国务院令第711号修订，2019-05-15施行）',
    inForceFrom: '2019-05-15',
    reply: { limit: 20, unit: 'workingDays', basis: '政府信息公开条例（2019） 第三十三条' },
    replyExtension: { limit: 20, unit: 'workingDays', times: 1, approver: 'officeHead', basis: '政府信息公开条例（2019） 第三十三条' },
    supplementNotice: { limit: 7, unit: 'workingDays', basis: '政府信息公开条例（2019） 第三十条' },
    supplementRestartsClock: { basis: '政府信息公开条例（2019） 第三十条' },
    thirdPartyConsultation: { limit: 15, unit: 'workingDays', counted: false, basis: '政府信息公开条例（2019） 第三十二条、第三十三条' },
    receiptDate: { basis: '政府信息公开条例（2019） 第三十一条' },
    proactive: { limit: 20, unit: 'workingDays', basis: '政府信息公开条例（2019） 第二十六条' },
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
 * Rules that do not depend on the text in force (fees, the report format).
 *
 * @example
 * otherRules.annualReportFormat.basis; // '国办公开办函〔2021〕30号'
 */
export const otherRules = {
  /** Fee notice: the reply clock waits for payment; unpaid by the notice's deadline ends the request. */
  feeNotice: { basis: '政府信息公开信息处理费管理办法（国办函〔2020〕109号）' },
  annualReportFormat: { basis: '国办公开办函〔2021〕30号' },
} as const;

/**
 * The rule set that governs a request received (or an item formed) on `date`: the 2008 text
 * before 2019-05-15, the 2019 text from that day.
 *
 * @example
 * ruleSetFor('2019-05-14').id; // '2008'
 * ruleSetFor('2019-05-15').reply.limit; // 20
 */
export function ruleSetFor(date: BusinessDate): RuleSet {
  return date >= disclosureRules['2019'].inForceFrom ? disclosureRules['2019'] : disclosureRules['2008'];
}
