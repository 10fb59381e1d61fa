import { outcomes } from '../labels/index.js';
import { disclosureRules, ruleSetIds, type RuleSetId } from './disclosureRules.js';
import { informationProcessingFee } from './feeRules.js';
import { outcomeRules } from './outcomeRules.js';

/**
 * One number or provision of the disclosure rules, for listing (`banshi rules`).
 *
 * @example
 * const row: DisclosureRuleRow = { era: '2019', key: 'reply', limit: '20', unit: 'workingDays', basis: '政府信息公开条例（2019） 第三十三条', meaning: '…' };
 */
export interface DisclosureRuleRow {
  /** `'2008'` or `'2019'`; fees of 国办函〔2020〕109号 belong to the 2019 era from 2021-01-01. */
  readonly era: RuleSetId;
  readonly key: string;
  readonly limit: string;
  readonly unit: string;
  readonly basis: string;
  readonly meaning: string;
}

const meanings: Readonly<Record<string, string>> = {
  reply: 'reply on the spot or within the limit, from the receipt date',
  replyExtension: 'extension once, with the office head’s consent, the applicant told: ExtendReply gives the days, at most this',
  supplementNotice: '补正 notice: how long after receipt it may be sent (— none)',
  supplementRestartsClock: 'the reply period runs from the supplemented request',
  abandonment: 'no supplement by the deadline: the request counts as abandoned',
  thirdPartyConsultation: 'the third party’s time to answer; not counted in the reply period',
  jointInformation: 'information made jointly: the other organs’ time to answer, silence is consent; not counted',
  excessiveRequests: 'bulk or repeated requests: 不予处理, or a later reply date with reasons (DeferReply)',
  receiptDate: 'which day counts as the receipt date, per channel',
  fees: 'fees: what may be charged at all',
  proactive: 'proactive disclosure within the limit of the information being formed or changed',
  annualReport: 'what the annual report contains',
};

const cell = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));

/**
 * Every number and provision of both eras with its article: the rules table, the outcomes each era
 * knows, the 信息处理费 bands and the 2008 cost-fee rule. Generated from the tables, so it cannot drift.
 *
 * @example
 * disclosureRuleRows().filter((r) => r.era === '2008').length; // every 2008 rule
 */
export function disclosureRuleRows(): readonly DisclosureRuleRow[] {
  const rows: DisclosureRuleRow[] = [];
  for (const era of ruleSetIds) {
    const set = disclosureRules[era];
    rows.push({ era, key: 'inForceFrom', limit: set.inForceFrom, unit: 'date', basis: `${set.inForceBasis}（${set.decree}）`, meaning: `${set.title}: requests received from this day` });
    for (const [key, v] of Object.entries(set)) {
      if (typeof v !== 'object') continue;
      if (v === null) {
        rows.push({ era, key, limit: '—', unit: '—', basis: `not in the ${era} text`, meaning: meanings[key] ?? key });
        continue;
      }
      const r = v as { limit?: number | null; unit?: string; basis: string; counted?: boolean; waiver?: { basis: string } | null };
      rows.push({ era, key, limit: cell(r.limit), unit: r.counted === false ? `${r.unit ?? ''} (not counted in the reply clock)` : cell(r.unit), basis: r.basis, meaning: meanings[key] ?? key });
      if (r.waiver) rows.push({ era, key: 'feeWaiver', limit: '—', unit: '—', basis: r.waiver.basis, meaning: 'cost fees waived for a citizen in hardship, with the office head’s approval' });
    }
    for (const [outcome, basis] of Object.entries(outcomeRules[era])) {
      rows.push({ era, key: `outcome.${outcome}`, limit: '—', unit: '—', basis, meaning: outcomes[outcome as keyof typeof outcomes].label });
    }
  }
  const f = informationProcessingFee;
  rows.push({ era: '2019', key: 'informationProcessingFee', limit: f.inForceFrom, unit: 'date', basis: f.basis, meaning: '信息处理费 only for requests received from this day' });
  for (const b of f.perRequest.bands) rows.push({ era: '2019', key: 'fee.perRequest', limit: `${b.from}–${b.to}`, unit: `requests a month: ${b.fenEach / 100} 元 each`, basis: f.perRequest.basis, meaning: '按件计收, per applicant per calendar month' });
  rows.push({ era: '2019', key: 'fee.perRequest', limit: `${f.perRequest.beyond.from}+`, unit: `bands of ${f.perRequest.beyond.bandSize}: ${f.perRequest.beyond.firstFenEach / 100} 元 each, +${f.perRequest.beyond.stepFen / 100} 元 per band`, basis: f.perRequest.basis, meaning: '按件计收, progressive' });
  for (const b of f.perPage.bands) rows.push({ era: '2019', key: 'fee.perPage', limit: b.to === null ? `${b.from}+` : `${b.from}–${b.to}`, unit: `pages: ${b.fenEach / 100} 元 each`, basis: f.perPage.basis, meaning: '按量计收, per request' });
  rows.push({ era: '2019', key: 'fee.payment', limit: String(f.payment.limit), unit: f.payment.unit, basis: f.payment.basis, meaning: 'pay within the limit of the notice, or the request counts as abandoned' });
  return rows;
}
