import type { BusinessDate } from '@banshi/calendar';
import type { Outcome } from '../labels/index.js';
import { disclosureRules, type RuleSetId } from './disclosureRules.js';

const t2008 = '政府信息公开条例（2008）';
const t2019 = '政府信息公开条例（2019）';

/**
 * The outcomes each era knows, each with the provision it rests on. An outcome missing from an
 * era did not exist in its text: the 2008 text has no 不予处理 rows, no abandonment for silence
 * after a 补正 notice (2019 第三十条) and no 大量反复申请 (2019 第三十五条). Outcome keys are the rows
 * of the 2021 report format; the 2008 text answers under 第二十一条 and 第二十二条.
 *
 * @example
 * outcomeRules['2008'].notProcessedExcessive; // undefined
 * outcomeRules['2019'].notProcessedExcessive; // '政府信息公开条例（2019） 第三十五条'
 */
export const outcomeRules: { readonly [E in RuleSetId]: Readonly<Partial<Record<Outcome, string>>> } = {
  '2008': {
    granted: `${t2008} 第二十一条（一）`,
    partiallyGranted: `${t2008} 第二十二条`,
    withheldStateSecret: `${t2008} 第十四条`,
    withheldThreeSecurities: `${t2008} 第八条`,
    withheldThirdParty: `${t2008} 第十四条、第二十三条`,
    unableNotHeld: `${t2008} 第二十一条（三）`,
    otherOther: `${t2008} 第二十一条`,
  },
  '2019': {
    granted: `${t2019} 第三十六条（一）（二）`,
    partiallyGranted: `${t2019} 第三十七条`,
    withheldStateSecret: `${t2019} 第十四条`,
    withheldLawProhibited: `${t2019} 第十四条`,
    withheldThreeSecurities: `${t2019} 第十四条`,
    withheldThirdParty: `${t2019} 第十五条`,
    withheldInternalAffairs: `${t2019} 第十六条第一款`,
    withheldProcessInfo: `${t2019} 第十六条第二款`,
    withheldEnforcementFile: `${t2019} 第十六条第二款`,
    withheldAdminQuery: `${t2019} 第三十六条（七）`,
    unableNotHeld: `${t2019} 第三十六条（四）（五）`,
    unableNeedsCreation: `${t2019} 第三十八条`,
    unableStillUnclear: `${t2019} 第三十条`,
    notProcessedPetition: `${t2019} 第三十九条第一款`,
    notProcessedRepeat: `${t2019} 第三十六条（六）`,
    notProcessedPublication: `${t2019} 第三十九条第二款`,
    notProcessedExcessive: `${t2019} 第三十五条`,
    notProcessedConfirmation: `${t2019} 第三十六条（六）`,
    otherNoSupplement: `${t2019} 第三十条`,
    otherFeeUnpaid: `${t2019} 第四十二条；国办函〔2020〕109号 第六条`,
    otherOther: `${t2019} 第三十六条`,
  },
};

/**
 * Every document this package cites, with the days it was in force. A citation is lawful for a
 * request only when its document was in force on the receipt date ({@link citationInForce}).
 *
 * @example
 * citedDocuments['国办函〔2020〕109号'].inForceFrom; // '2021-01-01'
 */
export const citedDocuments: Readonly<Record<string, { readonly inForceFrom: BusinessDate; readonly until: BusinessDate | null }>> = {
  [t2008]: { inForceFrom: disclosureRules['2008'].inForceFrom, until: '2019-05-14' },
  [t2019]: { inForceFrom: disclosureRules['2019'].inForceFrom, until: null },
  '国办函〔2020〕109号': { inForceFrom: '2021-01-01', until: null },
};

/**
 * Whether every document `basis` cites was in force on `date`. Fee standards of local price and
 * finance departments are checked by the decider against their own publication date.
 *
 * @example
 * citationInForce('政府信息公开条例（2019） 第三十条', '2013-09-02'); // false
 */
export function citationInForce(basis: string, date: BusinessDate): boolean {
  for (const [doc, span] of Object.entries(citedDocuments)) {
    if (basis.includes(doc) && (date < span.inForceFrom || (span.until !== null && date > span.until))) return false;
  }
  return true;
}
